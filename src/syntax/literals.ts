// Decoding of literal tokens: integers (all bases, `_` rules), floats, strings with escapes and
// `${...}` splices, raw strings and chars. Reports malformed literals; never throws.

import type { DiagnosticBag, Span } from "../diagnostics/diagnostic.js";
import { scanSplice } from "./lexer.js";
import { SyntaxMessages as M } from "./messages.js";

export interface LiteralPos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

function at(pos: LiteralPos, delta: number, width = 1): Span {
  return { file: pos.file, line: pos.line, col: pos.col + delta, endLine: pos.line, endCol: pos.col + delta + width };
}

/** Checks `_` placement in a digit run; `delta` is the run's column offset inside the token. */
function checkUnderscores(digits: string, pos: LiteralPos, delta: number, bag: DiagnosticBag): boolean {
  if (digits.endsWith("_")) {
    bag.report(M.numberTrailingUnderscore, at(pos, delta + digits.length), []);
    return false;
  }
  const dbl = digits.indexOf("__");
  if (dbl >= 0) {
    bag.report(M.numberDoubleUnderscore, at(pos, delta + dbl + 1), []);
    return false;
  }
  return true;
}

const BASES: Record<string, { name: string; digit: RegExp }> = {
  x: { name: "hexadecimal", digit: /^[0-9a-fA-F_]+$/ },
  o: { name: "octal", digit: /^[0-7_]+$/ },
  b: { name: "binary", digit: /^[01_]+$/ },
};

/** 2^63: the largest magnitude an Int literal may have (as the operand of unary minus). */
const INT_MAGNITUDE_MAX = 1n << 63n;

export function decodeInt(raw: string, pos: LiteralPos, bag: DiagnosticBag): bigint {
  const prefix = raw.length >= 2 && raw[0] === "0" ? raw[1]!.toLowerCase() : "";
  const base = BASES[prefix];
  let value: bigint;
  if (base) {
    const digits = raw.slice(2);
    // The first character after the prefix must be a digit of the base (`0x_1` included).
    if (digits.length === 0 || !base.digit.test(digits) || digits.startsWith("_")) {
      bag.report(M.expectedDigit, at(pos, 2), [base.name]);
      return 0n;
    }
    if (!checkUnderscores(digits, pos, 2, bag)) return 0n;
    value = BigInt(`0${prefix}${digits.replace(/_/g, "")}`);
  } else {
    if (!checkUnderscores(raw, pos, 0, bag)) return 0n;
    value = BigInt(raw.replace(/_/g, ""));
  }
  if (value > INT_MAGNITUDE_MAX) {
    bag.report(M.intOutOfRange, at(pos, 0, raw.length), [raw, INT_MAGNITUDE_MAX.toString()]);
    return 0n;
  }
  return value;
}

export function decodeFloat(raw: string, pos: LiteralPos, bag: DiagnosticBag): number {
  const m = /^([0-9_]+)(?:\.([0-9_]+))?(?:([eE])([+-]?)([0-9_]*))?$/.exec(raw);
  if (!m) return 0; // unreachable: the FloatLiteral token pattern has this shape
  const [, intPart = "", frac, e, sign = "", exp] = m;
  if (!checkUnderscores(intPart, pos, 0, bag)) return 0;
  if (frac !== undefined && !checkUnderscores(frac, pos, intPart.length + 1, bag)) return 0;
  if (e !== undefined) {
    const expDelta = raw.length - (exp ?? "").length;
    if (!exp || exp.startsWith("_")) {
      bag.report(M.exponentDigit, at(pos, expDelta), []);
      return 0;
    }
    if (!checkUnderscores(exp, pos, expDelta, bag)) return 0;
    void sign;
  }
  return Number(raw.replace(/_/g, ""));
}

export type StringPart =
  | { readonly kind: "text"; readonly value: string; readonly delta: number }
  | { readonly kind: "splice"; readonly source: string; readonly delta: number };

/**
 * Splits a string token's text (with its quotes, and the `r` of a raw string) into text and
 * splice parts. `delta` is the column offset of each part inside the token.
 */
export function decodeString(image: string, raw: boolean, pos: LiteralPos, bag: DiagnosticBag): StringPart[] {
  const open = raw ? 2 : 1;
  const end = image.endsWith('"') && image.length > open ? image.length - 1 : image.length;
  const hasSplice = image.includes("${");
  const parts: StringPart[] = [];
  let text = "";
  let textStart = open;
  let i = open;
  const flush = () => {
    if (text.length > 0 || parts.length === 0) parts.push({ kind: "text", value: text, delta: textStart });
    text = "";
  };
  while (i < end) {
    const c = image[i]!;
    if (c === "\\" && !raw) {
      const r = decodeEscape(image, i, pos, bag);
      text += r.value;
      i = r.next;
      continue;
    }
    if (c === "$" && hasSplice && image[i + 1] === "$") {
      text += "$";
      i += 2;
      continue;
    }
    if (c === "$" && image[i + 1] === "{") {
      const close = scanSplice(image, i + 2);
      if (close < 0) {
        bag.report(M.unterminatedInterpolation, at(pos, i, 2), [image.slice(open, end)]);
        break;
      }
      const source = image.slice(i + 2, close);
      flush();
      parts.push({ kind: "splice", source, delta: i + 2 });
      i = close + 1;
      textStart = i;
      continue;
    }
    const cp = image.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    text += ch;
    i += ch.length;
  }
  if (text.length > 0 || parts.length === 0) parts.push({ kind: "text", value: text, delta: textStart });
  return parts;
}

