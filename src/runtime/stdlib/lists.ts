// List<T> methods (lists are JS arrays shared by reference); transforms return new lists.
import { valueEquals } from "../equality.js";
import { CTuple, NONE, some, type CapaFunction, type Value } from "../values.js";
import type { MethodTable } from "./types.js";
import { MAX_LIST_LENGTH, listTooLong } from "../limits.js";

function contains(xs: Value[], x: Value): boolean {
  const t = typeof x;
  if (t === "string" || t === "number" || t === "boolean") return xs.includes(x);
  for (let i = 0; i < xs.length; i++) if (valueEquals(xs[i], x)) return true;
  return false;
}

export function listMap(xs: Value[], f: CapaFunction): Value[] {
  const out = new Array<Value>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  return out;
}

export function listFilter(xs: Value[], p: CapaFunction): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < xs.length; i++) if (p(xs[i]) === true) out.push(xs[i]);
  return out; // never longer than `xs`
}

export function listFold(xs: Value[], init: Value, f: CapaFunction): Value {
  let acc = init;
  for (let i = 0; i < xs.length; i++) acc = f(acc, xs[i]);
  return acc;
}

export function listFind(xs: Value[], p: CapaFunction): Value {
  for (let i = 0; i < xs.length; i++) if (p(xs[i]) === true) return some(xs[i]);
  return NONE;
}

export function listFindIndex(xs: Value[], p: CapaFunction): Value {
  for (let i = 0; i < xs.length; i++) if (p(xs[i]) === true) return some(i);
  return NONE;
}

function flatMap(xs: Value[], f: CapaFunction): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < xs.length; i++) {
    const ys = f(xs[i]) as Value[];
    if (out.length + ys.length > MAX_LIST_LENGTH) throw listTooLong();
    for (let j = 0; j < ys.length; j++) out.push(ys[j]);
  }
  return out;
}

function sign(n: Value): number {
  return (n as number | bigint) < 0 ? -1 : (n as number | bigint) > 0 ? 1 : 0;
}

function sortedBy(xs: Value[], cmp: CapaFunction): Value[] {
  return xs.slice().sort((a, b) => sign(cmp(a, b))); // Array.prototype.sort is stable
}

export function indexGet(xs: Value[], i: Value): Value {
  return typeof i === "number" && i >= 0 && i < xs.length ? some(xs[i]) : NONE;
}

export const LIST_METHODS: MethodTable<Value[]> = {
  length: (xs) => xs.length,
  is_empty: (xs) => xs.length === 0,
  push: (xs, x) => {
    if (xs.length >= MAX_LIST_LENGTH) throw listTooLong();
    xs.push(x);
    return undefined;
  },
  contains: (xs, x) => contains(xs, x),
  map: (xs, f) => listMap(xs, f as CapaFunction),
  filter: (xs, p) => listFilter(xs, p as CapaFunction),
  fold: (xs, init, f) => listFold(xs, init, f as CapaFunction),
  first: (xs) => (xs.length > 0 ? some(xs[0]) : NONE),
  last: (xs) => (xs.length > 0 ? some(xs[xs.length - 1]) : NONE),
  get: (xs, i) => indexGet(xs, i),
  find: (xs, p) => listFind(xs, p as CapaFunction),
  find_index: (xs, p) => listFindIndex(xs, p as CapaFunction),
  flat_map: (xs, f) => flatMap(xs, f as CapaFunction),
  sorted_by: (xs, cmp) => sortedBy(xs, cmp as CapaFunction),
  reverse: (xs) => xs.slice().reverse(),
  enumerate: (xs) => xs.map((x, i) => new CTuple([i, x])),
  zip: (xs, ys) => {
    const other = ys as Value[];
    const n = Math.min(xs.length, other.length);
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = new CTuple([xs[i], other[i]]);
    return out;
  },
  // Listed in the language notes; absent from reference 1.32.1 (the checker decides).
  pop: (xs) => (xs.length > 0 ? some(xs.pop()) : NONE),
};
