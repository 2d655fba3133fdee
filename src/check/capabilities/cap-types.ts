// Questions the capability passes ask about semantic types: is this a capability, where is one
// packed inside a container, does a value carry authority through its fields.
// Invariant: pure functions of the type and the typing result; no diagnostics.

import type { TypeCheckResult } from "../typecheck/index.js";
import { prune, typeToString, type Type } from "../types.js";
import type { BuiltinCapability } from "../model.js";

export class CapTypes {
  /**
   * Answers per type object. Types share their parts (`Pair<P, P>`), so walking them as trees
   * can take exponential time; remembered answers make each walk follow the shared graph once.
   * Holes are final when the capability passes run, so the answers never go stale.
   */
  private readonly linearInside = new Map<Type, string | null>();
  private readonly capabilityInside = new Map<Type, string | null>();
  private readonly authority = new Map<Type, boolean>();

  constructor(private readonly typing: TypeCheckResult) {}

  /** Built-in capability, user capability, or a cap-bearing struct (`impl Cap for S`). */
  isCapability(t: Type | undefined): boolean {
    return t !== undefined && this.typing.isCapabilityType(t);
  }

  isLinear(t: Type | undefined): boolean {
    return t !== undefined && this.typing.isLinearType(t);
  }

  /** Display name of a capability type (`Stdio`, `Logger`, `L`). */
  capName(t: Type): string {
    const p = prune(t);
    return p.kind === "Cap" || p.kind === "User" ? p.name : "?";
  }

  /** The first capability packed inside a container, tuple or generic type argument of `t`. */
  nestedCapability(t: Type | undefined): string | null {
    return firstInside(t, (a) => this.anyCapability(a));
  }

  /**
   * The fields of a struct/typestate value that hold a single-owner obligation (a linear or
   * typestate value, or a carrier of one), with their declared types.
   */
  obligationFields(t: Type | undefined): readonly (readonly [string, Type])[] {
    if (t === undefined) return NONE;
    const p = prune(t);
    if (p.kind !== "User") return NONE;
    // Asked for nearly every expression by the linear flow: answered once per type name.
    let fields = this.obligationCache.get(p.name);
    if (fields === undefined) {
      fields = this.computeObligationFields(p.name, new Set());
      this.obligationCache.set(p.name, fields);
    }
    return fields;
  }

  private readonly obligationCache = new Map<string, readonly (readonly [string, Type])[]>();

  private computeObligationFields(name: string, seen: ReadonlySet<string>): readonly (readonly [string, Type])[] {
    if (seen.has(name)) return NONE;
    const sym = this.typing.symbols.types.get(name);
    if (sym?.kind !== "struct" && sym?.kind !== "typestate") return NONE;
    const inner = new Set([...seen, name]);
    return [...sym.fields].filter(([, ft]) => {
      if (this.isLinear(ft)) return true;
      const f = prune(ft);
      return f.kind === "User" && this.computeObligationFields(f.name, inner).length > 0;
    });
  }

  /** A plain (non-linear) struct with a linear/typestate field somewhere inside: a *carrier*. */
  isCarrier(t: Type | undefined): boolean {
    return t !== undefined && !this.isLinear(t) && this.obligationFields(t).length > 0;
  }

  /** A value of type `t` must be consumed (whole or field by field) before it is dropped. */
  holdsObligation(t: Type | undefined): boolean {
    return this.isLinear(t) || this.isCarrier(t);
  }

  /** The first linear/typestate type (or carrier) packed inside a container, tuple or generic argument of `t`. */
  nestedLinear(t: Type | undefined): string | null {
    return firstInside(t, (a) => this.anyLinear(a));
  }

  /** `t` itself when it is linear/typestate or a carrier, else the first such type nested in it. */
  anyLinear(t: Type | undefined): string | null {
    if (t === undefined) return null;
    return remembered(this.linearInside, prune(t), (p) => (this.holdsObligation(p) ? typeToString(p) : this.nestedLinear(p)));
  }

