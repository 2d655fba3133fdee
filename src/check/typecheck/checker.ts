// Body checker: scopes, name resolution and local type inference for functions, methods,
// lambdas and constants, recording facts in side tables keyed by AST node.
// Invariant: never mutates the AST; reports through the bag and keeps going after errors.

import { MODULE_MESSAGES } from "../modules/messages.js";
import { referencePos } from "../positions.js";
import { renamedPrivate } from "../modules/privates.js";
import type { DiagnosticBag, Span } from "../../diagnostics/diagnostic.js";
import type {
  Arg,
  AssignStmt,
  Block,
  CallExpr,
  Expr,
  FunDecl,
  LambdaExpr,
  MatchArm,
  MatchExpr,
  MethodCallExpr,
  NameExpr,
  NamePat,
  Param,
  ParamMode,
  Pattern,
  Stmt,
  StructLit,
} from "../../syntax/ast.js";
import { isBuiltinCapability } from "../model.js";
import { M } from "../messages.js";
import {
  BOOL,
  CHAR,
  FLOAT,
  fun,
  HoleFactory,
  INT,
  IO_ERROR,
  JSON_VALUE,
  listOf,
  optionOf,
  isPrim,
  prune,
  rangeOf,
  resultOf,
  STRING,
  substitute,
  tuple,
  typeToString,
  UNIT,
  UNKNOWN,
  userType,
  type HoleType,
  type Type,
  type UserType,
} from "../types.js";
import { BUILTIN_FIELDS, BUILTIN_FUNCTIONS, BUILTIN_METHODS, CAPABILITY_WRAPPERS, receiverTypeParams, type BuiltinSig } from "./builtins.js";
import { Declarations, JSON_VARIANTS, declOf, isPrivateElsewhere, moduleName, type TypeScope } from "./declarations.js";
import type { Binding, BuiltinSignature, CallTarget, LocalBinding, ParamBinding } from "./result.js";
import { GRANTABLE_TO_PYTHON, grantableCapability, PY_GRANT_SIGNATURE, grantHints, isPythonInterop, isUnsafe, unsafeHints, type UnsafeSite } from "./python-interop.js";
import { didYouMean } from "./suggest.js";
import type { FunctionSymbol, StructSymbol, SumSymbol, VariantSymbol } from "./symbols.js";
import { assignable, unify } from "./unify.js";

const I64_MAX = (1n << 63n) - 1n;
const BUILTIN_VARIANT_NAMES = new Set(["Some", "None", "Ok", "Err"]);
const PYTHON_BRIDGE = new Set(["py_import", "py_invoke", "py_grant"]);

interface FnCtx {
  readonly ret: Type;
  /** Whether a lambda without a declared return type infers it from its body. */
  loopDepth: number;
  readonly selfType: Type | null;
  readonly typeScope: TypeScope;
  /** Field names of the impl target, for the `self.x` hint. */
  readonly selfFields: ReadonlySet<string>;
  /** Reads out of empty containers whose element type may never be fixed. */
  readonly emptyReads: { hole: HoleType; span: Span }[];
  /** Display name of the enclosing function (`f`, `Type::m`); null for constants. */
  readonly fnName: string | null;
}

type Scoped = LocalBinding | ParamBinding;

class Scope {
  readonly vars = new Map<string, Scoped>();
  /** True for the outermost scope of a function or lambda (its parameters). */
  readonly isFunctionRoot: boolean;
  constructor(readonly parent: Scope | null, isFunctionRoot = false) {
    this.isFunctionRoot = isFunctionRoot;
  }
  /** A binding of `name` in an enclosing scope of the same function (not crossing a lambda). */
  outerInSameFunction(name: string): Scoped | undefined {
    if (this.isFunctionRoot) return undefined;
    for (let s: Scope | null = this.parent; s !== null; s = s.isFunctionRoot ? null : s.parent) {
      const b = s.vars.get(name);
      if (b !== undefined) return b;
      if (s.isFunctionRoot) break;
    }
    return undefined;
  }
  lookup(name: string): Scoped | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const b = s.vars.get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }
  *names(): Generator<string> {
    for (let s: Scope | null = this; s !== null; s = s.parent) yield* s.vars.keys();
  }
}

/** Outcome of checking a block: whether control can reach its end, and its trailing value type. */
interface BlockOutcome {
  readonly diverges: boolean;
  readonly value: Type;
}

export class BodyChecker {
  readonly exprTypes = new Map<Expr, Type>();
  readonly resolutions = new Map<NameExpr | NamePat, Binding>();
  readonly callTargets = new Map<CallExpr | MethodCallExpr, CallTarget>();
  readonly argModes = new Map<CallExpr | MethodCallExpr, readonly ParamMode[]>();
  /** Calls with named arguments: the parameter (not counting `self`) each argument fills, in written order. */
  readonly argSlots = new Map<CallExpr | MethodCallExpr, readonly number[]>();
  /** Struct patterns that name a type the value does not have (E2163). */
  readonly mismatchedPatterns = new Set<Pattern>();
  readonly paramBindings = new Map<Param, Scoped>();
  readonly patternBindings = new Map<Pattern, LocalBinding[]>();
  private readonly holes = new HoleFactory();
  private nextBindingId = 0;
  /** The value of the `let` with a type annotation being checked (see `inferList`). */
  private annotatedLetValue: Expr | null = null;
  /** The first argument of the py_* call being checked, so an undefined name there gets hints. */
  private unsafeArgument: { readonly expr: Expr; readonly site: UnsafeSite } | null = null;
  private readonly implementsTrait = (type: string, trait: string): boolean => this.decls.implementsByType.get(type)?.has(trait) ?? false;

  constructor(private readonly decls: Declarations, private readonly bag: DiagnosticBag) {}

  // ───────────────────────────── entry points ─────────────────────────────

  checkFunction(fn: FunctionSymbol, decl: FunDecl, typeScope: TypeScope): void {
    const selfType = typeScope.self;
    const selfFields = new Set<string>();
    if (selfType !== null && selfType.kind === "User") {
      const sym = this.decls.types.get(selfType.name);
      if (sym && (sym.kind === "struct" || sym.kind === "typestate")) for (const f of sym.fields.keys()) selfFields.add(f);
    }
    const ctx: FnCtx = { ret: fn.ret, loopDepth: 0, selfType, typeScope, selfFields, emptyReads: [], fnName: fn.qualifiedName };
    const scope = new Scope(null, true);
    fn.params.forEach((p, index) => {
      if (p.node === null) return;
      const binding: ParamBinding = { kind: "param", name: p.name, id: this.nextBindingId++, fn, index, mode: p.mode, type: p.type, node: p.node, span: p.node.span };
      this.paramBindings.set(p.node, binding);
      scope.vars.set(p.name, binding);
    });
    this.checkBlock(decl.body, new Scope(scope), ctx);
    if (!isUnitLike(fn.ret) && !alwaysReturns(decl.body, this.isPanic)) this.bag.report(M.missingReturn, fn.span, [fn.name]);
    this.reportUnfixedReads(ctx);
  }

  checkConst(value: Expr, type: Type, name: string): void {
    const ctx: FnCtx = { ret: UNIT, loopDepth: 0, selfType: null, typeScope: { generics: new Map(), self: null }, selfFields: new Set(), emptyReads: [], fnName: null };
    const actual = this.check(value, new Scope(null), ctx, type);
    if (!this.fits(actual, type)) this.bag.report(M.constMismatch, value.span, [name, show(type), show(actual)]);
  }

  /** Trait conformance of every `impl T for X`: missing methods and signature mismatches. */
  checkImplConformance(): void {
    for (const impl of this.decls.impls) {
      if (impl.trait === null) continue;
      const trait = this.decls.types.get(impl.trait);
      if (trait === undefined || (trait.kind !== "trait" && trait.kind !== "capability")) continue;
      const have = new Map(impl.methods.map((m) => [m.name, m]));
      const missing = [...trait.methods.keys()].filter((m) => !have.has(m)).sort();
      if (missing.length > 0) this.bag.report(M.implMissingMethods, impl.decl.span, [impl.trait, impl.target, missing.join(", ")]);
      const selfT = impl.methods[0]?.params.find((p) => p.isSelf)?.type ?? userType("struct", impl.target);
      for (const [name, sig] of trait.methods) {
        const m = have.get(name);
        if (m === undefined) continue;
        const expected = signatureType(sig, new Map([["Self", selfT]]), impl.trait);
        const actual = signatureType(m, new Map(), null);
        if (!sameShape(expected, actual)) this.bag.report(M.implSignature, m.decl.span, [name, impl.trait, show(expected), show(actual)]);
      }
    }
  }

  // ───────────────────────────── statements ─────────────────────────────

  private checkBlock(block: Block, scope: Scope, ctx: FnCtx): BlockOutcome {
    let diverges = false;
    let value: Type = UNIT;
    block.stmts.forEach((stmt, i) => {
      const last = i === block.stmts.length - 1;
      if (last && stmt.kind === "ExprStmt") {
        value = stmt.expr.kind === "Match" ? this.checkMatch(stmt.expr, scope, ctx, false, undefined) : this.check(stmt.expr, scope, ctx);
        return;
      }
      if (this.checkStmt(stmt, scope, ctx)) diverges = true;
    });
    return { diverges, value };
  }

