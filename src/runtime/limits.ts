// Sizes one value may reach. V8 does not fail gracefully past them: an array whose backing store
// outgrows ~134 million entries ends the whole process ("invalid size error"), so lists stop well
// before, with a MemoryError at the operation's position (spec/runtime-limits.md).

import { abort, type CapaAbort } from "./errors.js";
import { R } from "./messages.js";

/** Most elements one list may hold (2^26): a 1.5x growth from here still fits V8's largest array. */
export const MAX_LIST_LENGTH = 2 ** 26;

export function listTooLong(): CapaAbort {
  return abort("MemoryError", R.listTooLong, MAX_LIST_LENGTH);
}

/** Throws before a list of `n` elements is built. */
export function ensureListLength(n: number): void {
  if (n > MAX_LIST_LENGTH) throw listTooLong();
}

/** How many times `sep` (non-empty) occurs in `s`, stopping once past `atMost`. */
export function countOccurrences(s: string, sep: string, atMost: number): number {
  let n = 0;
  for (let at = s.indexOf(sep); at >= 0 && n <= atMost; at = s.indexOf(sep, at + sep.length)) n++;
  return n;
}
