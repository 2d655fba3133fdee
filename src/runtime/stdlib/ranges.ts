// Range<Int> methods and iteration; a range is never materialised unless a method asks for a list.
import { CRange, NONE, normInt, some, toBig, type CapaFunction, type Value } from "../values.js";
import type { MethodTable } from "./types.js";
import { ensureListLength, listTooLong, MAX_LIST_LENGTH } from "../limits.js";

/** Builds `a..b` (inclusive: `a..=b`), keeping the exact stop even beyond 2^53. */
export function makeRange(a: number | bigint, b: number | bigint, inclusive: boolean): CRange {
  if (!inclusive) return new CRange(a, b);
  if (typeof b === "number" && b < 9007199254740991) return new CRange(a, b + 1);
  return new CRange(a, normInt(toBig(b) + 1n));
}

function len(r: CRange): number {
  if (typeof r.start === "number" && typeof r.stop === "number") return r.stop > r.start ? r.stop - r.start : 0;
  const n = toBig(r.stop) - toBig(r.start);
  return n > 0n ? Number(n) : 0;
}

/** The i-th element (caller guarantees 0 <= i < length). */
function at(r: CRange, i: number): number | bigint {
  if (typeof r.start === "number") {
    const v = r.start + i;
    if (Number.isSafeInteger(v)) return v;
  }
  return normInt(toBig(r.start) + BigInt(i));
}

export function rangeToList(r: CRange): Value[] {
  const n = len(r);
  ensureListLength(n);
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) out[i] = at(r, i);
  return out;
}

export const RANGE_METHODS: MethodTable<CRange> = {
  length: (r) => len(r),
  is_empty: (r) => len(r) === 0,
  contains: (r, x) => (x as number | bigint) >= r.start && (x as number | bigint) < r.stop,
  to_list: (r) => rangeToList(r),
  map: (r, f) => {
    const n = len(r);
    ensureListLength(n);
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = (f as CapaFunction)(at(r, i));
    return out;
  },
  filter: (r, p) => {
    const n = len(r);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) {
      const x = at(r, i);
      if ((p as CapaFunction)(x) === true) {
        if (out.length >= MAX_LIST_LENGTH) throw listTooLong();
        out.push(x);
      }
    }
    return out;
  },
  fold: (r, init, f) => {
    const n = len(r);
    let acc = init;
    for (let i = 0; i < n; i++) acc = (f as CapaFunction)(acc, at(r, i));
    return acc;
  },
  first: (r) => (len(r) > 0 ? some(at(r, 0)) : NONE),
  last: (r) => {
    const n = len(r);
    return n > 0 ? some(at(r, n - 1)) : NONE;
  },
  get: (r, i) => (typeof i === "number" && i >= 0 && i < len(r) ? some(at(r, i)) : NONE),
  find: (r, p) => {
    const n = len(r);
    for (let i = 0; i < n; i++) {
      const x = at(r, i);
      if ((p as CapaFunction)(x) === true) return some(x);
    }
    return NONE;
  },
  find_index: (r, p) => {
    const n = len(r);
    for (let i = 0; i < n; i++) if ((p as CapaFunction)(at(r, i)) === true) return some(i);
    return NONE;
  },
};

export { len as rangeLength, at as rangeAt };
