// Runs a program on a worker thread whose stack is large enough for the interpreter's own
// recursion limit (10,000 Capa calls); Node's default main-thread stack gives out near 1,500.
// The worker receives the checked AST (a structured clone costs far less than building a second
// chevrotain parser in the worker) and uses the real process streams, so output ordering and
// flushing are the same as on the main thread.
// The thread also stands guard: the worker publishes its current position in shared memory, so a
// run that must be stopped from outside (past its --timeout while blocked in a call, or killed by
// V8 for want of heap) still ends as a Capa run-time error at a position.

import type { Worker } from "node:worker_threads";
import { workerThreads } from "./workerThreads.js";
import type { Span } from "../diagnostics/diagnostic.js";
import type { Program } from "../syntax/ast.js";
import type { RuntimeFailure } from "./errors.js";
import type { ArgumentSlots, RunLimits, RunOutcome } from "./index.js";
import { newPositionBuffer } from "./interp/budget.js";
import { R } from "./messages.js";

export interface ThreadRequest {
  readonly args: string[];
  /** The program as it was checked (every module merged into it). */
  readonly program: Program;
  /** Record the capability operations the run executes (`--observe-authority`). */
  readonly observeAuthority?: boolean;
  /** Keyed by the program's own call nodes: one structured clone keeps keys and nodes the same objects. */
  readonly argumentSlots: ArgumentSlots;
  readonly limits: RunLimits;
  /** Test fakes (`--fs-root`, `--fake-clock`; spec/testing.md). */
  readonly fakes?: RunFakes;
}

export interface RunFakes {
  /** main's root Fs is confined to this folder, and relative paths resolve in it. */
  readonly fsRoot?: string;
  /** The clock starts here (seconds since the epoch) and moves only by `sleep`. */
  readonly clockSecs?: number;
}

/** What the worker receives: the request plus the shared slots (position, Python's pid). */
export interface ThreadMessage extends ThreadRequest {
  readonly position: Int32Array;
  readonly pythonPid: Int32Array;
}

/** What the worker sends back: its positions (and heap size) once compiled, then the outcome. */
export type ThreadReply =
  | { readonly kind: "spans"; readonly spans: readonly Span[]; readonly heapLimitMb: number }
  | { readonly kind: "outcome"; readonly outcome: RunOutcome };

export interface ThreadOptions {
  /** The interpreter thread's heap (V8's old generation), in MB; absent: V8's default for the machine. */
  readonly maxHeapMb?: number;
}

/** Stack for the interpreter thread; each Capa call uses a few JS frames. */
const STACK_MB = 256;

/**
 * How long past its --timeout a run blocked outside the interpreter (a sleep, a Net or Python
 * call) is given before the thread is stopped; a running loop stops itself at the deadline.
 */
const WATCHDOG_GRACE_MS = 250;

/** An interpreter thread started ahead of time: it loads the runtime while the caller checks. */
export interface PreparedThread {
  run(request: ThreadRequest): Promise<RunOutcome>;
  /** Stops the thread unused (the program did not check). */
  cancel(): void;
}

export function prepareThread(options: ThreadOptions = {}): PreparedThread {
  const { Worker } = workerThreads();
  const worker: Worker = new Worker(new URL("./thread-entry.js", import.meta.url), {
    resourceLimits: { stackSizeMb: STACK_MB, ...(options.maxHeapMb === undefined ? {} : { maxOldGenerationSizeMb: options.maxHeapMb }) },
    stdout: false,
    stderr: false,
  });
  const position = newPositionBuffer();
  const pythonPid = new Int32Array(new SharedArrayBuffer(4));
  /** A run stopped from here must not leave its Python process running (it may be in a loop). */
  const stopPython = (): void => {
    const pid = Atomics.load(pythonPid, 0);
    if (pid <= 0) return;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  let spans: readonly Span[] = [];
  let workerHeapMb = options.maxHeapMb ?? 0;
  let settled = false;
  let settle: (o: RunOutcome) => void = () => {};
  const stoppedAt = (failure: Omit<RuntimeFailure, "span">): RunOutcome => {
    const at = Atomics.load(position, 0);
    return { exitCode: 1, failure: { ...failure, span: spans[at] ?? null }, mainError: null };
  };
  const outcome = new Promise<RunOutcome>((resolve, reject) => {
    settle = (o) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    worker.on("message", (m: ThreadReply) => {
      if (m.kind === "spans") {
        spans = m.spans;
        workerHeapMb = m.heapLimitMb;
      } else settle(m.outcome);
    });
    worker.once("error", (e: Error & { code?: string }) => {
      if (settled) return;
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
        stopPython();
        settle(stoppedAt({ code: R.outOfMemory.code, kind: "MemoryError", message: R.outOfMemory.message(workerHeapMb) }));
        return;
      }
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`interpreter thread stopped with code ${code}`));
      }
    });
  });
  outcome.catch(() => {}); // a cancelled thread's rejection is expected, not unhandled
  return {
    run(request) {
      const message: ThreadMessage = { ...request, position, pythonPid };
      worker.postMessage(message);
      const timeoutMs = request.limits.timeoutMs;
      if (timeoutMs !== undefined) {
        const watchdog = setTimeout(() => {
          settle(stoppedAt({ code: R.timeLimit.code, kind: "TimeoutError", message: R.timeLimit.message(timeoutMs / 1000) }));
          stopPython();
          void worker.terminate();
        }, timeoutMs + WATCHDOG_GRACE_MS);
        watchdog.unref();
        void outcome.finally(() => clearTimeout(watchdog)).catch(() => {});
      }
      return outcome;
    },
    cancel() {
      settled = true;
      void worker.terminate();
    },
  };
}

export function runOnThread(request: ThreadRequest, options: ThreadOptions = {}): Promise<RunOutcome> {
  return prepareThread(options).run(request);
}
