// The Capa AST: plain discriminated unions shared by every stage after the parser.
// Invariant: nodes are immutable data with a span; no stage after the parser mutates them or
// sees parser-library types. Later stages keep their facts in side tables keyed by node.

import type { Span } from "../diagnostics/diagnostic.js";

export type { Span };

// ───────────────────────────── types ─────────────────────────────

/** `@secret` / `@public` written in a type position; null when unlabelled. */
export type FlowLabel = "secret" | "public" | null;

export type TypeExpr = NamedType | FunType | TupleType | SelfType;

/** `Name`, `mod.Name`, `Name<A, B>`, `Name[State]`. `()` is a TupleType with no elements. */
export interface NamedType {
  readonly kind: "NamedType";
  /** Module qualifier path for `mod.Name` (empty when unqualified). */
  readonly qualifier: readonly string[];
  readonly name: string;
  readonly args: readonly TypeExpr[];
  /** Typestate index in `Door[Open]`, else null. */
  readonly state: string | null;
  readonly label: FlowLabel;
  readonly span: Span;
}

export interface FunType {
  readonly kind: "FunType";
  readonly params: readonly TypeExpr[];
  readonly ret: TypeExpr;
  readonly label: FlowLabel;
  readonly span: Span;
}

/** `()` (Unit, zero elements), `(T,)`, `(A, B)`. */
export interface TupleType {
  readonly kind: "TupleType";
  readonly elements: readonly TypeExpr[];
  readonly label: FlowLabel;
  readonly span: Span;
}

export interface SelfType {
  readonly kind: "SelfType";
  readonly label: FlowLabel;
  readonly span: Span;
}

// ───────────────────────────── items ─────────────────────────────

export type Item =
  | ImportDecl
  | FunDecl
  | StructDecl
  | SumDecl
  | TypestateDecl
  | TraitDecl
  | CapabilityDecl
  | ImplDecl
  | ConstDecl
  | ExternDecl;

export interface Program {
  readonly kind: "Program";
  readonly file: string;
  readonly items: readonly Item[];
  readonly span: Span;
}

export interface ImportDecl {
  readonly kind: "Import";
  readonly path: readonly string[];
  readonly alias: string | null;
  readonly span: Span;
}

/** `@name(key: "value", ...)` on its own line before a `fun`. */
export interface Attribute {
  readonly name: string;
  readonly args: readonly AttributeArg[];
  readonly span: Span;
}

