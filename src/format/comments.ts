// The comments of the file being formatted, handed out in source order as the printer walks
// the AST: each comment is printed once, before the first node that starts after it (or at the
// end of the line it trails). The AST has no place for comments, so this queue is how every
// one of them reaches the output.

import type { SourceComment } from "../syntax/index.js";
import type { SourceLines } from "./context.js";
import { breakParent, hardline, lineSuffix, verbatim, type Doc } from "./doc.js";

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

export class CommentQueue {
  private next = 0;

  constructor(
    private readonly comments: readonly SourceComment[],
    /** The source, to tell own-line comments and blank lines. */
    private readonly source: SourceLines,
  ) {}

  /** Whether a comment is waiting before `pos`. */
  hasBefore(pos: Pos): boolean {
    const c = this.comments[this.next];
    return c !== undefined && before(c, pos);
  }

  /** The line of the first comment waiting before `pos`, or null. */
  firstLineBefore(pos: Pos): number | null {
    return this.hasBefore(pos) ? this.comments[this.next]!.line : null;
  }

  /** Comments before `pos`, each on its own line (block level: between items or statements).
   * A comment that trailed code on its line in the source is kept at the end of the line it
   * now follows. A blank line after a comment is kept. */
  ownLines(pos: Pos): Doc[] {
    const out: Doc[] = [];
    while (this.hasBefore(pos)) {
      const c = this.comments[this.next++]!;
      if (!this.startsLine(c)) {
        // After code on its line: at that line's end; before code: in front of it.
        out.push(...(this.endsLine(c) ? endOfLine(c) : [text(c), " "]));
        continue;
      }
      out.push(text(c));
      let last = c;
      // Comments after it on its (last) line stay on that line.
      for (let n = this.comments[this.next]; n !== undefined && n.line === last.endLine && before(n, pos) && this.endsLine(n); n = this.comments[this.next]) {
        this.next++;
        out.push(" ", text(n));
        last = n;
      }
      out.push(hardline);
      const following = this.comments[this.next];
      const nextLine = following !== undefined && before(following, pos) ? following.line : pos.line;
      if (this.blankBetween(last.endLine, nextLine)) out.push(hardline);
    }
    return out;
  }

  /** Comments before `pos` inside an expression: a block comment inline; a `//` comment at the
   * end of its line (inside brackets, where the enclosing group then breaks). */
  inline(pos: Pos): Doc[] {
    const out: Doc[] = [];
    while (this.hasBefore(pos)) {
      const c = this.comments[this.next++]!;
      if (c.form === "block" && !c.text.includes("\n")) out.push(text(c), " ");
      else if (this.startsLine(c)) out.push(breakParent, text(c), hardline);
      else out.push(...endOfLine(c));
    }
    return out;
  }

  /** Comments before the closing bracket at `pos`, after a list's last element. */
  closing(pos: Pos): Doc[] {
    const out: Doc[] = [];
    while (this.hasBefore(pos)) {
      const c = this.comments[this.next++]!;
      if (this.startsLine(c)) out.push(breakParent, hardline, text(c));
      else if (c.form === "block" && !c.text.includes("\n")) out.push(" ", text(c));
      else out.push(...endOfLine(c));
    }
    return out;
  }

  /** Comments before `pos` that follow code on their line (a block header's): kept on it.
   * `endingOnly`: only those with nothing but comments after them on the line. */
  trailingBefore(pos: Pos, endingOnly = false): Doc[] {
    const out: Doc[] = [];
    for (let c = this.comments[this.next]; c !== undefined && before(c, pos) && !this.startsLine(c); c = this.comments[this.next]) {
      if (endingOnly && !this.endsLine(c)) break;
      this.next++;
      out.push(...(this.endsLine(c) ? endOfLine(c) : [" ", text(c)]));
    }
    return out;
  }