/** Reports malformed escapes of a string token (splices are the parser's business). */
export function checkString(image: string, raw: boolean, pos: LiteralPos, bag: DiagnosticBag): void {
  if (raw) return;
  const end = image.length > 1 && image.endsWith('"') ? image.length - 1 : image.length;
  checkEscapes(image, 1, end, false, pos, bag);
}

/** Index of the quote closing a string literal nested in a splice, which opens at `open` (or
 * `to` if it does not close before). Its escapes are the splice's, read when it is parsed. */
export function nestedStringEnd(src: string, open: number, to = src.length): number {
  let j = open + 1;
  while (j < to && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
  return j;
}

/** Reports the bad escapes of `image[from, to)`. Inside a `${...}` splice, escapes belong to the
 * outer string too, except in the strings nested in the splice: those are read (and their
 * errors reported, as interpolation errors) when the splice's expression is parsed. */
function checkEscapes(image: string, from: number, to: number, inSplice: boolean, pos: LiteralPos, bag: DiagnosticBag): void {
  for (let i = from; i < to; i++) {
    const c = image[i];
    if (c === "\\") {
      if (i + 1 >= to) return; // the escaped character is the closing quote's line end: reported by the lexer
      i = decodeEscape(image, i, pos, bag).next - 1;
    } else if (inSplice && c === '"') {
      i = nestedStringEnd(image, i, to);
    } else if (!inSplice && c === "$" && image[i + 1] === "{") {
      const close = scanSplice(image, i + 2);
      if (close < 0) return;
      checkEscapes(image, i + 2, close, true, pos, bag);
      i = close;
    }
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0" };

export function decodeEscape(image: string, i: number, pos: LiteralPos, bag: DiagnosticBag): { value: string; next: number } {
  const e = image[i + 1];
  if (e === undefined) return { value: "", next: i + 1 };
  if (e === "0" && image[i + 2] !== undefined && image[i + 2]! >= "0" && image[i + 2]! <= "9") {
    bag.report(M.octalEscape, at(pos, i + 2), [image[i + 2]!]);
    return { value: "\0", next: i + 2 };
  }
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  if (e === "u") {
    if (image[i + 2] !== "{") {
      bag.report(M.unicodeNoBrace, at(pos, i + 2), []);
      return { value: "", next: i + 2 };
    }
    let j = i + 3;
    while (j < image.length && image[j] !== "}") {
      if (!/[0-9a-fA-F]/.test(image[j]!)) {
        bag.report(M.invalidHexDigit, at(pos, j), [image[j]!]);
        return { value: "", next: j };
      }
      j++;
    }
    if (j >= image.length) {
      bag.report(M.unterminatedUnicodeEscape, at(pos, j), []);
      return { value: "", next: j };
    }
    const hex = image.slice(i + 3, j);
    const after = j + 1; // the reference points just past the closing brace
    if (hex.length === 0) {
      bag.report(M.emptyUnicodeEscape, at(pos, after), []);
      return { value: "", next: after };
    }
    if (hex.length > 6) {
      bag.report(M.longUnicodeEscape, at(pos, after), []);
      return { value: "", next: after };
    }
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) {
      bag.report(M.unicodeOutOfRange, at(pos, after), [cp.toString(16).toUpperCase()]);
      return { value: "", next: after };
    }
    return { value: String.fromCodePoint(cp), next: after };
  }
  const cp = image.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  bag.report(M.unknownEscape, at(pos, i + 1), [ch]);
  return { value: ch, next: i + 1 + ch.length };
}

/** A char literal holds one code point or one escape. A lone `'` (cut by a newline or the end
 * of the file) is reported by the lexer, which sees what follows it. */
export function decodeChar(image: string, pos: LiteralPos, bag: DiagnosticBag): string {
  if (image.length < 2) return "";
  if (image[1] === "'") {
    bag.report(M.emptyChar, at(pos, 0, 2), []);
    return "";
  }
  let value: string;
  let i: number;
  if (image[1] === "\\") {
    const before = bag.size;
    const r = decodeEscape(image, 1, pos, bag);
    if (bag.size > before) return "";
    value = r.value;
    i = r.next;
  } else {
    value = String.fromCodePoint(image.codePointAt(1)!);
    i = 1 + value.length;
  }
  if (image[i] !== "'") {
    bag.report(M.charClosingQuote, at(pos, i), []);
    return "";
  }
  return value;
}