  /** Checks one statement; returns true when it unconditionally leaves the block. */
  private checkStmt(stmt: Stmt, scope: Scope, ctx: FnCtx): boolean {
    switch (stmt.kind) {
      case "Let": {
        const declared = stmt.type ? this.decls.resolveType(stmt.type, ctx.typeScope) : null;
        this.annotatedLetValue = declared !== null ? stmt.value : null;
        const actual = this.check(stmt.value, scope, ctx, contextFor(stmt.value, declared));
        this.annotatedLetValue = null;
        if (declared !== null && !this.fits(actual, declared)) this.bag.report(M.letMismatch, exprPos(stmt.value), [show(declared), show(actual)]);
        this.bindPattern(stmt.pattern, declared ?? actual, scope, "let", ctx);
        return false;
      }
      case "Var": {
        const declared = stmt.type ? this.decls.resolveType(stmt.type, ctx.typeScope) : null;
        const actual = this.check(stmt.value, scope, ctx, contextFor(stmt.value, declared));
        if (declared !== null && !this.fits(actual, declared)) this.bag.report(M.varMismatch, exprPos(stmt.value), [show(declared), show(actual)]);
        if (scope.vars.has(stmt.name.name)) this.bag.report(M.duplicateVar, stmt.span, [stmt.name.name]);
        else this.checkShadowing(stmt.name.name, stmt.name.span, scope);
        const binding: LocalBinding = { kind: "local", name: stmt.name.name, id: this.nextBindingId++, origin: "var", mutable: true, type: declared ?? actual, span: stmt.name.span };
        scope.vars.set(binding.name, binding);
        return false;
      }
      case "Assign":
        this.checkAssign(stmt, scope, ctx);
        return false;
      case "If": {
        let allDiverge = stmt.elseBody !== null;
        stmt.branches.forEach((b, i) => {
          const c = this.check(b.cond, scope, ctx);
          if (!isBoolish(c)) this.bag.report(i === 0 ? M.ifCondition : M.elifCondition, b.cond.span, [show(c)]);
          if (!this.checkBlock(b.body, new Scope(scope), ctx).diverges && !alwaysReturns(b.body, this.isPanic)) allDiverge = false;
        });
        if (stmt.elseBody !== null && !this.checkBlock(stmt.elseBody, new Scope(scope), ctx).diverges && !alwaysReturns(stmt.elseBody, this.isPanic)) allDiverge = false;
        return allDiverge;
      }
      case "While": {
        const c = this.check(stmt.cond, scope, ctx);
        if (!isBoolish(c)) this.bag.report(M.whileCondition, stmt.cond.span, [show(c)]);
        ctx.loopDepth++;
        this.checkBlock(stmt.body, new Scope(scope), ctx);
        ctx.loopDepth--;
        return false;
      }
      case "For": {
        const it = prune(this.check(stmt.iterable, scope, ctx));
        let elem: Type = UNKNOWN;
        if (it.kind === "App" && (it.name === "List" || it.name === "Set" || it.name === "Range")) {
          elem = it.args[0] ?? UNKNOWN;
        } else if (it.kind === "Prim" && it.name === "String") elem = STRING;
        else if (it.kind === "App" && it.name === "Map") this.bag.report(M.iterateMap, stmt.iterable.span, [show(it)]);
        else if (it.kind !== "Unknown" && it.kind !== "Hole") this.bag.report(M.notIterable, stmt.iterable.span, [show(it)]);
        const body = new Scope(scope);
        this.bindPattern(stmt.pattern, elem, body, "for", ctx);
        ctx.loopDepth++;
        this.checkBlock(stmt.body, body, ctx);
        ctx.loopDepth--;
        return false;
      }
      case "Return": {
        const actual = stmt.value !== null ? this.check(stmt.value, scope, ctx, contextFor(stmt.value, ctx.ret)) : UNIT;
        if (!this.fits(actual, ctx.ret)) this.bag.report(M.returnMismatch, stmt.span, [show(ctx.ret), show(actual)]);
        return true;
      }
      case "Break":
        if (ctx.loopDepth === 0) this.bag.report(M.breakOutsideLoop, stmt.span, []);
        return true;
      case "Continue":
        if (ctx.loopDepth === 0) this.bag.report(M.continueOutsideLoop, stmt.span, []);
        return true;
      case "ExprStmt":
        if (stmt.expr.kind === "Match") this.checkMatch(stmt.expr, scope, ctx, false, undefined);
        else this.check(stmt.expr, scope, ctx);
        return false;
    }
  }

  private checkAssign(stmt: AssignStmt, scope: Scope, ctx: FnCtx): void {
    const target = stmt.target;
    let targetType: Type = UNKNOWN;
    if (target.kind === "Name") {
      const local = scope.lookup(target.name);
      if (local !== undefined) {
        this.resolutions.set(target, local);
        this.exprTypes.set(target, local.type);
        targetType = local.type;
        if (local.kind === "param") this.bag.report(M.assignParam, stmt.span, [target.name]);
        else if (!local.mutable) this.bag.report(M.assignImmutable, stmt.span, [target.name]);
      } else if (this.decls.consts.has(target.name)) {
        this.bag.report(M.assignConst, stmt.span, [target.name]);
        targetType = this.decls.consts.get(target.name)!.type;
      } else {
        targetType = this.check(target, scope, ctx);
      }
    } else if (target.kind === "Index") {
      const obj = prune(this.check(target.object, scope, ctx));
      this.check(target.index, scope, ctx);
      if (obj.kind === "App" && obj.name === "List") this.bag.report(M.listElementAssign, stmt.span, []);
      else targetType = this.check(target, scope, ctx);
    } else {
      targetType = this.check(target, scope, ctx);
    }
    const value = this.check(stmt.value, scope, ctx, targetType);
    if (!this.fits(value, targetType)) this.bag.report(M.assignMismatch, stmt.value.span, [show(value), show(targetType)]);
    else if (stmt.op !== "=") this.arith(stmt.op.slice(0, 1), targetType, value, stmt.span);
  }

  // ───────────────────────────── expressions ─────────────────────────────

  private check(e: Expr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const t = this.infer(e, scope, ctx, expected);
    this.exprTypes.set(e, t);
    return t;
  }

  private infer(e: Expr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    switch (e.kind) {
      case "Int":
        if (e.value > I64_MAX + 1n) this.bag.report(M.intTooLarge, e.span, [e.raw]);
        else if (e.value > I64_MAX) this.bag.report(M.intOutOfRange, e.span, [e.value.toString()]);
        return INT;
      case "Float": return FLOAT;
      // a one-code-point string literal where a Char is wanted is that Char (as in the reference);
      // a String value, or a longer literal, is not
      case "String": return expected !== undefined && isPrim(prune(expected), "Char") && isOneCodePoint(e.value) ? CHAR : STRING;
      case "Char": return CHAR;
      case "Bool": return BOOL;
      case "Unit": return UNIT;
      case "Interp":
        for (const part of e.parts) {
          if (part.kind !== "Splice") continue;
          const t = this.check(part.expr, scope, ctx);
          if (!this.displayable(t)) this.bag.report(M.cannotInterpolate, exprPos(part.expr), [show(t)]);
        }
        return STRING;
      case "Name": return this.inferName(e, scope, ctx, expected);
      case "Self": {
        const self = scope.lookup("self");
        if (self === undefined) {
          this.bag.report(M.selfOutsideImpl, e.span, []);
          return UNKNOWN;
        }
        return self.type;
      }
      case "Tuple": {
        const exp = expected !== undefined ? prune(expected) : undefined;
        return tuple(e.elements.map((el, i) => this.check(el, scope, ctx, exp?.kind === "Tuple" ? exp.elements[i] : undefined)));
      }
      case "List": return this.inferList(e, scope, ctx, expected);
      case "StructLit": return this.inferStructLit(e, scope, ctx);
      case "Field": return this.inferField(e, scope, ctx);
      case "Index": return this.inferIndex(e, scope, ctx);
      case "Call": return this.inferCall(e, scope, ctx, expected);
      case "MethodCall": return this.inferMethodCall(e, scope, ctx, expected);
      case "Try": return this.inferTry(e, scope, ctx);
      case "Unary": {
        if (e.op === "-" && e.operand.kind === "Int") {
          if (e.operand.value > I64_MAX + 1n) this.bag.report(M.intTooLarge, e.operand.span, [e.operand.raw]);
          this.exprTypes.set(e.operand, INT);
          return INT;
        }
        const t = this.check(e.operand, scope, ctx);
        const p = prune(t);
        if (e.op === "-") {
          if (!(p.kind === "Unknown" || p.kind === "Hole" || (p.kind === "Prim" && (p.name === "Int" || p.name === "Float")))) this.bag.report(M.unaryMinus, e.span, [show(t)]);
          return p.kind === "Prim" ? p : t;
        }
        if (!isBoolish(t)) this.bag.report(M.unaryNot, e.span, [show(t)]);
        return BOOL;
      }
      case "Binary": return this.inferBinary(e.op, e.left, e.right, e.span, scope, ctx);
      case "Range": {
        const op = e.inclusive ? "..=" : "..";
        const l = this.check(e.start, scope, ctx);
        const r = this.check(e.end, scope, ctx);
        if (!isIntish(l)) this.bag.report(M.rangeEndpoint, e.span, [op, "left", show(l)]);
        else if (!isIntish(r)) this.bag.report(M.rangeEndpoint, e.span, [op, "right", show(r)]);
        return rangeOf(INT);
      }
      case "Lambda": return this.inferLambda(e, scope, ctx, expected);
      case "IfExpr": {
        const c = this.check(e.cond, scope, ctx);
        if (!isBoolish(c)) this.bag.report(M.ifExprCondition, e.cond.span, [show(c)]);
        const a = this.check(e.then, scope, ctx, expected);
        const b = this.check(e.else, scope, ctx, expected ?? a);
        if (!this.fits(b, a) && !this.fits(a, b)) {
          this.bag.report(M.ifExprBranches, e.else.span, [show(a), show(b)]);
          return UNKNOWN;
        }
        return a;
      }
      case "Match": return this.checkMatch(e, scope, ctx, true, expected);
      case "Become": {
        const v = prune(this.check(e.value, scope, ctx));
        if (v.kind === "Unknown") return UNKNOWN;
        if (v.kind !== "User" || v.declKind !== "typestate") {
          this.bag.report(M.becomeNotTypestate, e.value.span, [show(v)]);
          return UNKNOWN;
        }
        const sym = this.decls.types.get(v.name);
        if (sym?.kind === "typestate" && !sym.states.includes(e.state.name)) {
          this.bag.report(M.noSuchState, e.span, [v.name, e.state.name, sym.states.join(", ")]);
          return v;
        }
        return userType("typestate", v.name, [], e.state.name);
      }
    }
  }

  private inferName(e: NameExpr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const local = scope.lookup(e.name);
    if (local !== undefined) {
      this.resolutions.set(e, local);
      // Reading a variable that holds an element of a still-empty container.
      this.noteEmptyRead(local.type, e.span, ctx);
      return local.type;
    }
    const c = this.decls.consts.get(e.name);
    if (c !== undefined) {
      if (this.reportIfPrivate(e.name, c.decl, e.span)) return UNKNOWN;
      this.resolutions.set(e, { kind: "const", constant: c });
      return c.type;
    }
    const fn = this.decls.functions.get(e.name);
    if (fn !== undefined) {
      if (fn.decl.kind === "Fun" && this.reportIfPrivate(e.name, fn.decl, e.span)) return UNKNOWN;
      this.resolutions.set(e, { kind: "function", fn });
      const subst = this.freshFor(fn.generics, fn.qualifiedName);
      return substitute(fun(fn.params.map((p) => p.type), fn.ret), subst, fn.qualifiedName);
    }
    const variant = this.decls.variants.get(e.name);
    if (variant !== undefined) {
      this.resolutions.set(e, { kind: "variant", variant });
      const { type, subst } = this.instantiateSum(variant.owner, expected);
      if (variant.payload.length === 0) return type;
      return fun(variant.payload.map((p) => substitute(p, subst, variant.owner)), type);
    }
    if (e.name === "None") {
      this.resolutions.set(e, { kind: "builtin", name: "None" });
      const exp = expected !== undefined ? prune(expected) : undefined;
      return exp?.kind === "App" && exp.name === "Option" ? exp : optionOf(this.holes.fresh());
    }
    if (JSON_VARIANTS.has(e.name)) {
      this.resolutions.set(e, { kind: "builtin", name: e.name });
      const payload = JSON_VARIANTS.get(e.name)!;
      return payload.length === 0 ? JSON_VALUE : fun(payload, JSON_VALUE);
    }
    if (BUILTIN_FUNCTIONS.has(e.name) || BUILTIN_VARIANT_NAMES.has(e.name)) {
      this.resolutions.set(e, { kind: "builtin", name: e.name });
      // The Unsafe gate of the Python bridge is checked where it is called, so it must be called by name.
      if (PYTHON_BRIDGE.has(e.name)) this.bag.report(M.pythonBridgeAsValue, e.span, [e.name]);
      return UNKNOWN;
    }
    const module = this.decls.modules.get(e.name);
    if (module !== undefined) {
      this.resolutions.set(e, { kind: "module", path: module });
      return UNKNOWN;
    }
    if (ctx.selfFields.has(e.name)) {
      this.bag.report(M.undefinedName, e.span, [e.name, `; did you mean \`self.${e.name}\`?`]);
      return UNKNOWN;
    }
    const hidden = this.renamedPrivateDecl(e.name);
    if (hidden !== undefined) {
      this.bag.report(MODULE_MESSAGES.privateItem, e.span, ["name", e.name, moduleName(hidden.span.file)]);
      return UNKNOWN;
    }
    if (INTERNAL_BUILTINS.has(e.name)) {
      this.bag.report(M.internalBuiltin, e.span, [e.name, "referenced"]);
      return UNKNOWN;
    }
    const candidates = [...scope.names(), ...this.decls.functions.keys(), ...this.decls.consts.keys(), ...this.decls.variants.keys(), ...this.decls.types.keys(), ...BUILTIN_VARIANT_NAMES, ...BUILTIN_FUNCTIONS.keys()];
    const hints = this.unsafeArgument?.expr === e ? unsafeHints(this.unsafeArgument.site) : [];
    this.bag.report(M.undefinedName, e.span, [e.name, didYouMean(e.name, candidates)], hints);
    return UNKNOWN;
  }

