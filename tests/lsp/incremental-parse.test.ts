// The editor's incremental parse must build exactly the AST a whole-file parse builds: over
// every .capa file of the repository, first parse and after edits (a changed line, a line added
// above, a line removed), with chunks reused from the previous parse.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import { IncrementalParser, splitTopLevel } from "../../src/lsp/incremental-parse.js";

const ROOT = join(__dirname, "../..");

function capaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(path).isDirectory() ? capaFiles(path) : name.endsWith(".capa") ? [path] : [];
  });
}

const json = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));

function expectSameParse(parser: IncrementalParser, text: string, file: string): void {
  const whole = parseSource(text, file);
  const incremental = parser.parse(text, file);
  expect(json(incremental.diagnostics)).toBe(json(whole.diagnostics));
  expect(json(incremental.program)).toBe(json(whole.program));
}

const corpus = [...capaFiles(join(ROOT, "examples")), ...capaFiles(join(ROOT, "stdlib")), ...capaFiles(join(ROOT, "tests"))];

describe("incremental parse", () => {
  it("cuts a file at items, keeping doc comments and attributes with the item below", () => {
    const text = ["fun f()", "    return", "", "/// doc", '@deprecated(reason: "x")', "fun g()", "    return", "type P {", "x: Int", "}", ""].join("\n");
    expect(splitTopLevel(text).map((c) => c.startLine)).toEqual([1, 3, 8]);
  });

  it(`builds the whole-file AST for every .capa file in the repository (${corpus.length} files), before and after edits`, () => {
    expect(corpus.length).toBeGreaterThan(200);
    let chunked = 0;
    for (const file of corpus) {
      const text = readFileSync(file, "utf8");
      const parser = new IncrementalParser();
      expectSameParse(parser, text, file);
      const lines = text.split("\n");
      if (splitTopLevel(text).length > 1) chunked += 1;
      const middle = Math.floor(lines.length / 2);
      const edits = [
        [...lines.slice(0, middle), `${lines[middle]} `, ...lines.slice(middle + 1)],
        ["// a comment above everything", ...lines],
        lines.slice(1),
      ];
      for (const edited of edits) expectSameParse(parser, edited.join("\n"), file);
    }
    expect(chunked).toBeGreaterThan(100);
  }, 180_000);

  it("builds the whole-file AST for CRLF files too", () => {
    for (const file of corpus.slice(0, 60)) {
      const text = readFileSync(file, "utf8").replace(/\r?\n/g, "\r\n");
      expectSameParse(new IncrementalParser(), text, file);
    }
  }, 60_000);

  it("re-parses only the edited item: the others are the very nodes of the previous parse", () => {
    const text = ["fun a() -> Int", "    return 1", "", "fun b() -> Int", "    return 2", "", "fun c() -> Int", "    return 3", ""].join("\n");
    const parser = new IncrementalParser();
    const before = parser.parse(text, "x.capa").program.items;
    const after = parser.parse(text.replace("return 2", "return 20"), "x.capa").program.items;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});
