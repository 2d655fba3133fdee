// Structural equality, ordering and hash keys for run-time values; never mutates a value.
import { CFloat, CRange, CStruct, CTuple, CVariant, type Value } from "./values.js";
import { CMap, CSet } from "./collections.js";

export function valueEquals(a: Value, b: Value): boolean {
  // Floats first: a boxed NaN is not equal even to itself (IEEE, as the reference).
  if (a instanceof CFloat) return b instanceof CFloat && a.v === b.v;
  if (a === b) return true; // Ints, Strings, Bools, identical references
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && arrayEquals(a, b);
  if (a instanceof CVariant)
    return b instanceof CVariant && a.tag === b.tag && a.type === b.type && arrayEquals(a.payload, b.payload);
  if (a instanceof CStruct)
    return b instanceof CStruct && a.info === b.info && a.state === b.state && arrayEquals(a.fields, b.fields);
  if (a instanceof CTuple) return b instanceof CTuple && arrayEquals(a.items, b.items);
  if (a instanceof CMap) return b instanceof CMap && a.equals(b, valueEquals);
  if (a instanceof CSet) return b instanceof CSet && a.equals(b);
  if (a instanceof CRange) return b instanceof CRange && rangeEquals(a, b);
  return false;
}

function arrayEquals(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
  return true;
}

function rangeEquals(a: CRange, b: CRange): boolean {
  const emptyA = a.start >= a.stop;
  const emptyB = b.start >= b.stop;
  if (emptyA || emptyB) return emptyA === emptyB;
  return a.start == b.start && a.stop == b.stop;
}

/**
 * Key under which a value is stored in a CMap/CSet. Strings, Ints and Bools are their own key
 * (the common case, no allocation); anything else becomes a string starting with U+0000, and a
 * user string that itself starts with U+0000 is escaped so the two spaces never collide.
 */
export function hashKey(v: Value): unknown {
  switch (typeof v) {
    case "string":
      return v.length > 0 && v.charCodeAt(0) === 0 ? "\u0000s" + v : v;
    case "number":
    case "bigint":
    case "boolean":
    case "undefined":
      return v;
  }
  return "\u0000" + serialise(v);
}

function serialise(v: Value): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
    case "bigint":
      return "i" + String(v);
    case "boolean":
      return v ? "T" : "F";
    case "undefined":
      return "u";
    case "function":
      return "fn";
  }
  if (v instanceof CFloat) return "f" + (Object.is(v.v, -0) ? "0" : String(v.v));
  if (Array.isArray(v)) return "[" + v.map(serialise).join(",") + "]";
  if (v instanceof CTuple) return "(" + v.items.map(serialise).join(",") + ")";
  if (v instanceof CVariant) return v.type + "." + v.tag + "(" + v.payload.map(serialise).join(",") + ")";
  if (v instanceof CStruct) return v.info.name + "[" + (v.state ?? "") + "]{" + v.fields.map(serialise).join(",") + "}";
  if (v instanceof CRange) return "r" + String(v.start) + ":" + String(v.stop);
  if (v instanceof CSet) return "s{" + [...v.values()].map(serialise).sort().join(",") + "}";
  if (v instanceof CMap)
    return "m{" + [...v.entries()].map(([k, x]) => serialise(k) + ":" + serialise(x)).sort().join(",") + "}";
  return "?";
}

/** `<`-style ordering for Int, Float and String (the only ordered types); returns -1, 0 or 1. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof CFloat && b instanceof CFloat) return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  const x = a as number | bigint;
  const y = b as number | bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code-point order (Python's string order), not UTF-16 order. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx === sy) return x < y ? -1 : 1;
      return sx ? 1 : -1; // a surrogate encodes a code point above every BMP character
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
