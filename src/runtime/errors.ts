// Run-time failures as data (`RuntimeFailure`) and the one JS exception that carries them to the
// top of the run; never thrown for control flow (return/break/continue/`?` use completion signals).
import type { DiagnosticSpec, Span } from "../diagnostics/diagnostic.js";
import type { AbortKind } from "./messages.js";

/** What ended a run abnormally. `kind` is `panic` for panic/unwrap/expect (printed as `panic: msg`). */
export interface RuntimeFailure {
  readonly code: string;
  readonly kind: AbortKind | "panic";
  readonly message: string;
  /** Innermost source position known for the failure, null when none applies (e.g. no main). */
  readonly span: Span | null;
}

/** The JS exception that unwinds the interpreter on an abort; its payload is plain data. */
export class CapaAbort extends Error {
  span: Span | null;
  constructor(
    readonly code: string,
    readonly kind: AbortKind | "panic",
    readonly capaMessage: string,
    span: Span | null = null,
  ) {
    super(capaMessage);
    this.span = span;
  }

  toFailure(): RuntimeFailure {
    return { code: this.code, kind: this.kind, message: this.capaMessage, span: this.span };
  }
}

export function abort<Args extends unknown[]>(
  kind: AbortKind,
  entry: DiagnosticSpec<Args>,
  ...args: Args
): CapaAbort {
  return new CapaAbort(entry.code, kind, entry.message(...args));
}

export function panicAbort(message: string): CapaAbort {
  return new CapaAbort("R7000", "panic", message);
}

/** Attaches a position to an abort raised where none was known (e.g. inside a stdlib method). */
export function withSpan(e: unknown, span: Span): unknown {
  if (e instanceof CapaAbort && e.span === null) e.span = span;
  return e;
}