  /** `t` itself when it is a capability, else the first one nested in it. */
  anyCapability(t: Type | undefined): string | null {
    if (t === undefined) return null;
    return remembered(this.capabilityInside, prune(t), (p) => (this.isCapability(p) ? this.capName(p) : this.nestedCapability(p)));
  }

  /** `t` or a type nested in it that is a built-in or declared `capability` (not a cap-bearing struct). */
  declaredCapability(t: Type | undefined): string | null {
    if (t === undefined) return null;
    const p = prune(t);
    if (p.kind === "Cap" || (p.kind === "User" && p.declKind === "capability")) return p.name;
    return firstInside(p, (a) => this.declaredCapability(a));
  }

  /** `Unsafe` itself or packed anywhere inside `t`. */
  mentionsUnsafe(t: Type | undefined): boolean {
    if (t === undefined) return false;
    const p = prune(t);
    if (p.kind === "Cap") return p.name === "Unsafe";
    return firstInside(p, (a) => (this.mentionsUnsafe(a) ? "Unsafe" : null)) !== null;
  }

  /** Name of the first capability a value of type `t` holds, through fields too. */
  carriedCapability(t: Type | undefined, seen: Set<string> = new Set()): string | null {
    if (t === undefined) return null;
    const direct = this.anyCapability(t);
    if (direct !== null) return direct;
    const p = prune(t);
    if (p.kind !== "User" || seen.has(p.name)) return null;
    seen.add(p.name);
    const sym = this.typing.symbols.types.get(p.name);
    if (sym?.kind === "struct" || sym?.kind === "typestate") {
      for (const ft of sym.fields.values()) {
        const found = this.carriedCapability(ft, seen);
        if (found !== null) return found;
      }
    }
    return null;
  }

  /** The first built-in capability anywhere in `t` (function types excluded). */
  builtinIn(t: Type | undefined): BuiltinCapability | null {
    if (t === undefined) return null;
    const p = prune(t);
    if (p.kind === "Cap") return p.name;
    return firstInside(p, (a) => this.builtinIn(a));
  }

  /**
   * True when a value of type `t` holds authority: a capability, a container of one, or a struct
   * with such a field (transitively). Aliasing and consumption track these values.
   */
  carriesAuthority(t: Type | undefined, seen: Set<string> = new Set()): boolean {
    if (t === undefined) return false;
    const p = prune(t);
    // Only the outermost question is remembered: inner ones depend on the `seen` set of their walk.
    if (seen.size === 0) return remembered(this.authority, p, () => this.authorityOf(p, new Set()));
    return this.authorityOf(p, seen);
  }

  private authorityOf(p: Type, seen: Set<string>): boolean {
    if (this.isCapability(p)) return true;
    if (p.kind === "App") return p.args.some((a) => this.carriesAuthority(a, seen));
    if (p.kind === "Tuple") return p.elements.some((a) => this.carriesAuthority(a, seen));
    if (p.kind === "User") {
      if (p.args.some((a) => this.carriesAuthority(a, seen))) return true;
      if (seen.has(p.name)) return false;
      seen.add(p.name);
      const sym = this.typing.symbols.types.get(p.name);
      if (sym?.kind === "struct" || sym?.kind === "typestate") {
        for (const ft of sym.fields.values()) if (this.carriesAuthority(ft, seen)) return true;
      }
    }
    return false;
  }
}

const NONE: readonly (readonly [string, Type])[] = [];

/** The first non-null `pick` over the type arguments or tuple elements directly inside `t`. */
function firstInside<R extends string>(t: Type | undefined, pick: (inner: Type) => R | null): R | null {
  if (t === undefined) return null;
  const p = prune(t);
  const inner: readonly Type[] = p.kind === "App" || p.kind === "User" ? p.args : p.kind === "Tuple" ? p.elements : [];
  for (const a of inner) {
    const found = pick(a);
    if (found !== null) return found;
  }
  return null;
}

/** `memo`'s answer for `key`, computed once. */
function remembered<V>(memo: Map<Type, V>, key: Type, compute: (t: Type) => V): V {
  if (memo.has(key)) return memo.get(key)!;
  const value = compute(key);
  memo.set(key, value);
  return value;
}
