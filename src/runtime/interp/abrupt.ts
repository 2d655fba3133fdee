// Static pre-pass: can evaluating this expression complete abruptly (a `?`, or a block-bodied match
// arm that runs return/break/continue)? Only such expressions pay for signal checks at run time.
import type { Block, Expr, Stmt } from "../../syntax/ast.js";

const cache = new WeakMap<object, boolean>();

export function mayAbrupt(e: Expr): boolean {
  let r = cache.get(e);
  if (r === undefined) {
    r = compute(e);
    cache.set(e, r);
  }
  return r;
}

function compute(e: Expr): boolean {
  switch (e.kind) {
    case "Int":
    case "Float":
    case "String":
    case "Char":
    case "Bool":
    case "Unit":
    case "Name":
    case "Self":
    case "Lambda": // a lambda body is its own function
      return false;
    case "Try":
      return true;
    case "Interp":
      return e.parts.some((p) => p.kind === "Splice" && mayAbrupt(p.expr));
    case "Tuple":
    case "List":
      return e.elements.some(mayAbrupt);
    case "StructLit":
      return e.fields.some((f) => mayAbrupt(f.value));
    case "Field":
      return mayAbrupt(e.object);
    case "Index":
      return mayAbrupt(e.object) || mayAbrupt(e.index);
    case "Call":
      return mayAbrupt(e.callee) || e.args.some((a) => mayAbrupt(a.value));
    case "MethodCall":
      return mayAbrupt(e.receiver) || e.args.some((a) => mayAbrupt(a.value));
    case "Unary":
      return mayAbrupt(e.operand);
    case "Binary":
      return mayAbrupt(e.left) || mayAbrupt(e.right);
    case "Range":
      return mayAbrupt(e.start) || mayAbrupt(e.end);
    case "IfExpr":
      return mayAbrupt(e.cond) || mayAbrupt(e.then) || mayAbrupt(e.else);
    case "Become":
      return mayAbrupt(e.value);
    case "Match":
      return (
        mayAbrupt(e.scrutinee) ||
        e.arms.some((a) => (a.guard !== null && mayAbrupt(a.guard)) || (a.body.kind === "Block" ? blockMayAbrupt(a.body) : mayAbrupt(a.body)))
      );
  }
}

export function blockMayAbrupt(b: Block): boolean {
  return b.stmts.some(stmtMayAbrupt);
}

function stmtMayAbrupt(s: Stmt): boolean {
  switch (s.kind) {
    case "Return":
    case "Break":
    case "Continue":
      return true;
    case "Let":
    case "Var":
      return mayAbrupt(s.value);
    case "Assign":
      return mayAbrupt(s.target) || mayAbrupt(s.value);
    case "ExprStmt":
      return mayAbrupt(s.expr);
    case "If":
      return s.branches.some((b) => mayAbrupt(b.cond) || blockMayAbrupt(b.body)) || (s.elseBody !== null && blockMayAbrupt(s.elseBody));
    case "While":
      return mayAbrupt(s.cond) || blockMayAbrupt(s.body);
    case "For":
      return mayAbrupt(s.iterable) || blockMayAbrupt(s.body);
  }
}
