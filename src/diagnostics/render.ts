// The one place diagnostics become text: the human view (reference format, with the source
// line and a caret) and the JSON view. Must never be called with anything but data.

import type { Diagnostic, Problem, Span } from "./diagnostic.js";

export interface RenderOptions {
  /** Source text per file name, to show the offending line. Missing files show no excerpt. */
  readonly sources: ReadonlyMap<string, string>;
  readonly color: boolean;
}

const RED = "\x1b[31;1m";
const YELLOW = "\x1b[33;1m";
const CYAN = "\x1b[36m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** `file:line:col: <label>: message`, then ` NNNN | src` and a caret, then hint lines. */
export function renderLocated(
  label: string,
  span: Span,
  message: string,
  hints: readonly string[],
  options: RenderOptions,
): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const labelColor = label === "warning" ? YELLOW : label === "note" ? CYAN : RED;
  const lines = [
    `${paint(BOLD, `${span.file}:${span.line}:${span.col}:`)} ${paint(labelColor, `${label}:`)} ${message}`,
  ];
  const excerpt = sourceLine(options.sources.get(span.file), span.line);
  if (excerpt !== undefined) {
    const gutter = `${String(span.line).padStart(4)} | `;
    lines.push(`${gutter}${excerpt}`);
    const caretCol = Math.max(0, Math.min(span.col - 1, excerpt.length));
    // One caret at the start column, as the reference prints it (tools match on this shape).
    lines.push(" ".repeat(gutter.length + caretCol) + paint(labelColor, "^"));
  }
  for (const hint of hints) lines.push(`${paint(CYAN, "  = hint:")} ${hint}`);
  return lines.join("\n");
}

export function renderDiagnostic(d: Diagnostic, options: RenderOptions): string {
  return renderLocated(d.severity, d.span, d.message, d.hints, options);
}

export function renderDiagnostics(ds: readonly Diagnostic[], options: RenderOptions): string {
  return ds.map((d) => renderDiagnostic(d, options)).join("\n");
}

/** The JSON view: one array, one object per diagnostic, stable key order; the position fields
 * are null for a problem with no source position (a usage error, a panic). */
export function diagnosticsToJson(ds: readonly Problem[]): string {
  return JSON.stringify(
    ds.map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.span?.file ?? null,
      line: d.span?.line ?? null,
      col: d.span?.col ?? null,
      endLine: d.span?.endLine ?? null,
      endCol: d.span?.endCol ?? null,
      message: d.message,
      hints: d.hints,
    })),
    null,
    2,
  );
}

function sourceLine(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, "");
}
