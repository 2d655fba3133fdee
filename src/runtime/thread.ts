// Runs a program on a worker thread whose stack is large enough for the interpreter's own
// recursion limit (10,000 Capa calls); Node's default main-thread stack gives out near 1,500.
// The worker receives the checked AST (a structured clone costs far less than building a second
// chevrotain parser in the worker) and uses the real process streams, so output ordering and
// flushing are the same as on the main thread.

import { Worker } from "node:worker_threads";
import type { Program } from "../syntax/ast.js";
import type { RunOutcome } from "./index.js";

export interface ThreadRequest {
  readonly args: string[];
  /** The program as it was checked (every module merged into it). */
  readonly program: Program;
  /** Record the capability operations the run executes (`--observe-authority`). */
  readonly observeAuthority?: boolean;
}

/** Stack for the interpreter thread; each Capa call uses a few JS frames. */
const STACK_MB = 256;

/** An interpreter thread started ahead of time: it loads the runtime while the caller checks. */
export interface PreparedThread {
  run(request: ThreadRequest): Promise<RunOutcome>;
  /** Stops the thread unused (the program did not check). */
  cancel(): void;
}

export function prepareThread(): PreparedThread {
  const worker = new Worker(new URL("./thread-entry.js", import.meta.url), {
    resourceLimits: { stackSizeMb: STACK_MB },
    stdout: false,
    stderr: false,
  });
  let settled = false;
  const outcome = new Promise<RunOutcome>((resolve, reject) => {
    worker.once("message", (o: RunOutcome) => {
      settled = true;
      resolve(o);
    });
    worker.once("error", (e) => {
      if (!settled) reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`interpreter thread stopped with code ${code}`));
    });
  });
  outcome.catch(() => {}); // a cancelled thread's rejection is expected, not unhandled
  return {
    run(request) {
      worker.postMessage(request);
      return outcome;
    },
    cancel() {
      settled = true;
      void worker.terminate();
    },
  };
}

export function runOnThread(request: ThreadRequest): Promise<RunOutcome> {
  return prepareThread().run(request);
}
