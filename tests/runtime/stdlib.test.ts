import { describe, expect, it } from "vitest";
import { CMap, CSet } from "../../src/runtime/collections.js";
import { display } from "../../src/runtime/display.js";
import { valueEquals } from "../../src/runtime/equality.js";
import { CapaAbort } from "../../src/runtime/errors.js";
import { builtinMethod } from "../../src/runtime/stdlib/index.js";
import { FREE_FUNCTIONS } from "../../src/runtime/stdlib/free.js";
import { makeRange } from "../../src/runtime/stdlib/ranges.js";
import { CFloat, CStruct, CTuple, CVariant, JNULL, NONE, err, makeIoError, makeStructInfo, ok, some, type Value } from "../../src/runtime/values.js";

const call = (recv: Value, name: string, a?: Value, b?: Value): Value => {
  const m = builtinMethod(recv, name);
  if (!m) throw new Error(`no method ${name}`);
  return m(recv, a, b);
};
const free = (name: string, a?: Value, b?: Value): Value => FREE_FUNCTIONS[name](a, b);
const show = (v: Value): string => display(v, null);

function abortOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CapaAbort) return `${e.kind}: ${e.capaMessage}`;
    throw e;
  }
  throw new Error("expected an abort");
}

describe("String methods", () => {
  const s = "héllo wörld 😀!";
  it("index by code point", () => {
    expect(call(s, "length")).toBe(14);
    expect(call(s, "char_at", 12)).toEqual(some("😀"));
    expect(call(s, "char_at", 14)).toBe(NONE);
    expect(call(s, "char_at", -1)).toBe(NONE);
    expect(call(s, "substring", 12, 14)).toBe("😀!");
    expect(call(s, "index_of", "wörld")).toEqual(some(6));
    expect(call(s, "index_of", "")).toEqual(some(0));
    expect(call(s, "index_of", "zz")).toBe(NONE);
    expect(call("aé😀", "bytes")).toEqual([97, 195, 169, 240, 159, 152, 128]);
  });

  it("abort on bad substring bounds and empty separators", () => {
    expect(abortOf(() => call("hello", "substring", 2, 9))).toBe("ValueError: substring out of range: start=2, end=9, len=5");
    expect(abortOf(() => call("hello", "substring", 3, 2))).toBe("ValueError: substring out of range: start=3, end=2, len=5");
    expect(abortOf(() => call("a,b", "split", ""))).toBe("ValueError: empty separator");
  });

  it("map case for ASCII letters only", () => {
    expect(call("straße é", "to_upper")).toBe("STRAßE é");
    expect(call("ÀÉÎ ABC", "to_lower")).toBe("ÀÉÎ abc");
  });

  it("split, replace, trim and lines follow the reference", () => {
    expect(call("a,b,,c", "split", ",")).toEqual(["a", "b", "", "c"]);
    expect(call("", "split", ",")).toEqual([""]);
    expect(call("abc", "replace", "", "-")).toBe("abc");
    expect(call("aaaa", "replace", "aa", "b")).toBe("bb");
    expect(call("  \t padded \n ", "trim")).toBe("padded");
    expect(call("  x  ", "trim_start")).toBe("x  ");
    expect(call("  x  ", "trim_end")).toBe("  x");
    expect(call("", "lines")).toEqual([]);
    expect(call("a\r\nb\rc\n", "lines")).toEqual(["a", "b", "c"]);
    expect(call("k=v=w", "split_once", "=")).toEqual(some(new CTuple(["k", "v=w"])));
  });
});

describe("List methods", () => {
  it("query and transform without mutating the receiver", () => {
    const xs = [3, 1, 2];
    expect(call(xs, "map", (x: Value) => (x as number) * 2)).toEqual([6, 2, 4]);
    expect(call(xs, "filter", (x: Value) => (x as number) > 1)).toEqual([3, 2]);
    expect(call(xs, "fold", 0, (a: Value, x: Value) => (a as number) + (x as number))).toBe(6);
    expect(call(xs, "sorted_by", (a: Value, b: Value) => (a as number) - (b as number))).toEqual([1, 2, 3]);
    expect(call(xs, "reverse")).toEqual([2, 1, 3]);
    expect(xs).toEqual([3, 1, 2]);
    expect(call(xs, "get", -1)).toBe(NONE);
    expect(call(xs, "get", 2)).toEqual(some(2));
    expect(call(xs, "find_index", (x: Value) => x === 2)).toEqual(some(2));
    expect(call(xs, "zip", ["a"])).toEqual([new CTuple([3, "a"])]);
    expect(call(xs, "enumerate")).toEqual([new CTuple([0, 3]), new CTuple([1, 1]), new CTuple([2, 2])]);
    expect(call([[1], [2, 3]], "flat_map", (x: Value) => x)).toEqual([1, 2, 3]);
  });

  it("sorted_by is stable", () => {
    const pairs = [new CTuple([1, "a"]), new CTuple([0, "b"]), new CTuple([1, "c"])];
    const key = (t: Value) => (t as CTuple).items[0] as number;
    const sorted = call(pairs, "sorted_by", (a: Value, b: Value) => key(a) - key(b)) as CTuple[];
    expect(sorted.map((t) => t.items[1])).toEqual(["b", "a", "c"]);
  });

  it("push mutates the shared list; contains compares structurally", () => {
    const xs: Value[] = [];
    call(xs, "push", new CTuple([1, "x"]));
    expect(call(xs, "contains", new CTuple([1, "x"]))).toBe(true);
    expect(call(xs, "contains", new CTuple([1, "y"]))).toBe(false);
  });
});