  private inferList(list: Extract<Expr, { kind: "List" }>, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const elements = list.elements;
    const exp = expected !== undefined ? prune(expected) : undefined;
    const expElem = exp?.kind === "App" && exp.name === "List" ? exp.args[0] : undefined;
    if (elements.length === 0) return listOf(expElem ?? this.holes.fresh("lst"));
    // The expected element type is a hint (it admits trait implementors); when an element does
    // not fit it, the literal is typed on its own and the mismatch is reported where it is used.
    if (expElem !== undefined) {
      if (this.annotatedLetValue === list) {
        // Under an annotated `let`, each element is held to the annotation's element type
        // (trait implementors admitted).
        for (const el of elements) {
          const t = this.check(el, scope, ctx, expElem);
          if (!this.fits(t, expElem)) this.bag.report(M.listElement, el.span, [show(t), show(expElem)]);
        }
        return listOf(expElem);
      }
      // Elsewhere the expected type is only a hint: the literal is typed on its own and a
      // mismatch is reported where it is used.
      const types = elements.map((el) => this.check(el, scope, ctx, expElem));
      if (types.every((t) => unify(t, expElem))) return listOf(expElem);
      const first = types[0]!;
      elements.forEach((el, i) => {
        if (i > 0 && !this.fits(types[i]!, first)) this.bag.report(M.listElement, el.span, [show(types[i]!), show(first)]);
      });
      return listOf(first);
    }
    let elem: Type | undefined;
    for (const el of elements) {
      const t = this.check(el, scope, ctx, elem);
      if (elem === undefined) elem = t;
      else if (!this.fits(t, elem)) this.bag.report(M.listElement, el.span, [show(t), show(elem)]);
    }
    return listOf(elem ?? UNKNOWN);
  }

  private inferStructLit(e: StructLit, scope: Scope, ctx: FnCtx): Type {
    const name = e.name.name;
    const sym = this.decls.types.get(name);
    if (sym !== undefined && isPrivateElsewhere(sym, e.name.span)) {
      this.bag.report(MODULE_MESSAGES.privateItem, e.name.span, ["type", name, moduleName(declOf(sym)!.span.file)]);
      for (const f of e.fields) this.check(f.value, scope, ctx);
      return UNKNOWN;
    }
    const checkFields = (fields: ReadonlyMap<string, Type>, kindWord: "struct" | "typestate", subst: Map<string, Type>, owner: string): void => {
      const seen = new Set<string>();
      for (const f of e.fields) {
        if (seen.has(f.name.name)) {
          if (kindWord === "struct") this.bag.report(M.duplicateFieldInLiteral, e.span, [f.name.name]);
          else this.bag.report(M.typestateDuplicateField, e.span, [f.name.name, name]);
          this.check(f.value, scope, ctx);
          continue;
        }
        seen.add(f.name.name);
        const declared = fields.get(f.name.name);
        if (declared === undefined) {
          this.check(f.value, scope, ctx);
          const hint = didYouMean(f.name.name, fields.keys());
          if (kindWord === "struct") this.bag.report(M.unknownField, f.value.span, [name, f.name.name, hint]);
          else this.bag.report(M.typestateUnknownField, f.value.span, [name, f.name.name, hint]);
          continue;
        }
        const want = substitute(declared, subst, owner);
        const got = this.check(f.value, scope, ctx, want);
        if (!this.fits(got, want)) {
          if (kindWord === "struct") this.bag.report(M.fieldType, f.value.span, [name, f.name.name, show(want), show(got)]);
          else this.bag.report(M.typestateFieldType, f.value.span, [name, f.name.name, show(want), show(got)]);
        }
      }
      const missing = [...fields.keys()].filter((f) => !seen.has(f)).sort();
      if (missing.length > 0) {
        if (kindWord === "struct") this.bag.report(M.missingFields, e.span, [name, missing.join(", ")]);
        else this.bag.report(M.typestateMissingFields, e.span, [name, missing.join(", ")]);
      }
    };
    if (e.state !== null) {
      if (sym?.kind !== "typestate") {
        this.bag.report(M.notTypestateLiteral, e.span, [name]);
        for (const f of e.fields) this.check(f.value, scope, ctx);
        return UNKNOWN;
      }
      if (!sym.states.includes(e.state)) {
        this.bag.report(M.noSuchState, e.span, [name, e.state, sym.states.join(", ")]);
        for (const f of e.fields) this.check(f.value, scope, ctx);
        return userType("typestate", name, [], null);
      }
      checkFields(sym.fields, "typestate", new Map(), name);
      return userType("typestate", name, [], e.state);
    }
    if (sym?.kind === "struct") {
      const subst = this.freshFor(sym.generics, name);
      checkFields(sym.fields, "struct", subst, name);
      return userType("struct", name, sym.generics.map((g) => subst.get(g)!));
    }
    if (sym === undefined && !isBuiltinCapability(name) && this.decls.topLevelKind(name) === undefined) {
      this.bag.report(M.undefinedType, e.name.span, [name, didYouMean(name, this.decls.types.keys())]);
    } else if (sym?.kind === "typestate") {
      // The reference accepts an unindexed typestate literal; its value has no state.
      checkFields(sym.fields, "typestate", new Map(), name);
      return userType("typestate", name, [], null);
    } else {
      this.bag.report(M.notStructType, e.span, [name]);
    }
    for (const f of e.fields) this.check(f.value, scope, ctx);
    return UNKNOWN;
  }

  private inferField(e: Extract<Expr, { kind: "Field" }>, scope: Scope, ctx: FnCtx): Type {
    // `Color.Red`: a constant variant qualified by its sum type.
    if (e.object.kind === "Name" && scope.lookup(e.object.name) === undefined) {
      const sum = this.decls.types.get(e.object.name);
      const variant = sum?.kind === "sum" ? sum.variants.find((v) => v.name === e.name.name) : undefined;
      if (variant !== undefined) {
        const { type, subst } = this.instantiateSum(variant.owner);
        return variant.payload.length === 0 ? type : fun(variant.payload.map((p) => substitute(p, subst, variant.owner)), type);
      }
    }
    const obj = prune(this.check(e.object, scope, ctx));
    const field = e.name.name;
    if (obj.kind === "Unknown" || obj.kind === "Hole") return UNKNOWN;
    if (obj.kind === "User") {
      const sym = this.decls.types.get(obj.name);
      if (sym?.kind === "struct" || sym?.kind === "typestate") {
        const t = sym.fields.get(field);
        if (t === undefined) {
          this.bag.report(M.noField, e.span, [obj.name, field, didYouMean(field, sym.fields.keys())]);
          return UNKNOWN;
        }
        return sym.kind === "struct" ? substitute(t, new Map(sym.generics.map((g, i) => [g, obj.args[i] ?? UNKNOWN])), sym.name) : t;
      }
      if (sym?.kind === "trait" || sym?.kind === "capability") {
        this.bag.report(M.fieldThroughTrait, e.span, [field, sym.kind, obj.name]);
        return UNKNOWN;
      }
      if (sym?.kind === "sum") {
        this.bag.report(M.fieldOnNonStruct, e.span, [field, show(obj)]);
        return UNKNOWN;
      }
    }
    if (obj.kind === "BuiltinNominal") {
      const t = BUILTIN_FIELDS[obj.name]?.get(field);
      if (t !== undefined) return t;
    }
    if (obj.kind === "Param") {
      this.bag.report(M.fieldOnParam, e.span, [field, obj.name]);
      return UNKNOWN;
    }
    if (obj.kind === "App") this.bag.report(M.noField, e.span, [obj.name, field, ""]);
    else if (obj.kind === "Prim" || obj.kind === "BuiltinNominal" || obj.kind === "Cap" || obj.kind === "User") this.bag.report(M.noField, e.span, [show(obj), field, ""]);
    else this.bag.report(M.fieldOnNonStruct, e.span, [field, show(obj)]);
    return UNKNOWN;
  }

  private inferIndex(e: Extract<Expr, { kind: "Index" }>, scope: Scope, ctx: FnCtx): Type {
    const obj = prune(this.check(e.object, scope, ctx));
    if (obj.kind === "Tuple") {
      this.exprTypes.set(e.index, INT);
      if (e.index.kind !== "Int") {
        this.check(e.index, scope, ctx);
        this.bag.report(M.tupleIndexDynamic, e.span, []);
        return UNKNOWN;
      }
      const idx = Number(e.index.value);
      if (idx >= obj.elements.length) {
        this.bag.report(M.tupleIndexRange, e.span, [e.index.value.toString(), obj.elements.length]);
        return UNKNOWN;
      }
      return obj.elements[idx]!;
    }
    const i = this.check(e.index, scope, ctx);
    if (obj.kind === "Unknown") return UNKNOWN;
    if (obj.kind === "App" && obj.name === "List") {
      if (!isIntish(i)) this.bag.report(M.indexNotInt, e.index.span, [show(i)]);
      this.noteEmptyRead(obj.args[0]!, e.span, ctx);
      return obj.args[0]!;
    }
    if (obj.kind === "Param") this.bag.report(M.indexOnParam, e.span, [obj.name]);
    else this.bag.report(M.notIndexable, e.span, [show(obj)]);
    return UNKNOWN;
  }

