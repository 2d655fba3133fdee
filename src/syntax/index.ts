// The syntax stage's entry points: source text → tokens → AST, with diagnostics as data.

import { DiagnosticBag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SyntaxMessages as M } from "./messages.js";
import type { Program } from "./ast.js";
import { lexRaw } from "./lexer.js";
import { layout } from "./layout.js";
import { kindName, parseTokens } from "./parser.js";

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
  const tokens = layout(raw, text, file, lexBag);
  const parseBag = new DiagnosticBag();
  const program = parseTokens(tokens, file, parseBag, text);
  // A broken token (unterminated string or comment, stray character, bad indentation) derails
  // everything after it: like the reference, only the first lexical error is reported then.
  const lexical = firstLexicalError(lexBag.sorted());
  if (lexical !== null) return { program, diagnostics: [lexical] };
  return { program, diagnostics: parseBag.sorted() };
}

/** The error the reference's single left-to-right lexer would stop at: the first by position,
 * except that an unclosed bracket is only noticed at the end of the file. */
function firstLexicalError(ds: readonly Diagnostic[]): Diagnostic | null {
  return ds.find((d) => d.code !== M.unclosedOpener.code) ?? ds[0] ?? null;
}

/** The laid-out token stream (NEWLINE/INDENT/DEDENT included), for `capa --tokens`. */
export function lexSource(text: string, file: string): { tokens: TokenView[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const tokens = layout(lexRaw(text, file, bag), text, file, bag).map((t) => ({
    type: kindName(t),
    text: t.image,
    line: t.startLine ?? 1,
    col: t.startColumn ?? 1,
  }));
  return { tokens, diagnostics: bag.sorted() };
}

