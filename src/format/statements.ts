// Blocks and statements: one statement a line, four spaces a level, at most one blank line
// between two statements (where the author left one), comments where they were.

import type * as A from "../syntax/ast.js";
import { startOf, type Ctx } from "./context.js";
import { group, hardline, indent, line, type Doc } from "./doc.js";
import { printExpr, printHeaderExpr } from "./expressions.js";
import { printPattern, printType } from "./types.js";

/** Something printed on lines of its own in a sequence (a statement, an item, a match arm). */
export interface Element {
  readonly span: A.Span;
  /** The last line with code of it (spans of block-ending nodes stop at the next line). */
  readonly lastLine: number;
  readonly print: () => Doc;
}

/** Elements one per line, each on a new line after the comments before it, its last line
 * ending with the comments left on it. Comments that trail the line before an element stay on
 * that line. `blankBefore(i)` forces a blank line before element `i`; otherwise one is kept
 * where the author left one. */
export function printSequence(ctx: Ctx, elements: readonly Element[], blankBefore: (i: number) => boolean): Doc[] {
  const out: Doc[] = [];
  elements.forEach((el, i) => {
    const start = startOf(el.span);
    out.push(ctx.comments.trailingBefore(start), hardline);
    const firstLine = ctx.comments.firstLineBefore(start) ?? el.span.line;
    if (i > 0 && (blankBefore(i) || ctx.source.blankAbove(firstLine))) out.push(hardline);
    out.push(ctx.comments.ownLines(start), el.print(), ctx.comments.leftovers({ line: el.lastLine + 1, col: 0 }));
  });
  return out;
}

/** An indented block after its header (comments trailing the header stay on its line). */
export function printBlock(ctx: Ctx, block: A.Block): Doc {
  const first = block.stmts[0];
  if (first === undefined) return "";
  const stmts = block.stmts.map((s) => ({ span: s.span, lastLine: stmtLastLine(s), print: () => printStmt(ctx, s) }));
  const sequence = printSequence(ctx, stmts, () => false);
  const end = ctx.comments.blockEnd(first.span.col, blockLastLine(block));
  return indent([sequence, end]);
}

export function printStmt(ctx: Ctx, s: A.Stmt): Doc {
  switch (s.kind) {
    case "Let":
      return ["let ", printPattern(ctx, s.pattern), annotation(ctx, s.type), " = ", printExpr(ctx, s.value)];
    case "Var":
      return ["var ", s.name.name, annotation(ctx, s.type), " = ", printExpr(ctx, s.value)];
    case "Assign":
      return [printExpr(ctx, s.target), ` ${s.op} `, printExpr(ctx, s.value)];
    case "If":
      return ifStmt(ctx, s);
    case "While":
      return ["while ", printHeaderExpr(ctx, s.cond), printBlock(ctx, s.body)];
    case "For":
      return ["for ", printPattern(ctx, s.pattern), " in ", printHeaderExpr(ctx, s.iterable), printBlock(ctx, s.body)];
    case "Return":
      return s.value === null ? "return" : ["return ", printExpr(ctx, s.value)];
    case "Break":
      return "break";
    case "Continue":
      return "continue";
    case "ExprStmt":
      return printExpr(ctx, s.expr);
  }
}

function annotation(ctx: Ctx, type: A.TypeExpr | null): Doc {
  return type === null ? "" : [": ", printType(ctx, type)];
}

function ifStmt(ctx: Ctx, s: A.IfStmt): Doc {
  const out: Doc[] = [];
  s.branches.forEach((b, i) => {
    if (i > 0) out.push(hardline, ctx.comments.ownLines(startOf(b.span)));
    out.push(i === 0 ? "if " : "elif ", printHeaderExpr(ctx, b.cond), printBlock(ctx, b.body));
  });
  const otherwise = s.elseBody;
  if (otherwise === null) return out;
  const lastBranch = s.branches[s.branches.length - 1]!;
  const elseLine = ctx.source.lineStartingWith("else", blockLastLine(lastBranch.body) + 1);
  out.push(hardline, ctx.comments.ownLines({ line: elseLine, col: 1 }));
  const nested = otherwise.stmts[0];
  // `else if` was written on one line (it reads as `elif`, and parses to a nested if).
  if (otherwise.stmts.length === 1 && nested?.kind === "If" && ctx.source.charBefore(startOf(nested.span)) !== "" && !ctx.comments.hasBefore(startOf(nested.span))) {
    out.push("else ", ifStmt(ctx, nested));
  } else out.push("else", printBlock(ctx, otherwise));
  return out;
}

/** A match arm's body after its `->`: an expression on the arm's line; a block below it; a
 * single `return` / `break` / `continue` / assignment on the arm's line when it fits (below it
 * otherwise: the same program either way). `inline`: an arm of `match e { ... }`. */
export function armBody(ctx: Ctx, arm: A.MatchArm, inline = false): Doc {
  const body = arm.body;
  if (body.kind !== "Block") return [" ", printExpr(ctx, body)];
  const only = body.stmts[0];
  const simple = body.stmts.length === 1 && only !== undefined && ["Return", "Break", "Continue", "Assign"].includes(only.kind);
  if (inline && only !== undefined) return [" ", printStmt(ctx, only)];
  if (simple && !ctx.comments.hasBefore(startOf(only.span))) {
    return group(indent([line, printStmt(ctx, only)]));
  }
  return printBlock(ctx, body);
}

export function blockLastLine(b: A.Block): number {
  const last = b.stmts[b.stmts.length - 1];
  return last === undefined ? b.span.line : stmtLastLine(last);
}

export function stmtLastLine(s: A.Stmt): number {
  switch (s.kind) {
    case "If":
      return blockLastLine(s.elseBody ?? s.branches[s.branches.length - 1]!.body);
    case "While":
    case "For":
      return blockLastLine(s.body);
    case "Let":
    case "Var":
    case "Assign":
      return tailLine(s.value);
    case "Return":
      return s.value === null ? s.span.endLine : tailLine(s.value);
    case "ExprStmt":
      return tailLine(s.expr);
    default:
      return s.span.endLine;
  }
}

/** The last line of an expression (or arm body); a block-bodied lambda or match ends where its
 * last statement does. */
export function tailLine(e: A.Expr | A.Block): number {
  switch (e.kind) {
    case "Block":
      return blockLastLine(e);
    case "Lambda":
      return tailLine(e.body);
    case "Match": {
      const last = e.arms[e.arms.length - 1];
      return e.inline || last === undefined ? e.span.endLine : tailLine(last.body);
    }
    case "Binary":
      return tailLine(e.right);
    case "Unary":
      return tailLine(e.operand);
    case "IfExpr":
      return tailLine(e.else);
    case "Range":
      return tailLine(e.end);
    default:
      return e.span.endLine;
  }
}
