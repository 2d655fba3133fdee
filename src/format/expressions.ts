// Expressions. The AST keeps no parentheses, so they are put back where precedence needs them
// (and kept where the author wrote them around an operand, which only ever adds clarity).
// Literals are printed as written: the formatter never re-spells a number or a string.

import type * as A from "../syntax/ast.js";
import { startOf, type Ctx } from "./context.js";
import { breakParent, group, hardline, indent, join, softline, type Doc } from "./doc.js";
import { closingOf, printList } from "./lists.js";
import { armBody, printBlock, printSequence, tailLine } from "./statements.js";
import { printParams, printPattern, printType, qualified } from "./types.js";

/** Binding strength, loosest first, as in spec/syntax.md's table. */
const LOOSEST = 1;
const NOT = 4;
const COMPARISON = 5;
const RANGE = 6;
const UNARY_MINUS = 13;
const POSTFIX = 14;
const PRIMARY = 15;

const BINARY: Readonly<Record<A.BinaryOp, number>> = {
  or: 2,
  and: 3,
  "==": COMPARISON,
  "!=": COMPARISON,
  "<": COMPARISON,
  "<=": COMPARISON,
  ">": COMPARISON,
  ">=": COMPARISON,
  "|": 7,
  "^": 8,
  "&": 9,
  "<<": 10,
  ">>": 10,
  "+": 11,
  "-": 11,
  "*": 12,
  "/": 12,
  "%": 12,
};

function precedence(e: A.Expr): number {
  switch (e.kind) {
    case "Lambda":
    case "IfExpr":
      return LOOSEST;
    case "Match":
      return e.inline ? PRIMARY : LOOSEST;
    case "Binary":
      return BINARY[e.op];
    case "Unary":
      return e.op === "not" ? NOT : UNARY_MINUS;
    case "Range":
      return RANGE;
    case "Field":
    case "Index":
    case "Call":
    case "MethodCall":
    case "Try":
      return POSTFIX;
    default:
      return PRIMARY;
  }
}

/** Where an expression stands: `min`, the loosest binding it may have without parentheses;
 * `noStruct`, a block header's condition, where `Name {` would open the block instead. */
interface Place {
  readonly min: number;
  readonly noStruct: boolean;
}
const FREE: Place = { min: LOOSEST, noStruct: false };

export function printExpr(ctx: Ctx, e: A.Expr, place: Place = FREE): Doc {
  const lead = ctx.comments.inline(startOf(e.span));
  const parens = precedence(e) < place.min || (place.noStruct && e.kind === "StructLit");
  const body = exprBody(ctx, e, parens ? false : place.noStruct);
  return parens ? ["(", lead, body, ")"] : [lead, body];
}

/** A block header's condition, a match scrutinee or a `for` iterable. */
export function printHeaderExpr(ctx: Ctx, e: A.Expr): Doc {
  return printExpr(ctx, e, { min: LOOSEST, noStruct: true });
}

function exprBody(ctx: Ctx, e: A.Expr, noStruct: boolean): Doc {
  switch (e.kind) {
    case "Int":
      return e.raw;
    case "Float":
      return e.raw;
    case "String":
    case "Interp":
    case "Char":
      return ctx.source.slice(e.span);
    case "Bool":
      return e.value ? "true" : "false";
    case "Unit":
      return "()";
    case "Name":
      return e.name;
    case "Self":
      return "self";
    case "Tuple": {
      if (e.elements.length === 1) return ["(", printExpr(ctx, e.elements[0]!), ",)"];
      return exprList(ctx, e.elements, "(", ")", e.span);
    }
    case "List":
      return exprList(ctx, e.elements, "[", "]", e.span);
    case "StructLit":
      return structLit(ctx, e);
    case "Field":
    case "MethodCall":
    case "Index":
    case "Try":
    case "Call":
      return chain(ctx, e, noStruct);
    case "Unary": {
      if (e.op === "not") return ["not ", printExpr(ctx, e.operand, { min: NOT, noStruct })];
      // `-(-x)` rather than `--x`, which reads as a decrement.
      const nested = e.operand.kind === "Unary" && e.operand.op === "-";
      return ["-", printExpr(ctx, e.operand, { min: nested ? PRIMARY : UNARY_MINUS, noStruct })];
    }
    case "Binary":
      return binary(ctx, e, noStruct);
    case "Range":
      return [operand(ctx, e.start, RANGE + 1, noStruct), e.inclusive ? "..=" : "..", operand(ctx, e.end, RANGE + 1, noStruct)];
    case "Lambda":
      return lambda(ctx, e);
    case "IfExpr":
      // After a block (a `match` or a lambda with an indented body) `else` starts the next line.
      return ["if ", printExpr(ctx, e.cond), " then ", printExpr(ctx, e.then), endsWithBlock(e.then) ? elseAfterBlock(ctx, e.then) : " else ", printExpr(ctx, e.else)];
    case "Match":
      return match(ctx, e);
    case "Become":
      return ["become(", printExpr(ctx, e.value), ", ", e.state.name, ")"];
  }
}

