import { describe, expect, test } from "vitest";
import { formatTimestamp, resolveTimestamp } from "../../src/emit/timestamp.js";

const NOW = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 999));

function ok(value: string | undefined): string {
  const r = resolveTimestamp(value, NOW);
  if (!r.ok) throw new Error(`expected ok, got ${r.error}`);
  return r.timestamp;
}

function err(value: string): string {
  const r = resolveTimestamp(value, NOW);
  if (r.ok) throw new Error(`expected an error, got ${r.timestamp}`);
  return r.error;
}

describe("resolveTimestamp (SOURCE_DATE_EPOCH)", () => {
  test("unset means the wall clock, whole seconds, UTC", () => {
    expect(ok(undefined)).toBe("2024-05-06T07:08:09Z");
  });

  test("plain decimals become that instant", () => {
    expect(ok("0")).toBe("1970-01-01T00:00:00Z");
    expect(ok("1609459200")).toBe("2021-01-01T00:00:00Z");
    expect(ok("32503680000")).toBe("3000-01-01T00:00:00Z");
    expect(ok("253402300799")).toBe("9999-12-31T23:59:59Z");
  });

  test("outer whitespace is tolerated, including Python-only whitespace", () => {
    expect(ok(" 42 ")).toBe("1970-01-01T00:00:42Z");
    expect(ok("\t7\n")).toBe("1970-01-01T00:00:07Z");
    expect(ok("\u001c7\u0085")).toBe("1970-01-01T00:00:07Z");
    expect(ok("\u00a07")).toBe("1970-01-01T00:00:07Z");
  });

  test("anything but a plain decimal is rejected with the value quoted as Python repr", () => {
    const tail = "is not a plain non-negative decimal integer of Unix UTC seconds";
    expect(err("")).toBe(`SOURCE_DATE_EPOCH='' ${tail}`);
    expect(err("   ")).toBe(`SOURCE_DATE_EPOCH='' ${tail}`);
    for (const bad of ["+1", "1_000", "08", "00", "0x10", "123.0", "-5", "1e3", "abc", "1 2", "\u0663", "\uff11"]) {
      expect(err(bad)).toBe(`SOURCE_DATE_EPOCH='${bad}' ${tail}`);
    }
    expect(err("a'b")).toBe(`SOURCE_DATE_EPOCH="a'b" ${tail}`);
    expect(err("a\tb")).toBe(`SOURCE_DATE_EPOCH='a\\tb' ${tail}`);
    expect(err("\ufeff7")).toBe(`SOURCE_DATE_EPOCH='\\ufeff7' ${tail}`);
  });

  test("instants after year 9999 are rejected", () => {
    expect(err("253402300800")).toBe("SOURCE_DATE_EPOCH=253402300800 is out of the representable date range");
    expect(err("99999999999999999999999999")).toBe(
      "SOURCE_DATE_EPOCH=99999999999999999999999999 is out of the representable date range",
    );
  });

  test("formatTimestamp pads years and drops milliseconds", () => {
    expect(formatTimestamp(new Date(Date.UTC(999, 0, 2, 3, 4, 5, 600)))).toBe("0999-01-02T03:04:05Z");
  });
});
