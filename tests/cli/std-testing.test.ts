// `import std.testing`: every assertion passes quietly when its claim holds and panics, showing
// both values, when it does not (the message `capa test` prints for the failing test).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const DIR = mkdtempSync(join(tmpdir(), "capa-std-testing-"));

function run(body: string) {
  const file = join(DIR, `t${Math.random().toString(36).slice(2)}.capa`);
  writeFileSync(file, `import std.testing\n\nfun main()\n${body.split("\n").map((l) => `    ${l}`).join("\n")}\n`);
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--run", file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("std.testing", () => {
  it("passes quietly when every claim holds", () => {
    const r = run(
      [
        'testing.assert_true(1 < 2, "order")',
        'testing.assert_false(2 < 1, "order")',
        "testing.assert_eq([1, 2], [1, 2])",
        "testing.assert_eq(Some(\"x\"), Some(\"x\"))",
        'testing.assert_ne("a", "b")',
        "testing.assert_eq_int(4, 4)",
        'testing.assert_eq_str("x", "x")',
        "testing.assert_close(0.1 + 0.2, 0.3, 0.000001)",
        'testing.assert_contains("hello", "ell")',
      ].join("\n"),
    );
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  const failures: [string, string][] = [
    ['testing.assert_true(2 < 1, "two below one")', "panic: assert_true failed: two below one"],
    ['testing.assert_false(1 < 2, "one below two")', "panic: assert_false failed: one below two"],
    ["testing.assert_eq([1, 2], [2, 1])", "panic: assert_eq failed: expected [2, 1], got [1, 2]"],
    ["testing.assert_ne(3, 3)", "panic: assert_ne failed: both are 3"],
    ["testing.assert_eq_int(7, 5)", "panic: assert_eq_int failed: expected 5, got 7 (off by 2)"],
    ['testing.assert_eq_str("ab ", "ab")', 'panic: assert_eq_str failed: expected "ab", got "ab "'],
    ["testing.assert_close(1.5, 1.0, 0.1)", "panic: assert_close failed: expected 1.0 within 0.1, got 1.5"],
    ['testing.assert_contains("hello", "xyz")', 'panic: assert_contains failed: "xyz" not found in "hello"'],
    ['testing.fail("not written yet")', "panic: assertion failed: not written yet"],
  ];
  for (const [call, message] of failures) {
    it(`${call.split("(")[0]} panics with both values when its claim is false`, () => {
      const r = run(call);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`${message}\n`);
    });
  }

  it("needs no capability: the manifest shows no authority for the module", () => {
    const file = join(DIR, "manifest.capa");
    writeFileSync(file, "import std.testing\n\nfun main()\n    testing.assert_eq_int(1, 1)\n");
    const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--manifest", file], { encoding: "utf8" });
    const manifest = JSON.parse(r.stdout) as { functions: { name: string; pos: string; declared_capabilities: string[]; transitively_reachable_capabilities: string[] }[] };
    const helpers = manifest.functions.filter((f) => f.pos.includes("testing.capa"));
    expect(helpers.map((f) => f.name)).toContain("assert_eq_int");
    for (const f of helpers) expect([f.name, f.declared_capabilities, f.transitively_reachable_capabilities]).toEqual([f.name, [], []]);
  });
});
