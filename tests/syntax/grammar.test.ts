// The chevrotain grammar itself: valid under chevrotain's full self-analysis (no undeclared
// ambiguity, no DSL occurrence used twice), and every syntax error worded as ours, never as
// chevrotain's defaults, on thousands of damaged versions of real programs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import { validateGrammar } from "../../src/syntax/parser.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("the chevrotain grammar", () => {
  it("passes chevrotain's grammar validation", () => {
    expect(() => validateGrammar()).not.toThrow();
  });
});

/** A deterministic stream of small integers (tests must not depend on Math.random). */
function lcg(seed: number): (bound: number) => number {
  let state = seed;
  return (bound) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % bound;
  };
}

const INSERTS = ["(", ")", ",", ":", "=", "->", "=>", "fun", "if", "match", "|", "{", "}", "[", "]", "\n", "\n    ", "let", "<", ">", ">>", "@", "x", "1", '"s${', "Foo {", "..", "not", "?"];

/** Damaged copies of `src`: a word deleted, something inserted or duplicated, or a line dropped. */
function mutations(src: string, count: number, seed: number): string[] {
  const rnd = lcg(seed);
  const words = src.split(/(\s+|[()[\]{},.:])/);
  const out: string[] = [];
  for (let m = 0; m < count; m++) {
    const w = [...words];
    const k = rnd(w.length);
    switch (rnd(4)) {
      case 0:
        w.splice(k, 1);
        break;
      case 1:
        w.splice(k, 0, INSERTS[rnd(INSERTS.length)]!);
        break;
      case 2:
        w.splice(k, 0, w[rnd(w.length)]!);
        break;
      default: {
        const lines = src.split("\n");
        lines.splice(rnd(lines.length), 1);
        out.push(lines.join("\n"));
        continue;
      }
    }
    out.push(w.join(""));
  }
  return out;
}

/** Every .capa file below `dir` (programs written for the reference and for us). */
function capaFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".capa"))
    .sort()
    .map((f) => join(dir, f));
}

describe("syntax errors on damaged programs", () => {
  for (const dir of ["examples", "tests/golden", "tests/soundness", "tests/ifc", "tests/runtime", "stdlib"]) {
    it(`${dir}: damaged versions of every program parse to our own diagnostics`, () => {
      let damagedCount = 0;
      for (const file of capaFiles(dir)) {
        const src = readFileSync(join(ROOT, file), "utf8");
        for (const damaged of mutations(src, 20, src.length)) {
          damagedCount++;
          for (const d of parseSource(damaged, file).diagnostics) {
            expect(d.code, `${file}: ${d.message}`).toMatch(/^E1\d{3}$/);
            // chevrotain's default wording must never reach a user.
            expect(d.message, file).not.toMatch(/Expecting|Redundant input|but found|Token sequences/);
            expect(d.span.line).toBeGreaterThan(0);
          }
        }
      }
      expect(damagedCount).toBeGreaterThanOrEqual(20);
    });
  }
});
