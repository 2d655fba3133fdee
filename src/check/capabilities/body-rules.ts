// Position-independent capability rules inside bodies: no capability bound by `let`/`var` (except
// a fresh call result), no value that is a container of capabilities, no capability substituted
// into a generic parameter at a call, no capability path twice in one call (receiver included,
// and through lambda captures, tuples, struct literals and wrapping calls), mandatory use of
// capability parameters. Invariant: one walk per body; reports only, never decides types.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Arg, Block, CallExpr, Expr, FunDecl, MethodCallExpr, Param, Stmt } from "../../syntax/ast.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import type { FunctionSymbol } from "../typecheck/symbols.js";
import { prune, UNKNOWN, type Type } from "../types.js";
import { CapTypes } from "./cap-types.js";
import { lambdaCaptures } from "./captures.js";
import { CAP } from "./messages.js";
import { overlaps, pathOf, type CapPath } from "./paths.js";
import { walkBlock, walkExpr } from "./walk.js";

const COLLECTIONS = new Set(["List", "Map", "Set"]);
const LINEAR_CONTAINER_HINT =
  "keep each single-owner value in its own binding and consume it (e.g. a `consume self` method like `close`); a collection could copy it or drop it unconsumed";

export class BodyRules {
  private readonly caps: CapTypes;

  constructor(private readonly typing: TypeCheckResult, private readonly bag: DiagnosticBag) {
    this.caps = new CapTypes(typing);
  }

  checkFunction(decl: FunDecl): void {
    walkBlock(decl.body, { stmt: (s) => this.stmt(s), expr: (e) => this.expr(e) });
    this.checkMandatoryUse(decl.params, decl.body);
  }

  /** Constant initialisers: only the container gate and generic substitution apply. */
  checkExpr(e: Expr): void {
    walkExpr(e, { expr: (x) => this.expr(x) });
  }

  private stmt(s: Stmt): void {
    if (s.kind === "Assign" && (s.target.kind === "Field" || s.target.kind === "Index")) {
      // `box.net = other`: a capability is bound once, at construction or as a parameter.
      const cap = this.caps.anyCapability(this.typing.typeOf(s.target));
      if (cap !== null) this.bag.report(CAP.capRebound, s.span, [cap]);
      return;
    }
    if (s.kind !== "Let" && s.kind !== "Var") return;
    if (isFresh(s.value)) return;
    const t = this.typing.typeOf(s.value) ?? (s.type ? this.typing.typeOfTypeExpr(s.type) : undefined);
    // Copying a path whose fields hold authority (`let w2 = w`) aliases it just the same.
    const copied = pathOf(s.value, this.typing) !== null && this.caps.carriesAuthority(t) ? this.caps.carriedCapability(t) : null;
    const cap = this.caps.anyCapability(t) ?? copied;
    if (cap !== null) this.bag.report(CAP.capInPosition, s.span, [cap, s.kind === "Let" ? "a 'let' binding" : "a 'var' binding"]);
  }

  private expr(e: Expr): void {
    if (e.kind !== "Lambda" && !this.isConstantVariant(e)) {
      const nested = this.caps.nestedCapability(this.typing.typeOf(e));
      if (nested !== null) this.bag.report(CAP.capContainerUse, e.span, [nested]);
    }
    if (e.kind !== "Lambda" && !this.isConstantVariant(e) && !this.isBuiltinFactory(e)) {
      if (this.caps.nestedLinear(this.typing.typeOf(e)) !== null) this.bag.report(CAP.linearContainerUse, e.span, [], [LINEAR_CONTAINER_HINT]);
    }
    if (e.kind === "MethodCall") this.checkLinearStored(e);
    if (e.kind === "Call" || e.kind === "MethodCall") {
      this.checkGenericSubstitution(e);
      this.checkAliasing(e);
    }
  }

  /** `new_map()` / `new_set()` take their element type from context; the use sites are reported. */
  private isBuiltinFactory(e: Expr): boolean {
    return e.kind === "Call" && this.typing.callTarget(e)?.kind === "builtinFunction";
  }

  /** `xs.push(h)`, `s.add(h)`, `m.set(k, h)`: a linear value handed to a collection method. */
  private checkLinearStored(call: MethodCallExpr): void {
    const receiver = prune(this.typing.typeOf(call.receiver) ?? UNKNOWN);
    if (receiver.kind !== "App" || !COLLECTIONS.has(receiver.name)) return;
    for (const arg of call.args) {
      if (this.caps.holdsObligation(this.typing.typeOf(arg.value))) this.bag.report(CAP.linearStoredInContainer, arg.value.span, [], [LINEAR_CONTAINER_HINT]);
    }
  }

  /** `None` and other payload-free constructors hold nothing, whatever their inferred type. */
  private isConstantVariant(e: Expr): boolean {
    if (e.kind !== "Name") return false;
    const b = this.typing.resolve(e);
    return b?.kind === "variant" || b?.kind === "builtin";
  }

  // ───────────── generic substitution ─────────────

