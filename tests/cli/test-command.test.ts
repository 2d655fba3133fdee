// `capa test`: discovery from the project root, pass/fail per test with its time and first failure,
// the `N passed, M failed` summary, timeouts, --filter, --jobs, --format json and --junit.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTests, splitDiagnostics } from "../../src/cli/test/run.js";

const ROOT = join(__dirname, "../..");
const CAPA = join(ROOT, "bin/capa.js");

function capa(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CAPA, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project folder (with a capa.toml) holding the given files. */
function project(files: Record<string, string>, withToml = true): string {
  const dir = mkdtempSync(join(tmpdir(), "capa-test-"));
  if (withToml) writeFileSync(join(dir, "capa.toml"), "[package]\nname = \"fixture\"\nversion = \"0.1.0\"\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PASSING = "import std.testing\n\nfun main()\n    testing.assert_eq_int(2 + 2, 4)\n";
const FAILING = "import std.testing\n\nfun main()\n    testing.assert_eq_str(\"a\" + \"b\", \"ba\")\n";
const CHECK_ERROR = "fun main(stdio: Stdio)\n    stdio.println(1 + \"x\")\n";
const RUNTIME_ERROR = "fun main(stdio: Stdio)\n    let xs = [1]\n    stdio.println(\"${xs[5]}\")\n";
const FOREVER = "fun main()\n    var n = 0\n    while true\n        n += 1\n";

const lines = (s: string) => s.trimEnd().split("\n");

describe("capa test", () => {
  it("runs the example project: a line per test with its time, the failure's message, and the summary line (exit 1)", () => {
    const r = capa(["test", "examples/project"]);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^PASS tests\/test_calc\.capa \(\d+ ms\)$/);
    expect(out[1]).toMatch(/^FAIL tests\/test_known_bug\.capa \(\d+ ms\): panic: assert_eq_int failed: expected 5, got 10 \(off by 5\)$/);
    expect(out[2]).toMatch(/^PASS tests\/test_output\.capa \(\d+ ms\)$/);
    expect(out[3]).toBe("2 passed, 1 failed");
    expect(r.stderr).toBe("");
  });

  it("finds the root from the current folder upward (nearest capa.toml) and runs tests with it as working folder", () => {
    const dir = project({
      "tests/test_cwd.capa": 'import std.testing\n\nfun main(fs: Fs)\n    testing.assert_eq_str(fs.read("data.txt").unwrap(), "from the root")\n',
      "data.txt": "from the root",
      "tests/helper.capa": "fun main()\n    panic(\"not a test: no test_ prefix\")\n",
    });
    const r = capa(["test"], join(dir, "tests")); // started below the root
    expect(r.stdout).toMatch(/^PASS tests\/test_cwd\.capa \(\d+ ms\)\n1 passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it("lets tests import the project's src/ modules", () => {
    const dir = project({
      "src/shapes.capa": "pub fun area(w: Int, h: Int) -> Int\n    return w * h\n",
      "tests/test_shapes.capa": "import shapes\nimport std.testing\n\nfun main()\n    testing.assert_eq_int(shapes.area(3, 4), 12)\n",
    });
    const r = capa(["test"], dir);
    expect(r.stdout).toMatch(/1 passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it("fails a test on a check error and on a run-time error, with the first message and its position", () => {
    const dir = project({ "tests/test_check.capa": CHECK_ERROR, "tests/test_runtime.capa": RUNTIME_ERROR });
    const r = capa(["test"], dir);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^FAIL tests\/test_check\.capa \(\d+ ms\): tests\/test_check\.capa:2:19: operator '\+': incompatible operand types Int and String$/);
    expect(out[1]).toMatch(/^FAIL tests\/test_runtime\.capa \(\d+ ms\): tests\/test_runtime\.capa:3:22: IndexError: list index out of range/);
    expect(out[2]).toBe("0 passed, 2 failed");
  });

  it("fails a test whose main returns Err", () => {
    const dir = project({ "tests/test_err.capa": 'fun main() -> Result<(), IoError>\n    return Err(IoError("setup", "fixture missing"))\n' });
    const r = capa(["test"], dir);
    expect(r.stdout).toMatch(/^FAIL tests\/test_err\.capa \(\d+ ms\): main returned Err: .*fixture missing.*\n0 passed, 1 failed\n$/);
    expect(r.code).toBe(1);
  });

  it("fails a test still running at --timeout, and the other tests still run", () => {
    const dir = project({ "tests/test_forever.capa": FOREVER, "tests/test_quick.capa": PASSING });
    const started = Date.now();
    const r = capa(["test", "--timeout", "2"], dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    // the run stops itself at the timeout and says where it was
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^FAIL tests\/test_forever\.capa \(\d+ ms\): tests\/test_forever\.capa:4:9: TimeoutError: time limit exceeded: the run took more than 2 s \(--timeout\)$/),
      expect.stringMatching(/^PASS tests\/test_quick\.capa/),
      "1 passed, 1 failed",
    ]);
    expect(r.code).toBe(1);
    const ps = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
    expect(ps.split("\n").filter((l) => l.includes(dir))).toEqual([]); // the timed-out test was ended
  });

  it("--filter runs only the tests whose name contains the substring", () => {
    const dir = project({ "tests/test_alpha.capa": PASSING, "tests/test_beta.capa": FAILING });
    const r = capa(["test", "--filter", "alpha"], dir);
    expect(lines(r.stdout)).toEqual([expect.stringMatching(/^PASS tests\/test_alpha\.capa/), "1 passed, 0 failed"]);
    expect(r.code).toBe(0);
  });

  it("--jobs 1 runs the tests one at a time and reports them in name order", () => {
    const dir = project({ "tests/test_c.capa": PASSING, "tests/test_a.capa": PASSING, "tests/test_b.capa": FAILING });
    const r = capa(["test", "--jobs", "1"], dir);
    expect(lines(r.stdout).map((l) => l.split(" (")[0])).toEqual(["PASS tests/test_a.capa", "FAIL tests/test_b.capa", "PASS tests/test_c.capa", "2 passed, 1 failed"]);
  });

  it("runs tests at the same time up to --jobs: two tests that each wait for the other pass with 2 jobs, time out with 1", () => {
    const waiter = (mine: string, other: string) =>
      `fun main(fs: Fs)\n    fs.write("${mine}.started", "").unwrap()\n    var spins = 0\n    while not fs.exists("${other}.started")\n        spins += 1\n`;
    const files = { "tests/test_a.capa": waiter("a", "b"), "tests/test_b.capa": waiter("b", "a") };
    const together = capa(["test", "--jobs", "2", "--timeout", "20"], project(files));
    expect(lines(together.stdout).at(-1)).toBe("2 passed, 0 failed");
    const alone = capa(["test", "--jobs", "1", "--timeout", "2"], project(files));
    expect(lines(alone.stdout)[0]).toMatch(/^FAIL tests\/test_a\.capa \(\d+ ms\): .*TimeoutError/);
  }, 60_000);

  it("runs only the files or folders named", () => {
    const dir = project({ "tests/test_a.capa": PASSING, "tests/test_b.capa": FAILING, "more/deep/test_c.capa": PASSING });
    const one = capa(["test", "tests/test_a.capa"], dir);
    expect(lines(one.stdout)).toEqual([expect.stringMatching(/^PASS tests\/test_a\.capa/), "1 passed, 0 failed"]);
    const folder = capa(["test", "more"], dir);
    expect(lines(folder.stdout)).toEqual([expect.stringMatching(/^PASS more\/deep\/test_c\.capa/), "1 passed, 0 failed"]);
  });

  it("--format json prints one JSON document: each test's status, time, failure and output", () => {
    const dir = project({
      "tests/test_ok.capa": 'fun main(stdio: Stdio)\n    stdio.println("visible")\n    stdio.eprintln("[not json")\n',
      "tests/test_bad.capa": FAILING,
    });
    const r = capa(["test", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ passed: 1, failed: 1, summary: "1 passed, 1 failed" });
    expect(doc.tests).toEqual([
      expect.objectContaining({ name: "tests/test_bad.capa", status: "failed", failure: expect.objectContaining({ kind: "panic", message: 'panic: assert_eq_str failed: expected "ba", got "ab"' }) }),
      expect.objectContaining({ name: "tests/test_ok.capa", status: "passed", failure: null, stdout: "visible\n", stderr: "[not json\n" }),
    ]);
    expect(typeof doc.tests[0].duration_ms).toBe("number");
  });

  it("--junit FILE writes a JUnit XML report with a testcase per test and the failure's message", () => {
    const dir = project({ "tests/test_ok.capa": PASSING, "tests/test_bad.capa": FAILING, "tests/test_check.capa": CHECK_ERROR });
    const junit = join(dir, "report.xml");
    const r = capa(["test", "--junit", junit], dir);
    expect(r.stdout).toMatch(/1 passed, 2 failed\n$/);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="capa test" tests="3" failures="2"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testcase name="tests/test_ok.capa" classname="tests.test_ok" file="tests/test_ok.capa" time="');
    expect(xml).toContain('<failure type="panic" message="panic: assert_eq_str failed: expected &quot;ba&quot;, got &quot;ab&quot;">');
    expect(xml).toContain(`<failure type="check" message="tests/test_check.capa:2:19: operator &apos;+&apos;: incompatible operand types Int and String">`);
    // well formed: every element opened is closed, in order
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (m[3] === "/") continue;
      if (m[1] === "/") expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
  });

  it("says clearly when there are no tests (exit 2)", () => {
    const dir = project({ "src/lib.capa": "pub fun f() -> Int\n    return 1\n" });
    const r = capa(["test"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`capa: no tests found: looked for tests/test_*.capa under ${dir} (a project root has a capa.toml; or name test files or folders)\n`);
    const filtered = capa(["test", "--filter", "nothing-matches"], project({ "tests/test_a.capa": PASSING }));
    expect(filtered.code).toBe(2);
  });

  it("rejects bad options and missing paths with exit 2", () => {
    expect(capa(["test", "--jobs", "0"])).toMatchObject({ code: 2, stderr: "capa: --jobs takes a positive whole number, not '0'\n" });
    expect(capa(["test", "--timeout", "soon"])).toMatchObject({ code: 2, stderr: "capa: --timeout takes a positive whole number, not 'soon'\n" });
    expect(capa(["test", "no/such/dir"])).toMatchObject({ code: 2, stderr: "capa: no/such/dir: no such file\n" });
    expect(capa(["test", "--format", "xml"]).code).toBe(2);
    expect(capa(["test", "--bogus"]).code).toBe(2);
  });

  it("is described by --help and capa test --help", () => {
    expect(capa(["--help"]).stdout).toContain("capa test [paths...]");
    const help = capa(["test", "--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--filter", "--jobs", "--timeout", "--format", "--junit", "tests/test_*.capa", "capa.toml"]) expect(help.stdout).toContain(flag);
  });
});

describe("runTests", () => {
  it("kills a test process that outlives its timeout (the backstop when the run cannot stop itself)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-test-"));
    const marker = `stubborn-${process.pid}-${Date.now()}`;
    const stubborn = () => ({ command: process.execPath, args: ["-e", `process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); // ${marker}`] });
    const started = Date.now();
    const [result] = await runTests([{ path: join(dir, "test_x.capa"), name: "test_x.capa" }], { root: dir, timeoutMs: 300, jobs: 1, env: process.env, launch: stubborn, killGraceMs: 200 }, () => {});
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ passed: false, failure: { kind: "timeout", message: "timed out after 300 ms" } });
    expect(spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout).not.toContain(marker);
  });
});

describe("runTests failures without a diagnostic", () => {
  const one = (launch: () => { command: string; args: string[] }) =>
    runTests([{ path: "/nowhere/test_x.capa", name: "test_x.capa" }], { root: tmpdir(), timeoutMs: 10_000, jobs: 1, env: process.env, launch }, () => {});

  it("a process that exits non-zero without a diagnostic fails with its exit code, keeping its output", async () => {
    const [r] = await one(() => ({ command: process.execPath, args: ["-e", 'console.log("out"); console.error("err"); process.exit(3)'] }));
    expect(r).toMatchObject({ passed: false, failure: { kind: "exit", message: "exited with code 3" }, stdout: "out\n", stderr: "err\n" });
  });

  it("a process that cannot be started fails the test, not the runner", async () => {
    const [r] = await one(() => ({ command: "/nonexistent/capa-binary", args: [] }));
    expect(r!.passed).toBe(false);
    expect(r!.failure).toMatchObject({ kind: "exit", message: expect.stringMatching(/^could not start: .*ENOENT/) });
  });
});

describe("splitDiagnostics", () => {
  it("separates the program's own stderr from capa's trailing JSON document, even when the program printed '['", () => {
    const doc = JSON.stringify([{ code: "R7000", severity: "error", file: null, line: null, col: null, message: "panic: x" }], null, 2);
    const split = splitDiagnostics(`[warn] first\n[\n${doc}\n`);
    expect(split.programStderr).toBe("[warn] first\n[\n");
    expect(split.diagnostics[0]!.message).toBe("panic: x");
    expect(splitDiagnostics("no document\n")).toEqual({ programStderr: "no document\n", diagnostics: [] });
  });
});
