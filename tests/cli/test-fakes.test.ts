// `capa test` fakes (spec/testing.md, "Fakes"): a `// capa-test:` line gives a test a Fs confined
// to a fresh temporary folder, a fixed clock that only sleeps move, and a Net answered by a local
// fixture server; the run's operations and the requests are recorded in --format json. Also the
// `capa --run --fs-root / --fake-clock` flags underneath, and usage errors of `capa test` as JSON.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFakeRequest } from "../../src/cli/test/fakes.js";

const ROOT = join(__dirname, "../..");
const CAPA = join(ROOT, "bin/capa.js");
const EXAMPLE = join(ROOT, "examples/fakes");

function capa(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CAPA, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "capa-fakes-"));
  writeFileSync(join(dir, "capa.toml"), "[package]\nname = \"fixture\"\nversion = \"0.1.0\"\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface JsonReport {
  passed: number;
  failed: number;
  tests: { name: string; status: string; failure: { kind: string; message: string } | null; fakes?: { fs_root: string | null; clock_start: number | null; operations: { capability: string; method: string; outcome: string; stack: string[] }[]; net_requests: { method: string; url: string; status: number }[] } }[];
}

describe("capa test fakes", () => {
  it("runs the example project hermetically: temp Fs (empty and seeded), fixed clock, fixture Net; records what each test did", () => {
    const seed = readFileSync(join(EXAMPLE, "tests/fixtures/seed/journal.txt"), "utf8");
    const r = capa(["test", "examples/fakes", "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ["tests/test_greeting.capa", "passed"],
      ["tests/test_journal.capa", "passed"],
      ["tests/test_seeded.capa", "passed"],
    ]);
    const [greeting, journal, seeded] = report.tests;
    // The fixture server saw both requests; the second had no fixture and got a 404.
    expect(greeting!.fakes!.net_requests.map((q) => [q.method, q.url, q.status])).toEqual([
      ["GET", "http://api.example.com:80/v1/greet-world", 200],
      ["GET", "http://api.example.com:80/v1/greet-nobody", 404],
    ]);
    expect(greeting!.fakes!.fs_root).toBeNull();
    expect(journal!.fakes!.clock_start).toBe(1700000000);
    // The Fs was confined: the read of /etc/passwd's existence was denied and recorded as such.
    const ops = journal!.fakes!.operations.map((o) => `${o.capability}.${o.method}:${o.outcome}`);
    expect(ops).toContain("Fs.write:allowed");
    expect(ops).toContain("Clock.sleep:allowed");
    expect(ops).toContain("Fs.exists:denied");
    // The temporary folders are gone afterwards, and the seed was never written to.
    expect(existsSync(journal!.fakes!.fs_root!)).toBe(false);
    expect(existsSync(seeded!.fakes!.fs_root!)).toBe(false);
    expect(readFileSync(join(EXAMPLE, "tests/fixtures/seed/journal.txt"), "utf8")).toBe(seed);
  });

  it("a fake clock does not wait: a test that sleeps an hour passes at once", () => {
    const dir = project({
      "tests/test_sleep.capa":
        "// capa-test: clock=100\nimport std.testing\n\nfun main(clock: Clock)\n    clock.sleep(3600.0)\n    testing.assert_eq(clock.now_secs(), 3700.0)\n    testing.assert_eq(clock.now_monotonic(), 3600.0)\n",
    });
    const started = Date.now();
    const r = capa(["test", "--timeout", "20"], dir);
    expect(r.stdout).toMatch(/^PASS tests\/test_sleep\.capa \(\d+ ms\)\n1 passed, 0 failed\n$/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("without a capa-test line nothing is faked: the same test fails against the real clock", () => {
    const dir = project({
      "tests/test_real.capa": "import std.testing\n\nfun main(clock: Clock)\n    testing.assert_eq(clock.now_secs(), 100.0)\n",
    });
    const r = capa(["test", "--format", "json"], dir);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.tests[0]!.status).toBe("failed");
    expect(report.tests[0]!.fakes).toBeUndefined();
  });

  it("an https request through the fixture Net is refused, never sent", () => {
    const dir = project({
      "fixtures/web/example.com/index": "hi",
      "tests/test_tls.capa":
        '// capa-test: net=fixtures/web\nimport std.testing\n\nfun main(net: Net)\n    testing.assert_true(net.get("https://example.com/").is_err(), "https is refused")\n    testing.assert_eq_str(net.get("http://example.com/").unwrap(), "hi")\n',
    });
    const r = capa(["test", "--format", "json"], dir);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.tests[0]!.status).toBe("passed");
    expect(report.tests[0]!.fakes!.net_requests.map((q) => [q.method, q.status])).toEqual([["CONNECT", 502], ["GET", 200]]);
  });

  it("a bad capa-test line fails that test (kind setup) with the line and the reason; other tests still run", () => {
    const dir = project({
      "tests/test_bad.capa": "// capa-test: fs=temp disk=big\nfun main()\n    let x = 1\n",
      "tests/test_good.capa": "fun main()\n    let x = 1\n",
    });
    const r = capa(["test"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL tests\/test_bad\.capa \(\d+ ms\): tests\/test_bad\.capa:1: unknown fake 'disk' \(known: fs, clock, net\)/);
    expect(r.stdout).toMatch(/PASS tests\/test_good\.capa/);
    expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
  });

  it("a seed folder that cannot be copied (a FIFO in it) fails that test at set-up, and leaves no temporary folder", () => {
    const dir = project({ "tests/test_fifo.capa": "// capa-test: fs=seed\nfun main()\n    let x = 1\n", "seed/ok.txt": "x" });
    if (spawnSync("mkfifo", [join(dir, "seed/pipe")]).status !== 0) return; // no mkfifo here
    const privateTmp = mkdtempSync(join(tmpdir(), "capa-fakes-tmp-"));
    const r = capa(["test"], dir, { TMPDIR: privateTmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL tests\/test_fifo\.capa \(\d+ ms\): could not set up the fakes: .*FIFO/);
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it("parses directives only among the leading comments, and names the bad value", () => {
    const root = mkdtempSync(join(tmpdir(), "capa-fakes-"));
    expect(parseFakeRequest("// capa-test: clock=5\nfun main()\n", "t", root)).toEqual({ ok: true, request: { clockSecs: 5 } });
    expect(parseFakeRequest("fun main()\n// capa-test: clock=5\n", "t", root)).toEqual({ ok: true, request: null });
    const bad = parseFakeRequest("// a comment\n// capa-test: clock=soon\n", "t", root);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain("t:2: clock=soon: expected seconds since the epoch");
    const missing = parseFakeRequest("// capa-test: net=nowhere\n", "t", root);
    expect(!missing.ok && missing.message).toContain("net=nowhere: expected a folder of the project");
  });
});

describe("capa --run fakes", () => {
  it("--fs-root confines main's Fs and resolves relative paths there; --fake-clock fixes the clock", () => {
    const root = mkdtempSync(join(tmpdir(), "capa-fsroot-"));
    const dir = mkdtempSync(join(tmpdir(), "capa-prog-"));
    const file = join(dir, "p.capa");
    writeFileSync(
      file,
      'fun main(stdio: Stdio, fs: Fs, clock: Clock)\n    fs.write("out.txt", "x").unwrap()\n    stdio.println("${fs.exists("/etc/hostname")} ${clock.now_secs()}")\n',
    );
    const r = capa(["--run", "--fs-root", root, "--fake-clock", "42", file]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "out.txt"), "utf8")).toBe("x");
    expect(r.stdout).toContain("false 42.0");
  });

  it("rejects the fake flags without --run, a bad clock and a missing folder (exit 2)", () => {
    const file = join(ROOT, "examples/hello.capa");
    expect(capa(["--check", "--fake-clock", "1", file]).stderr).toContain("--fs-root and --fake-clock apply only to --run");
    const clock = capa(["--run", "--fake-clock", "soon", file]);
    expect([clock.code, clock.stderr]).toEqual([2, "capa: --fake-clock expects seconds since the epoch (a number >= 0), got 'soon'\n"]);
    const root = capa(["--run", "--fs-root", "/no/such/folder", file]);
    expect([root.code, root.stderr]).toEqual([2, "capa: --fs-root: /no/such/folder is not an existing folder\n"]);
  });
});

describe("capa test --format json usage errors", () => {
  it("are one JSON array of diagnostics on stdout, exit 2", () => {
    const dir = project({});
    for (const args of [["test", "--format", "json", "--jobs", "0"], ["test", "--format", "json"], ["test", "--format", "json", "--bogus"]]) {
      const r = capa(args, dir);
      expect(r.code).toBe(2);
      const doc = JSON.parse(r.stdout) as { code: string; message: string }[];
      expect(doc).toHaveLength(1);
      expect(doc[0]!.code).toMatch(/^U00(31|30|06)$/);
    }
  });
});
