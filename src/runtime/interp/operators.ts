// Binary and unary operator semantics on run-time values (Int fast paths first; Float boxed;
// String `+`); throws only CapaAbort for arithmetic aborts.
import type { BinaryOp } from "../../syntax/ast.js";
import { compareValues, valueEquals } from "../equality.js";
import {
  floatDiv,
  floatMod,
  intAdd,
  intAnd,
  intDiv,
  intMod,
  intMul,
  intNeg,
  intOr,
  intShl,
  intShr,
  intSub,
  intXor,
} from "../numeric.js";
import { CFloat, type Value } from "../values.js";

type Int = number | bigint;
export type BinFn = (a: Value, b: Value) => Value;

const SAFE = 9007199254740991;

export function opAdd(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= SAFE && r >= -SAFE) return r;
    return intAdd(a, b);
  }
  if (typeof a === "string") return a + (b as string);
  if (a instanceof CFloat) return new CFloat(a.v + (b as CFloat).v);
  return intAdd(a as Int, b as Int);
}

export function opSub(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= SAFE && r >= -SAFE) return r;
    return intSub(a, b);
  }
  if (a instanceof CFloat) return new CFloat(a.v - (b as CFloat).v);
  return intSub(a as Int, b as Int);
}

export function opMul(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r <= SAFE && r >= -SAFE) return r + 0;
    return intMul(a, b);
  }
  if (a instanceof CFloat) return new CFloat(a.v * (b as CFloat).v);
  return intMul(a as Int, b as Int);
}

export function opDiv(a: Value, b: Value): Value {
  if (a instanceof CFloat) return floatDiv(a.v, (b as CFloat).v);
  return intDiv(a as Int, b as Int);
}

export function opMod(a: Value, b: Value): Value {
  if (a instanceof CFloat) return floatMod(a.v, (b as CFloat).v);
  return intMod(a as Int, b as Int);
}

export function opEq(a: Value, b: Value): boolean {
  // Objects (incl. boxed Floats, where NaN != NaN) compare structurally; the rest by identity.
  return typeof a === "object" && a !== null ? valueEquals(a, b) : a === b;
}

export function opLt(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  return compareValues(a, b) < 0;
}
export function opLe(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a <= b;
  return compareValues(a, b) <= 0 && !isNaNFloat(a, b);
}
export function opGt(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a > b;
  return compareValues(a, b) > 0;
}
export function opGe(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a >= b;
  return compareValues(a, b) >= 0 && !isNaNFloat(a, b);
}

function isNaNFloat(a: Value, b: Value): boolean {
  return (a instanceof CFloat && a.v !== a.v) || (b instanceof CFloat && b.v !== b.v);
}

export function opNeg(a: Value): Value {
  if (a instanceof CFloat) return new CFloat(-a.v);
  return intNeg(a as Int);
}

/** The generic function for an operator (the compiler inlines fast paths for the hot ones). */
export const BINARY: Readonly<Record<Exclude<BinaryOp, "and" | "or">, BinFn>> = {
  "+": opAdd,
  "-": opSub,
  "*": opMul,
  "/": opDiv,
  "%": opMod,
  "==": opEq,
  "!=": (a, b) => !opEq(a, b),
  "<": opLt,
  "<=": opLe,
  ">": opGt,
  ">=": opGe,
  "&": (a, b) => intAnd(a as Int, b as Int),
  "|": (a, b) => intOr(a as Int, b as Int),
  "^": (a, b) => intXor(a as Int, b as Int),
  "<<": (a, b) => intShl(a as Int, b as Int),
  ">>": (a, b) => intShr(a as Int, b as Int),
};
