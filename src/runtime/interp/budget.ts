// The run's resource budget: steps (`--max-steps`), wall-clock time (`--timeout`) and heap.
// Every statement and every lambda call is one step and records its position; every
// CHECK_INTERVAL steps the budget looks at the clock and the heap, so a runaway loop ends as a
// Capa run-time error at the statement that was running, not as a killed process.
// Per-run state only (one Budget per run, never module-global).

import { getHeapStatistics, type HeapInfo } from "node:v8";
import type { Span } from "../../diagnostics/diagnostic.js";
import { abort, withSpan } from "../errors.js";
import { R } from "../messages.js";

export interface RunLimits {
  /** Most steps (statements executed plus lambda calls) before the run stops; absent: no limit. */
  readonly maxSteps?: number;
  /** Wall-clock milliseconds the run may take; absent: no limit. */
  readonly timeoutMs?: number;
}

/** Steps between looks at the clock and the heap: rare enough to cost nothing measurable. */
const CHECK_INTERVAL = 1024;

/** Share of V8's heap limit past which the run stops with a MemoryError instead of being killed. */
export const HEAP_USE_LIMIT = 0.75;

/** Length (code units of a string, elements of a list) from which a value a built-in returns
 * counts as a large allocation (see `Budget.made`). */
export const LARGE_VALUE = 1 << 16;

/** Share of V8's heap limit that large values may add up to (in bytes, at 8 a list element and 2
 * a code unit) before the heap is looked at again without waiting for the next checkpoint. */
const LOOK_AFTER_SHARE = 0.01;

/**
 * Where the run is, shared with the thread that started it: slot 0 holds the index (in `spans`)
 * of the statement or lambda running now, so a run killed from outside (out of heap, a blocking
 * call past its deadline) is still reported at a position.
 */
/** V8's heap limit for this thread, in MB, as the out-of-memory message states it. */
export function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / (1024 * 1024));
}

export class PositionCell {
  readonly spans: Span[] = [];
  constructor(
    readonly cell: Int32Array = newPositionBuffer(),
    /** Told every position once the program is compiled, before it runs. */
    private readonly onCompiled: (spans: readonly Span[]) => void = () => {},
  ) {}

  compiled(): void {
    this.onCompiled(this.spans);
  }

  register(span: Span): number {
    this.spans.push(span);
    return this.spans.length - 1;
  }

  current(): Span | null {
    const i = Atomics.load(this.cell, 0);
    return i >= 0 ? (this.spans[i] ?? null) : null;
  }
}

/** The shared slot a PositionCell writes; -1 until the first step. */
export function newPositionBuffer(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4)).fill(-1);
}

export class Budget {
  steps = 0;
  /** The step count at which `checkpoint` runs next. */
  nextCheck = CHECK_INTERVAL;
  private readonly maxSteps: number;
  private readonly deadline: number;
  private readonly heapLimit: number;
  private readonly timeoutSeconds: number;
  private madeSinceLook = 0;
  private readonly lookAfter: number;

  constructor(
    limits: RunLimits,
    readonly position: PositionCell,
    private readonly now: () => number = Date.now,
    /** V8's heap figures (a stand-in in tests). */
    private readonly heap: () => Pick<HeapInfo, "used_heap_size" | "heap_size_limit"> = getHeapStatistics,
  ) {
    this.maxSteps = limits.maxSteps ?? Infinity;
    this.deadline = limits.timeoutMs === undefined ? Infinity : now() + limits.timeoutMs;
    const heapSizeLimit = heap().heap_size_limit;
    this.heapLimit = heapSizeLimit * HEAP_USE_LIMIT;
    this.lookAfter = heapSizeLimit * LOOK_AFTER_SHARE;
    this.nextCheck = Math.min(CHECK_INTERVAL, this.maxSteps + 1);
    this.timeoutSeconds = limits.timeoutMs === undefined ? 0 : limits.timeoutMs / 1000;
  }

  /** Runs when `steps` reaches `nextCheck`; throws the abort that ends the run when a limit is passed. */
  checkpoint(span: Span): void {
    if (this.steps > this.maxSteps) throw withSpan(abort("TimeoutError", R.stepLimit, this.maxSteps), span);
    if (this.now() > this.deadline) throw withSpan(abort("TimeoutError", R.timeLimit, this.timeoutSeconds), span);
    this.lookAtHeap(span);
    this.nextCheck = Math.min(this.steps + CHECK_INTERVAL, this.maxSteps + 1);
  }

  /**
   * Told the size of each large value a built-in made. A program making one per step could fill
   * the heap between two checkpoints, faster than the step count notices; on the main thread, where
   * nothing outside the run would catch V8 running out of heap (runtime/runner.ts), that would end
   * the process instead of the run. So many large values soon make the budget look at the heap.
   */
  made(bytes: number): void {
    this.madeSinceLook += bytes;
    if (this.madeSinceLook >= this.lookAfter) this.lookAtHeap(null);
  }

  private lookAtHeap(span: Span | null): void {
    this.madeSinceLook = 0;
    if (this.heap().used_heap_size <= this.heapLimit) return;
    const error = abort("MemoryError", R.outOfMemory, heapLimitMb());
    throw span === null ? error : withSpan(error, span);
  }

  /** `v`, having told the budget its size when it is a large string or list. */
  sized<V>(v: V): V {
    if (typeof v === "string") {
      if (v.length >= LARGE_VALUE) this.made(v.length * 2);
    } else if (Array.isArray(v) && v.length >= LARGE_VALUE) this.made(v.length * 8);
    return v;
  }
}
