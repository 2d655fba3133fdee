// Compact builders for hand-made ASTs in IFC unit tests. Every node gets a distinct span (a fresh
// line per node) so a test can assert where a diagnostic points by comparing with a node's span.

import type * as A from "../../src/syntax/ast.js";

let line = 0;
const sp = (): A.Span => {
  line += 1;
  return { file: "t.capa", line, col: 1, endLine: line, endCol: 2 };
};

export const T = (name: string, label: A.FlowLabel = null, args: A.TypeExpr[] = []): A.NamedType => ({
  kind: "NamedType", qualifier: [], name, args, state: null, label, span: sp(),
});
export const FunT = (params: A.TypeExpr[], ret: A.TypeExpr): A.FunType => ({ kind: "FunType", params, ret, label: null, span: sp() });
export const secret = (name: string, args: A.TypeExpr[] = []) => T(name, "secret", args);

export const P = (name: string, type: A.TypeExpr | null): A.Param => ({ kind: "Param", name, type, mode: null, isSelf: false, span: sp() });
export const SelfP = (): A.Param => ({ kind: "Param", name: "self", type: null, mode: null, isSelf: true, span: sp() });

export const block = (...stmts: A.Stmt[]): A.Block => ({ kind: "Block", stmts, span: sp() });

export function fn(name: string, params: A.Param[], body: A.Stmt[], opts: { ret?: A.TypeExpr; attrs?: string[] } = {}): A.FunDecl {
  return {
    kind: "Fun", name: { name, span: sp() }, isPub: false, doc: null,
    attributes: (opts.attrs ?? []).map((a) => ({ name: a, args: [], span: sp() })),
    generics: [], params, returnType: opts.ret ?? null, body: block(...body), span: sp(),
  };
}

export const struct = (name: string, fields: [string, A.TypeExpr][]): A.StructDecl => ({
  kind: "Struct", name: { name, span: sp() }, isPub: false, isLinear: false, doc: null, generics: [],
  fields: fields.map(([n, t]) => ({ name: { name: n, span: sp() }, type: t, span: sp() })), span: sp(),
});

export const impl = (target: string, methods: A.FunDecl[], trait: string | null = null): A.ImplDecl => ({
  kind: "Impl", trait: trait ? { qualifier: [], name: trait, args: [], span: sp() } : null, target: T(target), methods, span: sp(),
});

export const trait = (name: string, methods: string[]): A.TraitDecl => ({
  kind: "Trait", name: { name, span: sp() }, isPub: false, doc: null, generics: [],
  methods: methods.map((m) => ({ kind: "FunSig", name: { name: m, span: sp() }, doc: null, generics: [], params: [SelfP()], returnType: null, span: sp() })),
  span: sp(),
});

export const constDecl = (name: string, type: A.TypeExpr, value: A.Expr): A.ConstDecl => ({
  kind: "Const", name: { name, span: sp() }, isPub: false, type, value, span: sp(),
});

export const program = (...items: A.Item[]): A.Program => ({ kind: "Program", file: "t.capa", items, span: sp() });

