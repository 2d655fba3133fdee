// Data-driven IFC fixtures: every `tests/ifc/<rule>/<name>.capa` is parsed and checked, and its
// diagnostics (`LINE:COL: SEVERITY: MESSAGE`, one per line) must equal `<name>.expected` exactly
// as a multiset; an empty `.expected` means the program is clean.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { parseSource } from "../../src/syntax/index.js";

const ROOT = join(import.meta.dirname, "..", "ifc");

function fixtures(): { rule: string; name: string; file: string }[] {
  if (!existsSync(ROOT)) return [];
  const out: { rule: string; name: string; file: string }[] = [];
  for (const rule of readdirSync(ROOT, { withFileTypes: true })) {
    if (!rule.isDirectory()) continue;
    for (const f of readdirSync(join(ROOT, rule.name)).sort()) {
      if (f.endsWith(".capa")) out.push({ rule: rule.name, name: f.slice(0, -5), file: join(ROOT, rule.name, f) });
    }
  }
  return out;
}

function render(d: Diagnostic): string {
  return `${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
}

const all = fixtures();

describe("tests/ifc fixtures", () => {
  it("the catalogue exists", () => expect(all.length).toBeGreaterThan(0));
  for (const fx of all) {
    it(`${fx.rule}/${fx.name}`, () => {
      const source = readFileSync(fx.file, "utf8");
      const file = relative(process.cwd(), fx.file);
      const { program, diagnostics } = parseSource(source, file);
      expect(diagnostics.map(render)).toEqual([]);
      const result = checkProgram(program, { filename: file, source });
      const actual = result.diagnostics.map(render).sort();
      const expectedPath = fx.file.replace(/\.capa$/, ".expected");
      const expected = readFileSync(expectedPath, "utf8")
        .split("\n")
        .map((l) => l.trimEnd())
        .filter((l) => l.length > 0)
        .sort();
      expect(actual).toEqual(expected);
    });
  }
});