describe("Map and Set", () => {
  it("keep insertion order and compare keys structurally", () => {
    const m = new CMap();
    call(m, "set", "b", 1);
    call(m, "set", "a", 2);
    call(m, "set", "b", 3);
    expect(call(m, "keys")).toEqual(["b", "a"]);
    expect(call(m, "values")).toEqual([3, 2]);
    expect(call(m, "get", "zz")).toBe(NONE);
    const t = new CMap();
    t.set(new CTuple([1, 2]), "pair");
    expect(t.get(new CTuple([1, 2]))).toBe("pair");
    expect([...t.keys()]).toEqual([new CTuple([1, 2])]);
    expect(t.get(new CFloat(1))).toBeUndefined();
    expect(new CMap().get(1)).toBeUndefined();
  });

  it("does not confuse Int 1, Float 1.0 and String \"1\" keys", () => {
    const s = new CSet([1, new CFloat(1), "1", "\u0000x"]);
    expect(s.size).toBe(4);
    expect(s.has("\u0000x")).toBe(true);
  });

  it("implements the set algebra in the receiver's order", () => {
    const a = new CSet([1, 2, 3]);
    const b = new CSet([3, 4, 1]);
    expect([...(call(a, "union", b) as CSet).values()]).toEqual([1, 2, 3, 4]);
    expect([...(call(a, "intersection", b) as CSet).values()]).toEqual([1, 3]);
    expect([...(call(a, "difference", b) as CSet).values()]).toEqual([2]);
    expect(call(new CSet([1]), "is_subset", a)).toBe(true);
    call(a, "remove", 9);
    call(a, "add", 1);
    expect(call(a, "to_list")).toEqual([1, 2, 3]);
  });
});

describe("Range", () => {
  it("is half-open and inclusive with ..=", () => {
    expect(call(makeRange(1, 4, false), "to_list")).toEqual([1, 2, 3]);
    expect(call(makeRange(1, 4, true), "length")).toBe(4);
    expect(call(makeRange(5, 1, false), "is_empty")).toBe(true);
    expect(call(makeRange(0, 10, false), "contains", 10)).toBe(false);
    expect(call(makeRange(0, 10, false), "last")).toEqual(some(9));
    expect(call(makeRange(0, 5, false), "fold", 0, (a: Value, x: Value) => (a as number) + (x as number))).toBe(10);
  });
});

describe("Option and Result", () => {
  it("combinators", () => {
    expect(call(some(2), "map", (x: Value) => (x as number) + 1)).toEqual(some(3));
    expect(call(NONE, "unwrap_or", 7)).toBe(7);
    expect(call(NONE, "ok_or", "e")).toEqual(err("e"));
    expect(call(some(2), "filter", (x: Value) => x === 3)).toBe(NONE);
    expect(call(ok(1), "map_err", () => 0)).toEqual(ok(1));
    expect(call(err("x"), "or_else", (e: Value) => ok(e))).toEqual(ok("x"));
    expect(call(err("x"), "err")).toEqual(some("x"));
    expect(call(ok(1), "ok")).toEqual(some(1));
  });

  it("unwrap and expect panic with the reference's messages", () => {
    expect(abortOf(() => call(NONE, "unwrap"))).toBe("panic: called unwrap() on a None value");
    expect(abortOf(() => call(err(1), "unwrap"))).toBe("panic: called unwrap() on an Err value");
    expect(abortOf(() => call(NONE, "expect", "config value must be present"))).toBe("panic: config value must be present");
  });
});

