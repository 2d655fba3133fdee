// Where `--run` interprets: on the main thread when bin/capa gave it a deep stack and the run needs
// no outside watchdog or heap of its own (src/runtime/runner.ts), else on a worker thread. Both
// must keep 10,000-deep recursion working, unbounded recursion a clean error, and a program that
// fills the heap a MemoryError at a position, never Node's fatal out-of-memory report.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstLineThenInterrupt } from "../support/interrupt.js";
import { MAIN_THREAD_MIN_HEAP_MIB, MAIN_THREAD_STACK_KIB, runsOnMainThread } from "../../src/runtime/runner.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ENV = { ...process.env, NO_COLOR: "1", CAPA_NO_SNAPSHOT: "" };

function program(name: string, source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "capa-runner-")), name);
  writeFileSync(file, source);
  return file;
}

/** Runs `script` under /bin/sh (so it can set the stack limit first) from the repository root. */
function sh(script: string, ...args: string[]) {
  const r = spawnSync("/bin/sh", ["-c", script, "sh", ...args], { cwd: ROOT, encoding: "utf8", env: ENV, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DEEP = [
  "fun down(n: Int) -> Int",
  "    if n == 0",
  "        return 0",
  "    return 1 + down(n - 1)",
  "",
  "fun forever(n: Int) -> Int",
  "    return forever(n + 1) + 1",
  "",
  "fun main(stdio: Stdio)",
  '    stdio.println("${down(9990)}")',
  '    stdio.println("${forever(0)}")',
  "",
].join("\n");

describe("choosing the runner", () => {
  const deepStack = [`--stack-size=${MAIN_THREAD_STACK_KIB + 8192}`];
  const heapLimitMib = MAIN_THREAD_MIN_HEAP_MIB + 48;
  it("runs on the main thread only with a deep enough stack", () => {
    expect(runsOnMainThread({ execArgv: deepStack, limits: {}, thread: {}, heapLimitMib })).toBe(true);
    expect(runsOnMainThread({ execArgv: ["--stack-size=2048"], limits: {}, thread: {}, heapLimitMib })).toBe(false);
    expect(runsOnMainThread({ execArgv: [], limits: {}, thread: {}, heapLimitMib })).toBe(false);
  });

  it("keeps a run on a small heap on the worker thread, where V8 running out of heap is still a MemoryError", () => {
    expect(runsOnMainThread({ execArgv: deepStack, limits: {}, thread: {}, heapLimitMib: 2048 })).toBe(false);
  });

  it("keeps a run with --timeout or its own heap on the worker thread, which can stop it from outside", () => {
    expect(runsOnMainThread({ execArgv: deepStack, limits: { timeoutMs: 1000 }, thread: {}, heapLimitMib })).toBe(false);
    expect(runsOnMainThread({ execArgv: deepStack, limits: {}, thread: { maxHeapMb: 200 }, heapLimitMib })).toBe(false);
    expect(runsOnMainThread({ execArgv: deepStack, limits: { maxSteps: 100 }, thread: {}, heapLimitMib })).toBe(true);
  });
});

describe("--run on either thread", () => {
  const deep = program("deep.capa", DEEP);
  const expectDeep = (r: { code: number | null; stdout: string; stderr: string }) => {
    expect(r.stdout).toBe("9990\n");
    expect(r.stderr).toMatch(/^RecursionError: stack overflow: maximum recursion depth \(10000\) exceeded/m);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no JavaScript stack trace
    expect(r.code).toBe(1);
  };

  it("bin/capa (main thread): 9,990 calls deep work and unbounded recursion is a RecursionError", () => {
    expectDeep(sh('exec bin/capa --run "$1"', deep));
  });

  it("where the stack limit cannot be raised, bin/capa falls back to the worker thread, just as deep", () => {
    // Soft first (it may not exceed the hard limit); a hard limit already below 8 MiB serves as well.
    expectDeep(sh('ulimit -S -s 8192 2>/dev/null; ulimit -H -s 8192 2>/dev/null; exec bin/capa --run "$1"', deep));
  });

  it("on a heap too small for the main thread, a program making a large string per step stops with a MemoryError", () => {
    const hog = program(
      "hog.capa",
      [
        "fun main(_stdio: Stdio)",
        '    var s = "abcd"',
        "    for i in 0..20",
        "        s = s + s",
        "    var xs: List<String> = []",
        "    while true",
        "        xs.push(s.to_upper())",
        "",
      ].join("\n"),
    );
    // A deep stack but a small heap (so the test is quick): the run goes to the worker thread
    // (runner.ts), where the budget or, failing it, the worker's out-of-memory report stops it.
    const r = sh(`ulimit -S -s 65532 2>/dev/null; exec "${process.execPath}" --stack-size=57344 --max-old-space-size=192 bin/capa.js --run "$1"`, hog);
    expect(r.stderr).toMatch(/^MemoryError: out of memory: the program's values outgrew/m);
    expect(r.stderr).toMatch(/hog\.capa:7:/);
    expect(r.stderr).not.toMatch(/FATAL ERROR|\n\s+at /);
    expect(r.code).toBe(1);
  });

  it("writes what the program printed before it sleeps, so Ctrl-C during the sleep loses nothing", async () => {
    const sleepy = program("sleepy.capa", 'fun main(stdio: Stdio, clock: Clock)\n    stdio.println("before the sleep")\n    clock.sleep(60.0)\n    stdio.println("after")\n');
    const { arrived, stdout } = await firstLineThenInterrupt(join(ROOT, "bin/capa"), ["--run", sleepy], { cwd: ROOT, env: ENV, waitMs: 30_000 });
    expect(arrived).toBe(true);
    expect(stdout).toBe("before the sleep\n");
  }, 60_000);
});
