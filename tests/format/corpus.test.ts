// The formatter's properties over every program we have: the examples, every .capa fixture
// under tests/, the standard library, and generated programs. For each one that parses:
// formatting succeeds, is idempotent, and gives the same program — the same AST with spans left
// out, the same comments in the same order, the same --check verdict (diagnostic codes) and the
// same capability manifest (source positions left out).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/index.js";
import { analyse, emit, fileModuleHost } from "../../src/pipeline.js";
import { commentsOf, parseSource } from "../../src/syntax/index.js";
import { programArb, renderProgram } from "../oracles/authority-gen.js";
import { renderIfcProgram, unitArb as ifcUnitArb } from "../oracles/ifc-gen.js";

const ROOT = join(import.meta.dirname, "..", "..");

function corpus(): string[] {
  const out = execFileSync("find", ["examples", "tests", "stdlib", "-name", "*.capa"], { cwd: ROOT, encoding: "utf8" });
  return out.trim().split("\n").sort();
}

/** The AST as data with every span (and the file name) left out. */
function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === "span" || k === "file" ? undefined : typeof v === "bigint" ? `${v}n` : v)));
}

/** A manifest without source positions (a formatted program lives at other lines). */
function manifestShape(text: string): unknown {
  return JSON.parse(text, (k, v) => (k === "pos" ? undefined : v));
}

async function verdict(text: string, file: string): Promise<{ codes: string[]; manifest: unknown }> {
  const front = analyse(text, file, fileModuleHost(file, {}, ROOT));
  const codes = [...front.syntax, ...front.check].map((d) => `${d.severity} ${d.code}`).sort();
  if (front.checked === null || codes.some((c) => c.startsWith("error"))) return { codes, manifest: null };
  const m = await emit("manifest", front.checked, front.sources, { sourceDateEpoch: "0", now: new Date(0), validate: false });
  return { codes, manifest: m.ok ? manifestShape(m.text) : m.error };
}

async function expectSameProgram(source: string, file: string): Promise<"formatted" | "syntax error"> {
  const first = formatSource(source, file);
  if (!first.ok) {
    // Only a program with a syntax error is refused, and then with that error.
    const parsed = parseSource(source, file);
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(first.diagnostics).toEqual(parsed.diagnostics);
    return "syntax error";
  }
  const second = formatSource(first.text, file);
  expect(second.ok && second.text).toBe(first.text);
  const before = parseSource(source, file);
  const after = parseSource(first.text, file);
  expect(after.diagnostics).toEqual([]);
  expect(shape(after.program)).toEqual(shape(before.program));
  expect(commentsOf(first.text, file).map((c) => c.text.trimEnd())).toEqual(commentsOf(source, file).map((c) => c.text.trimEnd()));
  expect(await verdict(first.text, file)).toEqual(await verdict(source, file));
  return "formatted";
}

describe("formatting the corpus", () => {
  const files = corpus();
  const outcome = new Map<string, string>();

  it.each(files)("%s keeps its meaning, its comments and its check verdict, and formats idempotently", async (file) => {
    outcome.set(file, await expectSameProgram(readFileSync(join(ROOT, file), "utf8"), file));
  });

  it("covered the whole corpus", () => {
    const formatted = [...outcome.values()].filter((o) => o === "formatted").length;
    expect(files.length).toBeGreaterThan(900);
    // The fixtures that do not parse are the syntax-error tests; every other file was formatted.
    expect(formatted).toBeGreaterThan(files.length - 30);
  });
});

describe("formatting generated programs", () => {
  it("authority-oracle programs", async () => {
    const programs = fc.sample(programArb, { numRuns: 40, seed: 18 });
    for (const [i, units] of programs.entries()) {
      expect(await expectSameProgram(renderProgram(units), `gen_authority_${i}.capa`)).toBe("formatted");
    }
  });

  it("IFC-oracle programs", async () => {
    const programs = fc.sample(fc.array(ifcUnitArb, { minLength: 1, maxLength: 3 }), { numRuns: 40, seed: 18 });
    for (const [i, units] of programs.entries()) {
      const text = renderIfcProgram(units.map((stmts, k) => ({ k, stmts })));
      expect(await expectSameProgram(text, `gen_ifc_${i}.capa`)).toBe("formatted");
    }
  });

  it("corpus programs laid out carelessly format to the same text as the originals", () => {
    // Trailing blanks, doubled blank lines and extra spaces around `=` are what the formatter
    // takes away: the careless copy and the original must come out byte for byte the same.
    let compared = 0;
    for (const file of corpus().filter((f) => f.startsWith("examples/"))) {
      const source = readFileSync(join(ROOT, file), "utf8");
      const careless = source
        .split("\n")
        .map((l) => (l.trim() === "" ? "\n" : l.includes("///") || l.includes('"') ? l : l.replace(/ = /, "   =  ") + "   "))
        .join("\n");
      const a = formatSource(source, file);
      const b = formatSource(careless, file);
      if (!a.ok) continue;
      expect(b.ok && b.text).toBe(a.text);
      compared++;
    }
    expect(compared).toBeGreaterThan(15);
  });
});
