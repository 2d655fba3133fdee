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
  if (digits.startsWith("_")) {
    bag.report(M.numberLeadingUnderscore, at(pos, delta), []);
    return false;
  }
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

export function decodeInt(raw: string, pos: LiteralPos, bag: DiagnosticBag): bigint {
  const prefix = raw.length >= 2 && raw[0] === "0" ? raw[1]!.toLowerCase() : "";
  const base = BASES[prefix];
  if (base) {
    const digits = raw.slice(2);
    if (digits.length === 0 || !base.digit.test(digits)) {
      bag.report(M.expectedDigit, at(pos, 2), [base.name]);
      return 0n;
    }
    if (!checkUnderscores(digits, pos, 2, bag)) return 0n;
    const clean = digits.replace(/_/g, "");
    return BigInt(`0${prefix}${clean}`);
  }
  if (!checkUnderscores(raw, pos, 0, bag)) return 0n;
  return BigInt(raw.replace(/_/g, ""));
}

export function decodeFloat(raw: string, pos: LiteralPos, bag: DiagnosticBag): number {
  const m = /^([0-9_]+)(?:\.([0-9_]+))?(?:([eE])([+-]?)([0-9_]*))?$/.exec(raw);
  if (!m) {
    bag.report(M.invalidDigit, at(pos, 0, raw.length), [raw]);
    return 0;
  }
  const [, intPart = "", frac, e, sign = "", exp] = m;
  if (!checkUnderscores(intPart, pos, 0, bag)) return 0;
  if (frac !== undefined && !checkUnderscores(frac, pos, intPart.length + 1, bag)) return 0;
  if (e !== undefined) {
    const expDelta = raw.length - (exp ?? "").length;
    if (!exp) {
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
        bag.report(M.unterminatedInterpolation, at(pos, i, 2), []);
        break;
      }
      const source = image.slice(i + 2, close);
      if (source.trim().length === 0) bag.report(M.emptyInterpolation, at(pos, i, close - i + 1), []);
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

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0" };

function decodeEscape(image: string, i: number, pos: LiteralPos, bag: DiagnosticBag): { value: string; next: number } {
  const e = image[i + 1];
  if (e === undefined) return { value: "", next: i + 1 };
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  if (e === "u") {
    if (image[i + 2] !== "{") {
      bag.report(M.badUnicodeEscape, at(pos, i + 1), []);
      return { value: "", next: i + 2 };
    }
    const close = image.indexOf("}", i + 3);
    const hex = close < 0 ? "" : image.slice(i + 3, close);
    if (close < 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
      bag.report(M.badUnicodeEscape, at(pos, i + 1), []);
      return { value: "", next: close < 0 ? i + 2 : close + 1 };
    }
    const after = close + 1; // the reference points just past the closing brace
    if (hex.length === 0) {
      bag.report(M.emptyUnicodeEscape, at(pos, after), []);
      return { value: "", next: close + 1 };
    }
    if (hex.length > 6) {
      bag.report(M.longUnicodeEscape, at(pos, after), []);
      return { value: "", next: close + 1 };
    }
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) {
      bag.report(M.unicodeOutOfRange, at(pos, after), [hex.toUpperCase()]);
      return { value: "", next: close + 1 };
    }
    return { value: String.fromCodePoint(cp), next: close + 1 };
  }
  const cp = image.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  bag.report(M.unknownEscape, at(pos, i + 1), [ch]);
  return { value: ch, next: i + 1 + ch.length };
}

export function decodeChar(image: string, pos: LiteralPos, bag: DiagnosticBag): string {
  const closed = image.length >= 2 && image.endsWith("'");
  if (!closed) {
    bag.report(M.unterminatedChar, at(pos, 0), []);
    return "";
  }
  const inner = image.slice(1, -1);
  if (inner.length === 0) {
    bag.report(M.emptyChar, at(pos, 0, 2), []);
    return "";
  }
  let value = "";
  let i = 1;
  while (i < image.length - 1) {
    if (image[i] === "\\") {
      const r = decodeEscape(image, i, pos, bag);
      value += r.value;
      i = r.next;
    } else {
      const ch = String.fromCodePoint(image.codePointAt(i)!);
      value += ch;
      i += ch.length;
    }
  }
  if ([...value].length !== 1) bag.report(M.longChar, at(pos, 0, image.length), []);
  return value;
}
