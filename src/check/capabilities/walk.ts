// Plain pre-order traversal of statement and expression trees for the capability passes.
// Invariant: visits every expression exactly once (lambda bodies and interpolation splices included);
// never mutates the AST and keeps no state between calls.

import type { Block, Expr, MatchArm, Pattern, Stmt } from "../../syntax/ast.js";

export interface Visitor {
  expr?(e: Expr): void;
  stmt?(s: Stmt): void;
}

export function walkBlock(b: Block, v: Visitor): void {
  for (const s of b.stmts) walkStmt(s, v);
}

export function walkStmt(s: Stmt, v: Visitor): void {
  v.stmt?.(s);
  switch (s.kind) {
    case "Let":
    case "Var":
      walkExpr(s.value, v);
      return;
    case "Assign":
      walkExpr(s.target, v);
      walkExpr(s.value, v);
      return;
    case "If":
      for (const br of s.branches) {
        walkExpr(br.cond, v);
        walkBlock(br.body, v);
      }
      if (s.elseBody) walkBlock(s.elseBody, v);
      return;
    case "While":
      walkExpr(s.cond, v);
      walkBlock(s.body, v);
      return;
    case "For":
      walkExpr(s.iterable, v);
      walkBlock(s.body, v);
      return;
    case "Return":
      if (s.value) walkExpr(s.value, v);
      return;
    case "ExprStmt":
      walkExpr(s.expr, v);
      return;
    case "Break":
    case "Continue":
      return;
  }
}

export function walkArmBody(arm: MatchArm, v: Visitor): void {
  if (arm.guard) walkExpr(arm.guard, v);
  if (arm.body.kind === "Block") walkBlock(arm.body, v);
  else walkExpr(arm.body, v);
}

export function walkExpr(e: Expr, v: Visitor): void {
  // One closure per walk, not per node: this is every checker pass's inner loop.
  const visit = (x: Expr): void => {
    v.expr?.(x);
    forEachChild(x, visit);
    if (x.kind === "Lambda") {
      if (x.body.kind === "Block") walkBlock(x.body, v);
      else visit(x.body);
    } else if (x.kind === "Match") {
      for (const arm of x.arms) walkArmBody(arm, v);
    }
  };
  visit(e);
}

/** Direct sub-expressions of `e`, excluding lambda bodies and match arms (walked separately). */
export function childExprs(e: Expr): readonly Expr[] {
  const out: Expr[] = [];
  forEachChild(e, (c) => out.push(c));
  return out;
}

/** Calls `f` on each direct sub-expression of `e` (as `childExprs`), allocating nothing: every
 * pass walks every expression, so this is the checker's hottest loop. */
export function forEachChild(e: Expr, f: (child: Expr) => void): void {
  switch (e.kind) {
    case "Interp":
      for (const p of e.parts) if (p.kind === "Splice") f(p.expr);
      return;
    case "Tuple":
    case "List":
      for (const x of e.elements) f(x);
      return;
    case "StructLit":
      for (const x of e.fields) f(x.value);
      return;
    case "Field":
      f(e.object);
      return;
    case "Index":
      f(e.object);
      f(e.index);
      return;
    case "Call":
      f(e.callee);
      for (const a of e.args) f(a.value);
      return;
    case "MethodCall":
      f(e.receiver);
      for (const a of e.args) f(a.value);
      return;
    case "Try":
      f(e.expr);
      return;
    case "Unary":
      f(e.operand);
      return;
    case "Binary":
      f(e.left);
      f(e.right);
      return;
    case "Range":
      f(e.start);
      f(e.end);
      return;
    case "IfExpr":
      f(e.cond);
      f(e.then);
      f(e.else);
      return;
    case "Match":
      f(e.scrutinee);
      return;
    case "Become":
      f(e.value);
      return;
    default:
      return;
  }
}

/** Names a pattern binds (for scope bookkeeping when typing facts are missing). */
export function patternNames(p: Pattern): string[] {
  switch (p.kind) {
    case "NamePat":
      return [p.name];
    case "TuplePat":
      return p.elements.flatMap(patternNames);
    case "CtorPat":
      return (p.args ?? []).flatMap(patternNames);
    case "StructPat":
      return p.fields.flatMap((f) => (f.pattern ? patternNames(f.pattern) : [f.name.name]));
    default:
      return [];
  }
}
