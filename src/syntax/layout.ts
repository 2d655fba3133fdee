// The offside rule: turns raw tokens into the parser's token stream with NEWLINE, INDENT and
// DEDENT. Blank and comment-only lines are ignored, newlines inside brackets are whitespace,
// a line starting with `.` continues the previous one. The indent stack is local to one call.

import type { IToken, TokenType } from "./chevrotain.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { RawToken } from "./lexer.js";
import { SyntaxMessages as M } from "./messages.js";
import * as T from "./tokens.js";

/** A parser token; `doc` carries the doc comments written just before it. */
export type LaidToken = IToken & { doc?: string | undefined; payload?: unknown };

/** Closing bracket token type → the opener it closes. */
const CLOSERS: ReadonlyMap<TokenType, string> = new Map([
  [T.RParen, "("],
  [T.RBracket, "["],
  [T.RBrace, "{"],
]);

/**
 * Every parser token is built here, as one object literal: one hidden class for the whole stream,
 * so chevrotain's token reads stay monomorphic. `tokenType` comes first so V8 does not share the
 * class of chevrotain's own `createTokenInstance` literals, whose positions are doubles (its
 * recording-phase and EOF tokens carry NaN) and would be boxed, six heap numbers per token.
 */
export function laidToken(type: TokenType, image: string, offset: number, line: number, col: number, columns: number): LaidToken {
  const last = Math.max(0, columns - 1);
  return {
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx!,
    image,
    startOffset: offset,
    endOffset: offset + last,
    startLine: line,
    endLine: line,
    startColumn: col,
    endColumn: col + last,
    doc: undefined,
    payload: undefined,
  };
}

function make(type: TokenType, image: string, offset: number, line: number, col: number): LaidToken {
  return laidToken(type, image, offset, line, col, image.length);
}

/** Length in code points: columns count characters as the reference does, not UTF-16 units. */
function codePointLength(image: string): number {
  return /[\uD800-\uDBFF]/.test(image) ? [...image].length : image.length;
}

/** The parser token of a raw token (its end counted in code points). */
function fromRaw(t: RawToken): LaidToken {
  return laidToken(t.type, t.image, t.offset, t.line, t.col, codePointLength(t.image));
}

/** `docTokens`: doc comments stay in the stream as DOC_COMMENT tokens on their own lines (the
 * reference's token listing) instead of being attached to the token they document (the parser's
 * stream). */