  private checkGenericSubstitution(call: CallExpr | MethodCallExpr): void {
    const target = this.typing.callTarget(call);
    if (target === undefined) return;
    let label: string;
    let declared: readonly Type[];
    let ret: Type | null = null;
    let named: readonly string[] = [];
    if (target.kind === "user" || target.kind === "trait") {
      const fn: FunctionSymbol = target.fn;
      const params = fn.params.filter((p) => !p.isSelf);
      declared = params.map((p) => p.type);
      named = params.map((p) => p.name);
      ret = fn.ret;
      label = fn.container === null || call.kind === "Call" ? fn.name : `${fn.container}.${fn.name}`;
    } else if (target.kind === "constructor") {
      label = target.name;
      if (target.variant !== null) declared = target.variant.payload;
      else if (["Some", "Ok", "Err"].includes(target.name)) declared = call.args.map(() => GENERIC);
      else return;
    } else return;

    call.args.forEach((arg, i) => {
      const index = arg.name === null ? i : named.indexOf(arg.name.name);
      const want = declared[index];
      if (want === undefined) return;
      const cap = this.substituted(want, this.typing.typeOf(arg.value));
      if (cap !== null) this.bag.report(CAP.capInGeneric, arg.value.span, [label, `argument ${index + 1}`, cap]);
    });
    if (ret !== null) {
      const cap = this.substituted(ret, this.typing.typeOf(call));
      if (cap !== null) this.bag.report(CAP.capInGeneric, call.span, [label, "return type", cap]);
    }
  }

  /** The capability that lands in a generic parameter slot of `declared`, matching `actual`. */
  private substituted(declared: Type, actual: Type | undefined): string | null {
    if (actual === undefined) return null;
    const d = prune(declared);
    const a = prune(actual);
    if (d.kind === "Param") return this.caps.anyCapability(a);
    const pairs: [Type, Type][] = [];
    if (d.kind === "App" && a.kind === "App") d.args.forEach((t, i) => a.args[i] && pairs.push([t, a.args[i]!]));
    else if (d.kind === "Tuple" && a.kind === "Tuple") d.elements.forEach((t, i) => a.elements[i] && pairs.push([t, a.elements[i]!]));
    else if (d.kind === "User" && a.kind === "User") d.args.forEach((t, i) => a.args[i] && pairs.push([t, a.args[i]!]));
    for (const [x, y] of pairs) {
      const found = this.substituted(x, y);
      if (found !== null) return found;
    }
    return null;
  }

  // ───────────── aliasing within one call ─────────────

  private checkAliasing(call: CallExpr | MethodCallExpr): void {
    const seen: { path: CapPath; role: string }[] = [];
    const slot = (e: Expr, position: string): void => {
      const reported = new Set<string>();
      const role = e.kind === "Lambda" ? `${position} (captured by a lambda)` : position;
      for (const p of this.sources(e)) {
        const clash = seen.find((s) => overlaps(s.path.key, p.key));
        if (clash !== undefined && !reported.has(p.key)) {
          reported.add(p.key);
          // `both(box, box.out)`: name the holder when the clash is a field of an earlier argument.
          const inside = clash.path.key !== p.key && p.key.startsWith(`${clash.path.key}.`) ? clash.path.display : null;
          this.bag.report(CAP.capAliased, e.span, [p.display, role, clash.role, inside]);
        }
      }
      for (const p of this.sources(e)) seen.push({ path: p, role });
    };
    if (call.kind === "MethodCall") slot(call.receiver, "receiver");
    call.args.forEach((a: Arg, i) => slot(a.value, `argument ${i + 1}`));
  }

  /**
   * The capability paths an argument hands to the callee: the path itself, the paths packed in a
   * tuple, list or struct literal, those a lambda captures, and those a wrapping call may keep.
   */
  sources(e: Expr): CapPath[] {
    switch (e.kind) {
      case "Name":
      case "Self":
      case "Field": {
        const p = pathOf(e, this.typing);
        return p !== null && this.caps.carriesAuthority(this.typing.typeOf(e)) ? [p] : [];
      }
      // Tuples, lists and constructor wrappers of a capability are rejected outright by the
      // container gate, so they add no alias report of their own.
      case "StructLit":
        return e.fields.flatMap((f) => this.sources(f.value));
      case "Try":
        return this.sources(e.expr);
      case "IfExpr":
        return [...this.sources(e.then), ...this.sources(e.else)];
      case "Match":
        return e.arms.flatMap((arm) => (arm.body.kind === "Block" ? [] : this.sources(arm.body)));
      case "Lambda":
        return lambdaCaptures(e, this.typing, (t) => this.caps.carriesAuthority(t));
      case "Call":
      case "MethodCall": {
        const target = this.typing.callTarget(e);
        if (target === undefined || (target.kind !== "user" && target.kind !== "trait" && target.kind !== "value")) return [];
        if (!this.caps.carriesAuthority(this.typing.typeOf(e))) return [];
        return e.args.flatMap((a) => this.sources(a.value));
      }
      default:
        return [];
    }
  }

  // ───────────── mandatory use ─────────────

  private checkMandatoryUse(params: readonly Param[], body: Block): void {
    const required = params.filter((p) => {
      if (p.isSelf || p.name.startsWith("_")) return false;
      const t = this.typing.paramBinding(p)?.type ?? (p.type ? this.typing.typeOfTypeExpr(p.type) : undefined);
      return this.caps.builtinIn(t) !== null;
    });
    if (required.length === 0) return;
    const used = new Set<Param>();
    const names = new Set<string>();
    walkBlock(body, {
      expr: (e) => {
        if (e.kind !== "Name") return;
        names.add(e.name);
        const b = this.typing.resolve(e);
        if (b?.kind === "param") used.add(b.node);
      },
    });
    for (const p of required) {
      const resolvedAny = this.typing.paramBinding(p) !== undefined;
      if (used.has(p) || (!resolvedAny && names.has(p.name))) continue;
      this.bag.report(CAP.capUnused, p.span, [p.name]);
    }
  }
}

const GENERIC: Type = { kind: "Param", name: "T", owner: "<builtin>" };

/** A call result is a fresh value: binding it does not alias an existing capability. */
function isFresh(e: Expr): boolean {
  if (e.kind === "Try") return isFresh(e.expr);
  return e.kind === "Call" || e.kind === "MethodCall";
}
