// The Host: the only door from capabilities to the process (stdio, env, args, time, entropy); holds no authority checks.
import { readSync } from "node:fs";
import { blockFor, writeAll } from "./fdWrite.js";

export { blockFor };
import { randomBytes as nodeRandomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

export interface NetLimits {
  /** Wall-clock bound on one Net call, redirects included. */
  deadlineMs: number;
  /** Largest response body accepted. */
  maxBodyBytes: number;
  /** Most redirect hops followed before the call fails. */
  maxRedirects: number;
}

export const DEFAULT_NET_LIMITS: NetLimits = Object.freeze({
  deadlineMs: 10_000,
  maxBodyBytes: 32 * 1024 * 1024,
  maxRedirects: 10,
});

export interface Host {
  writeStdout(s: string): void;
  /** Flushes pending stdout first so interleaving on a shared terminal stays in program order. */
  writeStderr(s: string): void;
  flush(): void;
  /** Next input line without its "\n"; null at end of input; throws on an OS read error. */
  readLine(): string | null;
  env: Record<string, string | undefined>;
  /** Program arguments (those after `--`), never including the script name. */
  args: string[];
  /** Directory relative paths are resolved against. */
  cwd: string;
  nowSecs(): number;
  monotonicSecs(): number;
  /** Blocks the (synchronous) interpreter for `seconds`. */
  sleepSecs(seconds: number): void;
  randomBytes(n: number): Uint8Array;
  netLimits: NetLimits;
  /** Told every gate's verdict (capability, Capa method, allowed); installed by a run that
   * observes authority (`--observe-authority`), absent otherwise. */
  observeGate?: (capability: string, method: string, allowed: boolean) => void;
}


const STDOUT_FD = 1;
const STDERR_FD = 2;
const STDIN_FD = 0;
const FLUSH_THRESHOLD = 64 * 1024;


/** A copy of an environment with no prototype, so only variables that are really set are found in it. */
export function environmentCopy(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const copy = Object.create(null) as Record<string, string | undefined>;
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") copy[k] = v;
  return copy;
}

export interface ProcessHostOptions {
  args?: string[];
  netLimits?: Partial<NetLimits>;
  /** Directory relative paths resolve against (default: the process's own). */
  cwd?: string;
  /** A test fake (`--fake-clock`): the wall clock starts at these seconds since the epoch, the
   * monotonic clock at 0, and `sleep` advances both at once instead of waiting. */
  fakeClockSecs?: number;
}

/** The clock a host reads: the real one, or a fixed one that only sleeps move. */
function hostClock(fakeStart: number | undefined): Pick<Host, "nowSecs" | "monotonicSecs" | "sleepSecs"> {
  if (fakeStart === undefined) {
    return { nowSecs: () => Date.now() / 1000, monotonicSecs: () => performance.now() / 1000, sleepSecs: (seconds) => blockFor(seconds * 1000) };
  }
  let advanced = 0;
  return { nowSecs: () => fakeStart + advanced, monotonicSecs: () => advanced, sleepSecs: (seconds) => void (advanced += seconds) };
}

/** A clock whose sleep first writes what the program printed: a run interrupted while it sleeps
 * (Ctrl-C ends the process without Node's exit event) must not lose its earlier output. */
function sleepAfterFlush<C extends Pick<Host, "sleepSecs">>(clock: C, flush: () => void): C {
  return {
    ...clock,
    sleepSecs: (seconds) => {
      flush();
      clock.sleepSecs(seconds);
    },
  };
}

/** Host bound to the real process. Stdout is buffered and always written with fs.writeSync. */
export function createProcessHost(options: ProcessHostOptions = {}): Host {
  let pending: string[] = [];
  let pendingLength = 0;
  let stdinBuffer = Buffer.alloc(0);
  let stdinEnded = false;

  const flush = (): void => {
    if (pendingLength === 0) return;
    const data = Buffer.from(pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;
    writeAll(STDOUT_FD, data);
  };
  // Output must never be lost, even when the program ends without an explicit flush.
  process.on("exit", flush);

  const readChunk = (): boolean => {
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      try {
        const n = readSync(STDIN_FD, chunk, 0, chunk.length, null);
        if (n === 0) return false;
        stdinBuffer = Buffer.concat([stdinBuffer, chunk.subarray(0, n)]);
        return true;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EAGAIN") {
          blockFor(5);
          continue;
        }
        if (code === "EOF") return false;
        throw e;
      }
    }
  };

  return {
    writeStdout(s) {
      pending.push(s);
      pendingLength += s.length;
      if (pendingLength >= FLUSH_THRESHOLD) flush();
    },
    writeStderr(s) {
      flush();
      writeAll(STDERR_FD, Buffer.from(s, "utf8"));
    },
    flush,
    readLine() {
      flush(); // a prompt printed without newline must be visible before we block
      for (;;) {
        const nl = stdinBuffer.indexOf(0x0a);
        if (nl >= 0) {
          const line = stdinBuffer.subarray(0, nl).toString("utf8");
          stdinBuffer = stdinBuffer.subarray(nl + 1);
          return line;
        }
        if (stdinEnded || !readChunk()) {
          stdinEnded = true;
          if (stdinBuffer.length === 0) return null;
          const rest = stdinBuffer.toString("utf8");
          stdinBuffer = Buffer.alloc(0);
          return rest;
        }
      }
    },
    env: environmentCopy(process.env),
    args: [...(options.args ?? [])],
    cwd: options.cwd ?? process.cwd(),
    ...sleepAfterFlush(hostClock(options.fakeClockSecs), flush),
    randomBytes: (n) => nodeRandomBytes(n),
    netLimits: { ...DEFAULT_NET_LIMITS, ...options.netLimits },
  };
}

