// Map<K, V> and Set<T> methods; Map/Set mutate in place, the set algebra returns new sets.
import { CMap, CSet } from "../collections.js";
import { CTuple, NONE, some, type CapaFunction } from "../values.js";
import type { MethodTable } from "./types.js";

export const MAP_METHODS: MethodTable<CMap> = {
  length: (m) => m.size,
  is_empty: (m) => m.size === 0,
  get: (m, k) => {
    const v = m.get(k);
    return v === undefined && !m.has(k) ? NONE : some(v);
  },
  set: (m, k, v) => {
    m.set(k, v);
    return undefined;
  },
  contains_key: (m, k) => m.has(k),
  keys: (m) => [...m.keys()],
  values: (m) => [...m.values()],
  pairs: (m) => [...m.entries()].map(([k, v]) => new CTuple([k, v])),
  // Listed in the language notes; absent from reference 1.32.1 (the checker decides).
  filter: (m, p) => {
    const out = new CMap();
    for (const [k, v] of m.entries()) if ((p as CapaFunction)(k, v) === true) out.set(k, v);
    return out;
  },
};

export const SET_METHODS: MethodTable<CSet> = {
  length: (s) => s.size,
  is_empty: (s) => s.size === 0,
  add: (s, x) => {
    s.add(x);
    return undefined;
  },
  remove: (s, x) => {
    s.remove(x);
    return undefined;
  },
  contains: (s, x) => s.has(x),
  to_list: (s) => [...s.values()],
  union: (s, o) => {
    const out = new CSet(s.values());
    for (const x of (o as CSet).values()) out.add(x);
    return out;
  },
  intersection: (s, o) => {
    const other = o as CSet;
    const out = new CSet();
    for (const x of s.values()) if (other.has(x)) out.add(x);
    return out;
  },
  difference: (s, o) => {
    const other = o as CSet;
    const out = new CSet();
    for (const x of s.values()) if (!other.has(x)) out.add(x);
    return out;
  },
  is_subset: (s, o) => {
    const other = o as CSet;
    for (const x of s.values()) if (!other.has(x)) return false;
    return true;
  },
};
