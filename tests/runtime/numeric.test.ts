import { describe, expect, it } from "vitest";
import { CapaAbort } from "../../src/runtime/errors.js";
import {
  floatMod,
  floatRepr,
  intAdd,
  intAnd,
  intDiv,
  intMod,
  intMul,
  intNeg,
  intShl,
  intShr,
  intSub,
  intXor,
  toInt,
} from "../../src/runtime/numeric.js";

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

function abortOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CapaAbort) return `${e.kind}: ${e.capaMessage}`;
    throw e;
  }
  throw new Error("expected an abort");
}

describe("Int arithmetic", () => {
  it("stays a JS number in the safe range and switches to bigint beyond", () => {
    expect(intAdd(2, 3)).toBe(5);
    expect(intAdd(9007199254740991, 1)).toBe(9007199254740992n);
    expect(intSub(9007199254740992n, 1)).toBe(9007199254740991); // normalised back to a number
    expect(intMul(3037000499, 3037000499)).toBe(9223372030926249001n);
  });

  it("is exact beyond 2^53", () => {
    expect(intAdd(MAX - 1n, 1)).toBe(MAX);
    expect(intSub(MIN + 1n, 1)).toBe(MIN);
    expect(intMul(4611686018427387903n, 2)).toBe(9223372036854775806n);
  });

  it("traps overflow at the boundary with the reference's wording", () => {
    expect(abortOf(() => intAdd(MAX, 1))).toBe(
      "OverflowError: Int addition overflows signed 64-bit: 9223372036854775807 + 1 = 9223372036854775808",
    );
    expect(abortOf(() => intSub(MIN, 1))).toBe(
      "OverflowError: Int subtraction overflows signed 64-bit: -9223372036854775808 - 1 = -9223372036854775809",
    );
    expect(abortOf(() => intMul(4611686018427387904n, 2))).toBe(
      "OverflowError: Int multiplication overflows signed 64-bit: 4611686018427387904 * 2 = 9223372036854775808",
    );
    expect(abortOf(() => intNeg(MIN))).toBe(
      "OverflowError: Int subtraction overflows signed 64-bit: 0 - -9223372036854775808 = 9223372036854775808",
    );
    expect(abortOf(() => intDiv(MIN, -1))).toBe(
      "OverflowError: Int division overflows signed 64-bit: -9223372036854775808 / -1 = 9223372036854775808",
    );
  });

  it("floors division and takes the divisor's sign for modulo", () => {
    expect([intDiv(7, 2), intDiv(-7, 2), intDiv(7, -2), intDiv(-7, -2)]).toEqual([3, -4, -4, 3]);
    expect([intMod(7, 2), intMod(-7, 2), intMod(7, -2), intMod(-7, -2)]).toEqual([1, 1, -1, -1]);
    expect(Object.is(intDiv(0, -5), 0)).toBe(true);
    expect(Object.is(intMod(-4, 2), 0)).toBe(true);
    expect(intMod(MIN, -1)).toBe(0);
    expect(intDiv(MIN, 2)).toBe(-4611686018427387904n);
    expect(intMod(MIN, 3)).toBe(1);
  });

  it("reports division and modulo by zero differently, as the reference does", () => {
    expect(abortOf(() => intDiv(1, 0))).toBe("ZeroDivisionError: Int division by zero");
    expect(abortOf(() => intMod(1, 0))).toBe("ZeroDivisionError: integer modulo by zero");
  });

  it("checks shift counts and lost bits; >> is arithmetic", () => {
    expect(intShl(1, 62)).toBe(4611686018427387904n);
    expect(intShl(-1, 63)).toBe(MIN);
    expect(intShl(-4, 2)).toBe(-16);
    expect(intShr(-17, 2)).toBe(-5);
    expect(intShr(MIN, 63)).toBe(-1);
    expect(intShr(MAX, 62)).toBe(1);
    expect(abortOf(() => intShl(1, 63))).toBe("OverflowError: Int left shift overflows signed 64-bit: 1 << 63");
    expect(abortOf(() => intShl(1, 64))).toBe("OverflowError: shift count out of range [0, 64): 64");
    expect(abortOf(() => intShr(1, -1))).toBe("OverflowError: shift count out of range [0, 64): -1");
  });

  it("does bitwise operations on 64-bit two's complement values", () => {
    expect(intAnd(12, 10)).toBe(8);
    expect(intAnd(5, -2)).toBe(4);
    expect(intXor(-1, 0)).toBe(-1);
    expect(intAnd(MAX, 0xffffffffff)).toBe(0xffffffffff);
  });
});

describe("Float", () => {
  it("displays like Python's repr", () => {
    const cases: Array<[number, string]> = [
      [25, "25.0"],
      [0.1 + 0.2, "0.30000000000000004"],
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [1e-5, "1e-05"],
      [1e-4, "0.0001"],
      [Infinity, "inf"],
      [-Infinity, "-inf"],
      [NaN, "nan"],
      [-0, "-0.0"],
      [1234567890123456789, "1.2345678901234568e+18"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [6.02e23, "6.02e+23"],
      [-1.5, "-1.5"],
      [14.083333333333334, "14.083333333333334"],
    ];
    for (const [x, s] of cases) expect(floatRepr(x)).toBe(s);
  });

  it("uses floor modulo", () => {
    expect(floatMod(-7.5, 2).v).toBe(0.5);
    expect(floatMod(7.5, -2).v).toBe(-0.5);
    expect(abortOf(() => floatMod(1, 0))).toBe("ZeroDivisionError: float modulo");
  });

  it("to_int truncates and aborts on NaN, infinities and out-of-range values", () => {
    expect(toInt(2.9)).toBe(2);
    expect(toInt(-2.9)).toBe(-2);
    expect(Object.is(toInt(-0.5), 0)).toBe(true);
    expect(toInt(9.2e18)).toBe(9200000000000000000n);
    expect(abortOf(() => toInt(NaN))).toBe("OverflowError: to_int: NaN cannot be converted to Int");
    expect(abortOf(() => toInt(-Infinity))).toBe("OverflowError: to_int: infinity cannot be converted to Int");
    expect(abortOf(() => toInt(9.3e18))).toBe("OverflowError: to_int: 9.3e+18 out of signed 64-bit range");
  });
});
