import { describe, expect, test } from "vitest";
import { artifactText, pythonJsonDumps } from "../../src/emit/json.js";

describe("pythonJsonDumps (json.dumps(indent=2) compatible)", () => {
  test("escapes non-ASCII as \\uXXXX, astral characters as surrogate pairs", () => {
    expect(pythonJsonDumps({ d: "greet holds no Net \u2014 ok", e: "é", s: "\u{1F600}" })).toBe(
      '{\n  "d": "greet holds no Net \\u2014 ok",\n  "e": "\\u00e9",\n  "s": "\\ud83d\\ude00"\n}',
    );
  });

  test("escapes non-ASCII keys too, and keeps control-character escapes Python uses", () => {
    expect(pythonJsonDumps({ "ключ": "a\tb\u0001" })).toBe('{\n  "\\u043a\\u043b\\u044e\\u0447": "a\\tb\\u0001"\n}');
  });

  test("keeps insertion order, empty containers inline, DEL and '/' unescaped", () => {
    expect(pythonJsonDumps({ z: [], a: {}, m: [1, "x/\u007f"] })).toBe(
      '{\n  "z": [],\n  "a": {},\n  "m": [\n    1,\n    "x/\u007f"\n  ]\n}',
    );
  });

  test("the printed artefact ends with exactly one newline", () => {
    expect(artifactText([])).toBe("[]\n");
  });

  test("the escaped text parses back to the original value", () => {
    const value = { t: "ü\u2028\u{10FFFF}" };
    expect(JSON.parse(pythonJsonDumps(value))).toEqual(value);
  });
});
