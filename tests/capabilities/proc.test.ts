// Proc: no shell, a deadline, an output cap, a scrubbed environment, and restrictions that fix the
// binary's identity; every escape is denied before a process is spawned (the planted programs
// would leave a marker file if they ever ran).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { createProc, DEFAULT_PROC_LIMITS, type ProcLimits } from "../../src/runtime/capabilities/proc.js";

let root: string;
let marker: string;
const PATH = "/usr/local/bin:/usr/bin:/bin";
const gates: Array<[string, string, boolean]> = [];

const proc = (env: Record<string, string> = { PATH }, limits: ProcLimits = DEFAULT_PROC_LIMITS) => {
  const h = createCapturingHost({ cwd: root, env });
  return createProc({ ...h, observeGate: (c, m, a) => void gates.push([c, m, a]) }, limits);
};

/** A program that, if it ever runs, leaves the marker file. */
function plant(path: string): void {
  writeFileSync(path, `#!/bin/sh\necho planted > '${marker}'\necho planted\n`);
  chmodSync(path, 0o755);
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-proc-")));
  marker = join(root, "MARKER");
  gates.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("Proc.exec", () => {
  it("runs the program with its arguments and returns stdout", () => {
    expect(proc().exec("echo", '["hi", "there"]')).toEqual({ ok: true, value: "hi there\n" });
    expect(proc().exec("printf", '["%s-%s", "a", "b"]')).toEqual({ ok: true, value: "a-b" });
  });

  it("reports a non-zero exit with the code and the stderr repr", () => {
    expect(proc().exec("sh", '["-c", "echo out; echo \'bad\' >&2; exit 3"]')).toEqual({
      ok: false,
      error: { message: "non-zero exit", cause: "code=3 stderr='bad\\n'" },
    });
  });

  it("a child killed by a signal reports code=-N, as Python's returncode", () => {
    expect(proc().exec("sh", '["-c", "kill -9 $$"]')).toEqual({ ok: false, error: { message: "non-zero exit", cause: "code=-9 stderr=''" } });
  });

  it("invalid UTF-8 in the output is replaced, not fatal", () => {
    expect(proc().exec("printf", String.raw`["a\\377b"]`)).toEqual({ ok: true, value: "a\ufffdb" });
  });

  it("reports a bad args_json as the reference does", () => {
    expect(proc().exec("echo", "not json")).toEqual({ ok: false, error: { message: "Proc.exec args_json parse failed", cause: "Expecting value: line 1 column 1 (char 0)" } });
    for (const bad of ['{"a": 1}', "[1]", '["a", null]']) {
      expect(proc().exec("echo", bad)).toEqual({ ok: false, error: { message: "Proc.exec args_json parse failed", cause: "expected a JSON array of strings" } });
    }
  });

  it("a missing command is a spawn failure", () => {
    expect(proc().exec("no-such-command-xyz", "[]")).toEqual({
      ok: false,
      error: { message: "Proc.exec spawn failed", cause: "[Errno 2] No such file or directory: 'no-such-command-xyz'" },
    });
  });

  it("the child sees a scrubbed environment: PATH only", () => {
    const r = proc({ PATH, SECRET_TOKEN: "hunter2", HOME: "/root" }).exec("env", "[]");
    expect(r).toEqual({ ok: true, value: `PATH=${PATH}\n` });
  });

  it("a child past the deadline is killed and reported as timed out", () => {
    const started = Date.now();
    const r = proc({ PATH }, { deadlineMs: 300, maxOutputBytes: 1024 }).exec("sleep", '["5"]');
    expect(r).toEqual({ ok: false, error: { message: "timed out", cause: "0.3s elapsed" } });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("output beyond the cap stops the child", () => {
    const r = proc({ PATH }, { deadlineMs: 10_000, maxOutputBytes: 1000 }).exec("head", '["-c", "100000", "/dev/zero"]');
    expect(r).toEqual({ ok: false, error: { message: "output too large", cause: "the command wrote more than the 1000-byte limit on one Proc.exec" } });
  });
});

describe("Proc attenuation", () => {
  it("a bare-name rule admits the name and name-* only, never a path", () => {
    const p = proc().restrict_to("git");
    expect(["git", "git-lfs", "gitlab", "/usr/bin/git", "./git", "/attacker/git", "git/x"].map((c) => p.allows(c))).toEqual([true, true, false, false, false, false, false]);
  });

  it("a path rule admits that normalised path only", () => {
    const p = proc().restrict_to("/usr/bin/git");
    expect(["/usr/bin/git", "/usr/bin/../bin/git", "git", "/attacker/git", "/usr/bin/git-lfs"].map((c) => p.allows(c))).toEqual([true, true, false, false, false]);
  });

  it("restrict_to intersects: two different rules admit nothing", () => {
    const p = proc().restrict_to("echo").restrict_to("ls");
    expect(p.allows("ls")).toBe(false);
    expect(p.exec("ls", "[]")).toEqual({ ok: false, error: { message: "Proc capability does not permit exec of 'ls'", cause: "current restrictions: []" } });
    expect(proc().restrict_to("echo").restrict_to("echo").exec("echo", '["x"]')).toEqual({ ok: true, value: "x\n" });
  });
});

describe("Proc escapes are denied before any process is spawned", () => {
  it("/attacker/git never passes a `git` restriction", () => {
    mkdirSync(join(root, "attacker"));
    plant(join(root, "attacker", "git"));
    const r = proc().restrict_to("git").exec(join(root, "attacker", "git"), "[]");
    expect(r).toEqual({ ok: false, error: { message: `Proc capability does not permit exec of '${join(root, "attacker", "git")}'`, cause: "current restrictions: ['git']" } });
    expect(existsSync(marker)).toBe(false);
    expect(gates).toEqual([["Proc", "exec", false]]);
  });

  it("a binary planted in the working directory cannot shadow the command through a relative PATH entry", () => {
    plant(join(root, "echo"));
    // `.` and the empty entry both mean the working directory to execvp; both are skipped.
    expect(proc({ PATH: `.::${PATH}` }).restrict_to("echo").exec("echo", '["real"]')).toEqual({ ok: true, value: "real\n" });
    expect(proc({ PATH: "." }).restrict_to("echo").exec("echo", "[]")).toEqual({
      ok: false,
      error: { message: "Proc.exec spawn failed", cause: "[Errno 2] No such file or directory: 'echo'" },
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("a path rule is fixed to the real path it named: a symlink swapped in later is denied", () => {
    mkdirSync(join(root, "tools"));
    mkdirSync(join(root, "attacker"));
    const tool = join(root, "tools", "report");
    writeFileSync(tool, "#!/bin/sh\necho report\n");
    chmodSync(tool, 0o755);
    plant(join(root, "attacker", "evil"));
    const p = proc().restrict_to(tool);
    expect(p.exec(`${root}/tools/../tools/report`, "[]")).toEqual({ ok: true, value: "report\n" });
    unlinkSync(tool);
    symlinkSync(join(root, "attacker", "evil"), tool);
    expect(p.allows(tool)).toBe(true); // the lexical question the reference answers...
    expect(p.exec(tool, "[]").ok).toBe(false); // ...but the binary is no longer the one granted
    expect(existsSync(marker)).toBe(false);
  });

  it("argument injection: shell syntax in the command is denied, in arguments it is inert", () => {
    const p = proc().restrict_to("echo");
    expect(p.exec(`echo; sh -c 'echo x > ${marker}'`, "[]").ok).toBe(false);
    // Passes the lexical rule (it starts with `echo-`) but names no program: nothing runs it as a shell line.
    expect(p.exec("echo-x; touch MARKER", "[]")).toEqual({
      ok: false,
      error: { message: "Proc.exec spawn failed", cause: "[Errno 2] No such file or directory: 'echo-x; touch MARKER'" },
    });
    expect(p.exec("echo", JSON.stringify([`$(touch ${marker})`, "; touch", marker, "`id`"]))).toEqual({
      ok: true,
      value: `$(touch ${marker}) ; touch ${marker} \`id\`\n`,
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("a NUL byte in the command or an argument is refused", () => {
    expect(proc().exec("echo\0x", "[]")).toEqual({ ok: false, error: { message: "Proc.exec spawn failed", cause: "embedded null byte" } });
    expect(proc().exec("echo", '["a\\u0000b"]')).toEqual({ ok: false, error: { message: "Proc.exec spawn failed", cause: "embedded null byte" } });
  });
});
