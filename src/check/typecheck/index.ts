// Name resolution and type checking of one program: declarations, then every body, then the
// look-aside tables wrapped as a read-only `TypeCheckResult`.
// Invariant: never mutates the AST and never throws on user input.

import { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { CallExpr, Expr, MethodCallExpr, NameExpr, NamePat, Param, Pattern, Program, TypeExpr } from "../../syntax/ast.js";
import { paramType, prune, resolveHoles, type Type } from "../types.js";
import { BodyChecker } from "./checker.js";
import { Declarations, type TypeScope } from "./declarations.js";
import type { TypeCheckResult } from "./result.js";

export type { TypeCheckResult } from "./result.js";
export type * from "./result.js";
export type * from "./symbols.js";

export function typecheck(program: Program): TypeCheckResult {
  const bag = new DiagnosticBag();
  const decls = new Declarations(program, bag);
  decls.collect();
  const bodies = new BodyChecker(decls, bag);
  bodies.checkImplConformance();

  for (const c of decls.consts.values()) bodies.checkConst(c.decl.value, c.type, c.name);
  for (const fn of decls.functions.values()) {
    if (fn.decl.kind !== "Fun") continue;
    bodies.checkFunction(fn, fn.decl, { generics: new Map(fn.generics.map((g) => [g, paramType(g, fn.qualifiedName)])), self: null });
  }
  for (const impl of decls.impls) {
    const sym = decls.types.get(impl.target);
    const outer = sym !== undefined && (sym.kind === "struct" || sym.kind === "sum") ? sym.generics : [];
    for (const fn of impl.methods) {
      if (fn.decl.kind !== "Fun") continue;
      const selfType = fn.params.find((p) => p.isSelf)?.type ?? selfTypeFor(decls, impl.target, impl.state);
      const scope: TypeScope = decls.bodyScope(fn, selfType, outer, impl.target);
      bodies.checkFunction(fn, fn.decl, scope);
    }
  }

  const symbols = decls.table();
  const implementsTrait = (typeName: string, traitName: string): boolean => decls.implementsByType.get(typeName)?.has(traitName) ?? false;

  const isCapabilityType = (t: Type): boolean => {
    const p = prune(t);
    if (p.kind === "Cap") return true;
    if (p.kind !== "User") return false;
    if (p.declKind === "capability") return true;
    const impls = decls.implementsByType.get(p.name);
    if (impls === undefined) return false;
    for (const trait of impls) if (decls.types.get(trait)?.kind === "capability") return true;
    return false;
  };

  // Holes are final once checking is done, so each resolved type is computed once: the memo is
  // keyed by type, not by expression (expressions share their types; a second table with an
  // entry per expression of a large program cost more than the lookups it saved).
  const resolvedParts = new Map<Type, Type>();
  return {
    diagnostics: bag.sortedByLine(),
    symbols,
    typeOf: (e: Expr) => {
      const t = bodies.exprTypes.get(e);
      return t === undefined ? undefined : resolveHoles(t, resolvedParts);
    },
    typeOfTypeExpr: (t: TypeExpr) => decls.typeExprTypes.get(t),
    resolve: (n: NameExpr | NamePat) => bodies.resolutions.get(n),
    paramBinding: (p: Param) => bodies.paramBindings.get(p),
    bindingsOf: (p: Pattern) => bodies.patternBindings.get(p) ?? [],
    callTarget: (c: CallExpr | MethodCallExpr) => bodies.callTargets.get(c),
    argumentModes: (c: CallExpr | MethodCallExpr) => bodies.argModes.get(c) ?? [],
    namedArgumentSlots: bodies.argSlots,
    isMismatchedPattern: (p: Pattern) => bodies.mismatchedPatterns.has(p),
    isCapabilityType,
    isLinearType: (t: Type) => {
      const p = prune(t);
      if (p.kind !== "User") return false;
      if (p.declKind === "typestate") return true;
      const sym = decls.types.get(p.name);
      return sym?.kind === "struct" && sym.isLinear;
    },
    implementsTrait,
  };
}

function selfTypeFor(decls: Declarations, target: string, state: string | null): Type | null {
  const sym = decls.types.get(target);
  if (sym === undefined) return null;
  return { kind: "User", declKind: sym.kind, name: target, args: [], state: sym.kind === "typestate" ? state : null };
}