  private inferTry(e: Extract<Expr, { kind: "Try" }>, scope: Scope, ctx: FnCtx): Type {
    const inner = prune(this.check(e.expr, scope, ctx));
    if (inner.kind === "Unknown") return UNKNOWN;
    if (inner.kind === "Param") {
      this.bag.report(M.tryOnParam, e.span, [inner.name]);
      return UNKNOWN;
    }
    if (inner.kind !== "App" || (inner.name !== "Result" && inner.name !== "Option")) {
      this.bag.report(M.tryOnWrongType, e.span, [show(inner)]);
      return UNKNOWN;
    }
    const ret = prune(ctx.ret);
    if (ret.kind !== "Unknown" && !(ret.kind === "App" && (ret.name === "Result" || ret.name === "Option"))) {
      this.bag.report(M.tryOutsideResult, e.span, [show(ret)]);
    }
    return inner.args[0]!;
  }

  private inferBinary(op: string, left: Expr, right: Expr, span: Span, scope: Scope, ctx: FnCtx): Type {
    if (op === "and" || op === "or") {
      const l = this.check(left, scope, ctx);
      const r = this.check(right, scope, ctx);
      if (!isBoolish(l)) this.bag.report(M.leftBool, span, [op, show(l)]);
      if (!isBoolish(r)) this.bag.report(M.rightBool, span, [op, show(r)]);
      return BOOL;
    }
    const l = this.check(left, scope, ctx);
    const r = this.check(right, scope, ctx, l);
    if (op === "==" || op === "!=") {
      if (!this.fits(r, l) && !this.fits(l, r)) this.bag.report(M.cannotCompare, span, [op, show(l), show(r)]);
      return BOOL;
    }
    if (op === "<" || op === "<=" || op === ">" || op === ">=") {
      const lp = prune(l);
      const rp = prune(r);
      if (lp.kind === "Unknown" || rp.kind === "Unknown") return BOOL;
      const orderable = (t: Type): boolean => t.kind === "Hole" || (t.kind === "Prim" && (t.name === "Int" || t.name === "Float" || t.name === "String" || t.name === "Char"));
      if (!orderable(lp) || !orderable(rp) || !unify(lp, rp)) this.bag.report(M.operandTypes, span, [op, show(l), show(r)]);
      return BOOL;
    }
    if (op === "&" || op === "|" || op === "^" || op === "<<" || op === ">>") {
      if (!isIntish(l) || !isIntish(r)) this.bag.report(M.bitwiseOperands, span, [op, show(l), show(r)]);
      return INT;
    }
    return this.arith(op, l, r, span);
  }

  private arith(op: string, l: Type, r: Type, span: Span): Type {
    const lp = prune(l);
    const rp = prune(r);
    if (lp.kind === "Unknown") return rp.kind === "Prim" ? rp : UNKNOWN;
    if (rp.kind === "Unknown") return lp;
    const numeric = lp.kind === "Prim" && (lp.name === "Int" || lp.name === "Float" || (op === "+" && lp.name === "String"));
    if (!numeric || !unify(lp, rp)) {
      this.bag.report(M.operandTypes, span, [op, show(l), show(r)]);
      return UNKNOWN;
    }
    return lp;
  }

  private inferLambda(e: LambdaExpr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const exp = expected !== undefined ? prune(expected) : undefined;
    const expFun = exp?.kind === "Fun" && exp.params.length === e.params.length ? exp : undefined;
    const inner = new Scope(scope, true);
    let reportedNoContext = false;
    const params = e.params.map((p, i) => {
      let t: Type;
      if (p.type !== null) t = this.decls.resolveType(p.type, ctx.typeScope);
      else if (expFun !== undefined) t = expFun.params[i]!;
      else {
        if (!reportedNoContext) this.bag.report(M.lambdaNoContext, e.span, []);
        reportedNoContext = true;
        t = UNKNOWN;
      }
      const binding: LocalBinding = { kind: "local", name: p.name, id: this.nextBindingId++, origin: "lambdaParam", mutable: false, type: t, span: p.span };
      this.paramBindings.set(p, binding);
      inner.vars.set(p.name, binding);
      return t;
    });
    const declaredRet = e.returnType !== null ? this.decls.resolveType(e.returnType, ctx.typeScope) : null;
    if (e.body.kind === "Block") {
      const ret = declaredRet ?? expFun?.ret ?? UNIT;
      const lctx: FnCtx = { ...ctx, ret, loopDepth: 0, emptyReads: ctx.emptyReads };
      this.checkBlock(e.body, new Scope(inner), lctx);
      return fun(params, ret);
    }
    const bodyExpected = declaredRet ?? expFun?.ret;
    if (reportedNoContext) {
      // An untyped lambda is checked for its own errors but has no usable type.
      this.check(e.body as Expr, inner, { ...ctx, ret: UNKNOWN, loopDepth: 0 }, undefined);
      return UNKNOWN;
    }
    const lctx: FnCtx = { ...ctx, ret: bodyExpected ?? UNKNOWN, loopDepth: 0, emptyReads: ctx.emptyReads };
    const body = this.check(e.body, inner, lctx, bodyExpected);
    // A return type from the context (e.g. `filter`'s `Fun(T) -> Bool`) counts as declared.
    if (bodyExpected !== undefined && !this.fits(body, bodyExpected)) this.bag.report(M.lambdaReturn, e.body.span, [show(body), show(bodyExpected)]);
    return fun(params, bodyExpected ?? body);
  }

  // ───────────────────────────── calls ─────────────────────────────

