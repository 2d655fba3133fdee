// The formatter stage: source text → the same program in the canonical style (spec/style.md).
// It prints the AST rather than re-indenting lines, and puts every comment back where it was.
// A program with a syntax error is never rewritten; the output is re-parsed and compared with
// the input (same AST, spans aside; same comments in the same order) before it is handed out.

import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { commentsOf, parseSource, type Program } from "../syntax/index.js";
import { CommentQueue } from "./comments.js";
import { SourceLines, type Ctx } from "./context.js";
import { render } from "./doc.js";
import { printProgram } from "./items.js";
import { FormatMessages as M } from "./messages.js";
import { sameProgram } from "./equivalence.js";

/** Columns a line may take before a bracketed list is broken, and spaces per indentation level. */
export const LINE_WIDTH = 100;
export const INDENT_WIDTH = 4;

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function formatSource(source: string, file: string): FormatResult {
  const parsed = parseSource(source, file);
  if (parsed.diagnostics.some((d) => d.severity === "error")) return { ok: false, diagnostics: parsed.diagnostics };
  const text = printCanonical(parsed.program, source, file);
  const problem = differenceFrom(parsed.program, source, text, file);
  if (problem !== null) {
    const at = { file, line: 1, col: 1, endLine: 1, endCol: 1 };
    return { ok: false, diagnostics: [makeDiagnostic(M.unsafe, at, [problem])] };
  }
  return { ok: true, text, changed: text !== source };
}

function printCanonical(program: Program, source: string, file: string): string {
  const lines = new SourceLines(source);
  const ctx: Ctx = { source: lines, comments: new CommentQueue(commentsOf(source, file), lines) };
  const text = render(printProgram(ctx, program), LINE_WIDTH, INDENT_WIDTH);
  const trimmed = text.replace(/^\n+/, "").trimEnd();
  return trimmed === "" ? "" : trimmed + "\n";
}

/** What makes `output` another program than `source`, or null when it is the same one. */
export function differenceFrom(program: Program, source: string, output: string, file: string): string | null {
  const reparsed = parseSource(output, file);
  const error = reparsed.diagnostics.find((d) => d.severity === "error");
  if (error !== undefined) return `the output does not parse at ${error.span.line}:${error.span.col}: ${error.message}`;
  if (!sameProgram(program, reparsed.program)) return "the output parses to another program";
  const before = commentsOf(source, file);
  const after = commentsOf(output, file).map((c) => c.text.trimEnd());
  const moved = before.findIndex((c, i) => c.text.trimEnd() !== after[i]);
  if (moved >= 0) return `the comment at ${before[moved]!.line}:${before[moved]!.col} was lost or moved out of order`;
  if (after.length !== before.length) return "a comment was added";
  return null;
}