export interface CapturingHostOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  args?: string[];
  cwd?: string;
  /** Start of the virtual wall clock, in seconds since the epoch. */
  startSecs?: number;
  netLimits?: Partial<NetLimits>;
  randomBytes?: (n: number) => Uint8Array;
}

export interface CapturingHost extends Host {
  stdout(): string;
  stderr(): string;
  /** Stdout and stderr interleaved in write order, each chunk tagged. */
  events(): ReadonlyArray<{ stream: "stdout" | "stderr"; text: string }>;
  /** Durations passed to sleepSecs that actually slept (virtual time advanced). */
  sleeps(): readonly number[];
  flushCount(): number;
}

/** In-memory host for tests: captured output, scripted stdin, and a virtual clock that sleeps advance. */
export function createCapturingHost(options: CapturingHostOptions = {}): CapturingHost {
  const events: Array<{ stream: "stdout" | "stderr"; text: string }> = [];
  const sleeps: number[] = [];
  let flushes = 0;
  let virtualOffset = 0;
  const startSecs = options.startSecs ?? Date.now() / 1000;
  const lines = options.stdin ?? "";
  let cursor = 0;
  return {
    writeStdout: (s) => void events.push({ stream: "stdout", text: s }),
    writeStderr: (s) => void events.push({ stream: "stderr", text: s }),
    flush: () => void flushes++,
    readLine() {
      if (cursor >= lines.length) return null;
      const nl = lines.indexOf("\n", cursor);
      const end = nl < 0 ? lines.length : nl;
      const line = lines.slice(cursor, end);
      cursor = nl < 0 ? lines.length : nl + 1;
      return line;
    },
    env: environmentCopy(options.env ?? {}),
    args: [...(options.args ?? [])],
    cwd: options.cwd ?? process.cwd(),
    nowSecs: () => startSecs + virtualOffset,
    monotonicSecs: () => 1000 + virtualOffset,
    sleepSecs(seconds) {
      sleeps.push(seconds);
      virtualOffset += seconds;
    },
    randomBytes: options.randomBytes ?? ((n) => nodeRandomBytes(n)),
    netLimits: { ...DEFAULT_NET_LIMITS, ...options.netLimits },
    stdout: () => events.filter((e) => e.stream === "stdout").map((e) => e.text).join(""),
    stderr: () => events.filter((e) => e.stream === "stderr").map((e) => e.text).join(""),
    events: () => events,
    sleeps: () => sleeps,
    flushCount: () => flushes,
  };
}