  /** Own-line comments indented at least `col` after a block's last line `lastLine`: they end
   * the block rather than start what follows it. */
  blockEnd(col: number, lastLine: number): Doc[] {
    const out: Doc[] = [];
    let previousEnd = lastLine;
    const code = this.nextCodeLine(lastLine);
    for (let c = this.comments[this.next]; c !== undefined && c.line < code && this.startsLine(c) && c.col >= col; c = this.comments[this.next]) {
      this.next++;
      out.push(hardline);
      if (this.blankBetween(previousEnd, c.line)) out.push(hardline);
      out.push(text(c));
      previousEnd = c.endLine;
    }
    return out;
  }

  /** Comments still waiting inside something already printed (between tokens the printer has
   * no node for, such as a comment between `fun` and the name): kept, in order, at the end of its last line. */
  leftovers(end: Pos): Doc[] {
    const out: Doc[] = [];
    while (this.hasBefore(end)) out.push(...endOfLine(this.comments[this.next++]!));
    return out;
  }

  /** Comments that trail code on `line` (and come before `limit`): kept at the end of that line. */
  trailing(line: number, limit: Pos): Doc[] {
    const out: Doc[] = [];
    for (let c = this.comments[this.next]; c !== undefined && c.line === line && before(c, limit) && !this.startsLine(c) && this.endsLine(c); c = this.comments[this.next]) {
      this.next++;
      out.push(...endOfLine(c));
    }
    return out;
  }

  /** Every comment not handed out yet (those after the last node of the file). */
  rest(): Doc[] {
    return this.ownLines({ line: Number.MAX_SAFE_INTEGER, col: 0 });
  }

  /** Whether a source line strictly between `after` and `beforeLine` is blank. */
  blankBetween(after: number, beforeLine: number): boolean {
    for (let l = after + 1; l < beforeLine; l++) if ((this.source.lines[l - 1] ?? "").trim() === "") return true;
    return false;
  }

  /** The first line after `after` that holds code (not blank, not only comments). */
  private nextCodeLine(after: number): number {
    let k = this.next;
    for (let l = after + 1; l <= this.source.lines.length; ) {
      if ((this.source.lines[l - 1] ?? "").trim() === "") {
        l++;
        continue;
      }
      while (k < this.comments.length && this.comments[k]!.line < l) k++;
      const c = this.comments[k];
      if (c === undefined || c.line !== l || !this.startsLine(c)) return l;
      const rest = this.source.chars(c.endLine).slice(c.endCol - 1).join("").trim();
      if (rest !== "") return c.endLine;
      l = c.endLine + 1;
      k++;
    }
    return Number.MAX_SAFE_INTEGER;
  }

  /** Whether only blanks or comments follow `c` on its last line (a block comment before code on
   * its line is inline, not trailing). */
  private endsLine(c: SourceComment): boolean {
    let rest = this.source.chars(c.endLine).slice(c.endCol - 1).join("").trim();
    for (let m = /^\/\*.*?\*\/\s*/.exec(rest); m !== null; m = /^\/\*.*?\*\/\s*/.exec(rest)) rest = rest.slice(m[0].length);
    return rest === "" || rest.startsWith("//");
  }

  private startsLine(c: SourceComment): boolean {
    return (this.source.lines[c.line - 1] ?? "").slice(0, c.col - 1).trim() === "";
  }
}

/** A comment kept at the end of the line it trails; a `//` comment (or one spanning lines)
 * must be followed by a line break, so the groups around it break. */
function endOfLine(c: SourceComment): Doc[] {
  const suffix = lineSuffix(" " + c.text.trimEnd());
  return c.form === "line" || c.text.includes("\n") ? [suffix, breakParent] : [suffix];
}

/** A comment's text as printed: a `//` comment loses trailing blanks (a doc comment keeps them:
 * they are part of the documentation it carries). */
function text(c: SourceComment): Doc {
  if (c.form === "line" && !c.text.startsWith("///")) return c.text.trimEnd();
  return verbatim(c.text);
}
