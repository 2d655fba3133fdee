// Completion codes for statements and abrupt-completion signals for expressions; these replace
// JS exceptions for return / break / continue / `?` so control flow never throws.
import type { Value } from "../values.js";

/** A frame: slot 0 holds a pending return value, parameters start at slot 1. */
export type Frame = Value[];

/**
 * A new frame of `size` slots. Writing slot 0 moves the array from V8's SMI elements kind to the
 * generic one at birth (and the allocation site learns to start there), so no frame changes
 * elements kind later when an Int, a Float or a struct lands in it, and each compiled slot read
 * sees one array shape (mixed kinds made the reads polymorphic: 40% of a sort's comparator).
 */
export function newFrame(size: number): Frame {
  const f: Frame = new Array(size);
  f[0] = undefined;
  return f;
}

export type StmtFn = (f: Frame) => number;
export type ExprFn = (f: Frame) => Value;

/** Statement completions. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

/** An expression that completes abruptly (a `?` on Err/None, or a block arm running `return`,
 * `break`, `continue`) yields one of these instead of a value; the return value is in frame[0]. */
export class Signal {
  constructor(readonly code: number) {}
}

export const SIG_BREAK = new Signal(BREAK);
export const SIG_CONTINUE = new Signal(CONTINUE);
export const SIG_RETURN = new Signal(RETURN);

export function isSignal(v: Value): v is Signal {
  return v === SIG_RETURN || v === SIG_BREAK || v === SIG_CONTINUE;
}

/** The signal for a non-normal statement completion. */
export function signalFor(code: number): Signal {
  return code === RETURN ? SIG_RETURN : code === BREAK ? SIG_BREAK : SIG_CONTINUE;
}
