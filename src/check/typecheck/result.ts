// The type checker's output: diagnostics plus look-aside tables about the AST (types, name
// resolution, call targets) that the capability rules and the model builder consume.
// Invariant: read-only once returned; keyed by AST node identity, never by position.

import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type {
  CallExpr,
  Expr,
  MethodCallExpr,
  NameExpr,
  NamePat,
  Param,
  ParamMode,
  Pattern,
  Span,
  TypeExpr,
} from "../../syntax/ast.js";
import type { Type } from "../types.js";
import type { ConstSymbol, FunctionSymbol, SymbolTable, VariantSymbol } from "./symbols.js";

/** One local variable introduced by `let`, `var`, a pattern, a `for`, or a lambda parameter. */
export interface LocalBinding {
  readonly kind: "local";
  readonly name: string;
  /** Unique within the run; lets later passes key per-binding state. */
  readonly id: number;
  readonly origin: "let" | "var" | "pattern" | "for" | "lambdaParam";
  readonly mutable: boolean;
  readonly type: Type;
  readonly span: Span;
}

/** A parameter of a function or method (including `self`). */
export interface ParamBinding {
  readonly kind: "param";
  readonly name: string;
  readonly id: number;
  readonly fn: FunctionSymbol;
  readonly index: number;
  readonly mode: ParamMode;
  readonly type: Type;
  readonly node: Param;
  readonly span: Span;
}

export type Binding =
  | LocalBinding
  | ParamBinding
  | { readonly kind: "function"; readonly fn: FunctionSymbol }
  | { readonly kind: "const"; readonly constant: ConstSymbol }
  | { readonly kind: "variant"; readonly variant: VariantSymbol }
  /** Built-in free function (`parse_int`, `py_import`, ...) or the built-in variants Some/None/Ok/Err. */
  | { readonly kind: "builtin"; readonly name: string }
  /** An imported module name used as a qualifier. */
  | { readonly kind: "module"; readonly path: readonly string[] };

/** Signature of a built-in method or free function after instantiation at the call site. */
export interface BuiltinSignature {
  readonly params: readonly { readonly name: string; readonly type: Type; readonly mode: ParamMode }[];
  readonly ret: Type;
}

/** What a call expression invokes. */
export type CallTarget =
  /** A top-level function or a statically dispatched impl method of this program. */
  | { readonly kind: "user"; readonly fn: FunctionSymbol }
  /** A method called on a trait- or capability-typed receiver: dispatched by name at run time. */
  | { readonly kind: "trait"; readonly trait: string; readonly fn: FunctionSymbol }
  /** A method of an extern component. */
  | { readonly kind: "extern"; readonly component: string; readonly fn: FunctionSymbol }
  /** A method of a built-in capability (`stdio.println`, `net.restrict_to`), or a run-time wrapper
   * (`revocable`, ...) of a built-in or declared capability (then `capability` may be a declared name). */
  | { readonly kind: "capabilityMethod"; readonly capability: string; readonly method: string; readonly signature: BuiltinSignature }
  /** A method of a built-in value type (`String`, `List`, `Map`, `Set`, `Range`, `Option`, `Result`, `JsonValue`, `IoError`). */
  | { readonly kind: "builtinMethod"; readonly receiver: string; readonly method: string; readonly signature: BuiltinSignature }
  /** A built-in free function (`parse_int`, `declassify`, `py_import`, ...). */
  | { readonly kind: "builtinFunction"; readonly name: string; readonly signature: BuiltinSignature }
  /** A variant constructor: user (`Circle(1.0)`) or built-in (`Some`, `Ok`, `Err`, `IoError`). */
  | { readonly kind: "constructor"; readonly name: string; readonly variant: VariantSymbol | null }
  /** A call of a function-typed value (a lambda, a `Fun` parameter). */
  | { readonly kind: "value" }
  /** A call on an untyped (interop) value: anything goes at run time. */
  | { readonly kind: "dynamic" };

export interface TypeCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: SymbolTable;
  /** The inferred type of an expression (holes resolved), or undefined when not reached. */
  typeOf(expr: Expr): Type | undefined;
  /** The resolved type of a written type annotation. */
  typeOfTypeExpr(t: TypeExpr): Type | undefined;
  /** What a name refers to at its use site, or what a NamePat binds/matches. */
  resolve(node: NameExpr | NamePat): Binding | undefined;
  /** The binding each parameter of a function, method or lambda introduces. */
  paramBinding(param: Param): ParamBinding | LocalBinding | undefined;
  /** Every binding a pattern introduces (for `let`, `for`, match arms, in pattern order). */
  bindingsOf(pattern: Pattern): readonly LocalBinding[];
  /** What a call or method call invokes. */
  callTarget(call: CallExpr | MethodCallExpr): CallTarget | undefined;
  /**
   * Parameter modes aligned with the call's values: index 0 is the receiver for method calls on a
   * value (its `self` mode), then each argument; empty when unknown.
   */
  argumentModes(call: CallExpr | MethodCallExpr): readonly ParamMode[];
  /**
   * Calls with named arguments that bound cleanly: for each written argument, the index of the
   * parameter it fills (`self` not counted). The run binds by this table, so the value that
   * arrives is the one the checker saw; a call that is absent passes its arguments in order.
   */
  readonly namedArgumentSlots: ReadonlyMap<CallExpr | MethodCallExpr, readonly number[]>;
  /** A struct pattern that names a type the value does not have (E2163 was reported there). */
  isMismatchedPattern(p: Pattern): boolean;
  /** Built-in capability, user capability, or a type that implements a user capability. */
  isCapabilityType(t: Type): boolean;
  /** A `linear type` struct or a typestate. */
  isLinearType(t: Type): boolean;
  /** True when `typeName` has `impl traitName for typeName`. */
  implementsTrait(typeName: string, traitName: string): boolean;
}
