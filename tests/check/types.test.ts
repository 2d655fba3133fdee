// Unit tests of the checker's building blocks: type display, unification with rollback and
// nominal assignability, did-you-mean suggestions, and the declarative built-in table.

import { describe, expect, it } from "vitest";
import {
  capType,
  CHAR,
  fun,
  HoleFactory,
  INT,
  listOf,
  mapOf,
  optionOf,
  prune,
  resolveHoles,
  resultOf,
  STRING,
  tuple,
  typeToString,
  typeToSurfaceString,
  UNIT,
  UNKNOWN,
  userType,
} from "../../src/check/types.js";
import { assignable, unify } from "../../src/check/typecheck/unify.js";
import { suggest } from "../../src/check/typecheck/suggest.js";
import { BUILTIN_FUNCTIONS, BUILTIN_METHODS } from "../../src/check/typecheck/builtins.js";

describe("type display", () => {
  it("prints types the way the reference's messages do", () => {
    const holes = new HoleFactory();
    expect(typeToString(fun([INT], STRING))).toBe("fun(Int) -> String");
    expect(typeToString(tuple([INT, STRING]))).toBe("(Int, String)");
    expect(typeToString(tuple([INT]))).toBe("(Int,)");
    expect(typeToString(UNIT)).toBe("()");
    expect(typeToString(mapOf(STRING, listOf(INT)))).toBe("Map<String, List<Int>>");
    expect(typeToString(userType("typestate", "Door", [], "Open"))).toBe("Door[Open]");
    expect(typeToString(listOf(holes.fresh("lst")))).toBe("List<?lst_0>");
    expect(typeToString(resultOf(INT, holes.fresh()))).toBe("Result<Int, ?>");
  });

  it("prints the surface syntax for the capability model", () => {
    expect(typeToSurfaceString(fun([INT, capType("Net")], optionOf(INT)))).toBe("Fun(Int, Net) -> Option<Int>");
  });
});

describe("unification", () => {
  it("fills holes once and resolves through them", () => {
    const holes = new HoleFactory();
    const h = holes.fresh("lst");
    expect(unify(listOf(h), listOf(INT))).toBe(true);
    expect(typeToString(resolveHoles(listOf(h)))).toBe("List<Int>");
    expect(unify(h, STRING)).toBe(false);
  });

  it("rolls back holes filled by a failed attempt", () => {
    const holes = new HoleFactory();
    const h = holes.fresh();
    expect(unify(resultOf(h, INT), resultOf(STRING, STRING))).toBe(false);
    expect(prune(h)).toBe(h);
  });

  it("treats Unknown as compatible with everything", () => {
    expect(unify(UNKNOWN, fun([INT], INT))).toBe(true);
  });

  it("accepts an implementor where its trait is expected, and Char for String", () => {
    const impls = (t: string, trait: string): boolean => t === "Book" && trait === "Describe";
    expect(assignable(userType("struct", "Book"), userType("trait", "Describe"), impls)).toBe(true);
    expect(assignable(userType("struct", "Car"), userType("trait", "Describe"), impls)).toBe(false);
    expect(assignable(listOf(userType("struct", "Book")), listOf(userType("trait", "Describe")), impls)).toBe(false);
    expect(assignable(CHAR, STRING, impls)).toBe(true);
  });
});

describe("did-you-mean", () => {
  it("suggests close names within the length-scaled threshold", () => {
    expect(suggest("coutn", ["count", "x"])).toBe("count");
    expect(suggest("Strng", ["String", "Stdio"])).toBe("String");
    expect(suggest("ab", ["abc"])).toBeNull();
    expect(suggest("abcd", ["wxyz"])).toBeNull();
    expect(suggest("Count", ["count"])).toBeNull();
  });
});

describe("built-in table", () => {
  it("covers every built-in receiver with typed signatures", () => {
    expect([...BUILTIN_METHODS.keys()].sort()).toEqual([
      "AuditLog", "Clock", "Db", "Env", "Fs", "IoError", "JsonValue", "List", "Map", "Net", "Option", "Proc", "Random", "Range", "Result",
      "Revoker", "Serve", "Set", "Stdio", "String", "Unsafe",
    ]);
    const map = BUILTIN_METHODS.get("List")!.get("map")!;
    expect(map.generics).toEqual(["U"]);
    expect(typeToString(map.params[0]!.type)).toBe("fun(T) -> U");
    expect(typeToString(map.ret)).toBe("List<U>");
    expect(typeToString(BUILTIN_METHODS.get("Fs")!.get("write")!.ret)).toBe("Result<(), IoError>");
  });

  it("gates Python interop on an Unsafe first parameter", () => {
    const py = BUILTIN_FUNCTIONS.get("py_import")!;
    expect(typeToString(py.params[0]!.type)).toBe("Unsafe");
    expect(typeToString(py.ret)).toBe("?");
  });
});
