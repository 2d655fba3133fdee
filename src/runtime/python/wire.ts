// Capa values <-> the bridge's JSON wire format (the conversion rules of spec/python.md).
// Ints travel as decimal strings (exact beyond 2^53), floats as Python-readable text (nan/inf
// included), tuples/maps/sets as tagged objects, unconvertible Python objects as handles.

import { CMap, CSet } from "../collections.js";
import { floatRepr } from "../numeric.js";
import { CFloat, CStruct, CTuple, CVariant, PyObjectRef, normInt, typeNameOf, type PythonOwner, type Value } from "../values.js";

export type Wire = null | boolean | string | Wire[] | { [tag: string]: unknown };

/** Thrown for a value that has no Python counterpart; the bridge turns it into R7043. */
export class NotConvertible extends Error {
  constructor(readonly typeName: string) {
    super(typeName);
  }
}

export function toWire(v: Value): Wire {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
    case "bigint":
      return { $int: String(v) };
    case "undefined":
      return null;
  }
  if (v instanceof CFloat) return { $float: Number.isNaN(v.v) ? "nan" : v.v === Infinity ? "inf" : v.v === -Infinity ? "-inf" : floatRepr(v.v) };
  if (Array.isArray(v)) return v.map(toWire);
  if (v instanceof CTuple) return { $tuple: v.items.map(toWire) };
  if (v instanceof CMap) return { $map: [...v.entries()].map(([k, x]) => [toWire(k), toWire(x)]) };
  if (v instanceof CSet) return { $set: [...v.values()].map(toWire) };
  if (v instanceof PyObjectRef) return { $handle: v.id };
  if (v instanceof CVariant && v.type === "Option") return v.tag === "Some" ? toWire(v.payload[0]) : null;
  if (v instanceof CStruct) return { $map: v.info.fields.map((f, i) => [f, toWire(v.fields[i])]) };
  throw new NotConvertible(typeNameOf(v));
}

export function fromWire(w: unknown, owner: PythonOwner): Value {
  if (w === null) return undefined;
  if (typeof w === "string" || typeof w === "boolean") return w;
  if (Array.isArray(w)) return w.map((x) => fromWire(x, owner));
  const o = w as Record<string, unknown>;
  if (typeof o.$int === "string") return normInt(BigInt(o.$int));
  if (typeof o.$float === "string") return new CFloat(Number(o.$float.replace(/^(-?)inf$/, "$1Infinity")));
  if (Array.isArray(o.$tuple)) return new CTuple(o.$tuple.map((x) => fromWire(x, owner)));
  if (Array.isArray(o.$map)) {
    const m = new CMap();
    for (const [k, x] of o.$map as [unknown, unknown][]) m.set(fromWire(k, owner), fromWire(x, owner));
    return m;
  }
  if (Array.isArray(o.$set)) {
    const s = new CSet();
    for (const x of o.$set) s.add(fromWire(x, owner));
    return s;
  }
  return new PyObjectRef(owner, o.$handle as number, String(o.$repr), String(o.$type));
}
