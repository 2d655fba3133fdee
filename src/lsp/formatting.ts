// Formatting: the whole document through the formatter (spec/style.md) as one edit. A program
// with a syntax error, or one the formatter would not rewrite safely, is left as it is.

import type { TextEdit } from "vscode-languageserver";
import { formatSource } from "../format/index.js";
import type { SourceText } from "./text.js";

export function formatDocument(source: SourceText, path: string): TextEdit[] {
  const result = formatSource(source.text, path);
  if (!result.ok || !result.changed) return [];
  const lastLine = source.lines.length - 1;
  const end = { line: lastLine, character: source.lines[lastLine]!.length };
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
}
