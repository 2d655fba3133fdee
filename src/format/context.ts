// What every printing function shares for one file: the source (literals are printed as
// written) and the queue of its comments.

import type { Span } from "../diagnostics/diagnostic.js";
import type { CommentQueue, Pos } from "./comments.js";

export interface Ctx {
  readonly comments: CommentQueue;
  readonly source: SourceLines;
}

export class SourceLines {
  readonly lines: readonly string[];
  /** Each line as code points, made on first use (columns count code points). */
  private readonly charsCache: (readonly string[] | undefined)[] = [];

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  /** Line `line` (1-based) as an array of code points. */
  chars(line: number): readonly string[] {
    let c = this.charsCache[line];
    if (c === undefined) {
      c = [...(this.lines[line - 1] ?? "")];
      this.charsCache[line] = c;
    }
    return c;
  }

  /** The text a span covers (columns count code points, as spans do). */
  slice(span: Span): string {
    if (span.line === span.endLine) return sliceCols(this.lines[span.line - 1] ?? "", span.col, span.endCol);
    const parts = [sliceCols(this.lines[span.line - 1] ?? "", span.col, Infinity)];
    for (let l = span.line + 1; l < span.endLine; l++) parts.push(this.lines[l - 1] ?? "");
    parts.push(sliceCols(this.lines[span.endLine - 1] ?? "", 1, span.endCol));
    return parts.join("\n");
  }

  /** Whether the line above `line` is blank (a blank line the author left before something). */
  blankAbove(line: number): boolean {
    return line > 1 && (this.lines[line - 2] ?? "").trim() === "";
  }

  /** Where the `)` closing the first `(` at or after `pos` stands (a parameter list's: it holds
   * types and names only, so strings need no care; comments are skipped). */
  closeParenAfter(pos: Pos): Pos {
    let depth = 0;
    let comment = 0;
    let l = pos.line;
    let c = pos.col - 1;
    let chars = this.chars(l);
    while (l <= this.lines.length) {
      if (c >= chars.length) {
        l++;
        c = 0;
        chars = this.chars(l);
        continue;
      }
      const ch = chars[c];
      const next = chars[c + 1];
      if (ch === "/" && next === "*") {
        comment++;
        c += 2;
      } else if (comment > 0) {
        if (ch === "*" && next === "/") comment--;
        c += ch === "*" && next === "/" ? 2 : 1;
      } else if (ch === "/" && next === "/") c = chars.length;
      else if (ch === '"') {
        c++;
        while (c < chars.length && chars[c] !== '"') c += chars[c] === "\\" ? 2 : 1;
        c++;
      } else {
        if (ch === "(") depth++;
        else if (ch === ")" && --depth === 0) return { line: l, col: c + 1 };
        c++;
      }
    }
    return { line: this.lines.length + 1, col: 1 };
  }

  /** The first line from `from` on whose code starts with `keyword` (`else` after a block). */
  lineStartingWith(keyword: string, from: number): number {
    for (let l = from; l <= this.lines.length; l++) {
      const text = (this.lines[l - 1] ?? "").trimStart();
      if (text.startsWith(keyword) && !/[\p{L}\p{N}_]/u.test(text.charAt(keyword.length))) return l;
    }
    return from;
  }

  /** The first position at or after `pos` on its line that holds neither a blank nor a block
   * comment (where the code after a flow label starts). */
  codeAfter(pos: Pos): Pos {
    const chars = this.chars(pos.line);
    let c = pos.col - 1;
    for (;;) {
      while (c < chars.length && (chars[c] === " " || chars[c] === "\t")) c++;
      if (chars[c] !== "/" || chars[c + 1] !== "*") return { line: pos.line, col: c + 1 };
      let end = -1;
      for (let k = c + 2; k + 1 < chars.length && end < 0; k++) if (chars[k] === "*" && chars[k + 1] === "/") end = k + 2;
      if (end < 0) return { line: pos.line, col: c + 1 };
      c = end;
    }
  }

  charAt(pos: Pos): string {
    return this.chars(pos.line)[pos.col - 1] ?? "";
  }

  /** The position of a `(` that is the last thing before `pos` on its line, or null. */
  openParenBefore(pos: Pos): Pos | null {
    const chars = this.chars(pos.line);
    let c = pos.col - 2;
    while (c >= 0 && (chars[c] === " " || chars[c] === "\t")) c--;
    return chars[c] === "(" ? { line: pos.line, col: c + 1 } : null;
  }

  /** The first character that is not a blank before `pos` on its line, or after `end` on its line. */
  charBefore(pos: Pos): string {
    return this.chars(pos.line).slice(0, pos.col - 1).join("").trimEnd().slice(-1);
  }
  charAfter(line: number, col: number): string {
    return this.chars(line).slice(col - 1).join("").trimStart().slice(0, 1);
  }
}

function sliceCols(text: string, from: number, to: number): string {
  if (!/[\uD800-\uDBFF]/.test(text)) return text.slice(from - 1, to === Infinity ? undefined : to - 1);
  return [...text].slice(from - 1, to === Infinity ? undefined : to - 1).join("");
}

export function startOf(span: Span): Pos {
  return { line: span.line, col: span.col };
}
