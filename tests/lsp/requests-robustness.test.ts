// Every request, at every position of every example (and of a damaged copy of each), answers
// without throwing: the editor asks at arbitrary places, in the middle of any edit.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyseDocument } from "../../src/lsp/analysis.js";
import { codeActions } from "../../src/lsp/code-actions.js";
import { completion } from "../../src/lsp/completion.js";
import { lspDiagnostics } from "../../src/lsp/diagnostics.js";
import { documentSymbols } from "../../src/lsp/document-symbols.js";
import { hover } from "../../src/lsp/hover.js";
import { inlayHints } from "../../src/lsp/inlay-hints.js";
import { definition, prepareRename, references, rename } from "../../src/lsp/navigation.js";
import { signatureHelp } from "../../src/lsp/signature-help.js";
import { SourceText } from "../../src/lsp/text.js";

const EXAMPLES = join(__dirname, "../../examples");
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".capa")).map((f) => join(EXAMPLES, f));
const uriOf = (p: string): string => `file://${p}`;

function exercise(path: string, text: string, good: ReturnType<typeof analyseDocument> | null): number {
  const a = analyseDocument(path, text, 1, () => undefined);
  const source = new SourceText(text);
  const diags = lspDiagnostics(a, uriOf);
  codeActions(a, uriOf(path), diags, () => "x", uriOf);
  documentSymbols(a);
  inlayHints(a, { start: { line: 0, character: 0 }, end: { line: source.lines.length, character: 0 } });
  let answered = 0;
  source.lines.forEach((line, i) => {
    for (let col = 1; col <= [...line].length + 1; col += 3) {
      const p = { line: i + 1, col };
      if (hover(a, p) !== null) answered += 1;
      definition(a, p, uriOf);
      references(a, p, true, uriOf);
      prepareRename(a, p);
      rename(a, p, "renamed", uriOf);
      completion(source, p, good ?? a);
      signatureHelp(source, p, good ?? a);
    }
  });
  return answered;
}

describe("language server requests", () => {
  it(`answer at every third column of every example (${files.length} files) and of a damaged copy`, () => {
    let answered = 0;
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      const good = analyseDocument(path, text, 1, () => undefined);
      answered += exercise(path, text, null);
      // Cut mid-line, as while typing: no longer parses, requests still answer.
      exercise(path, text.slice(0, Math.floor(text.length / 2)) + ".", good);
    }
    expect(answered).toBeGreaterThan(1000);
  }, 300_000);
});
