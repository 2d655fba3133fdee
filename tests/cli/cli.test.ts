// The `capa` command end to end: spawns the built executable (npm test builds dist/ first).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
function capa(args: string[], input = "") {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("capa CLI", () => {
  it("prints its version", () => {
    const r = capa(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: "capa 0.1.0\n" });
  });

  it("describes every flag in --help", () => {
    const r = capa(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--check", "--run", "--parse", "--tokens", "--manifest", "--cyclonedx", "--spdx", "--vex", "--provenance", "--output", "--validate", "--format", "--no-color", "--version"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("stops quietly when the reader of its output goes away (`capa --manifest f | head -1`)", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/capa.js"), "--manifest", "examples/bank.capa"], { cwd: ROOT });
    child.stdout.destroy(); // the reader is gone before capa writes anything
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("reads the program from standard input with --stdin (every positional argument is the program's)", () => {
    const bad = capa(["--check", "--stdin"], 'fun main(stdio: Stdio)\n    stdio.println(1 + "x")\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr.split("\n")[0]).toBe("<stdin>:2:19: error: operator '+': incompatible operand types Int and String");
    const run = capa(["--run", "--stdin", "--", "a", "b"], 'fun main(stdio: Stdio, env: Env)\n    stdio.println("${env.args().length()}")\n');
    expect(run).toMatchObject({ code: 0, stdout: "2\n" });
  });

  it("lists tokens as the reference does (positions, kinds, Python reprs, literal values, DEDENT/EOF)", () => {
    // tokens.expected was printed by reference 1.32.1 for tokens.capa.
    const r = capa(["tests/cli/tokens.capa"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "tests/cli/tokens.expected"), "utf8"));
  });

  it("lists doc comments as tokens, NEWLINE at the line break, and splices as the parser reads them, as the reference does", () => {
    // tokens-docs.expected was printed by reference 1.32.1 for tokens-docs.capa.
    const r = capa(["tests/cli/tokens-docs.capa"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "tests/cli/tokens-docs.expected"), "utf8"));
  });

  it("exits 2 with a one-line message for a missing file", () => {
    expect(capa(["--check", "no/such/file.capa"])).toMatchObject({ code: 2, stdout: "", stderr: "capa: no/such/file.capa: no such file\n" });
  });

  it("exits 2 for an unknown flag and for no file", () => {
    expect(capa(["--bogus", "x.capa"])).toMatchObject({ code: 2, stderr: "capa: unknown option '--bogus'\n" });
    expect(capa(["--check"])).toMatchObject({ code: 2, stderr: "capa: no input file (try 'capa --help')\n" });
  });

  it("checks a clean file with the reference's one-line summary", () => {
    const r = capa(["--check", "examples/hello.capa"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^examples\/hello\.capa: ok \(\d+ items, \d+ expressions typed, \d+ bindings\)\n$/);
    expect(r.stderr).toBe("");
  });

  for (const name of ["lex_error", "parse_error"]) {
    it(`prints ${name} exactly as the reference`, () => {
      const file = `tests/golden/check/${name}.capa`;
      const r = capa(["--check", file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(readFileSync(join(ROOT, `tests/golden/check/${name}.check.err`), "utf8"));
    });
  }

  it("prints IFC warnings on stderr without failing --check", () => {
    const r = capa(["--check", "examples/ifc_warnings.capa"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("examples/ifc_warnings.capa:9:19: warning: information-flow: a @secret value reaches Stdio.println (argument 1)");
    expect(r.stderr).toContain("   9 |     stdio.println(\"key length ${key.length()}\")\n                         ^\n");
  });

  it("ends checker errors with an error count and exits 1", () => {
    const r = capa(["--check", "tests/golden/check/type_errors.capa"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tests/golden/check/type_errors.capa:4:18: error: let binding: expected Int, got String\n   4 |     let n: Int = \"text\"\n                        ^\n");
    expect(r.stderr).toMatch(/tests\/golden\/check\/type_errors\.capa: \d+ errors\n$/);
  });

  it("gives diagnostics as one JSON array with --format json", () => {
    const r = capa(["--check", "--format", "json", "tests/golden/check/lex_error.capa"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const ds = JSON.parse(r.stdout);
    expect(ds).toEqual([
      expect.objectContaining({ code: "E1021", severity: "error", line: 4, col: 32, message: "unknown escape sequence: \\q" }),
    ]);
  });

  it("prints the AST as JSON with --parse", () => {
    const r = capa(["--parse", "examples/hello.capa"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "Program", file: "examples/hello.capa" });
  });

  it("--parse prints one file's AST without resolving its imports, as the reference", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-parse-"));
    const file = join(dir, "uses_missing.capa");
    writeFileSync(file, "import nowhere.to.be.found\n\nfun main(stdio: Stdio)\n    stdio.println(\"x\")\n");
    const r = capa(["--parse", file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).items[0]).toMatchObject({ kind: "Import" });
    expect(capa(["--check", file]).code).toBe(1);
  });

  it("runs a program and passes arguments after --", () => {
    expect(capa(["--run", "examples/hello.capa"])).toMatchObject({ code: 0, stdout: readFileSync(join(ROOT, "examples/hello.out"), "utf8") });
    const args = capa(["--run", "tests/golden/stdlib/env_args.capa", "--", ...readFileSync(join(ROOT, "tests/golden/stdlib/env_args.args"), "utf8").trimEnd().split("\n")]);
    expect(args).toMatchObject({ code: 0, stdout: readFileSync(join(ROOT, "tests/golden/stdlib/env_args.out"), "utf8") });
  });

  it("does not run a program that fails the check", () => {
    const r = capa(["--run", "tests/golden/check/type_errors.capa"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });

  it("reports a runtime abort with the Capa position and the reference's last line", () => {
    const r = capa(["--run", "tests/golden/stdlib/abort_list_index.capa"]);
    expect(r.code).toBe(1);
    const expectedLast = readFileSync(join(ROOT, "tests/golden/stdlib/abort_list_index.err"), "utf8").trimEnd().split("\n").pop();
    expect(r.stderr.trimEnd().split("\n").pop()).toBe(expectedLast);
    expect(r.stderr).toMatch(/^tests\/golden\/stdlib\/abort_list_index\.capa:\d+:\d+: runtime error: IndexError/);
    expect(r.stderr).not.toContain("    at ");
  });

  it("prints panics as the reference does", () => {
    const r = capa(["--run", "tests/golden/stdlib/abort_panic.capa"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(readFileSync(join(ROOT, "tests/golden/stdlib/abort_panic.err"), "utf8"));
  });

  it("exits non-zero when main returns Err (documented behaviour; the reference exits 0)", () => {
    const r = capa(["--run", "examples/exit_code.capa"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "examples/exit_code.out"), "utf8"));
    expect(r.stderr).toContain("main returned Err: invalid port: 70000 is outside 1..65535");
  });

  it("recurses 5,000 calls deep and stops unbounded recursion with a clean error", () => {
    const deep = "fun d(n: Int) -> Int\n    if n == 0\n        return 0\n    return d(n - 1) + 1\n\nfun main(stdio: Stdio)\n    stdio.println(\"${d(5000)}\")\n";
    const dir = mkdtempSync(join(tmpdir(), "capa-cli-"));
    writeFileSync(join(dir, "deep.capa"), deep);
    writeFileSync(join(dir, "inf.capa"), deep.replace("d(5000)", "d(-1)"));
    expect(capa(["--run", join(dir, "deep.capa")])).toMatchObject({ code: 0, stdout: "5000\n" });
    const inf = capa(["--run", join(dir, "inf.capa")]);
    expect(inf.code).toBe(1);
    expect(inf.stderr.trimEnd().split("\n").pop()).toBe("RecursionError: stack overflow: maximum recursion depth (10000) exceeded");
    expect(inf.stderr).not.toContain("    at ");
  });

  it("refuses -o without an artefact flag", () => {
    expect(capa(["--check", "-o", "x.json", "examples/hello.capa"]).code).toBe(2);
  });
});
