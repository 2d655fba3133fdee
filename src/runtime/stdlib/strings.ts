// String methods (code-point indexed, ASCII-only case mapping) with the reference's aborts; pure.
import { abort } from "../errors.js";
import { R } from "../messages.js";
import { CTuple, NONE, some, type CapaFunction, type Value } from "../values.js";
import type { MethodTable } from "./types.js";
import { countOccurrences, ensureListLength, MAX_LIST_LENGTH } from "../limits.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when UTF-16 indices equal code-point indices (no astral characters). */
function isBmp(s: string): boolean {
  return !SURROGATE.test(s);
}

export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/** Splits into one-code-point strings (used by `for c in s` too). */
export function codePoints(s: string): string[] {
  if (s.length > MAX_LIST_LENGTH) ensureListLength(codePointLength(s));
  return Array.from(s);
}

function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// Python's str.strip() whitespace: the Unicode White_Space set plus the ASCII separators \x1c-\x1f.
const WS = "[\\s\\x1c-\\x1f\\x85]";
const TRIM_START = new RegExp(`^${WS}+`, "u");
const TRIM_END = new RegExp(`${WS}+$`, "u");

export function pyStrip(s: string): string {
  return s.replace(TRIM_START, "").replace(TRIM_END, "");
}

function substring(s: string, start: Value, end: Value): string {
  const cps = isBmp(s) ? null : codePoints(s);
  const len = cps ? cps.length : s.length;
  const a = start as number;
  const b = end as number;
  if (typeof a !== "number" || typeof b !== "number" || !(0 <= a && a <= b && b <= len))
    throw abort("ValueError", R.substring, start, end, len);
  return cps ? cps.slice(a, b).join("") : s.slice(a, b);
}

function charAt(s: string, i: Value): Value {
  if (typeof i !== "number" || i < 0) return NONE;
  if (isBmp(s)) return i < s.length ? some(s[i]) : NONE;
  const cps = codePoints(s);
  return i < cps.length ? some(cps[i]) : NONE;
}

function indexOf(s: string, sub: string): Value {
  const at = s.indexOf(sub);
  if (at < 0) return NONE;
  return some(isBmp(s) ? at : codePointLength(s.slice(0, at)));
}

function split(s: string, sep: string): string[] {
  if (sep === "") throw abort("ValueError", R.emptySeparator);
  if (s.length >= MAX_LIST_LENGTH) ensureListLength(countOccurrences(s, sep, MAX_LIST_LENGTH) + 1);
  return s.split(sep);
}

function splitOnce(s: string, sep: string): Value {
  if (sep === "") throw abort("ValueError", R.emptySeparator);
  const at = s.indexOf(sep);
  return at < 0 ? NONE : some(new CTuple([s.slice(0, at), s.slice(at + sep.length)]));
}

function lines(s: string): string[] {
  if (s === "") return [];
  if (s.length >= MAX_LIST_LENGTH) ensureListLength(countOccurrences(s, "\n", MAX_LIST_LENGTH) + countOccurrences(s, "\r", MAX_LIST_LENGTH) + 1);
  const parts = s.split(/\r\n|\n|\r/);
  if (parts[parts.length - 1] === "") parts.pop(); // no phantom last line
  return parts;
}

/** With the u flag a paired surrogate is one code point, so this matches only lone ones. */
const LONE_SURROGATE = /\p{Cs}/u;

/** UTF-8 bytes; a lone surrogate is encoded as its own three bytes (WTF-8, as the reference's
 * `surrogatepass`), not replaced by U+FFFD. */
function bytes(s: string): number[] {
  if (!LONE_SURROGATE.test(s)) {
    const buffer = Buffer.from(s, "utf8");
    ensureListLength(buffer.length);
    return Array.from(buffer);
  }
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(...Buffer.from(ch, "utf8"));
  }
  ensureListLength(out.length);
  return out;
}

function findIndex(s: string, p: CapaFunction): Value {
  const cps = codePoints(s);
  for (let i = 0; i < cps.length; i++) if (p(cps[i]) === true) return some(i);
  return NONE;
}

export const STRING_METHODS: MethodTable<string> = {
  length: (s) => (isBmp(s) ? s.length : codePointLength(s)),
  is_empty: (s) => s.length === 0,
  to_upper: (s) => upperAscii(s),
  to_lower: (s) => lowerAscii(s),
  trim: (s) => pyStrip(s),
  trim_start: (s) => s.replace(TRIM_START, ""),
  trim_end: (s) => s.replace(TRIM_END, ""),
  contains: (s, x) => s.includes(x as string),
  starts_with: (s, x) => s.startsWith(x as string),
  ends_with: (s, x) => s.endsWith(x as string),
  // A replacer function, so `$&` and friends in `b` stay literal text.
  replace: (s, a, b) => (a === "" ? s : s.replaceAll(a as string, () => b as string)),
  split: (s, sep) => split(s, sep as string),
  char_at: (s, i) => charAt(s, i),
  substring: (s, a, b) => substring(s, a, b),
  index_of: (s, sub) => indexOf(s, sub as string),
  bytes: (s) => bytes(s),
  // Listed in the language notes; absent from reference 1.32.1 (the checker decides).
  split_once: (s, sep) => splitOnce(s, sep as string),
  lines: (s) => lines(s),
  find_index: (s, p) => findIndex(s, p as CapaFunction),
};
