// The raw lexer: chevrotain's Lexer with custom matchers for strings, chars and (nested)
// comments. Produces tokens plus physical newlines; the offside rule is applied in `layout.ts`.
// Never throws on user input: every problem becomes a diagnostic.

import { createToken, Lexer, type IToken, type TokenType } from "./chevrotain.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { SyntaxMessages as M } from "./messages.js";
import * as T from "./tokens.js";
import { checkString, decodeChar, decodeFloat, decodeInt } from "./literals.js";

/** Payload attached to string-like tokens by the custom matchers. */
export interface QuotedPayload {
  readonly terminated: boolean;
}

function matcher(
  name: string,
  scan: (text: string, offset: number) => { end: number; payload?: unknown } | null,
): { exec: (text: string, offset: number) => RegExpExecArray | null } {
  return {
    exec(text: string, offset: number) {
      const r = scan(text, offset);
      if (r === null) return null;
      const m = [text.slice(offset, r.end)] as unknown as RegExpExecArray & { payload?: unknown };
      if (r.payload !== undefined) m.payload = r.payload;
      return m;
    },
  };
  void name;
}

/** Scans a `"..."` body from `start` (just after the quote). Handles `${...}` with nested
 * strings and braces, since the reference lets quotes appear unescaped inside splices. */
export function scanQuoted(text: string, start: number, raw: boolean): { end: number; terminated: boolean } {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n" || c === "\r") return { end: i, terminated: false };
    if (c === '"') return { end: i + 1, terminated: true };
    if (c === "\\" && !raw) {
      if (text[i + 1] === "\n" || text[i + 1] === "\r" || i + 1 >= text.length) return { end: i + 1, terminated: false };
      i += 2;
      continue;
    }
    if (c === "$" && text[i + 1] === "$") {
      i += 2;
      continue;
    }
    if (c === "$" && text[i + 1] === "{") {
      const close = scanSplice(text, i + 2);
      if (close < 0) {
        // Unterminated splice: the string ends at the line end without closing.
        let j = i;
        while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
        return { end: j, terminated: false };
      }
      i = close + 1;
      continue;
    }
    i++;
  }
  return { end: i, terminated: false };
}

/** Returns the index of the `}` closing a splice body that starts at `start`, or -1. */
export function scanSplice(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n" || c === "\r") return -1;
    if (c === "\\") {
      // An escape of the outer string (`\"` is a quote in the splice, not a nested string).
      i += 2;
      continue;
    }
    if (c === '"') {
      const inner = scanQuoted(text, i + 1, false);
      if (!inner.terminated) return -1;
      i = inner.end;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return -1;
}

const StringMatcher = createToken({
  name: "StringMatch",
  pattern: matcher("string", (text, offset) => {
    if (text[offset] !== '"') return null;
    const r = scanQuoted(text, offset + 1, false);
    return { end: r.end, payload: { terminated: r.terminated } satisfies QuotedPayload };
  }),
  line_breaks: false,
  start_chars_hint: ['"'],
  categories: [T.StringLiteral],
});

const RawStringMatcher = createToken({
  name: "RawStringMatch",
  pattern: matcher("raw", (text, offset) => {
    if (text[offset] !== "r" || text[offset + 1] !== '"') return null;
    const r = scanQuoted(text, offset + 2, true);
    return { end: r.end, payload: { terminated: r.terminated } satisfies QuotedPayload };
  }),
  line_breaks: false,
  start_chars_hint: ["r"],
  categories: [T.RawStringLiteral],
});

/** `'c'` or `'\\e'`: one code point or one escape, then the closing quote if present. What is
 * wrong with the literal is decided in `literals.ts`; the token stops where the reference does. */
const CharMatcher = createToken({
  name: "CharMatch",
  pattern: matcher("char", (text, offset) => {
    if (text[offset] !== "'") return null;
    let i = offset + 1;
    const c = text[i];
    if (c === undefined || c === "\n" || c === "\r" || c === "'") return { end: c === "'" ? i + 1 : i };
    if (c === "\\") {
      i += 2;
      if (text[i - 1] === "u" && text[i] === "{") {
        while (i < text.length && /[0-9a-fA-F]/.test(text[i]!)) i++;
        if (text[i] === "{") i++;
        while (i < text.length && /[0-9a-fA-F]/.test(text[i]!)) i++;
        if (text[i] === "}") i++;
      }
    } else i += c.codePointAt(0)! > 0xffff ? 2 : 1;
    if (text[i] === "'") i++;
    return { end: Math.min(i, text.length) };
  }),
  line_breaks: false,
  start_chars_hint: ["'"],
  categories: [T.CharLiteral],
});

/** `/* ... *\/`, nesting; `/** ... *\/` (but not `/**\/`) is a doc comment. */
const BlockComment = createToken({
  name: "BlockComment",
  pattern: matcher("block", (text, offset) => {
    if (text[offset] !== "/" || text[offset + 1] !== "*") return null;
    let depth = 1;
    let i = offset + 2;
    while (i < text.length && depth > 0) {
      if (text[i] === "/" && text[i + 1] === "*") {
        depth++;
        i += 2;
      } else if (text[i] === "*" && text[i + 1] === "/") {
        depth--;
        i += 2;
      } else i++;
    }
    return { end: i, payload: { terminated: depth === 0 } satisfies QuotedPayload };
  }),
  line_breaks: true,
  start_chars_hint: ["/"],
});

const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/ });
const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\f]+/, group: Lexer.SKIPPED });
const Continuation = createToken({ name: "Continuation", pattern: /\\\r?\n/, line_breaks: true, group: Lexer.SKIPPED });
export const PhysicalNewline = createToken({ name: "PhysicalNewline", pattern: /\r\n|\r|\n/, line_breaks: true });

