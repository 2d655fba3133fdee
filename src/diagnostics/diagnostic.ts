// Diagnostics as data. Every stage reports problems as `Diagnostic` values built from a
// catalogue entry (see `catalogue.ts`); nothing here prints. Rendering lives in `render.ts`.

/** A source region. Lines and columns are 1-based; `endCol` is exclusive. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** `note`: information that does not fail a check (for instance what `--run` will refuse). */
export type Severity = "error" | "warning" | "note";

export interface Diagnostic {
  /** Stable code from the catalogue, e.g. "E1001". */
  readonly code: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  /** Extra lines that teach: what to write instead, where a value came from, etc. */
  readonly hints: readonly string[];
}

/** A diagnostic that may have no source position: usage and I/O errors, some run-time failures.
 * Every `Diagnostic` is one. */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly span: Span | null;
  readonly message: string;
  readonly hints: readonly string[];
}

/**
 * One catalogue entry: a stable code, a one-line summary for `spec/diagnostics.md`, and the
 * function that words the message from its arguments. Message text lives only in catalogues.
 */
export interface DiagnosticSpec<Args extends unknown[] = any[]> {
  readonly code: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly message: (...args: Args) => string;
}

export function spec<Args extends unknown[]>(
  code: string,
  summary: string,
  message: (...args: Args) => string,
  severity: Severity = "error",
): DiagnosticSpec<Args> {
  return { code, severity, summary, message };
}

export function makeDiagnostic<Args extends unknown[]>(
  entry: DiagnosticSpec<Args>,
  span: Span,
  args: Args,
  hints: readonly string[] = [],
): Diagnostic {
  return { code: entry.code, severity: entry.severity, span, message: entry.message(...args), hints };
}

export function makeProblem<Args extends unknown[]>(entry: DiagnosticSpec<Args>, args: Args, span: Span | null = null): Problem {
  return { code: entry.code, severity: entry.severity, span, message: entry.message(...args), hints: [] };
}

/** Collects diagnostics for one run; each stage gets a sink instead of throwing. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];

  report<Args extends unknown[]>(
    entry: DiagnosticSpec<Args>,
    span: Span,
    args: Args,
    hints: readonly string[] = [],
  ): Diagnostic {
    const d = makeDiagnostic(entry, span, args, hints);
    this.items.push(d);
    return d;
  }

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  get size(): number {
    return this.items.length;
  }

  /** All diagnostics sorted by position (file, line, column), duplicates removed. */
  sorted(): Diagnostic[] {
    return sortDiagnostics(this.items);
  }

  /** See `sortDiagnosticsByLine`. */
  sortedByLine(): Diagnostic[] {
    return sortDiagnosticsByLine(this.items);
  }
}

/** By file, line and column, duplicates dropped. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return unique(ds).sort((a, b) => byLine(a, b) || a.span.col - b.span.col);
}

/** By file and line, keeping the order they were found in within a line (the checker's: operands
 * before the operator that joins them, as the reference reports them); duplicates dropped. */
export function sortDiagnosticsByLine(ds: readonly Diagnostic[]): Diagnostic[] {
  return unique(ds).sort(byLine);
}

function byLine(a: Diagnostic, b: Diagnostic): number {
  return (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) || a.span.line - b.span.line;
}

function unique(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of ds) {
    const key = `${d.span.file}:${d.span.line}:${d.span.col}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  return unique;
}

export function spanBetween(start: Span, end: Span): Span {
  return { file: start.file, line: start.line, col: start.col, endLine: end.endLine, endCol: end.endCol };
}

export function pointSpan(file: string, line: number, col: number): Span {
  return { file, line, col, endLine: line, endCol: col + 1 };
}
