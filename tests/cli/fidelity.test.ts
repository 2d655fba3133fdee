// Command-line behaviour found wrong by running the reference's programs (issue 14): several files
// for --check, non-UTF-8 sources, a complete JSON mode, artefact warnings, NO_COLOR/FORCE_COLOR.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");

function capa(args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? "", encoding: "utf8", env: env as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workdir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "capa-fidelity-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const CLEAN = 'fun main(stdio: Stdio)\n    stdio.println("hi")\n';
const BROKEN = 'fun main(stdio: Stdio)\n    stdio.println(1 + "x")\n';
const ARGS = 'fun main(stdio: Stdio, env: Env)\n    stdio.println("${env.args().length()}")\n';

describe("--check with several files (item 12)", () => {
  const dir = workdir({ "a.capa": CLEAN, "b.capa": BROKEN, "c.capa": CLEAN });

  it("checks every file, reports each, and exits 1 when any fails", () => {
    const r = capa(["--check", "a.capa", "b.capa", "c.capa"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\.capa: ok \(.*\)\nc\.capa: ok \(.*\)\n$/);
    expect(r.stderr).toContain("b.capa:2:19: error: operator '+': incompatible operand types Int and String");
    expect(r.stderr).toMatch(/b\.capa: 1 error\n$/);
  });

  it("exits 0 when every file is clean, and 2 when one cannot be read", () => {
    expect(capa(["--check", "a.capa", "c.capa"], { cwd: dir }).code).toBe(0);
    const missing = capa(["--check", "a.capa", "nope.capa"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("capa: nope.capa: no such file\n");
    expect(missing.stdout).toMatch(/^a\.capa: ok/);
  });

  it("takes program arguments only after --; a second file elsewhere is a usage error", () => {
    expect(capa(["--run", "a.capa", "b.capa"], { cwd: dir })).toMatchObject({ code: 2, stdout: "" });
    const dirArgs = workdir({ "args.capa": ARGS });
    expect(capa(["--run", "args.capa", "--", "x", "y", "--", "z"], { cwd: dirArgs })).toMatchObject({ code: 0, stdout: "4\n" });
    expect(capa(["--run", "--stdin", "stray"], { input: ARGS }).code).toBe(2);
    expect(capa(["--run", "--stdin", "--", "p", "q"], { input: ARGS })).toMatchObject({ code: 0, stdout: "2\n" });
  });
});

describe("source encoding (item 13)", () => {
  it("refuses a file that is not UTF-8, naming the offset of the first bad byte", () => {
    const bad = Buffer.concat([Buffer.from('fun main(stdio: Stdio)\n    stdio.println("caf'), Buffer.from([0xe9]), Buffer.from('")\n')]);
    const dir = workdir({ "latin1.capa": bad, "main.capa": "import latin1\n\n" + CLEAN });
    for (const mode of ["--check", "--run", "--provenance", "--tokens"]) {
      expect(capa([mode, "latin1.capa"], { cwd: dir })).toMatchObject({ code: 2, stdout: "", stderr: `capa: latin1.capa: not valid UTF-8 at byte ${bad.indexOf(0xe9)}\n` });
    }
    const imported = capa(["--check", "main.capa"], { cwd: dir });
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`main.capa:1:1: error: cannot read 'import latin1': latin1.capa: not valid UTF-8 at byte ${bad.indexOf(0xe9)}`);
  });

  it("attests the SHA-256 of the file's bytes (CRLF and non-ASCII kept)", () => {
    const bytes = Buffer.from('fun main(stdio: Stdio)\r\n    stdio.println("naïve ✓")\r\n', "utf8");
    const dir = workdir({ "bom.capa": bytes });
    const r = capa(["--provenance", "bom.capa"], { cwd: dir, env: { SOURCE_DATE_EPOCH: "0" } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).subject[0].digest.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});

describe("--format json (item 14)", () => {
  const dir = workdir({ "ok.capa": CLEAN, "bad.capa": BROKEN, "boom.capa": 'fun main(stdio: Stdio)\n    let xs = [1]\n    stdio.println("${xs[3]}")\n', "warn.capa": '@vex(cve: "CVE-1", status: "maybe")\nfun main(stdio: Stdio)\n    stdio.println("hi")\n' });
  const json = (args: string[], opts: Parameters<typeof capa>[1] = {}) => capa(["--format", "json", ...args], { cwd: dir, ...opts });

  it("prints [] and nothing else for a clean --check", () => {
    expect(json(["--check", "ok.capa"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("gives one document for every file of --check", () => {
    const r = json(["--check", "ok.capa", "bad.capa", "bad.capa"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).map((d: { code: string; file: string }) => `${d.file}:${d.code}`)).toEqual(["bad.capa:E2060", "bad.capa:E2060"]);
  });

  it("reports usage and I/O errors as JSON on stdout", () => {
    for (const args of [["--check"], ["--bogus", "ok.capa"], ["--check", "missing.capa"], ["--check", "--run", "ok.capa"]]) {
      const r = json(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("");
      const [d, ...rest] = JSON.parse(r.stdout);
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ code: expect.stringMatching(/^U\d{4}$/), severity: "error", file: null, line: null });
    }
  });

  it("--run keeps stdout for the program and reports a run-time failure as the JSON document on stderr", () => {
    const ok = json(["--run", "ok.capa"]);
    expect(ok).toEqual({ code: 0, stdout: "hi\n", stderr: "[]\n" });
    const boom = json(["--run", "boom.capa"]);
    expect(boom.code).toBe(1);
    expect(boom.stdout).toBe("");
    expect(JSON.parse(boom.stderr)).toEqual([expect.objectContaining({ code: expect.stringMatching(/^R7\d{3}$/), file: "boom.capa", line: 3, message: expect.stringMatching(/^IndexError: /) })]);
  });

  it("artefact warnings go to stderr as one JSON document; the artefact alone is on stdout", () => {
    const r = json(["--vex", "warn.capa"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).bomFormat).toBe("CycloneDX");
    expect(JSON.parse(r.stderr)).toEqual([expect.objectContaining({ code: "E6005", severity: "warning", line: 1 })]);
  });
});

describe("artefact warnings in text (item 5)", () => {
  it("--vex prints @vex warnings on stderr and still emits the document (exit 0)", () => {
    const dir = workdir({ "v.capa": '@vex(cve: "CVE-1", status: "affected")\nfun main(stdio: Stdio)\n    stdio.println("hi")\n\n@vex(cve: "CVE-2", status: "maybe")\nfun f()\n    return\n' });
    expect(capa(["--check", "v.capa"], { cwd: dir })).toMatchObject({ code: 0, stderr: "" });
    const r = capa(["--vex", "v.capa"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).vulnerabilities[0].analysis.state).toBe("exploitable");
    expect(r.stderr).toMatch(/^v\.capa:5:1: warning: f \(@vex CVE-2\): VEX status 'maybe' is not a CycloneDX state/);
  });
});

describe("colour (item 18)", () => {
  const dir = workdir({ "bad.capa": BROKEN });
  const ESC = "\x1b[";

  it("FORCE_COLOR colours diagnostics on a pipe; NO_COLOR, FORCE_COLOR=0 and --no-color do not", () => {
    expect(capa(["--check", "bad.capa"], { cwd: dir }).stderr).not.toContain(ESC);
    expect(capa(["--check", "bad.capa"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stderr).toContain(`${ESC}31;1merror:`);
    expect(capa(["--check", "bad.capa"], { cwd: dir, env: { FORCE_COLOR: "0" } }).stderr).not.toContain(ESC);
    expect(capa(["--check", "--no-color", "bad.capa"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stderr).not.toContain(ESC);
    expect(capa(["--check", "--format", "json", "bad.capa"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).not.toContain(ESC);
  });
});

describe("checker diagnostics on one line (item 11)", () => {
  it("come in the reference's order: operands before the operator that joins them", () => {
    const program = 'fun pair(n: Int, s: String) -> Int\n    return n\n\nfun main(stdio: Stdio)\n    let total: Int = pair("one", 2) + missing_value + "tail"\n    stdio.println("${total}")\n';
    const r = capa(["--check", "ord.capa"], { cwd: workdir({ "ord.capa": program }) });
    expect(r.code).toBe(1);
    // Recorded from reference 1.32.1 for this program.
    expect(r.stderr.split("\n").filter((l) => l.includes(": error: "))).toEqual([
      "ord.capa:5:27: error: call to 'pair': argument 1 expects Int, got String",
      "ord.capa:5:34: error: call to 'pair': argument 2 expects String, got Int",
      "ord.capa:5:39: error: undefined name 'missing_value'",
      "ord.capa:5:22: error: operator '+': incompatible operand types Int and String",
    ]);
  });
});
