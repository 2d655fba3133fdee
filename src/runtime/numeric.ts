// Int (checked signed 64-bit) and Float (IEEE double) arithmetic with the reference's semantics and
// abort messages, plus Python-style float repr. Pure functions; never allocates a bigint on the
// number fast path.
import { abort } from "./errors.js";
import { R } from "./messages.js";
import { CFloat, normInt, toBig } from "./values.js";
import { floatRepr } from "../syntax/float-repr.js";

// Python's float repr lives with the literals (the checker's model prints float arguments too).
export { floatRepr };

type Int = number | bigint;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const SAFE = 9007199254740991;

/** Outside the signed 64-bit range: the operation overflows. (No closure per call: the bigint path is hot past 2^53.) */
function outOfI64(r: bigint): boolean {
  return r < I64_MIN || r > I64_MAX;
}

export function intAdd(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= SAFE && r >= -SAFE) return r;
  }
  const r = toBig(a) + toBig(b);
  if (outOfI64(r)) throw abort("OverflowError", R.addOverflow, a, b, r);
  return normInt(r);
}

export function intSub(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= SAFE && r >= -SAFE) return r;
  }
  const r = toBig(a) - toBig(b);
  if (outOfI64(r)) throw abort("OverflowError", R.subOverflow, a, b, r);
  return normInt(r);
}

export function intMul(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // Rounding is monotone, so a result within the safe range is exact.
    if (r <= SAFE && r >= -SAFE) return r + 0; // `+ 0` turns -0 into 0
  }
  const r = toBig(a) * toBig(b);
  if (outOfI64(r)) throw abort("OverflowError", R.mulOverflow, a, b, r);
  return normInt(r);
}

/** Floor division. */
export function intDiv(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw abort("ZeroDivisionError", R.intDivZero);
    const r = a % b; // exact for integers
    let q = (a - r) / b; // exact: a - r is a multiple of b
    if (r !== 0 && r < 0 !== b < 0) q -= 1;
    return q + 0;
  }
  const x = toBig(a);
  const y = toBig(b);
  if (y === 0n) throw abort("ZeroDivisionError", R.intDivZero);
  let q = x / y;
  if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
  if (outOfI64(q)) throw abort("OverflowError", R.divOverflow, a, b, q);
  return normInt(q);
}

/** Floor modulo (the result takes the divisor's sign). */
export function intMod(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw abort("ZeroDivisionError", R.intModZero);
    let r = a % b;
    if (r !== 0 && r < 0 !== b < 0) r += b;
    return r + 0;
  }
  const x = toBig(a);
  const y = toBig(b);
  if (y === 0n) throw abort("ZeroDivisionError", R.intModZero);
  let r = x % y;
  if (r !== 0n && r < 0n !== y < 0n) r += y;
  return normInt(r);
}

export function intNeg(a: Int): Int {
  return intSub(0, a);
}

function shiftCount(n: Int): number {
  if (n < 0 || n >= 64) throw abort("OverflowError", R.shiftCount, n);
  return Number(n);
}

export function intShl(a: Int, n: Int): Int {
  const k = shiftCount(n);
  if (typeof a === "number") {
    const r = a * 2 ** k; // exact: scaling by a power of two
    if (r <= SAFE && r >= -SAFE) return r;
  }
  const r = toBig(a) << BigInt(k);
  if (r < I64_MIN || r > I64_MAX) throw abort("OverflowError", R.shlOverflow, a, n);
  return normInt(r);
}

export function intShr(a: Int, n: Int): Int {
  const k = shiftCount(n);
  if (typeof a === "number") return Math.floor(a / 2 ** k) + 0;
  return normInt(a >> BigInt(k));
}

const INT32 = 2147483647;

export function intAnd(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && a <= INT32 && a >= -INT32 && b <= INT32 && b >= -INT32)
    return a & b;
  return normInt(toBig(a) & toBig(b));
}

export function intOr(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && a <= INT32 && a >= -INT32 && b <= INT32 && b >= -INT32)
    return a | b;
  return normInt(toBig(a) | toBig(b));
}

export function intXor(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && a <= INT32 && a >= -INT32 && b <= INT32 && b >= -INT32)
    return a ^ b;
  return normInt(toBig(a) ^ toBig(b));
}

// ───────────────────────────── Float ─────────────────────────────

export function floatDiv(a: number, b: number): CFloat {
  if (b === 0) throw abort("ZeroDivisionError", R.floatDivZero);
  return new CFloat(a / b);
}

/** Python's float `%`: fmod, then moved to the divisor's sign; a zero result takes the divisor's sign. */
export function floatMod(a: number, b: number): CFloat {
  if (b === 0) throw abort("ZeroDivisionError", R.floatModZero);
  let m = a % b;
  if (m !== 0) {
    if (b < 0 !== m < 0) m += b;
  } else {
    m = b < 0 ? -0 : 0;
  }
  return new CFloat(m);
}

export function toFloat(i: Int): CFloat {
  return new CFloat(Number(i));
}

const TWO63 = 9223372036854775808;

export function toInt(f: number): Int {
  if (Number.isNaN(f)) throw abort("OverflowError", R.toIntNaN);
  if (!Number.isFinite(f)) throw abort("OverflowError", R.toIntInf);
  const t = Math.trunc(f);
  if (t >= TWO63 || t < -TWO63) throw abort("OverflowError", R.toIntRange, floatRepr(f));
  if (t <= SAFE && t >= -SAFE) return t + 0;
  return normInt(BigInt(t));
}