/** `else` on the line after the block that ends the `then` part, after the comments before it. */
function elseAfterBlock(ctx: Ctx, then: A.Expr): Doc {
  const elseLine = ctx.source.lineStartingWith("else", tailLine(then) + 1);
  return [hardline, ctx.comments.ownLines({ line: elseLine, col: 0 }), "else "];
}

function endsWithBlock(e: A.Expr): boolean {
  switch (e.kind) {
    case "Match":
      return !e.inline;
    case "Lambda":
      return e.body.kind === "Block" || endsWithBlock(e.body);
    case "Binary":
      return endsWithBlock(e.right);
    case "Unary":
      return endsWithBlock(e.operand);
    case "IfExpr":
      return endsWithBlock(e.else);
    default:
      return false;
  }
}

function binary(ctx: Ctx, e: A.BinaryExpr, noStruct: boolean): Doc {
  const level = BINARY[e.op];
  // Comparisons do not associate: both operands must bind tighter. The rest associate left.
  const leftMin = level === COMPARISON ? level + 1 : level;
  return [operand(ctx, e.left, leftMin, noStruct), ` ${e.op} `, operand(ctx, e.right, level + 1, noStruct)];
}

/** An operand, in parentheses when precedence needs them or the author wrote them. */
function operand(ctx: Ctx, e: A.Expr, min: number, noStruct: boolean): Doc {
  if (writtenInParentheses(ctx, e) && precedence(e) < PRIMARY) return ["(", printExpr(ctx, e), ")"];
  return printExpr(ctx, e, { min, noStruct });
}

/** Whether `e` stands alone inside a pair of parentheses (`(a + b) * c`, not `(a + b) * (c)`'s
 * `a + b) * (c`). */
function writtenInParentheses(ctx: Ctx, e: A.Expr): boolean {
  const open = ctx.source.openParenBefore(startOf(e.span));
  if (open === null || ctx.source.charAfter(e.span.endLine, e.span.endCol) !== ")") return false;
  const close = ctx.source.closeParenAfter(open);
  const between = { ...e.span, line: e.span.endLine, col: e.span.endCol, endCol: close.col };
  return close.line === e.span.endLine && close.col >= e.span.endCol && ctx.source.slice(between).trim() === "";
}

function exprList(ctx: Ctx, elements: readonly A.Expr[], open: string, close: string, span: A.Span): Doc {
  const items = elements.map((el) => ({ span: el.span, print: () => printExpr(ctx, el) }));
  return printList(ctx, items, { open, close, closeAt: closingOf(span) });
}

export function printArgs(ctx: Ctx, args: readonly A.Arg[], span: A.Span): Doc {
  // A lone string argument stays with its call: a line of its own would not make it shorter.
  const only = args[0];
  if (args.length === 1 && only!.name === null && (only!.value.kind === "String" || only!.value.kind === "Interp") && !ctx.comments.hasBefore(closingOf(span))) {
    return ["(", printExpr(ctx, only!.value), ")"];
  }
  const items = args.map((a) => ({
    span: a.span,
    print: (): Doc => (a.name === null ? printExpr(ctx, a.value) : [a.name.name, ": ", printExpr(ctx, a.value)]),
  }));
  return printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(span) });
}