const LEXER_TOKENS: TokenType[] = [
  Whitespace,
  Continuation,
  PhysicalNewline,
  BlockComment,
  LineComment,
  RawStringMatcher,
  StringMatcher,
  CharMatcher,
  ...Object.values(T.Keywords),
  T.Underscore,
  T.Identifier,
  T.FloatLiteral,
  T.IntLiteral,
  ...T.PUNCTUATION,
];

let sharedLexer: Lexer | undefined;

/** Built once per process on first use: the lexer holds no per-file state. */
function lexer(): Lexer {
  sharedLexer ??= new Lexer(LEXER_TOKENS, {
    // Start positions only: layout derives every token's end from its image (tokens are single-line).
    positionTracking: "onlyStart",
    ensureOptimizations: true,
    skipValidations: true,
  });
  return sharedLexer;
}

export interface RawToken {
  readonly type: TokenType;
  readonly image: string;
  readonly offset: number;
  readonly line: number;
  readonly col: number;
  readonly endOffset: number;
  readonly payload: QuotedPayload | undefined;
  /** `error`: a character that starts no token, kept so the layout sees where its line starts. */
  readonly kind: "token" | "newline" | "comment" | "doc" | "error";
}

export { BlockComment, LineComment };

/** 1-based column in code points of the character at `offset`, whose column chevrotain counted
 * in UTF-16 units as `utf16Column` (which gives the line's start). */
function codePointColumn(text: string, offset: number, utf16Column: number): number {
  const lineStart = offset - (utf16Column - 1);
  let n = 1;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate completes the character counted before it
  }
  return n;
}

/** Re-derives whether a quoted token or block comment was closed (chevrotain drops payloads). */
function terminationOf(tok: IToken): QuotedPayload | undefined {
  const img = tok.image;
  switch (tok.tokenType) {
    case StringMatcher:
      return { terminated: scanQuoted(img, 1, false).terminated };
    case RawStringMatcher:
      return { terminated: scanQuoted(img, 2, true).terminated };
    case CharMatcher:
      return { terminated: img.length >= 2 && img.endsWith("'") };
    case BlockComment:
      return { terminated: blockCommentClosed(img) };
    default:
      return undefined;
  }
}

function blockCommentClosed(img: string): boolean {
  let depth = 0;
  for (let i = 0; i < img.length; i++) {
    if (img[i] === "/" && img[i + 1] === "*") {
      depth++;
      i++;
    } else if (img[i] === "*" && img[i + 1] === "/") {
      depth--;
      i++;
      if (depth === 0) return true;
    }
  }
  return false;
}

