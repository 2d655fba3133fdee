// The syntax stage's entry points: source text → tokens → AST, with diagnostics as data.

import { DiagnosticBag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SyntaxMessages as M } from "./messages.js";
import type { Program } from "./ast.js";
import { lexRaw, scanSplice } from "./lexer.js";
import { unescapeSplice } from "./splices.js";
import { docText, layout } from "./layout.js";
import { parseTokens } from "./parser.js";
import { kindName } from "./token-names.js";
import { decodeChar, decodeEscape, decodeFloat, decodeInt } from "./literals.js";
import type { LaidToken } from "./layout.js";
import * as T from "./tokens.js";

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
  /** The decoded value of a literal (escapes applied; `${...}` splices kept as written). */
  readonly value?: TokenValue;
}

export type TokenValue = { readonly kind: "int"; readonly value: bigint } | { readonly kind: "float"; readonly value: number } | { readonly kind: "text"; readonly value: string };

/** Parses one file. Never throws on user input; on errors the Program is best-effort. */
export function parseSource(text: string, file: string): ParseResult {
  const lexBag = new DiagnosticBag();
  // The raw tokens are not held in a local: they can be collected while the parse runs.
  const parseBag = new DiagnosticBag();
  const program = parseTokens(layout(lexRaw(text, file, lexBag), text, file, lexBag), file, parseBag, text);
  // A broken token (unterminated string or comment, stray character, bad indentation) derails
  // everything after it: like the reference, only the first lexical error is reported then.
  const lexical = firstLexicalError(lexBag.sorted());
  if (lexical !== null) return { program, diagnostics: [lexical] };
  // Recovery goes on to build the rest of the program, but what it reports after the first syntax
  // error is often a cascade of that one (or a repeat of the same mistake): like the reference,
  // only the first is reported.
  const first = parseBag.sorted()[0];
  return { program, diagnostics: first === undefined ? [] : [first] };
}

/** The error the reference's single left-to-right lexer would stop at: the first by position,
 * except that an unclosed bracket is only noticed at the end of the file. */
function firstLexicalError(ds: readonly Diagnostic[]): Diagnostic | null {
  return ds.find((d) => d.code !== M.unclosedOpener.code) ?? ds[0] ?? null;
}

/** The laid-out token stream (NEWLINE/INDENT/DEDENT included), for `capa --tokens`. */
export function lexSource(text: string, file: string): { tokens: TokenView[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const tokens = layout(lexRaw(text, file, bag), text, file, bag, true).map((t): TokenView => {
    const view = { type: kindName(t), text: t.image, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
    const value = literalValue(t, file);
    return value === undefined ? view : { ...view, value };
  });
  // As the reference lists them: a DEDENT at column 1 of the line it ends on (the line after the
  // file for the closing ones), then an EOF token there.
  const eofLine = text.split("\n").length;
  let closing = tokens.length;
  while (closing > 0 && tokens[closing - 1]!.type === "DEDENT") closing--;
  tokens.forEach((t, i) => {
    if (t.type === "DEDENT") tokens[i] = { ...t, line: i >= closing ? eofLine : t.line, col: 1 };
  });
  tokens.push({ type: "EOF", text: "", line: eofLine, col: 1 });
  return { tokens, diagnostics: bag.sorted() };
}

/** A literal token's value for the token listing (diagnostics were already reported by the lexer). */
function literalValue(t: LaidToken, file: string): TokenValue | undefined {
  const pos = { file, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
  const quiet = new DiagnosticBag();
  switch (t.tokenType) {
    case T.IntLiteral:
      return { kind: "int", value: decodeInt(t.image, pos, quiet) };
    case T.FloatLiteral:
      return { kind: "float", value: decodeFloat(t.image, pos, quiet) };
    case T.CharLiteral:
      return { kind: "text", value: decodeChar(t.image, pos, quiet) };
    case T.DocComment:
      return { kind: "text", value: docText(t.image) };
    case T.StringLiteral:
    case T.RawStringLiteral: {
      // Escapes applied, `$$` left as written, a `${...}` splice as the parser will read it (the
      // outer string's escapes applied, strings nested in it as written).
      const raw = t.tokenType === T.RawStringLiteral;
      const open = raw ? 2 : 1;
      const end = t.image.endsWith('"') && t.image.length > open ? t.image.length - 1 : t.image.length;
      let out = "";
      for (let i = open; i < end; ) {
        const close = t.image.startsWith("${", i) ? scanSplice(t.image, i + 2) : -1;
        if (close >= 0) {
          out += "${" + unescapeSplice(t.image.slice(i + 2, close)) + "}";
          i = close + 1;
        } else if (!raw && t.image[i] === "\\") {
          const r = decodeEscape(t.image, i, pos, quiet);
          out += r.value;
          i = r.next;
        } else out += t.image[i++];
      }
      return { kind: "text", value: out };
    }
    default:
      return undefined;
  }
}

/** A comment as written, with its span: the formatter keeps every one in place. */
export interface SourceComment {
  readonly text: string;
  /** `line`: `//` to the end of the line; `block`: `/* ... *\/` (may span lines). */
  readonly form: "line" | "block";
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Every comment and doc comment of `text`, in source order. A separate lexing pass, so the
 * normal parse path pays nothing for it; lexical errors are the parser's to report. */
export function commentsOf(text: string, file: string): SourceComment[] {
  const out: SourceComment[] = [];
  for (const t of lexRaw(text, file, new DiagnosticBag())) {
    if (t.kind !== "comment" && t.kind !== "doc") continue;
    const lines = t.image.split(/\r\n|\r|\n/);
    const endLine = t.line + lines.length - 1;
    const endCol = lines.length === 1 ? t.col + [...t.image].length : [...lines[lines.length - 1]!].length + 1;
    out.push({ text: t.image, form: t.image.startsWith("/*") ? "block" : "line", line: t.line, col: t.col, endLine, endCol });
  }
  return out;
}