  private inferCall(e: CallExpr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const callee = e.callee;
    if (callee.kind === "Name" && scope.lookup(callee.name) === undefined) {
      const name = callee.name;
      const fn = this.decls.functions.get(name);
      if (fn !== undefined && fn.decl.kind === "Fun" && this.reportIfPrivate(name, fn.decl, callee.span)) {
        for (const a of e.args) this.check(a.value, scope, ctx);
        return UNKNOWN;
      }
      if (fn !== undefined) {
        this.resolutions.set(callee, { kind: "function", fn });
        this.callTargets.set(e, { kind: "user", fn });
        this.argModes.set(e, fn.params.map((p) => p.mode));
        const subst = this.freshFor(fn.generics, fn.qualifiedName);
        const params = fn.params.map((p) => ({ name: p.name, type: substitute(p.type, subst, fn.qualifiedName) }));
        const ret = substitute(fn.ret, subst, fn.qualifiedName);
        const sig = ` (signature: ${show(fun(fn.params.map((p) => p.type), fn.ret))})`;
        this.checkArgs(e, params, `'${name}'`, sig, scope, ctx, (i, want, got, arg) => this.bag.report(M.argType, arg.value.span, [`'${name}'`, i, show(want), show(got)]));
        this.exprTypes.set(callee, fun(params.map((p) => p.type), ret));
        return ret;
      }
      const variant = this.decls.variants.get(name);
      if (variant !== undefined) return this.callVariant(e, variant, scope, ctx);
      if (BUILTIN_VARIANT_NAMES.has(name) || name === "IoError" || JSON_VARIANTS.has(name)) return this.callBuiltinCtor(e, name, scope, ctx, expected);
      const builtin = BUILTIN_FUNCTIONS.get(name);
      if (builtin !== undefined && !this.decls.consts.has(name)) return this.callBuiltinFunction(e, name, builtin, scope, ctx, expected);
      if (INTERNAL_BUILTINS.has(name)) {
        this.bag.report(M.internalBuiltin, callee.span, [name, "called"]);
        for (const a of e.args) this.check(a.value, scope, ctx);
        return UNKNOWN;
      }
      if (isBuiltinCapability(name) || (this.decls.types.get(name)?.kind === "capability" && scope.lookup(name) === undefined)) {
        this.bag.report(M.capabilityConstructed, e.span, [name]);
        for (const a of e.args) this.check(a.value, scope, ctx);
        return UNKNOWN;
      }
    }
    const ct = prune(this.check(callee, scope, ctx));
    if (ct.kind === "Unknown") {
      this.callTargets.set(e, { kind: "dynamic" });
      for (const a of e.args) this.check(a.value, scope, ctx);
      return UNKNOWN;
    }
    if (ct.kind !== "Fun") {
      if (callee.kind === "Name") this.bag.report(M.nameNotCallable, e.span, [callee.name, show(ct)]);
      else if (ct.kind === "Param") this.bag.report(M.typeParamNotCallable, e.span, [ct.name]);
      else this.bag.report(M.notCallable, e.span, [show(ct)]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return UNKNOWN;
    }
    this.callTargets.set(e, { kind: "value" });
    this.argModes.set(e, ct.params.map(() => null));
    if (e.args.some((a) => a.name !== null)) {
      // A function value's type has no parameter names to bind a named argument by.
      this.bag.report(M.namedArgsFunctionValue, e.span, [callee.kind === "Name" ? callee.name : null]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return ct.ret;
    }
    const label = callee.kind === "Name" ? `'${callee.name}'` : null;
    if (e.args.length !== ct.params.length) {
      if (label !== null) this.bag.report(M.argCount, e.span, [label, ct.params.length, e.args.length, ` (signature: ${show(ct)})`]);
      else this.bag.report(M.valueArgCount, e.span, [ct.params.length, e.args.length, show(ct)]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return ct.ret;
    }
    e.args.forEach((a, i) => {
      const want = ct.params[i]!;
      const got = this.check(a.value, scope, ctx, want);
      if (this.fits(got, want)) return;
      if (label !== null) this.bag.report(M.argType, a.value.span, [label, i + 1, show(want), show(got)]);
      else this.bag.report(M.valueArgType, a.value.span, [i + 1, show(want), show(got)]);
    });
    return ct.ret;
  }

  /**
   * Matches arguments (positional first, then named) to parameters and checks each against its
   * parameter type, passing the type down so lambdas and empty literals infer from it.
   */
  private checkArgs(
    e: CallExpr | MethodCallExpr,
    params: readonly { name: string; type: Type }[],
    label: string,
    sigSuffix: string,
    scope: Scope,
    ctx: FnCtx,
    onMismatch: (index: number, want: Type, got: Type, arg: Arg) => void,
    countError?: () => void,
    namesAccepted = true,
  ): void {
    const slots: (Arg | undefined)[] = new Array(params.length).fill(undefined);
    const checkAll = (): void => {
      for (const a of e.args) this.check(a.value, scope, ctx);
    };
    if (!namesAccepted && e.args.some((a) => a.name !== null)) {
      this.bag.report(M.namedArgsUnsupported, e.span, [label]);
      checkAll();
      return;
    }
    let sawNamed = false;
    for (const a of e.args) {
      if (a.name !== null) sawNamed = true;
      else if (sawNamed) {
        this.bag.report(M.positionalAfterNamed, a.span, [label]);
        checkAll();
        return;
      }
    }
    if (e.args.length !== params.length) {
      if (countError) countError();
      else this.bag.report(M.argCount, e.span, [label, params.length, e.args.length, sigSuffix]);
      checkAll();
      return;
    }
    let bad = false;
    for (let i = 0; i < e.args.length; i++) {
      const a = e.args[i]!;
      if (a.name === null) {
        slots[i] = a;
        continue;
      }
      const idx = params.findIndex((p) => p.name === a.name!.name);
      if (idx < 0) this.bag.report(M.unknownParamName, a.value.span, [label, a.name.name]);
      else if (slots[idx] !== undefined) this.bag.report(M.paramGivenTwice, a.value.span, [label, a.name.name]);
      else slots[idx] = a;
      if (idx < 0 || slots[idx] !== a) bad = true;
    }
    const missing = slots.findIndex((s) => s === undefined);
    if (!bad && missing >= 0) this.bag.report(M.missingArgument, e.span, [label, params[missing]!.name]);
    if (!bad && missing < 0 && sawNamed) this.recordSlots(e, e.args.map((a) => slots.indexOf(a)));
    const seen = new Set<Arg>();
    slots.forEach((a, i) => {
      if (a === undefined) return;
      seen.add(a);
      const want = params[i]!.type;
      const got = this.check(a.value, scope, ctx, want);
      if (!this.fits(got, want)) onMismatch(i + 1, want, got, a);
    });
    for (const a of e.args) if (!seen.has(a)) this.check(a.value, scope, ctx);
  }

  /**
   * Named arguments bound: the run binds each value to the parameter it names (`slots`), and the
   * argument modes become aligned with the written arguments, as `argumentModes` promises.
   */
  private recordSlots(e: CallExpr | MethodCallExpr, slots: readonly number[]): void {
    this.argSlots.set(e, slots);
    const modes = this.argModes.get(e);
    if (modes === undefined) return;
    const receivers = modes.length - slots.length; // the `self` mode of a method call leads
    this.argModes.set(e, [...modes.slice(0, receivers), ...slots.map((s) => modes[receivers + s] ?? null)]);
  }

  /** Variant payloads are positional: a name there would name nothing, so it is refused. */
  private reportNamedPayload(e: CallExpr, name: string): boolean {
    if (!e.args.some((a) => a.name !== null)) return false;
    this.bag.report(M.namedArgsUnsupported, e.span, [`'${name}'`]);
    return true;
  }

  private callVariant(e: CallExpr, variant: VariantSymbol, scope: Scope, ctx: FnCtx): Type {
    if (e.callee.kind === "Name") this.resolutions.set(e.callee, { kind: "variant", variant });
    this.callTargets.set(e, { kind: "constructor", name: variant.name, variant });
    this.argModes.set(e, variant.payload.map(() => null));
    // Like the reference, the payload is not checked against an expected type: a mismatch
    // surfaces where the value is used.
    const { type, subst } = this.instantiateSum(variant.owner);
    if (variant.payload.length === 0 || this.reportNamedPayload(e, variant.name)) {
      if (variant.payload.length === 0) this.bag.report(M.variantNoPayload, e.span, [variant.name]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return type;
    }
    if (e.args.length !== variant.payload.length) {
      this.bag.report(M.variantArity, e.span, [variant.name, variant.payload.length, e.args.length]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return type;
    }
    e.args.forEach((a, i) => {
      const want = substitute(variant.payload[i]!, subst, variant.owner);
      const got = this.check(a.value, scope, ctx, want);
      if (!this.fits(got, want)) this.bag.report(M.variantArgType, a.value.span, [variant.name, i + 1, show(want), show(got)]);
    });
    return type;
  }

  private callBuiltinCtor(e: CallExpr, name: string, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    if (e.callee.kind === "Name") this.resolutions.set(e.callee, { kind: "builtin", name });
    this.callTargets.set(e, { kind: "constructor", name, variant: null });
    this.argModes.set(e, e.args.map(() => null));
    // The values are still checked in written order, so a wrong name costs one diagnostic.
    this.reportNamedPayload(e, name);
    const exp = expected !== undefined ? prune(expected) : undefined;
    // The expected type only guides inference inside the argument; a mismatch surfaces where the
    // constructed value is used (e.g. `let binding: expected Option<Int>, got Option<String>`).
    const arg0 = (hint?: Type): Type => {
      if (e.args.length !== 1) {
        this.bag.report(M.variantArity, e.span, [name, 1, e.args.length]);
        for (const a of e.args) this.check(a.value, scope, ctx);
        return hint ?? UNKNOWN;
      }
      return this.check(e.args[0]!.value, scope, ctx, hint);
    };
    switch (name) {
      case "Some": {
        const want = exp?.kind === "App" && exp.name === "Option" ? exp.args[0] : undefined;
        return optionOf(arg0(want));
      }
      case "Ok": {
        const res = exp?.kind === "App" && exp.name === "Result" ? exp : undefined;
        return resultOf(arg0(res?.args[0]), this.holes.fresh());
      }
      case "Err": {
        const res = exp?.kind === "App" && exp.name === "Result" ? exp : undefined;
        return resultOf(this.holes.fresh(), arg0(res?.args[1]));
      }
      case "None":
        this.bag.report(M.variantNoPayload, e.span, [name]);
        return optionOf(this.holes.fresh());
      case "IoError":
        if (e.args.length < 1 || e.args.length > 2) this.bag.report(M.argCount, e.span, ["'IoError'", 1, e.args.length, ""]);
        e.args.forEach((a, i) => {
          const got = this.check(a.value, scope, ctx, STRING);
          if (!this.fits(got, STRING)) this.bag.report(M.argType, a.value.span, ["'IoError'", i + 1, "String", show(got)]);
        });
        return IO_ERROR;
      default: {
        const payload = JSON_VARIANTS.get(name) ?? [];
        if (payload.length === 0) {
          this.bag.report(M.variantNoPayload, e.span, [name]);
          return JSON_VALUE;
        }
        const got = arg0(payload[0]);
        if (!this.fits(got, payload[0]!)) this.bag.report(M.variantArgType, e.args[0]!.value.span, [name, 1, show(payload[0]!), show(got)]);
        return JSON_VALUE;
      }
    }
  }

  private callBuiltinFunction(e: CallExpr, name: string, sig: BuiltinSig, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    if (e.callee.kind === "Name") this.resolutions.set(e.callee, { kind: "builtin", name });
    const subst = this.freshFor(sig.generics, sig.owner, name === "new_map" ? "map" : name === "new_set" ? "set" : "");
    const params = sig.params.map((p) => ({ name: p.name, type: substitute(p.type, subst, sig.owner), mode: p.mode }));
    const ret = substitute(sig.ret, subst, sig.owner);
    if (expected !== undefined && (name === "new_map" || name === "new_set")) unify(ret, expected);
    const signature: BuiltinSignature = { params, ret };
    this.callTargets.set(e, { kind: "builtinFunction", name, signature });
    this.argModes.set(e, params.map((p) => p.mode));
    if (name === "declassify" && !isDeclassifyShape(e)) {
      // The IFC stage owns the shape rule and says what a well-formed call looks like; an arity or
      // parameter-name error here would only repeat it less helpfully.
      const types = e.args.map((a) => this.infer(a.value, scope, ctx));
      return types[0] ?? UNKNOWN;
    }
    const sigText = ` (signature: ${show(fun(sig.params.map((p) => p.type), sig.ret))})`;
    if (isPythonInterop(name)) {
      this.checkPythonInteropArgs(e, name, params, name === "py_grant" ? ` (signature: ${PY_GRANT_SIGNATURE})` : sigText, scope, ctx);
      return ret;
    }
    // Only `declassify` names an argument (`reason:`); other built-ins take theirs in order.
    const namesAccepted = name === "declassify";
    this.checkArgs(e, params, `'${name}'`, sigText, scope, ctx, (i, want, got, arg) => this.bag.report(M.argType, arg.value.span, [`'${name}'`, i, show(want), show(got)]), undefined, namesAccepted);
    return ret;
  }

  /**
   * `py_import` / `py_invoke` / `py_grant`: the reference's arity and type messages, plus hints on
   * threading Unsafe to the call; `py_grant` also requires an Fs or Net as its capability.
   */
  private checkPythonInteropArgs(e: CallExpr, name: string, params: readonly { name: string; type: Type }[], sigText: string, scope: Scope, ctx: FnCtx): void {
    const label = `'${name}'`;
    const site: UnsafeSite = { callee: name, enclosing: ctx.fnName, unsafeInScope: this.unsafeInScope(scope) };
    const first = e.args[0];
    const saved = this.unsafeArgument;
    this.unsafeArgument = first !== undefined && first.name === null ? { expr: first.value, site } : null;
    const before = this.bag.size;
    this.checkArgs(
      e, params, label, sigText, scope, ctx,
      (i, want, got, arg) => {
        const cap = prune(got);
        const given = cap.kind === "Cap" ? { text: arg.value.kind === "Name" ? `'${arg.value.name}'` : "this argument", capability: cap.name } : undefined;
        this.bag.report(M.argType, arg.value.span, [label, i, show(want), show(got)], i === 1 ? unsafeHints(site, given) : []);
      },
      () => {
        // One argument short and no Unsafe up front: the Unsafe capability is what is missing.
        const firstIsUnsafe = first !== undefined && first.value.kind === "Name" && isUnsafe(scope.lookup(first.value.name)?.type ?? UNKNOWN);
        const hints = e.args.length === params.length - 1 && !firstIsUnsafe ? unsafeHints(site) : [];
        this.bag.report(M.argCount, e.span, [label, params.length, e.args.length, sigText], hints);
      },
      false,
    );
    this.unsafeArgument = saved;
    if (name !== "py_grant" || e.args.length !== params.length || e.args.some((a) => a.name !== null)) return;
    const capArg = e.args[1];
    if (capArg === undefined) return;
    const got = this.exprTypes.get(capArg.value) ?? UNKNOWN;
    const p = prune(got);
    // An unknown type right after another error is a cascade, not a second mistake.
    if ((p.kind === "Unknown" || p.kind === "Hole") && this.bag.size > before) return;
    if (grantableCapability(got) === null) this.bag.report(M.argType, capArg.value.span, [label, 2, GRANTABLE_TO_PYTHON.join(" or "), show(got)], grantHints());
  }

  /** A binding of type Unsafe visible from `scope`, nearest first. */
  private unsafeInScope(scope: Scope): string | null {
    for (const n of scope.names()) if (isUnsafe(scope.lookup(n)?.type ?? UNKNOWN)) return n;
    return null;
  }

  private inferMethodCall(e: MethodCallExpr, scope: Scope, ctx: FnCtx, expected?: Type): Type {
    const method = e.method.name;
    // `Shape.Circle(r)`: a qualified variant constructor.
    if (e.receiver.kind === "Name" && scope.lookup(e.receiver.name) === undefined) {
      const sym = this.decls.types.get(e.receiver.name);
      if (sym?.kind === "sum") {
        const variant = sym.variants.find((v) => v.name === method);
        if (variant !== undefined) {
          const call: CallExpr = { kind: "Call", callee: { kind: "Name", name: method, span: e.method.span }, args: e.args, span: e.span };
          const t = this.callVariant(call, variant, scope, ctx);
          this.callTargets.set(e, this.callTargets.get(call)!);
          this.argModes.set(e, this.argModes.get(call)!);
          return t;
        }
      }
      if (this.decls.modules.has(e.receiver.name)) {
        this.resolutions.set(e.receiver, { kind: "module", path: this.decls.modules.get(e.receiver.name)! });
        // `strings.shout(x)` / `S.shout(x)`: the module's function, typed as the plain call.
        if (this.decls.functions.has(method)) {
          const call: CallExpr = { kind: "Call", callee: { kind: "Name", name: method, span: e.method.span }, args: e.args, span: e.span };
          const t = this.infer(call, scope, ctx, expected);
          const target = this.callTargets.get(call);
          if (target !== undefined) this.callTargets.set(e, target);
          const modes = this.argModes.get(call);
          if (modes !== undefined) this.argModes.set(e, modes);
          const slots = this.argSlots.get(call);
          if (slots !== undefined) this.argSlots.set(e, slots);
          this.argSlots.delete(call); // the synthetic call is not in the program the run receives
          return t;
        }
        // Nothing of that name: refused here rather than left for the run to trip over.
        this.bag.report(M.noModuleFunction, e.method.span, [this.decls.modules.get(e.receiver.name)!.join("."), method, didYouMean(method, this.decls.functions.keys())]);
        this.callTargets.set(e, { kind: "dynamic" });
        for (const a of e.args) this.check(a.value, scope, ctx);
        return UNKNOWN;
      }
      const ext = this.decls.externs.get(e.receiver.name);
      if (ext !== undefined) {
        const fn = ext.methods.get(method);
        if (fn === undefined) {
          this.bag.report(M.noMethod, e.method.span, ["foreign component", ext.name, method, didYouMean(method, ext.methods.keys())]);
          for (const a of e.args) this.check(a.value, scope, ctx);
          return UNKNOWN;
        }
        this.callTargets.set(e, { kind: "extern", component: ext.name, fn });
        this.argModes.set(e, fn.params.map((p) => p.mode));
        this.checkArgs(e, fn.params, `'${ext.name}.${method}'`, "", scope, ctx, (i, want, got, arg) => this.bag.report(M.argType, arg.value.span, [`'${ext.name}.${method}'`, i, show(want), show(got)]));
        return fn.ret;
      }
    }
    const recv = prune(this.check(e.receiver, scope, ctx));
    const dynamic = (): Type => {
      this.callTargets.set(e, { kind: "dynamic" });
      for (const a of e.args) this.check(a.value, scope, ctx);
      return UNKNOWN;
    };
    if (recv.kind === "Unknown" || recv.kind === "Hole") return dynamic();
    // Inherent impls on primitive types (`impl Int`) add methods to them.
    if (recv.kind === "Prim") {
      const primitiveMethod = this.decls.methodsByType.get(recv.name)?.get(method);
      if (primitiveMethod !== undefined) {
        this.callTargets.set(e, { kind: "user", fn: primitiveMethod });
        return this.callMethodSymbol(e, recv, primitiveMethod, new Map(), recv.name, scope, ctx);
      }
    }
    const builtinName = recv.kind === "App" || recv.kind === "BuiltinNominal" || recv.kind === "Cap" ? recv.name : recv.kind === "Prim" && recv.name === "String" ? "String" : null;
    if (builtinName !== null) {
      const sig = BUILTIN_METHODS.get(builtinName)?.get(method);
      if (sig === undefined) {
        const kind = recv.kind === "Cap" ? "capability" : "type";
        this.bag.report(M.noMethod, e.span, [kind, builtinName, method, didYouMean(method, BUILTIN_METHODS.get(builtinName)?.keys() ?? [])]);
        return dynamic();
      }
      const subst = this.freshFor(sig.generics, sig.owner);
      if (recv.kind === "App") receiverTypeParams(builtinName).forEach((p, i) => subst.set(p, recv.args[i] ?? UNKNOWN));
      const params = sig.params.map((p) => ({ name: p.name, type: substitute(p.type, subst, sig.owner), mode: p.mode }));
      const ret = substitute(sig.ret, subst, sig.owner);
      const signature: BuiltinSignature = { params, ret };
      this.callTargets.set(e, recv.kind === "Cap" ? { kind: "capabilityMethod", capability: recv.name, method, signature } : { kind: "builtinMethod", receiver: builtinName, method, signature });
      this.argModes.set(e, [null, ...params.map((p) => p.mode)]);
      this.checkMethodArgs(e, builtinName, method, params, scope, ctx, false);
      return ret;
    }
    if (recv.kind === "User") {
      const sym = this.decls.types.get(recv.name);
      if (sym?.kind === "trait" || sym?.kind === "capability") {
        const fn = sym.methods.get(method);
        const wrapper = sym.kind === "capability" && fn === undefined ? CAPABILITY_WRAPPERS.get(method) : undefined;
        if (wrapper !== undefined) return this.callCapabilityWrapper(e, recv, wrapper, scope, ctx);
        if (fn === undefined) {
          this.bag.report(M.noMethod, e.span, [sym.kind, recv.name, method, didYouMean(method, sym.methods.keys())]);
          return dynamic();
        }
        this.callTargets.set(e, { kind: "trait", trait: sym.name, fn });
        return this.callMethodSymbol(e, recv, fn, new Map([["Self", recv]]), sym.name, scope, ctx);
      }
      const fn = this.decls.methodsByType.get(recv.name)?.get(method);
      if (fn === undefined) {
        this.bag.report(M.noMethod, e.span, ["type", recv.name, method, didYouMean(method, this.decls.methodsByType.get(recv.name)?.keys() ?? [])]);
        return dynamic();
      }
      if (sym?.kind === "typestate" && fn.state !== null && recv.state !== null && fn.state !== recv.state) {
        this.bag.report(M.methodWrongState, e.span, [method, recv.name, fn.state, recv.state]);
      }
      this.callTargets.set(e, { kind: "user", fn });
      const owner = sym?.kind === "struct" || sym?.kind === "sum" ? sym : null;
      const subst = new Map<string, Type>(owner ? owner.generics.map((g, i) => [g, recv.args[i] ?? UNKNOWN]) : []);
      return this.callMethodSymbol(e, recv, fn, subst, recv.name, scope, ctx);
    }
    if (recv.kind === "Param") {
      this.bag.report(M.methodOnParam, e.span, [method, recv.name]);
      return dynamic();
    }
    if (recv.kind === "Prim") {
      this.bag.report(M.noMethod, e.span, ["type", recv.name, method, ""]);
      return dynamic();
    }
    this.bag.report(M.methodOnType, e.span, [method, show(recv)]);
    return dynamic();
  }

  /** `log.revocable(r)` on a declared capability: the wrapper returns the receiver's own type. */
  private callCapabilityWrapper(e: MethodCallExpr, recv: UserType, sig: BuiltinSig, scope: Scope, ctx: FnCtx): Type {
    const subst = new Map<string, Type>([["Self", recv]]);
    const params = sig.params.map((p) => ({ name: p.name, type: substitute(p.type, subst, sig.owner), mode: p.mode }));
    const ret = substitute(sig.ret, subst, sig.owner);
    this.callTargets.set(e, { kind: "capabilityMethod", capability: recv.name, method: sig.name, signature: { params, ret } });
    this.argModes.set(e, [null, ...params.map((p) => p.mode)]);
    this.checkMethodArgs(e, recv.name, sig.name, params, scope, ctx, false);
    return ret;
  }

  private callMethodSymbol(e: MethodCallExpr, recv: Type, fn: FunctionSymbol, outer: Map<string, Type>, owner: string, scope: Scope, ctx: FnCtx): Type {
    const selfParam = fn.params[0]?.isSelf ? fn.params[0] : undefined;
    if (selfParam === undefined) {
      this.bag.report(M.methodWithoutSelf, e.span, [typeToString(recv), fn.name]);
      for (const a of e.args) this.check(a.value, scope, ctx);
      return UNKNOWN;
    }
    this.argModes.set(e, fn.params.map((p) => p.mode));
    const own = this.freshFor(fn.generics, fn.qualifiedName);
    const inst = (t: Type): Type => substitute(substitute(t, outer, owner), own, fn.qualifiedName);
    const params = fn.params.slice(1).map((p) => ({ name: p.name, type: inst(p.type) }));
    const typeName = recv.kind === "User" ? recv.name : typeToString(recv);
    this.checkMethodArgs(e, typeName, fn.name, params, scope, ctx);
    return inst(fn.ret);
  }

  /** Built-in methods (`namesAccepted` false) take positional arguments only, as in the reference. */
  private checkMethodArgs(e: MethodCallExpr, typeName: string, method: string, params: readonly { name: string; type: Type }[], scope: Scope, ctx: FnCtx, namesAccepted = true): void {
    this.checkArgs(
      e, params, `${typeName}.'${method}'`, "", scope, ctx,
      (i, want, got, arg) => this.bag.report(M.methodArgType, arg.value.span, [typeName, method, i, show(want), show(got)]),
      () => this.bag.report(M.methodArgCount, e.span, [typeName, method, params.length, e.args.length]),
      namesAccepted,
    );
  }

  // ───────────────────────────── match and patterns ─────────────────────────────

  /** A call of the built-in `panic` (checked already): it never returns, like `return`. */
  private readonly isPanic = (e: Expr): boolean =>
    e.kind === "Call" && e.callee.kind === "Name" && e.callee.name === "panic" && this.resolutions.get(e.callee)?.kind === "builtin";

  private checkMatch(m: MatchExpr, scope: Scope, ctx: FnCtx, asValue: boolean, expected?: Type): Type {
    const scrut = this.check(m.scrutinee, scope, ctx);
    let ref: Type | undefined;
    m.arms.forEach((arm, i) => {
      const armScope = new Scope(scope);
      this.bindArmPatterns(arm, scrut, armScope, ctx);
      if (arm.guard !== null) {
        const g = this.check(arm.guard, armScope, ctx);
        if (!isBoolish(g)) this.bag.report(M.matchGuard, arm.guard.span, [show(g)]);
      }
      let t: Type;
      let diverges = false;
      if (arm.body.kind === "Block") {
        const out = this.checkBlock(arm.body, armScope, ctx);
        diverges = out.diverges || endsInJump(arm.body, this.isPanic);
        t = out.value;
      } else {
        t = this.check(arm.body, armScope, ctx, ref ?? expected);
        diverges = this.isPanic(arm.body);
      }
      if (!asValue || diverges) return;
      if (ref === undefined) ref = t;
      else if (!this.fits(t, ref) && !this.fits(ref, t)) this.bag.report(M.matchArmType, arm.span, [i + 1, show(t), show(ref)]);
    });
    this.checkExhaustive(m, scrut, asValue);
    this.exprTypes.set(m, ref ?? UNIT);
    return ref ?? UNIT;
  }

  private bindArmPatterns(arm: MatchArm, scrut: Type, armScope: Scope, ctx: FnCtx): void {
    if (arm.patterns.length === 1) {
      this.bindPattern(arm.patterns[0]!, scrut, armScope, "pattern", ctx);
      return;
    }
    const alternatives = arm.patterns.map((p) => {
      const s = new Scope(armScope.parent);
      this.bindPattern(p, scrut, s, "pattern", ctx);
      return s.vars;
    });
    const first = alternatives[0]!;
    alternatives.slice(1).forEach((alt, k) => {
      const i = k + 1;
      const onlyFirst = [...first.keys()].filter((n) => !alt.has(n));
      const onlyAlt = [...alt.keys()].filter((n) => !first.has(n));
      if (onlyFirst.length > 0 || onlyAlt.length > 0) {
        const parts: string[] = [];
        if (onlyFirst.length > 0) parts.push(`missing ${onlyFirst.sort().join(", ")}`);
        if (onlyAlt.length > 0) parts.push(`extra ${onlyAlt.sort().join(", ")}`);
        this.bag.report(M.orPatternNames, arm.patterns[i]!.span, [i, parts.join("; ")]);
        return;
      }
      for (const [n, b] of first) {
        const other = alt.get(n)!;
        if (!this.fits(other.type, b.type)) this.bag.report(M.orPatternTypes, arm.patterns[i]!.span, [n, show(b.type), show(other.type), i]);
      }
    });
    for (const [n, b] of first) armScope.vars.set(n, b);
  }

  /** The declaration of an imported module's private function or constant written `name` (renamed when merged). */
  private renamedPrivateDecl(name: string): { readonly span: Span } | undefined {
    for (const [key, fn] of this.decls.functions) if (renamedPrivate(key)?.name === name) return fn.decl;
    for (const [key, c] of this.decls.consts) if (renamedPrivate(key)?.name === name) return c.decl;
    return undefined;
  }

  /** A top-level item of another module that is not `pub` is invisible here (modules are merged). */
  private reportIfPrivate(name: string, decl: { readonly isPub: boolean; readonly span: Span }, use: Span): boolean {
    if (decl.isPub || decl.span.file === use.file) return false;
    this.bag.report(MODULE_MESSAGES.privateItem, use, ["name", name, moduleName(decl.span.file)]);
    return true;
  }

  private checkExhaustive(m: MatchExpr, scrutType: Type, asValue: boolean): void {
    const t = prune(scrutType);
    // `covered` is by variant name (the reference's exhaustiveness); `fully` only counts arms whose
    // payload patterns are irrefutable, for the unreachable-arm check.
    const covered = new Set<string>();
    const fully = new Set<string>();
    const literals = new Set<string>();
    let catchAll = false;
    for (const arm of m.arms) {
      if (catchAll) {
        this.bag.report(M.unreachableAfterCatchAll, arm.span, []);
        continue;
      }
      if (arm.patterns.length === 1) this.reportIfCovered(arm.patterns[0]!, arm.span, fully, literals);
      else this.reportRepeatedAlternatives(arm.patterns);
      if (arm.guard !== null) continue;
      for (const p of arm.patterns) {
        if (p.kind === "WildcardPat" || ((p.kind === "TuplePat" || p.kind === "StructPat") && isIrrefutable(p))) catchAll = true;
        else if (p.kind === "NamePat") {
          const r = this.resolutions.get(p);
          if (r?.kind === "local") catchAll = true;
          else {
            covered.add(p.name);
            fully.add(p.name);
          }
        } else if (p.kind === "CtorPat") {
          covered.add(p.name.name);
          if ((p.args ?? []).every(isIrrefutable)) fully.add(p.name.name);
        } else if (p.kind === "LiteralPat") {
          literals.add(literalKey(p));
          if (p.value.kind === "Bool") covered.add(String(p.value.value));
        }
      }
    }
    if (catchAll || t.kind === "Unknown" || t.kind === "Hole") return;
    let all: readonly string[] | null = null;
    let label = "";
    if (t.kind === "User" && t.declKind === "sum") {
      const sym = this.decls.types.get(t.name) as SumSymbol | undefined;
      all = sym?.variants.map((v) => v.name) ?? null;
      label = t.name;
    } else if (t.kind === "App" && t.name === "Option") {
      all = ["Some", "None"];
      label = "Option";
    } else if (t.kind === "App" && t.name === "Result") {
      all = ["Ok", "Err"];
      label = "Result";
    } else if (t.kind === "BuiltinNominal" && t.name === "JsonValue") {
      all = [...JSON_VARIANTS.keys()];
      label = "JsonValue";
    } else if (t.kind === "Prim" && t.name === "Bool") {
      const missing = ["true", "false"].filter((b) => !covered.has(b));
      if (missing.length > 0 && asValue) this.bag.report(M.nonExhaustiveBool, m.span, [missing.join(", ")]);
      return;
    }
    if (all !== null) {
      const missing = all.filter((v) => !covered.has(v)).sort();
      if (missing.length > 0) this.bag.report(M.nonExhaustiveSum, m.span, [label, missing.join(", ")]);
      return;
    }
    // over a bare type parameter every arm but a catch-all is already an error of its own
    if (asValue && t.kind !== "Param") this.bag.report(M.nonExhaustiveValue, m.span, [show(t)]);
  }

  /** An arm whose single pattern an earlier unguarded arm already covers is unreachable. */
  private reportIfCovered(p: Pattern, span: Span, covered: ReadonlySet<string>, literals: ReadonlySet<string>): void {
    if (p.kind === "NamePat" && this.resolutions.get(p)?.kind !== "local" && covered.has(p.name)) this.bag.report(M.unreachableVariant, span, [p.name]);
    else if (p.kind === "CtorPat" && covered.has(p.name.name)) this.bag.report(M.unreachableVariant, span, [p.name.name]);
    else if (p.kind === "LiteralPat" && literals.has(literalKey(p))) this.bag.report(M.unreachableLiteral, span, []);
  }

  /** `A | A`: an alternative that an earlier alternative of the same or-pattern already covers. */
  private reportRepeatedAlternatives(alternatives: readonly Pattern[]): void {
    const names = new Set<string>();
    const literals = new Set<string>();
    for (const p of alternatives) {
      this.reportIfCovered(p, p.span, names, literals);
      if (p.kind === "NamePat" && this.resolutions.get(p)?.kind !== "local") names.add(p.name);
      else if (p.kind === "CtorPat" && (p.args ?? []).every(isIrrefutable)) names.add(p.name.name);
      else if (p.kind === "LiteralPat") literals.add(literalKey(p));
    }
  }

  private bindPattern(p: Pattern, t: Type, scope: Scope, origin: LocalBinding["origin"], ctx: FnCtx): void {
    const bindings: LocalBinding[] = [];
    this.bindInto(p, t, scope, origin, bindings, ctx);
    this.patternBindings.set(p, bindings);
  }

  private bindInto(p: Pattern, t: Type, scope: Scope, origin: LocalBinding["origin"], out: LocalBinding[], ctx: FnCtx): void {
    const ty = prune(t);
    switch (p.kind) {
      case "WildcardPat":
        return;
      case "NamePat": {
        const variant = this.constantVariant(p.name, ty);
        if (variant !== null) {
          this.resolutions.set(p, variant);
          const scrutinee = prune(ty);
          if (scrutinee.kind === "Param") this.bag.report(M.variantPatternGeneric, p.span, [p.name, scrutinee.name]);
          return;
        }
        const payloadVariant = this.decls.variants.get(p.name) ?? (JSON_VARIANTS.has(p.name) || p.name === "Some" || p.name === "Ok" || p.name === "Err" ? p.name : undefined);
        if (payloadVariant !== undefined && origin === "pattern") {
          const n = typeof payloadVariant === "string" ? JSON_VARIANTS.get(payloadVariant)?.length ?? 1 : payloadVariant.payload.length;
          this.bag.report(M.variantPatternNeedsArgs, p.span, [p.name, n]);
          return;
        }
        if (origin === "pattern" && /^[A-Z]/.test(p.name)) {
          // A capitalised bare name in a match arm denotes a variant, never a fresh binding.
          const known = [...this.decls.variants.keys(), ...BUILTIN_VARIANT_NAMES, ...JSON_VARIANTS.keys()];
          this.bag.report(M.unknownVariant, p.span, [p.name, didYouMean(p.name, known)]);
          return;
        }
        this.checkRebinding(p.name, p.span, scope);
        const binding: LocalBinding = { kind: "local", name: p.name, id: this.nextBindingId++, origin, mutable: false, type: t, span: p.span };
        this.resolutions.set(p, binding);
        scope.vars.set(p.name, binding);
        out.push(binding);
        return;
      }
      case "LiteralPat": {
        const lit = p.value.kind === "Int" ? INT : p.value.kind === "Float" ? FLOAT : p.value.kind === "String" ? STRING : p.value.kind === "Char" ? CHAR : BOOL;
        if (!this.fits(lit, ty)) this.bag.report(M.literalPattern, p.span, [show(lit), show(ty)]);
        return;
      }
      case "TuplePat": {
        if (origin === "let" || origin === "for") {
          for (const el of p.elements) if (el.kind === "StructPat") this.bag.report(M.nestedStructPatternInLet, el.span, []);
        }
        if (ty.kind === "Tuple" && ty.elements.length === p.elements.length) {
          p.elements.forEach((el, i) => this.bindInto(el, ty.elements[i]!, scope, origin, out, ctx));
          return;
        }
        if (ty.kind === "Tuple") this.bag.report(M.tuplePatternArity, p.span, [p.elements.length, show(ty)]);
        p.elements.forEach((el) => this.bindInto(el, UNKNOWN, scope, origin, out, ctx));
        return;
      }
      case "CtorPat": {
        const payload = this.variantPayload(p.name.name, ty, p.span);
        const args = p.args ?? [];
        if (payload === null) {
          args.forEach((a) => this.bindInto(a, UNKNOWN, scope, origin, out, ctx));
          return;
        }
        if (p.args === null && payload.length > 0) this.bag.report(M.variantPatternNeedsArgs, p.span, [p.name.name, payload.length]);
        else if (p.args !== null && args.length !== payload.length) this.bag.report(M.variantPatternArity, p.span, [p.name.name, payload.length, args.length]);
        args.forEach((a, i) => this.bindInto(a, payload[i] ?? UNKNOWN, scope, origin, out, ctx));
        return;
      }
      case "StructPat": {
        const sym = this.decls.types.get(p.name.name);
        if (sym?.kind !== "struct") {
          this.bag.report(M.notAStructPattern, p.span, [p.name.name]);
          p.fields.forEach((f) => (f.pattern ? this.bindInto(f.pattern, UNKNOWN, scope, origin, out, ctx) : this.bindShorthand(f.name.name, UNKNOWN, f.span, scope, origin, out)));
          return;
        }
        let args: readonly Type[] = [];
        if (ty.kind === "User" && ty.name === sym.name) args = ty.args;
        else if (ty.kind === "User" && ty.declKind === "trait" && this.decls.implementsByType.get(sym.name)?.has(ty.name)) {
          // a trait value destructured as one of its implementors: checked when it runs (a
          // value of another implementor is a run-time error, never a silent read)
        } else if (ty.kind !== "Unknown" && ty.kind !== "Hole") {
          this.bag.report(M.structPatternMismatch, p.span, [sym.name, show(ty)]);
          this.mismatchedPatterns.add(p);
        }
        const subst = new Map(sym.generics.map((g, i) => [g, args[i] ?? UNKNOWN]));
        for (const f of p.fields) {
          const declared = (sym as StructSymbol).fields.get(f.name.name);
          if (declared === undefined) this.bag.report(M.structPatternNoField, p.span, [sym.name, f.name.name]);
          const ft = declared ? substitute(declared, subst, sym.name) : UNKNOWN;
          if (f.pattern?.kind === "StructPat" && (origin === "let" || origin === "for")) {
            this.bag.report(M.nestedStructPatternInLet, f.pattern.span, []);
            continue;
          }
          if (f.pattern) this.bindInto(f.pattern, ft, scope, origin, out, ctx);
          else this.bindShorthand(f.name.name, ft, f.span, scope, origin, out);
        }
        return;
      }
    }
  }

  /** `let` rebinding in the same scope and shadowing of an enclosing block's local are rejected. */
  private checkRebinding(name: string, span: Span, scope: Scope): void {
    const same = scope.vars.get(name);
    if (same !== undefined) {
      this.bag.report(M.duplicateBinding, span, [name, same.span.line, same.span.col]);
      return;
    }
    this.checkShadowing(name, span, scope);
  }

  private checkShadowing(name: string, span: Span, scope: Scope): void {
    const outer = scope.outerInSameFunction(name);
    if (outer !== undefined) this.bag.report(M.shadowsOuterLocal, span, [name, outer.span.line, outer.span.col]);
  }

  /** `{ f }` in a struct pattern binds `f`; the reference applies no rebinding checks to it. */
  private bindShorthand(name: string, t: Type, span: Span, scope: Scope, origin: LocalBinding["origin"], out: LocalBinding[]): void {
    const binding: LocalBinding = { kind: "local", name, id: this.nextBindingId++, origin, mutable: false, type: t, span };
    scope.vars.set(name, binding);
    out.push(binding);
  }

  /** A bare name in a pattern that denotes a constant variant of the scrutinee's type, else null. */
  private constantVariant(name: string, t: Type): Binding | null {
    if (name === "None") return { kind: "builtin", name };
    if (name === "JNull" && (t.kind === "BuiltinNominal" || t.kind === "Unknown")) return { kind: "builtin", name };
    const v = this.decls.variants.get(name);
    if (v !== undefined && v.payload.length === 0) return { kind: "variant", variant: v };
    return null;
  }

  private variantMismatch(name: string, t: Type, span: Span): void {
    if (t.kind === "Param") this.bag.report(M.variantPatternGeneric, span, [name, t.name]);
    else this.bag.report(M.variantPatternType, span, [name, show(t)]);
  }

  /** Payload types of variant `name` when matched against `t`, or null when unknown. */
  private variantPayload(name: string, t: Type, span: Span): readonly Type[] | null {
    const builtin = (owner: string, ok: boolean, payload: readonly Type[]): readonly Type[] | null => {
      if (t.kind === "Unknown" || t.kind === "Hole") return payload;
      if (!ok) {
        this.variantMismatch(name, t, span);
        return null;
      }
      void owner;
      return payload;
    };
    const h = (): Type => UNKNOWN;
    switch (name) {
      case "Some": return builtin("Option", t.kind === "App" && t.name === "Option", [t.kind === "App" ? t.args[0]! : h()]);
      case "None": return builtin("Option", t.kind === "App" && t.name === "Option", []);
      case "Ok": return builtin("Result", t.kind === "App" && t.name === "Result", [t.kind === "App" ? t.args[0]! : h()]);
      case "Err": return builtin("Result", t.kind === "App" && t.name === "Result", [t.kind === "App" ? t.args[1] ?? h() : h()]);
    }
    const json = JSON_VARIANTS.get(name);
    if (json !== undefined) return builtin("JsonValue", t.kind === "BuiltinNominal" && t.name === "JsonValue", json);
    const v = this.decls.variants.get(name);
    if (v === undefined) {
      this.bag.report(M.unknownVariant, span, [name, didYouMean(name, this.decls.variants.keys())]);
      return null;
    }
    if (t.kind === "Unknown" || t.kind === "Hole") return v.payload.map(() => UNKNOWN);
    if (t.kind !== "User" || t.name !== v.owner) {
      this.variantMismatch(name, t, span);
      return null;
    }
    const sym = this.decls.types.get(v.owner) as SumSymbol;
    const subst = new Map(sym.generics.map((g, i) => [g, t.args[i] ?? UNKNOWN]));
    return v.payload.map((p) => substitute(p, subst, v.owner));
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private fits(actual: Type, expected: Type): boolean {
    return assignable(actual, expected, this.implementsTrait);
  }

  private freshFor(generics: readonly string[], _owner: string, stem = ""): Map<string, Type> {
    return new Map(generics.map((g) => [g, this.holes.fresh(stem)]));
  }

  private instantiateSum(owner: string, expected?: Type): { type: Type; subst: Map<string, Type> } {
    const sym = this.decls.types.get(owner) as SumSymbol;
    const exp = expected !== undefined ? prune(expected) : undefined;
    const subst = new Map<string, Type>();
    sym.generics.forEach((g, i) => subst.set(g, exp?.kind === "User" && exp.name === owner ? exp.args[i] ?? this.holes.fresh() : this.holes.fresh()));
    return { type: userType("sum", owner, sym.generics.map((g) => subst.get(g)!)), subst };
  }

  private displayable(t: Type): boolean {
    const p = prune(t);
    switch (p.kind) {
      case "Prim": return p.name !== "Unit";
      case "Unknown": case "Hole": case "Param": return true;
      case "BuiltinNominal": return p.name === "IoError";
      case "User": return this.decls.methodsByType.get(p.name)?.has("to_string") ?? false;
      default: return false;
    }
  }

  private noteEmptyRead(elem: Type, span: Span, ctx: FnCtx): void {
    const p = prune(elem);
    if (p.kind === "Hole" && p.stem !== "") ctx.emptyReads.push({ hole: p, span });
  }

  private reportUnfixedReads(ctx: FnCtx): void {
    const reported = new Set<number>();
    for (const r of ctx.emptyReads) {
      const p = prune(r.hole);
      if (p.kind !== "Hole" || reported.has(p.id)) continue;
      reported.add(p.id);
      const [kind, example] = p.stem === "map" ? ["map", "let m: Map<String, Int> = new_map()"] : p.stem === "set" ? ["set", "let s: Set<Int> = new_set()"] : ["list", "let xs: List<Int> = []"];
      this.bag.report(M.emptyContainerUnfixed, r.span, [kind, example]);
    }
  }
}

function show(t: Type): string {
  return typeToString(t);
}

function isBoolish(t: Type): boolean {
  const p = prune(t);
  return p.kind === "Unknown" || p.kind === "Hole" || (p.kind === "Prim" && p.name === "Bool");
}

function isIntish(t: Type): boolean {
  const p = prune(t);
  return p.kind === "Unknown" || p.kind === "Hole" || (p.kind === "Prim" && p.name === "Int");
}

function isUnitLike(t: Type): boolean {
  const p = prune(t);
  return (p.kind === "Prim" && p.name === "Unit") || p.kind === "Unknown";
}

/**
 * The expected type handed to a bound or returned value. A lambda gets none: like the reference,
 * only an argument position gives an unannotated lambda its parameter types.
 */
function contextFor(value: Expr, declared: Type | null): Type | undefined {
  return declared === null || value.kind === "Lambda" ? undefined : declared;
}

/** Error position of an expression as the reference reports it: a range at its operator. */
function exprPos(e: Expr): Span {
  return e.kind === "Range" ? referencePos(e) : e.span;
}

/** The conservative all-paths-return rule (notes §3). */
/** Whether every path through `block` ends in `return` (or in a call `isPanic` recognises). */
export function alwaysReturns(block: Block, isPanic: (e: Expr) => boolean = () => false): boolean {
  const last = block.stmts[block.stmts.length - 1];
  if (last === undefined) return false;
  switch (last.kind) {
    case "Return": return true;
    case "If": return last.elseBody !== null && last.branches.every((b) => alwaysReturns(b.body, isPanic)) && alwaysReturns(last.elseBody, isPanic);
    case "ExprStmt":
      if (isPanic(last.expr)) return true;
      if (last.expr.kind !== "Match") return false;
      return last.expr.arms.length > 0 && last.expr.arms.every((a) => (a.body.kind === "Block" ? alwaysReturns(a.body, isPanic) : isPanic(a.body)));
    default: return false;
  }
}

/** The reference's compiler-internal builtins (plumbing of its bundled JSON parser): user code
 * that names one gets the reference's message rather than "undefined name". */
const INTERNAL_BUILTINS: ReadonlySet<string> = new Set(["_capa_chr", "_capa_str_span"]);

/** Matches every value of its type. A struct has one shape, so a struct pattern whose fields are
 * all irrefutable (a shorthand field binds) covers the type, as a tuple of irrefutables does. */
function isIrrefutable(p: Pattern): boolean {
  switch (p.kind) {
    case "WildcardPat":
      return true;
    case "NamePat":
      return !/^[A-Z]/.test(p.name);
    case "TuplePat":
      return p.elements.every(isIrrefutable);
    case "StructPat":
      return p.fields.every((f) => f.pattern === null || isIrrefutable(f.pattern));
    default:
      return false;
  }
}

function literalKey(p: Extract<Pattern, { kind: "LiteralPat" }>): string {
  const v = p.value;
  const text = v.kind === "Int" ? v.value.toString() : v.kind === "Float" ? String(v.value) : String(v.value);
  return `${v.kind}:${p.negative ? "-" : ""}${text}`;
}

function endsInJump(block: Block, isPanic: (e: Expr) => boolean): boolean {
  const last = block.stmts[block.stmts.length - 1];
  if (last === undefined) return false;
  return last.kind === "Return" || last.kind === "Break" || last.kind === "Continue" || (last.kind === "ExprStmt" && isPanic(last.expr));
}

/** A method's signature as a function type without its `self` parameter (for trait conformance). */
function signatureType(fn: FunctionSymbol, subst: Map<string, Type>, owner: string | null): Type {
  const params = fn.params.filter((p) => !p.isSelf).map((p) => (owner !== null ? substitute(p.type, subst, owner) : p.type));
  const ret = owner !== null ? substitute(fn.ret, subst, owner) : fn.ret;
  return fun(params, ret);
}

function sameShape(a: Type, b: Type): boolean {
  return typeToString(a) === typeToString(b);
}

/** `declassify(value, reason: ...)`: one positional value, then an argument named `reason`. */
function isDeclassifyShape(e: CallExpr): boolean {
  return e.args.length === 2 && e.args[0]!.name === null && e.args[1]!.name?.name === "reason";
}

function isOneCodePoint(text: string): boolean {
  const first = text.codePointAt(0);
  return first !== undefined && text.length === (first > 0xffff ? 2 : 1);
}