export function layout(raw: readonly RawToken[], text: string, file: string, bag: DiagnosticBag, docTokens = false): LaidToken[] {
  const out: LaidToken[] = [];
  const indents = [0];
  const brackets: { ch: string; line: number; col: number }[] = [];
  let lineStart = true;
  let pendingDocs: string[] = [];
  let last: RawToken | undefined;
  /** The physical line break that ended the line of `last`: where its NEWLINE stands (after any
   * trailing spaces or comment, as the reference places it). */
  let lineBreak: RawToken | undefined;

  const newlineToken = () => (lineBreak !== undefined ? make(T.Newline, "\n", lineBreak.offset, lineBreak.line, lineBreak.col) : synth(T.Newline, last, true));
  const synth = (type: TokenType, at: RawToken | undefined, atEnd: boolean) => {
    if (at === undefined) return make(type, "", 0, 1, 1);
    const col = atEnd ? at.col + codePointLength(at.image) : at.col;
    return make(type, type === T.Newline ? "\n" : "", atEnd ? at.endOffset : at.offset, at.line, col);
  };

  checkTabs(text, 0, 1, file, bag);
  for (const t of raw) {
    if (t.kind === "comment") continue;
    // A doc comment on a line of its own documents what follows; one after code on its line is a
    // DOC_COMMENT token where the grammar has no place for it, so its errors name it, as the
    // reference's do ("expected newline after let binding", "got DOC_COMMENT").
    if (t.kind === "doc" && !docTokens && lineStart && brackets.length === 0) {
      pendingDocs.push(docText(t.image));
      continue;
    }
    if (t.kind === "newline") {
      if (brackets.length === 0) {
        lineBreak ??= t;
        lineStart = true;
        checkTabs(text, t.endOffset, t.line + 1, file, bag);
      }
      continue;
    }
    if (lineStart && brackets.length === 0) {
      lineStart = false;
      const isChain = t.type === T.Dot && out.length > 0;
      if (!isChain) {
        if (out.length > 0 && out[out.length - 1]!.tokenType !== T.Newline) out.push(newlineToken());
        const width = t.col - 1;
        const top = indents[indents.length - 1]!;
        if (width > top) {
          indents.push(width);
          const indent = make(T.Indent, "", t.offset - width, t.line, 1);
          indent.image = " ".repeat(width); // the reference's INDENT carries its spaces
          out.push(indent);
        } else if (width < top) {
          while (indents.length > 1 && width < indents[indents.length - 1]!) {
            indents.pop();
            out.push(synth(T.Dedent, t, false));
          }
          if (width !== indents[indents.length - 1]) {
            bag.report(M.inconsistentIndent, { file, line: t.line, col: 1, endLine: t.line, endCol: 2 }, []);
            indents.push(width);
          }
        }
      }
    }
    // A character that starts no token (already reported) starts its line like a token, so
    // that a wrong indentation before it is reported first, as the reference does.
    if (t.kind === "error") continue;
    trackBrackets(t, brackets, file, bag);
    const tok = fromRaw(t);
    if (t.payload !== undefined) tok.payload = t.payload;
    if (pendingDocs.length > 0) {
      tok.doc = pendingDocs.join("\n");
      pendingDocs = [];
    }
    out.push(tok);
    last = t;
    lineBreak = undefined;
  }
  if (pendingDocs.length > 0) {
    // A doc comment at the end of the file documents nothing: the reference then expects a
    // declaration where the file ends.
    const lines = text.split(/\r\n|\r|\n/);
    const line = lines.length;
    const col = lines[lines.length - 1]!.length + 1;
    bag.report(M.expectedDeclaration, { file, line, col, endLine: line, endCol: col + 1 }, ["EOF", ""]);
  }
  // Like the reference, the innermost bracket still open is the one reported.
  const open = brackets[brackets.length - 1];
  if (open !== undefined) {
    bag.report(M.unclosedOpener, { file, line: open.line, col: open.col, endLine: open.line, endCol: open.col + 1 }, [open.ch, open.line, open.col]);
  }
  if (out.length > 0 && out[out.length - 1]!.tokenType !== T.Newline) {
    const nl = newlineToken();
    // The NEWLINE closing a file that lacks its final line break has no text (the reference
    // prints it as `got NEWLINE`, not `got NEWLINE '\n'`).
    if (lineBreak === undefined) nl.image = "";
    out.push(nl);
  }
  while (indents.length > 1) {
    indents.pop();
    out.push(synth(T.Dedent, last, true));
  }
  return out;
}

function trackBrackets(
  t: RawToken,
  stack: { ch: string; line: number; col: number }[],
  file: string,
  bag: DiagnosticBag,
): void {
  const type = t.type;
  if (type === T.LParen || type === T.LBracket || type === T.LBrace) {
    stack.push({ ch: t.image, line: t.line, col: t.col });
    return;
  }
  const opener = CLOSERS.get(type);
  if (opener === undefined) return;
  const top = stack[stack.length - 1];
  if (top === undefined) {
    bag.report(M.unmatchedCloser, spanOf(file, t), [t.image]);
    return;
  }
  if (top.ch !== opener) {
    bag.report(M.mismatchedCloser, spanOf(file, t), [top.ch, t.image]);
  }
  stack.pop();
}

/** A tab among the leading spaces of a line (blank and comment lines included) is an error
 * at the tab's own column, as in the reference. */
function checkTabs(text: string, offset: number, line: number, file: string, bag: DiagnosticBag): void {
  let i = offset;
  while (text[i] === " ") i++;
  if (text[i] !== "\t") return;
  // A line continuing a method chain (`.m()`) has no indentation of its own: the reference
  // skips its leading blanks, tabs included.
  let j = i;
  while (text[j] === " " || text[j] === "\t") j++;
  if (text[j] === "." && text[j + 1] !== ".") return;
  const col = i - offset + 1;
  bag.report(M.tabIndent, { file, line, col, endLine: line, endCol: col + 1 }, []);
}

/** `/// text` → `text`; `/** ... *\/` → its lines without the `*` margins. */
export function docText(image: string): string {
  if (image.startsWith("///")) return image.slice(3).replace(/^ /, "");
  const body = image.slice(3, image.endsWith("*/") ? -2 : undefined);
  return body
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\* ?/, "").trimEnd())
    .join("\n")
    .trim();
}

export function spanOf(file: string, t: { line: number; col: number; image: string }) {
  return { file, line: t.line, col: t.col, endLine: t.line, endCol: t.col + Math.max(1, t.image.length) };
}