// expressions
export const n = (name: string): A.NameExpr => ({ kind: "Name", name, span: sp() });
export const str = (value: string): A.StringLit => ({ kind: "String", value, isRaw: false, span: sp() });
export const int = (v: number): A.IntLit => ({ kind: "Int", value: BigInt(v), raw: String(v), span: sp() });
export const bool = (value: boolean): A.BoolLit => ({ kind: "Bool", value, span: sp() });
export const self = (): A.SelfExpr => ({ kind: "Self", span: sp() });
const arg = (value: A.Expr, name: string | null = null): A.Arg => ({ name: name ? { name, span: sp() } : null, value, span: value.span });
export const named = (name: string, value: A.Expr) => ({ named: name, value });
type ArgIn = A.Expr | { named: string; value: A.Expr };
const args = (xs: ArgIn[]) => xs.map((x) => ("named" in x ? arg(x.value, x.named) : arg(x)));
export const call = (callee: string | A.Expr, ...xs: ArgIn[]): A.CallExpr => ({
  kind: "Call", callee: typeof callee === "string" ? n(callee) : callee, args: args(xs), span: sp(),
});
export const m = (recv: string | A.Expr, method: string, ...xs: ArgIn[]): A.MethodCallExpr => ({
  kind: "MethodCall", receiver: typeof recv === "string" ? n(recv) : recv, method: { name: method, span: sp() }, args: args(xs), span: sp(),
});
export const field = (obj: string | A.Expr, name: string): A.FieldExpr => ({
  kind: "Field", object: typeof obj === "string" ? n(obj) : obj, name: { name, span: sp() }, span: sp(),
});
export const interp = (...parts: (string | A.Expr)[]): A.InterpString => ({
  kind: "Interp",
  parts: parts.map((p) => (typeof p === "string" ? { kind: "Text" as const, value: p, span: sp() } : { kind: "Splice" as const, expr: p, span: sp() })),
  span: sp(),
});
export const bin = (op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr => ({ kind: "Binary", op, left, right, span: sp() });
export const list = (...elements: A.Expr[]): A.ListExpr => ({ kind: "List", elements, span: sp() });
export const lit = (name: string, fields: [string, A.Expr][]): A.StructLit => ({
  kind: "StructLit", qualifier: [], name: { name, span: sp() }, state: null,
  fields: fields.map(([f, v]) => ({ name: { name: f, span: sp() }, value: v, span: sp() })), span: sp(),
});
export const lambda = (params: A.Param[], body: A.Expr): A.LambdaExpr => ({ kind: "Lambda", params, returnType: null, body, span: sp() });
export const ifx = (cond: A.Expr, then: A.Expr, els: A.Expr): A.IfExpr => ({ kind: "IfExpr", cond, then, else: els, span: sp() });
export const index = (object: A.Expr, i: A.Expr): A.IndexExpr => ({ kind: "Index", object, index: i, span: sp() });

// statements
export const let_ = (name: string, value: A.Expr, type: A.TypeExpr | null = null): A.LetStmt => ({
  kind: "Let", pattern: { kind: "NamePat", name, span: sp() }, type, value, span: sp(),
});
export const letPat = (pattern: A.Pattern, value: A.Expr): A.LetStmt => ({ kind: "Let", pattern, type: null, value, span: sp() });
export const var_ = (name: string, value: A.Expr): A.VarStmt => ({ kind: "Var", name: { name, span: sp() }, type: null, value, span: sp() });
export const assign = (target: A.Expr, value: A.Expr, op: A.AssignOp = "="): A.AssignStmt => ({ kind: "Assign", target, op, value, span: sp() });
export const ex = (expr: A.Expr): A.ExprStmt => ({ kind: "ExprStmt", expr, span: sp() });
export const ret = (value: A.Expr | null): A.ReturnStmt => ({ kind: "Return", value, span: sp() });
export const if_ = (cond: A.Expr, body: A.Stmt[], elseBody: A.Stmt[] | null = null): A.IfStmt => ({
  kind: "If", branches: [{ cond, body: block(...body), span: sp() }], elseBody: elseBody ? block(...elseBody) : null, span: sp(),
});
export const while_ = (cond: A.Expr, body: A.Stmt[]): A.WhileStmt => ({ kind: "While", cond, body: block(...body), span: sp() });
export const for_ = (name: string, iterable: A.Expr, body: A.Stmt[]): A.ForStmt => ({
  kind: "For", pattern: { kind: "NamePat", name, span: sp() }, iterable, body: block(...body), span: sp(),
});
export const structPat = (name: string, fields: string[]): A.StructPat => ({
  kind: "StructPat", qualifier: [], name: { name, span: sp() },
  fields: fields.map((f) => ({ name: { name: f, span: sp() }, pattern: null, span: sp() })), span: sp(),
});

/** `env.get(key).unwrap_or("d")`: the canonical secret source. */
export const envSecret = (key = "K") => m(m("env", "get", str(key)), "unwrap_or", str("d"));
export const stdio = () => P("stdio", T("Stdio"));
export const envP = () => P("env", T("Env"));
export const println = (value: A.Expr) => m("stdio", "println", value);
