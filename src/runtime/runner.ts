// Where `capa --run` executes the interpreter. The main thread starts fastest: no second
// JavaScript environment to boot, and the start-up snapshot already holds the loaded runtime.
// It is used only where that is safe:
//  - bin/capa gave the main thread a stack deep enough for the interpreter's recursion limit
//    (V8's --stack-size, after raising the OS limit for the process's stack to match); and
//  - the run needs nothing that only a second thread gives: a watchdog that stops a run blocked
//    past its --timeout (in a sleep, a Net or a Python call), or a heap of its own
//    (CAPA_MAX_HEAP_MB) whose exhaustion ends as a MemoryError instead of ending the process; and
//  - V8's heap is large enough that the budget's margin holds the largest single value.
// Otherwise the run goes to the worker thread of thread.ts. Either way the heap is watched by the
// run's budget (interp/budget.ts), which stops a growing program well before V8's limit.

import { PositionCell, type RunLimits } from "./index.js";
import { runAgainstProcess } from "./process-run.js";
import { prepareThread, type PreparedThread, type ThreadOptions } from "./thread.js";

/** JavaScript stack (KiB) the main thread needs for 10,000 Capa calls with room to spare
 * (a simple recursive function uses under 1 KiB a call). bin/capa gives 56 MiB. */
export const MAIN_THREAD_STACK_KIB = 48 * 1024;

/**
 * Smallest V8 heap limit (MiB) for a run on the main thread. The budget stops a run at 75% of the
 * heap, and the largest value one built-in makes in one go (a list of 2^26 elements, a string of
 * 2^29 characters) stays under 1 GiB: with at least 4 GiB the last quarter always has room for
 * it. A smaller heap (a small container, CAPA_MAX_HEAP_MB) runs on the worker thread, where V8
 * running out of heap still ends as a MemoryError.
 */
export const MAIN_THREAD_MIN_HEAP_MIB = 4096;

export interface RunnerChoice {
  /** Node's own flags for this process (`process.execArgv`): bin/capa's `--stack-size` is one. */
  readonly execArgv: readonly string[];
  readonly limits: RunLimits;
  readonly thread: ThreadOptions;
  /** V8's heap limit for this thread, in MiB. */
  readonly heapLimitMib: number;
}

export function runsOnMainThread(choice: RunnerChoice): boolean {
  if (choice.limits.timeoutMs !== undefined || choice.thread.maxHeapMb !== undefined) return false;
  return choice.heapLimitMib >= MAIN_THREAD_MIN_HEAP_MIB && stackKib(choice.execArgv) >= MAIN_THREAD_STACK_KIB;
}

/** The V8 stack size this process was started with (KiB), or V8's default (under 1 MiB). */
function stackKib(execArgv: readonly string[]): number {
  let kib = 984;
  for (const flag of execArgv) {
    const m = /^--stack[-_]size=(\d+)$/.exec(flag);
    if (m !== null) kib = Number(m[1]);
  }
  return kib;
}

/** A runner for one `--run`: the worker thread (started now, so its start-up overlaps the
 * check) or this thread. */
export function prepareRunner(choice: RunnerChoice): PreparedThread {
  if (!runsOnMainThread(choice)) return prepareThread(choice.thread);
  return {
    run: (request) => Promise.resolve(runAgainstProcess(request, new PositionCell())),
    cancel: () => {},
  };
}