describe("free functions", () => {
  it("parse_int trims, takes a sign, decimal only, i64 range", () => {
    expect(free("parse_int", "\t7\n")).toEqual(some(7));
    expect(free("parse_int", "+8")).toEqual(some(8));
    expect(free("parse_int", "-9223372036854775808")).toEqual(some(-9223372036854775808n));
    for (const bad of ["", "1_000", "0x10", "9223372036854775808", "١", "--1", "1.5"]) expect(free("parse_int", bad)).toBe(NONE);
  });

  it("parse_float accepts .5 and 5. but no inf, nan or overflow", () => {
    expect(free("parse_float", ".5")).toEqual(some(new CFloat(0.5)));
    expect(free("parse_float", "5.")).toEqual(some(new CFloat(5)));
    expect(free("parse_float", "1e-400")).toEqual(some(new CFloat(0)));
    for (const bad of ["inf", "nan", "Infinity", "1e400", "0x1p3", "1,5"]) expect(free("parse_float", bad)).toBe(NONE);
  });

  it("to_float / to_int", () => {
    expect(show(free("to_float", 9007199254740993n))).toBe("9007199254740992.0");
    expect(free("to_int", new CFloat(-7.99))).toBe(-7);
  });

  it("panic is a panic abort and declassify is the identity", () => {
    expect(abortOf(() => free("panic", "boom"))).toBe("panic: boom");
    const v = [1];
    expect(free("declassify", v)).toBe(v);
  });
});

describe("JSON", () => {
  const roundTrip = (text: string): string => {
    const r = free("parse_json", text) as CVariant;
    return r.tag === "Ok" ? (free("to_json", r.payload[0]) as string) : `err ${r.payload[0] as string}`;
  };
  it("round-trips with Python-style separators and numbers", () => {
    expect(roundTrip('{"b": 1, "a": [true, null], "c": {"d": "e"}}')).toBe('{"b": 1, "a": [true, null], "c": {"d": "e"}}');
    expect(roundTrip('{"2": 1, "1": 2}')).toBe('{"2": 1, "1": 2}');
    expect(roundTrip('{"k": 1, "k": 2}')).toBe('{"k": 2}');
    expect(roundTrip("1e3")).toBe("1000");
    expect(roundTrip("-0")).toBe("0");
    expect(roundTrip("123456789012345678901234567890")).toBe("1.2345678901234568e+29");
    expect(roundTrip('"\\ud83d\\ude00 \\u00e9"')).toBe('"😀 é"');
  });
  it("reports errors like CPython's json module", () => {
    expect(roundTrip('{"a": }')).toBe("err Expecting value: line 1 column 7 (char 6)");
    expect(roundTrip("[1, 2")).toBe("err Expecting ',' delimiter: line 1 column 6 (char 5)");
    expect(roundTrip("01")).toBe("err Extra data: line 1 column 2 (char 1)");
    expect(roundTrip("NaN")).toBe("err NaN is not valid JSON (RFC 8259 has no NaN or Infinity)");
    expect(roundTrip('"open')).toBe("err Unterminated string starting at: line 1 column 1 (char 0)");
    expect(roundTrip("{1: 2}")).toBe("err Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
  });
  it("as_int only for integral numbers", () => {
    const num = (x: number) => new CVariant("JsonValue", "JNum", [new CFloat(x)]);
    expect(call(num(3), "as_int")).toEqual(some(3));
    expect(call(num(2.5), "as_int")).toBe(NONE);
    expect(call(JNULL, "is_null")).toBe(true);
  });
});

describe("display and equality", () => {
  it("displays Bool, Float, IoError like the reference", () => {
    expect(show(true)).toBe("true");
    expect(show(new CFloat(25))).toBe("25.0");
    expect(show(9223372036854775807n)).toBe("9223372036854775807");
    expect(show(makeIoError("failed", ""))).toBe("failed");
    expect(show(makeIoError("failed", "why"))).toBe("failed: why");
  });

  it("uses the user's to_string hook for structs", () => {
    const info = makeStructInfo("P", ["x"]);
    const p = new CStruct(info, [1]);
    expect(display(p, (v) => `P<${(v as CStruct).fields[0] as number}>`)).toBe("P<1>");
  });

  it("compares structs, variants and collections structurally", () => {
    const info = makeStructInfo("P", ["x", "y"]);
    expect(valueEquals(new CStruct(info, [1, "a"]), new CStruct(info, [1, "a"]))).toBe(true);
    expect(valueEquals(new CStruct(info, [1, "a"]), new CStruct(info, [2, "a"]))).toBe(false);
    expect(valueEquals(some([1, 2]), some([1, 2]))).toBe(true);
    expect(valueEquals(new CFloat(NaN), new CFloat(NaN))).toBe(false);
    expect(valueEquals(new CFloat(-0), new CFloat(0))).toBe(true);
    expect(valueEquals(new CSet([1, 2]), new CSet([2, 1]))).toBe(true);
  });
});