function structLit(ctx: Ctx, e: A.StructLit): Doc {
  const name = [qualified(e.qualifier, e.name.name), e.state === null ? "" : `[${e.state}]`];
  const items = e.fields.map((f) => ({ span: f.span, print: (): Doc => [f.name.name, ": ", printExpr(ctx, f.value)] }));
  const first = e.fields[0];
  const forceBreak = first !== undefined && first.span.line > e.name.span.line;
  return [name, " ", printList(ctx, items, { open: "{", close: "}", closeAt: closingOf(e.span), spaced: true, forceBreak })];
}

/** A postfix chain `root.a(x).b?[i]`: each `.name` link may go on a line of its own (a line
 * that starts with `.` continues the one before), which it does when the chain does not fit. */
function chain(ctx: Ctx, e: A.Expr, noStruct: boolean): Doc {
  const links: A.Expr[] = [];
  let root = e;
  while (root.kind === "Field" || root.kind === "MethodCall" || root.kind === "Index" || root.kind === "Try" || root.kind === "Call") {
    links.push(root);
    root = root.kind === "Field" ? root.object : root.kind === "MethodCall" ? root.receiver : root.kind === "Call" ? root.callee : root.kind === "Index" ? root.object : root.expr;
  }
  links.reverse();
  const head = printExpr(ctx, root, { min: POSTFIX, noStruct });
  const dotted = links.filter((l) => l.kind === "MethodCall").length;
  const parts: Doc[] = [];
  for (const link of links) {
    switch (link.kind) {
      case "Field":
      case "MethodCall": {
        const name = link.kind === "Field" ? link.name : link.method;
        const lead = ctx.comments.inline(startOf(name.span));
        // A comment on a line of its own before `.name` puts the link on the next line.
        const breakable = dotted >= 2 || lead.includes(breakParent);
        parts.push(breakable ? softline : "", lead, ".", name.name);
        if (link.kind === "MethodCall") parts.push(printArgs(ctx, link.args, link.span));
        break;
      }
      case "Call":
        parts.push(printArgs(ctx, link.args, link.span));
        break;
      case "Index":
        parts.push("[", printExpr(ctx, link.index), ctx.comments.closing(closingOf(link.span)), "]");
        break;
      case "Try":
        parts.push("?");
        break;
    }
  }
  return parts.includes(softline) ? group([head, indent(parts)]) : [head, parts];
}

function lambda(ctx: Ctx, e: A.LambdaExpr): Doc {
  const closeAt = ctx.source.closeParenAfter(startOf(e.span));
  const head: Doc = ["fun ", printParams(ctx, e.params, closeAt), e.returnType === null ? "" : [" -> ", printType(ctx, e.returnType)], " =>"];
  if (e.body.kind === "Block") return [head, printBlock(ctx, e.body)];
  return [head, " ", printExpr(ctx, e.body)];
}

function match(ctx: Ctx, e: A.MatchExpr): Doc {
  const head: Doc = ["match ", printHeaderExpr(ctx, e.scrutinee)];
  if (!e.inline) {
    const arms = e.arms.map((arm) => ({
      span: arm.span,
      lastLine: tailLine(arm.body),
      print: (): Doc => [armHead(ctx, arm), armBody(ctx, arm)],
    }));
    const sequence = printSequence(ctx, arms, () => false);
    const last = e.arms[e.arms.length - 1];
    const end = last === undefined ? "" : ctx.comments.blockEnd(e.arms[0]!.span.col, tailLine(last.body));
    return [head, indent([sequence, end])];
  }
  const items = e.arms.map((arm) => ({ span: arm.span, print: (): Doc => [armHead(ctx, arm), armBody(ctx, arm, true)] }));
  return [head, " ", printList(ctx, items, { open: "{", close: "}", closeAt: closingOf(e.span), spaced: true })];
}

export function armHead(ctx: Ctx, arm: A.MatchArm): Doc {
  const patterns = join(" | ", arm.patterns.map((p) => printPattern(ctx, p)));
  return [patterns, arm.guard === null ? "" : [" if ", printExpr(ctx, arm.guard)], " ->"];
}
