// The syntax stage's entry points: source text → tokens → AST, with diagnostics as data.

import { DiagnosticBag, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SyntaxMessages as M } from "./messages.js";
import type { Program } from "./ast.js";
import { lexRaw } from "./lexer.js";
import { layout } from "./layout.js";
import { describe, parseTokens } from "./parser.js";

export type { Program } from "./ast.js";

export interface ParseResult {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
}

export interface TokenView {
  readonly type: string;
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

/** Parses one file. Never throws on user input; on errors the Program is best-effort. */
export function parseSource(text: string, file: string): ParseResult {
  const lexBag = new DiagnosticBag();
  const raw = lexRaw(text, file, lexBag);
  const layoutBag = new DiagnosticBag();
  const tokens = layout(raw, text, file, layoutBag);
  const parseBag = new DiagnosticBag();
  const program = parseTokens(tokens, file, parseBag, text);
  // A broken token (unterminated string or comment, stray character) derails everything after
  // it, so only the lexer's own errors are reported then, as the reference does.
  if (lexBag.hasErrors) return { program, diagnostics: lexBag.sorted() };
  const lexical = layoutBag.sorted();
  return { program, diagnostics: sortDiagnostics([...lexical, ...withoutCascades(lexical, parseBag.sorted())]) };
}

/** The laid-out token stream (NEWLINE/INDENT/DEDENT included), for `capa --tokens`. */
export function lexSource(text: string, file: string): { tokens: TokenView[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const tokens = layout(lexRaw(text, file, bag), text, file, bag).map((t) => ({
    type: describe(t).split(" ")[0]!,
    text: t.image,
    line: t.startLine ?? 1,
    col: t.startColumn ?? 1,
  }));
  return { tokens, diagnostics: bag.sorted() };
}

/** An unclosed bracket swallows the rest of the file's layout: syntax errors after it are
 * consequences, not news, so they are dropped. */
function withoutCascades(lexical: readonly Diagnostic[], syntax: Diagnostic[]): Diagnostic[] {
  const unclosed = lexical.filter((d) => d.code === M.unclosedOpener.code);
  if (unclosed.length === 0) return syntax;
  const first = unclosed[0]!.span;
  return syntax.filter((d) => d.span.line < first.line || (d.span.line === first.line && d.span.col < first.col));
}