/** Lexes `text` into raw tokens (comments and physical newlines included). */
export function lexRaw(text: string, file: string, bag: DiagnosticBag): RawToken[] {
  const result = lexer().tokenize(text);
  // Columns count code points, as the reference does; chevrotain counts UTF-16 units, which only
  // differ after a character outside the BMP (an emoji), so the recount is done only then.
  const astral = /[\uD800-\uDBFF]/.test(text);
  const out: RawToken[] = [];
  for (const err of result.errors) {
    const ch = String.fromCodePoint(text.codePointAt(err.offset) ?? 0x3f);
    const line = err.line ?? 1;
    const col = astral ? codePointColumn(text, err.offset, err.column ?? 1) : (err.column ?? 1);
    bag.report(M.unexpectedChar, { file, line, col, endLine: line, endCol: col + 1 }, [ch]);
    out.push({ type: T.Any, image: ch, offset: err.offset, line, col, endOffset: err.offset + ch.length, payload: undefined, kind: "error" });
  }
  for (const tok of result.tokens) out.push(toRaw(tok, text, file, bag, astral));
  if (result.errors.length > 0) out.sort((a, b) => a.offset - b.offset);
  return out;
}

/** Classifies one chevrotain token and reports what is lexically wrong with it (unterminated
 * literals and comments, malformed numbers and escapes, a lone `!`), as the reference's lexer. */
function toRaw(tok: IToken, text: string, file: string, bag: DiagnosticBag, astral: boolean): RawToken {
  const image = tok.image;
  const line = tok.startLine ?? 1;
  const col = astral ? codePointColumn(text, tok.startOffset, tok.startColumn ?? 1) : (tok.startColumn ?? 1);
  let type = tok.tokenType;
  let kind: RawToken["kind"] = "token";
  let payload: QuotedPayload | undefined;
  switch (type) {
    case PhysicalNewline:
      kind = "newline";
      break;
    case LineComment:
      kind = image.startsWith("///") && !image.startsWith("////") ? "doc" : "comment";
      break;
    case BlockComment:
      payload = terminationOf(tok);
      kind = image.startsWith("/**") && !image.startsWith("/**/") ? "doc" : "comment";
      if (!payload!.terminated) bag.report(kind === "doc" ? M.unterminatedDocComment : M.unterminatedBlockComment, pointAt(file, line, col), []);
      break;
    case StringMatcher:
    case RawStringMatcher:
      payload = terminationOf(tok);
      type = type === StringMatcher ? T.StringLiteral : T.RawStringLiteral;
      if (!payload!.terminated) reportUnterminated(tok, type === T.RawStringLiteral, text, file, bag);
      else if (type === T.StringLiteral && image.includes("\\")) checkString(image, false, { file, line, col }, bag);
      break;
    case CharMatcher:
      type = T.CharLiteral;
      if (image.length > 1) decodeChar(image, { file, line, col }, bag);
      else if (tok.startOffset + 1 >= text.length) bag.report(M.unterminatedChar, pointAt(file, line, col), []);
      else bag.report(M.unterminatedCharNewline, pointAt(file, line, col), []);
      break;
    case T.IntLiteral:
      decodeInt(image, { file, line, col }, bag);
      break;
    case T.FloatLiteral:
      decodeFloat(image, { file, line, col }, bag);
      break;
    case T.Bang:
      bag.report(M.bang, pointAt(file, line, col), []);
      break;
  }
  if (kind === "doc") type = T.DocComment;
  return { type, image, offset: tok.startOffset, line, col, endOffset: tok.startOffset + image.length, payload, kind };
}

/** A string cut short: by a newline, by the end of the file, or by a `\\` escaping the newline
 * (which the reference reads as an unknown escape of the newline character). */
function reportUnterminated(tok: IToken, raw: boolean, text: string, file: string, bag: DiagnosticBag): void {
  const line = tok.startLine ?? 1;
  const col = tok.startColumn ?? 1;
  const end = tok.startOffset + tok.image.length;
  const atEof = end >= text.length;
  if (!raw && trailingBackslashes(tok.image) % 2 === 1) {
    const at = pointAt(file, line, col + tok.image.length);
    if (atEof) bag.report(M.unterminatedEscape, at, []);
    else bag.report(M.unknownEscape, at, [text[end] === "\r" ? "\r" : "\n"]);
    return;
  }
  if (!raw) checkString(tok.image, false, { file, line, col }, bag);
  const entry = raw ? (atEof ? M.unterminatedRawStringEof : M.unterminatedRawString) : atEof ? M.unterminatedStringEof : M.unterminatedString;
  bag.report(entry, pointAt(file, line, col), []);
}

function trailingBackslashes(image: string): number {
  let n = 0;
  while (n < image.length && image[image.length - 1 - n] === "\\") n++;
  return n;
}

function pointAt(file: string, line: number, col: number) {
  return { file, line, col, endLine: line, endCol: col + 1 };
}
