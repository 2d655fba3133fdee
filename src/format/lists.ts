// Bracketed, comma-separated lists (arguments, parameters, list literals, fields, inline match
// arms): flat when they fit, otherwise one element per line with a trailing comma. Newlines
// inside brackets are spaces to the layout, so breaking here never changes the program.

import type { Span } from "../diagnostics/diagnostic.js";
import type { Pos } from "./comments.js";
import { startOf, type Ctx } from "./context.js";
import { group, ifBreak, indent, line, softline, breakParent, type Doc } from "./doc.js";

export interface ListItem {
  readonly span: Span;
  /** Printed only after the comments before the item are taken, so the order is kept. */
  readonly print: () => Doc;
}

export interface ListShape {
  readonly open: string;
  readonly close: string;
  /** Where the closing bracket is: comments before it still belong inside. */
  readonly closeAt: Pos;
  /** `{ a }` has spaces inside when flat; `(a)` and `[a]` do not. */
  readonly spaced?: boolean;
  /** Broken even when it would fit (a struct the author wrote one field per line). */
  readonly forceBreak?: boolean;
  /** False where the grammar takes no trailing comma. */
  readonly trailingComma?: boolean;
}

export function printList(ctx: Ctx, items: readonly ListItem[], shape: ListShape): Doc {
  const inner = shape.spaced === true ? line : softline;
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    // A comment after the opening bracket stays on its line.
    const afterOpen = i === 0 ? ctx.comments.trailingBefore(startOf(item.span), true) : [];
    parts.push(afterOpen, i === 0 ? inner : line, ctx.comments.inline(startOf(item.span)), item.print());
    // Comments left inside the element, or between it and its comma, stay before the comma.
    const end = { line: item.span.endLine, col: item.span.endCol };
    const after = ctx.source.codeAfter(end);
    parts.push(ctx.comments.closing(ctx.source.charAt(after) === "," ? after : end));
    const next = items[i + 1];
    parts.push(next !== undefined ? "," : shape.trailingComma === false ? "" : ifBreak(","));
    parts.push(ctx.comments.trailing(item.span.endLine, next !== undefined ? startOf(next.span) : shape.closeAt));
  });
  parts.push(ctx.comments.closing(shape.closeAt));
  if (items.length === 0 && parts.every((p) => Array.isArray(p) && p.length === 0)) return shape.open + shape.close;
  return group([shape.open, shape.forceBreak === true ? breakParent : "", indent(parts), items.length === 0 ? softline : inner, shape.close]);
}

/** The position of a node's closing bracket: the last column of its span. */
export function closingOf(span: Span): Pos {
  return { line: span.endLine, col: span.endCol - 1 };
}
