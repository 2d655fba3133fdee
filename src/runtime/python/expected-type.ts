// Run-time check of an untyped Python result against the Capa type the program wrote for it
// (`let x: Float = py_invoke(...)`, `return py_invoke(...)` in a `-> Float` function). The checker
// cannot see inside Python; this catches the mismatch where the value enters typed code, instead
// of letting a String flow on as a Float. The reference does not check.

import type { TypeExpr } from "../../syntax/ast.js";
import { CMap, CSet } from "../collections.js";
import { CFloat, CTuple, PyObjectRef, typeNameOf, type Value } from "../values.js";

/** The outer shape of a declared type a converted Python value can be checked against, or null. */
export function checkableShape(t: TypeExpr | null): string | null {
  if (t === null) return null;
  if (t.kind === "TupleType") return t.elements.length === 0 ? "()" : "tuple";
  if (t.kind !== "NamedType" || t.qualifier.length > 0) return null;
  return ["Int", "Float", "String", "Bool", "List", "Map", "Set"].includes(t.name) ? t.name : null;
}

export function fitsShape(v: Value, shape: string): boolean {
  switch (shape) {
    case "Int":
      return typeof v === "number" || typeof v === "bigint";
    case "Float":
      return v instanceof CFloat;
    case "String":
      return typeof v === "string";
    case "Bool":
      return typeof v === "boolean";
    case "List":
      return Array.isArray(v);
    case "Map":
      return v instanceof CMap;
    case "Set":
      return v instanceof CSet;
    case "()":
      return v === undefined;
    case "tuple":
      return v instanceof CTuple;
    default:
      return true;
  }
}

/** How a mismatching value is named in the error: its Capa type, or the Python type behind a handle. */
export function describeValue(v: Value): string {
  return v instanceof PyObjectRef ? `Python ${v.pyType} ${v.repr}` : typeNameOf(v);
}
