// Positions between the checker and the editor. The checker's spans are 1-based lines and
// code-point columns (as the reference reports them); LSP positions are 0-based lines and UTF-16
// columns. The two differ only on lines holding characters outside the Basic Multilingual Plane.

import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../diagnostics/diagnostic.js";

/** A 1-based line and code-point column, the checker's coordinates. */
export interface SourcePoint {
  readonly line: number;
  readonly col: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export class SourceText {
  readonly lines: readonly string[];

  constructor(readonly text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  /** The LSP range of a checker span. */
  range(span: Span): Range {
    return { start: this.position(span.line, span.col), end: this.position(span.endLine, span.endCol) };
  }

  /** The LSP position of a 1-based line and code-point column. */
  position(line: number, col: number): Position {
    const text = this.lines[line - 1] ?? "";
    if (!SURROGATE.test(text)) return { line: line - 1, character: col - 1 };
    let units = 0;
    let points = 1;
    for (const ch of text) {
      if (points >= col) break;
      units += ch.length;
      points += 1;
    }
    return { line: line - 1, character: units + Math.max(0, col - points) };
  }

  /** The checker point of an LSP position. */
  point(p: Position): SourcePoint {
    const text = this.lines[p.line] ?? "";
    if (!SURROGATE.test(text)) return { line: p.line + 1, col: p.character + 1 };
    let units = 0;
    let col = 1;
    for (const ch of text) {
      if (units >= p.character) break;
      units += ch.length;
      col += 1;
    }
    return { line: p.line + 1, col };
  }

  /** The text a one-line span covers (empty for a span across lines). */
  spanText(span: Span): string {
    if (span.line !== span.endLine) return this.slice(span.line, span.col, span.endLine, span.endCol);
    return [...(this.lines[span.line - 1] ?? "")].slice(span.col - 1, span.endCol - 1).join("");
  }

  private slice(line: number, col: number, endLine: number, endCol: number): string {
    const parts: string[] = [];
    for (let l = line; l <= endLine; l++) {
      const cps = [...(this.lines[l - 1] ?? "")];
      parts.push(cps.slice(l === line ? col - 1 : 0, l === endLine ? endCol - 1 : cps.length).join(""));
    }
    return parts.join("\n");
  }
}

/** True when `p` lies within `span` (its end included, so a cursor just after a name finds it). */
export function contains(span: Span, p: SourcePoint): boolean {
  if (p.line < span.line || p.line > span.endLine) return false;
  if (p.line === span.line && p.col < span.col) return false;
  if (p.line === span.endLine && p.col > span.endCol) return false;
  return true;
}

/** Orders spans so that an inner one compares smaller than one enclosing it. */
export function spanSize(span: Span): number {
  return (span.endLine - span.line) * 100_000 + (span.endCol - span.col);
}

/** The span of `name` where it is first written inside `within` (a parameter's name in `consume x: T`). */
export function nameSpanIn(source: SourceText, within: Span, name: string): Span {
  const line = source.lines[within.line - 1] ?? "";
  const cps = [...line];
  const lineText = cps.join("");
  const re = new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, "")}(?![A-Za-z0-9_])`, "gu");
  const startOffset = cps.slice(0, within.col - 1).join("").length;
  re.lastIndex = startOffset;
  const m = re.exec(lineText);
  if (m === null) return within;
  const col = [...lineText.slice(0, m.index)].length + 1;
  return { file: within.file, line: within.line, col, endLine: within.line, endCol: col + [...name].length };
}