export interface AttributeArg {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

export type ParamMode = "consume" | "borrow" | null;

export interface Param {
  readonly kind: "Param";
  readonly name: string;
  /** Null for `self` and for lambda parameters written without a type. */
  readonly type: TypeExpr | null;
  readonly mode: ParamMode;
  readonly isSelf: boolean;
  readonly span: Span;
}

/** A name with its own span, for declarations whose name is reported separately. */
export interface Ident {
  readonly name: string;
  readonly span: Span;
}

/** A function signature, as it appears in traits, capabilities and extern components. */
export interface FunSig {
  readonly kind: "FunSig";
  readonly name: Ident;
  readonly doc: string | null;
  readonly generics: readonly Ident[];
  readonly params: readonly Param[];
  readonly returnType: TypeExpr | null;
  /** `uses [Net, Logger]` after a trait method signature: the authority any implementation may
   * exercise (`span` is the `uses` keyword's); null when the clause is absent. */
  readonly uses: { readonly atoms: readonly Ident[]; readonly span: Span } | null;
  readonly span: Span;
}

export interface FunDecl {
  readonly kind: "Fun";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly attributes: readonly Attribute[];
  readonly generics: readonly Ident[];
  readonly params: readonly Param[];
  readonly returnType: TypeExpr | null;
  readonly body: Block;
  readonly span: Span;
}

export interface FieldDecl {
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly span: Span;
}

export interface StructDecl {
  readonly kind: "Struct";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly isLinear: boolean;
  readonly doc: string | null;
  readonly generics: readonly Ident[];
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
}

export interface Variant {
  readonly name: Ident;
  /** Positional payload types; empty for a constant variant. */
  readonly payload: readonly TypeExpr[];
  readonly span: Span;
}

export interface SumDecl {
  readonly kind: "Sum";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly generics: readonly Ident[];
  readonly variants: readonly Variant[];
  readonly span: Span;
}

export interface TypestateDecl {
  readonly kind: "Typestate";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly fields: readonly FieldDecl[];
  readonly states: readonly Ident[];
  readonly span: Span;
}

export interface TraitDecl {
  readonly kind: "Trait";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly generics: readonly Ident[];
  readonly methods: readonly FunSig[];
  readonly span: Span;
}

export interface CapabilityDecl {
  readonly kind: "Capability";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly generics: readonly Ident[];
  readonly methods: readonly FunSig[];
  readonly span: Span;
}

export interface TraitRef {
  readonly qualifier: readonly string[];
  readonly name: string;
  readonly args: readonly TypeExpr[];
  readonly span: Span;
}

/** `impl [Trait for] Type` with its methods; `target` may carry a typestate index. */
export interface ImplDecl {
  readonly kind: "Impl";
  readonly trait: TraitRef | null;
  readonly target: TypeExpr;
  readonly methods: readonly FunDecl[];
  readonly span: Span;
}

export interface ConstDecl {
  readonly kind: "Const";
  readonly name: Ident;
  readonly isPub: boolean;
  readonly type: TypeExpr;
  readonly value: Expr;
  readonly span: Span;
}

export interface ExternDecl {
  readonly kind: "Extern";
  readonly name: Ident;
  readonly isPub: boolean;
  /** The string after `from`. */
  readonly source: string;
  readonly methods: readonly FunSig[];
  readonly span: Span;
}

// ─────────────────────────── statements ───────────────────────────

export interface Block {
  readonly kind: "Block";
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

export type Stmt =
  | LetStmt
  | VarStmt
  | AssignStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | ReturnStmt
  | BreakStmt
  | ContinueStmt
  | ExprStmt;

export interface LetStmt {
  readonly kind: "Let";
  readonly pattern: Pattern;
  readonly type: TypeExpr | null;
  readonly value: Expr;
  readonly span: Span;
}

export interface VarStmt {
  readonly kind: "Var";
  readonly name: Ident;
  readonly type: TypeExpr | null;
  readonly value: Expr;
  readonly span: Span;
}

export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=";

/** `target op value`; the target is a Name, or a Field / Index chain rooted at a name or self. */
export interface AssignStmt {
  readonly kind: "Assign";
  readonly target: Expr;
  readonly op: AssignOp;
  readonly value: Expr;
  readonly span: Span;
}

export interface CondBranch {
  readonly cond: Expr;
  readonly body: Block;
  readonly span: Span;
}

/** `if c ... elif c ... else ...`: `branches[0]` is the `if`, the rest are `elif`s. */
export interface IfStmt {
  readonly kind: "If";
  readonly branches: readonly CondBranch[];
  readonly elseBody: Block | null;
  readonly span: Span;
}

export interface WhileStmt {
  readonly kind: "While";
  readonly cond: Expr;
  readonly body: Block;
  readonly span: Span;
}

export interface ForStmt {
  readonly kind: "For";
  readonly pattern: Pattern;
  readonly iterable: Expr;
  readonly body: Block;
  readonly span: Span;
}

export interface ReturnStmt {
  readonly kind: "Return";
  readonly value: Expr | null;
  readonly span: Span;
}

export interface BreakStmt {
  readonly kind: "Break";
  readonly span: Span;
}

export interface ContinueStmt {
  readonly kind: "Continue";
  readonly span: Span;
}

/** An expression in statement position (calls, a block `match`, ...). */
export interface ExprStmt {
  readonly kind: "ExprStmt";
  readonly expr: Expr;
  readonly span: Span;
}

// ─────────────────────────── expressions ───────────────────────────

export type Expr =
  | IntLit
  | FloatLit
  | StringLit
  | InterpString
  | CharLit
  | BoolLit
  | UnitLit
  | NameExpr
  | SelfExpr
  | TupleExpr
  | ListExpr
  | StructLit
  | FieldExpr
  | IndexExpr
  | CallExpr
  | MethodCallExpr
  | TryExpr
  | UnaryExpr
  | BinaryExpr
  | RangeExpr
  | LambdaExpr
  | IfExpr
  | MatchExpr
  | BecomeExpr;

export interface IntLit {
  readonly kind: "Int";
  /** Exact value; may exceed the Int range (the checker reports that, e.g. 2^63 without `-`). */
  readonly value: bigint;
  /** Source text, e.g. `0xFF_FF`. */
  readonly raw: string;
  readonly span: Span;
}

export interface FloatLit {
  readonly kind: "Float";
  readonly value: number;
  readonly raw: string;
  readonly span: Span;
}

/** A string with escapes applied and no interpolation (raw strings included). */
export interface StringLit {
  readonly kind: "String";
  readonly value: string;
  readonly isRaw: boolean;
  readonly span: Span;
}

export type InterpPart =
  | { readonly kind: "Text"; readonly value: string; readonly span: Span }
  | { readonly kind: "Splice"; readonly expr: Expr; readonly span: Span };

/** `"a ${e} b"`: text pieces (escapes applied) and spliced expressions, spans into the file. */
export interface InterpString {
  readonly kind: "Interp";
  readonly parts: readonly InterpPart[];
  readonly span: Span;
}

export interface CharLit {
  readonly kind: "Char";
  /** Exactly one code point. */
  readonly value: string;
  readonly span: Span;
}

export interface BoolLit {
  readonly kind: "Bool";
  readonly value: boolean;
  readonly span: Span;
}

/** `()` */
export interface UnitLit {
  readonly kind: "Unit";
  readonly span: Span;
}

export interface NameExpr {
  readonly kind: "Name";
  readonly name: string;
  readonly span: Span;
}

export interface SelfExpr {
  readonly kind: "Self";
  readonly span: Span;
}

export interface TupleExpr {
  readonly kind: "Tuple";
  /** At least one element (`(e,)`); `()` is UnitLit. */
  readonly elements: readonly Expr[];
  readonly span: Span;
}

export interface ListExpr {
  readonly kind: "List";
  readonly elements: readonly Expr[];
  readonly span: Span;
}

export interface FieldInit {
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `Name { f: e }`, `mod.Name { ... }`, `Door[Closed] { id: 1 }`. */
export interface StructLit {
  readonly kind: "StructLit";
  readonly qualifier: readonly string[];
  readonly name: Ident;
  readonly state: string | null;
  readonly fields: readonly FieldInit[];
  readonly span: Span;
}

/** `e.name` (not followed by call parentheses). */
export interface FieldExpr {
  readonly kind: "Field";
  readonly object: Expr;
  readonly name: Ident;
  readonly span: Span;
}

export interface IndexExpr {
  readonly kind: "Index";
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}

export interface Arg {
  /** `name: value` for named arguments (e.g. `reason:`), else null. */
  readonly name: Ident | null;
  readonly value: Expr;
  readonly span: Span;
}

/** `callee(args)` where the callee is not a `.method` — usually a Name, or a lambda value. */
export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: readonly Arg[];
  readonly span: Span;
}

/** `receiver.method(args)`. Also used for qualified calls like `util.f(x)` / `Shape.Circle(r)`;
 * the checker decides from the receiver whether it is a module, a type or a value. */
export interface MethodCallExpr {
  readonly kind: "MethodCall";
  readonly receiver: Expr;
  readonly method: Ident;
  readonly args: readonly Arg[];
  readonly span: Span;
}

/** Postfix `e?`. */
export interface TryExpr {
  readonly kind: "Try";
  readonly expr: Expr;
  readonly span: Span;
}

export type UnaryOp = "-" | "not";

export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp =
  | "or"
  | "and"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "|"
  | "^"
  | "&"
  | "<<"
  | ">>"
  | "+"
  | "-"
  | "*"
  | "/"
  | "%";

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `a..b` (half-open) or `a..=b` (inclusive). */
export interface RangeExpr {
  readonly kind: "Range";
  readonly start: Expr;
  readonly end: Expr;
  readonly inclusive: boolean;
  readonly span: Span;
}

/** `fun (params) (-> T)? => body`; the body is one expression or an indented block. */
export interface LambdaExpr {
  readonly kind: "Lambda";
  readonly params: readonly Param[];
  readonly returnType: TypeExpr | null;
  readonly body: Expr | Block;
  readonly span: Span;
}

/** `if c then a else b`. */
export interface IfExpr {
  readonly kind: "IfExpr";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly span: Span;
}

export interface MatchArm {
  /** Or-alternatives; length 1 for an ordinary arm. */
  readonly patterns: readonly Pattern[];
  readonly guard: Expr | null;
  /** An expression, or an indented block whose last bare expression is the arm's value. */
  readonly body: Expr | Block;
  readonly span: Span;
}

export interface MatchExpr {
  readonly kind: "Match";
  readonly scrutinee: Expr;
  readonly arms: readonly MatchArm[];
  /** True for the `match e { p -> e, ... }` form. */
  readonly inline: boolean;
  readonly span: Span;
}

/** `become(value, State)`. */
export interface BecomeExpr {
  readonly kind: "Become";
  readonly value: Expr;
  readonly state: Ident;
  readonly span: Span;
}

// ─────────────────────────── patterns ───────────────────────────

export type Pattern =
  | WildcardPat
  | NamePat
  | LiteralPat
  | TuplePat
  | CtorPat
  | StructPat;

export interface WildcardPat {
  readonly kind: "WildcardPat";
  readonly span: Span;
}

/** A bare identifier. The checker decides whether it binds a name or names a constant variant
 * (e.g. `None`, `Red`); the parser cannot know. */
export interface NamePat {
  readonly kind: "NamePat";
  readonly name: string;
  readonly span: Span;
}

/** Int, Float, String, Char or Bool literal; `negative` for a leading `-` on a number. */
export interface LiteralPat {
  readonly kind: "LiteralPat";
  readonly value: IntLit | FloatLit | StringLit | CharLit | BoolLit;
  readonly negative: boolean;
  readonly span: Span;
}

export interface TuplePat {
  readonly kind: "TuplePat";
  readonly elements: readonly Pattern[];
  readonly span: Span;
}

/** `Some(p)`, `V(p, q)`, `Shape.Circle(r)`, or a qualified constant `Color.Red` (args null). */
export interface CtorPat {
  readonly kind: "CtorPat";
  readonly qualifier: readonly string[];
  readonly name: Ident;
  readonly args: readonly Pattern[] | null;
  readonly span: Span;
}

export interface FieldPat {
  readonly name: Ident;
  /** Null for the shorthand `{ f }`, which binds `f`. */
  readonly pattern: Pattern | null;
  readonly span: Span;
}

/** `Name { f, g: p }` (no `..` rest in v1). */
export interface StructPat {
  readonly kind: "StructPat";
  readonly qualifier: readonly string[];
  readonly name: Ident;
  readonly fields: readonly FieldPat[];
  readonly span: Span;
}

// ─────────────────────────── helpers ───────────────────────────

export function assertNever(x: never): never {
  throw new Error(`unexpected AST node: ${JSON.stringify(x)}`);
}

export function isBlock(x: Expr | Block): x is Block {
  return x.kind === "Block";
}
