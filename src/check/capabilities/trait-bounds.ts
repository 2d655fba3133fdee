// Declared trait bounds: `fun m(self) -> T uses [Net]` on a trait method names the authority any
// implementation may exercise. Atoms must be capabilities. For a `pub` trait the bound is a
// promise to other packages, so every implementation of the method is checked against it: the
// capabilities its signature and receiver can carry must lie inside the bound, and a signature
// whose footprint cannot be known (a function type, a free type parameter) cannot be proved.
// Invariant: reads declarations and resolved types only; a method's authority comes from what
// reaches it (parameters and the receiver), so its body need not be walked.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { FunSig, Program, TypeExpr } from "../../syntax/ast.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import { isBuiltinCapability } from "../model.js";
import { prune, type Type } from "../types.js";
import { CAP } from "./messages.js";

/** The capabilities a value of a type can carry, or "unprovable" when that cannot be known. */
type Footprint = Set<string> | "unprovable";

export function checkTraitBounds(program: Program, typing: TypeCheckResult, bag: DiagnosticBag): void {
  const isCapabilityName = (name: string): boolean => isBuiltinCapability(name) || typing.symbols.types.get(name)?.kind === "capability";
  const bounds = new Map<string, Map<string, FunSig>>();
  for (const item of program.items) {
    if (item.kind !== "Trait") continue;
    for (const sig of item.methods) {
      for (const atom of sig.uses?.atoms ?? []) {
        if (!isCapabilityName(atom.name)) bag.report(CAP.unknownUsesAtom, sig.uses!.span, [atom.name, sig.name.name]);
      }
      if (item.isPub && sig.uses !== null) {
        if (!bounds.has(item.name.name)) bounds.set(item.name.name, new Map());
        bounds.get(item.name.name)!.set(sig.name.name, sig);
      }
    }
  }
  if (bounds.size === 0) return;
  const footprints = new Footprints(typing);
  for (const impl of typing.symbols.impls) {
    const bounded = impl.trait === null ? undefined : bounds.get(impl.trait);
    if (bounded === undefined) continue;
    const receiver = footprints.ofTarget(impl.decl.target);
    for (const method of impl.methods) {
      const sig = bounded.get(method.name);
      if (sig === undefined || method.decl.kind !== "Fun") continue;
      const allowed = new Set((sig.uses?.atoms ?? []).map((a) => a.name));
      const parts: Footprint[] = [receiver, ...method.params.filter((p) => !p.isSelf).map((p) => footprints.of(p.type)), footprints.of(method.ret)];
      const bound = `[${[...allowed].join(", ")}]`;
      if (parts.includes("unprovable")) {
        bag.report(CAP.unprovableImplFootprint, method.decl.name.span, [method.name, impl.trait!, bound]);
        continue;
      }
      const outside = [...new Set(parts.flatMap((p) => [...(p as Set<string>)]))].filter((c) => !allowed.has(c)).sort();
      if (outside.length > 0) bag.report(CAP.implOutsideBound, method.decl.name.span, [method.name, impl.trait!, outside.join(", "), bound]);
    }
  }
}

class Footprints {
  constructor(private readonly typing: TypeCheckResult) {}

  /** The impl target as written: a type argument naming no declared type is a free parameter. */
  ofTarget(target: TypeExpr): Footprint {
    if (target.kind !== "NamedType") return "unprovable";
    for (const arg of target.args) {
      if (arg.kind !== "NamedType") return "unprovable";
      const known = this.typing.symbols.types.has(arg.name) || isBuiltinCapability(arg.name) || BUILTIN_TYPES.has(arg.name);
      if (!known || this.ofTarget(arg) === "unprovable") return "unprovable";
    }
    const t = this.typing.typeOfTypeExpr(target);
    return t === undefined ? new Set() : this.of(t);
  }

  of(t: Type, seen: Set<string> = new Set()): Footprint {
    const p = prune(t);
    const out = new Set<string>();
    const add = (inner: Type): boolean => {
      const f = this.of(inner, seen);
      if (f === "unprovable") return false;
      for (const c of f) out.add(c);
      return true;
    };
    switch (p.kind) {
      case "Cap":
        out.add(p.name);
        return out;
      case "Fun":
      case "Param":
        return "unprovable";
      case "App":
        return p.args.every(add) ? out : "unprovable";
      case "Tuple":
        return p.elements.every(add) ? out : "unprovable";
      case "User": {
        if (!p.args.every(add)) return "unprovable";
        if (p.declKind === "capability") out.add(p.name);
        if (seen.has(p.name)) return out;
        seen.add(p.name);
        for (const trait of this.typing.symbols.implementsByType.get(p.name) ?? []) {
          if (this.typing.symbols.types.get(trait)?.kind === "capability") out.add(trait);
        }
        const sym = this.typing.symbols.types.get(p.name);
        const inner = sym?.kind === "struct" || sym?.kind === "typestate" ? [...sym.fields.values()] : sym?.kind === "sum" ? sym.variants.flatMap((v) => v.payload) : [];
        return inner.every(add) ? out : "unprovable";
      }
      default:
        return out;
    }
  }
}

const BUILTIN_TYPES = new Set(["Int", "Float", "String", "Bool", "Char", "Unit", "List", "Map", "Set", "Option", "Result", "IoError", "JsonValue", "Revoker", "AuditLog"]);
