// Compiles patterns into matcher closures that test a value and write bindings into frame slots;
// a bare name is a constant variant when one with that name and no payload is in scope.
import type { Pattern } from "../../syntax/ast.js";
import { CFloat, CStruct, CTuple, CVariant, normInt, type StructInfo, type Value } from "../values.js";
import { BUILTIN_CONSTANTS } from "../stdlib/free.js";
import type { ProgramInfo } from "./programInfo.js";
import type { FunctionScope } from "./scope.js";
import type { Frame } from "./signals.js";

export type Matcher = (v: Value, f: Frame) => boolean;

const always: Matcher = () => true;

export function isConstantVariantName(name: string, info: ProgramInfo): boolean {
  const v = info.variants.get(name);
  if (v) return v.arity === 0;
  return Object.prototype.hasOwnProperty.call(BUILTIN_CONSTANTS, name);
}

export function compilePattern(p: Pattern, scope: FunctionScope, info: ProgramInfo): Matcher {
  switch (p.kind) {
    case "WildcardPat":
      return always;
    case "NamePat": {
      if (isConstantVariantName(p.name, info)) {
        const tag = p.name;
        return (v) => v instanceof CVariant && v.tag === tag;
      }
      const slot = scope.declare(p.name);
      return (v, f) => {
        f[slot] = v;
        return true;
      };
    }
    case "LiteralPat":
      return literalMatcher(p);
    case "TuplePat": {
      const parts = p.elements.map((e) => compilePattern(e, scope, info));
      return (v, f) => {
        if (!(v instanceof CTuple) || v.items.length !== parts.length) return false;
        for (let i = 0; i < parts.length; i++) if (!parts[i](v.items[i], f)) return false;
        return true;
      };
    }
    case "CtorPat": {
      const tag = p.name.name;
      const subs = p.args ?? [];
      if (subs.length === 0) return (v) => v instanceof CVariant && v.tag === tag;
      const plans = subs.map((e) => planPart(e, scope, info));
      if (plans.length === 1) {
        const { slot, match } = plans[0];
        if (match === null && slot >= 0)
          return (v, f) => {
            if (!(v instanceof CVariant) || v.tag !== tag) return false;
            f[slot] = v.payload[0];
            return true;
          };
        if (match === null) return (v) => v instanceof CVariant && v.tag === tag;
        return (v, f) => v instanceof CVariant && v.tag === tag && match(v.payload[0], f);
      }
      return (v, f) => v instanceof CVariant && v.tag === tag && matchParts(plans, v.payload, f);
    }
    case "StructPat": {
      const typeName = p.name.name;
      const names = p.fields.map((fp) => fp.name.name);
      const plans = p.fields.map((fp) => planPart(fp.pattern ?? { kind: "NamePat", name: fp.name.name, span: fp.span }, scope, info));
      const slots = plans.map((x) => x.slot);
      const matches = plans.map((x) => x.match);
      const n = plans.length;
      // Inline cache: the field slots for the last struct type seen (one type per name in a run,
      // so it is hit from the second match on, and a hit also settles the type's name); a field
      // the type lacks never matches.
      let cachedInfo: StructInfo | null = null;
      let cachedFields: readonly number[] = [];
      return (v, f) => {
        if (!(v instanceof CStruct)) return false;
        const info = v.info;
        if (info !== cachedInfo) {
          if (info.name !== typeName) return false;
          cachedFields = names.map((name) => info.slotOf.get(name) ?? -1);
          cachedInfo = info;
        }
        const fields = v.fields;
        for (let i = 0; i < n; i++) {
          const at = cachedFields[i]!;
          if (at < 0) return false;
          const match = matches[i]!;
          if (match === null) {
            const slot = slots[i]!;
            if (slot >= 0) f[slot] = fields[at];
          } else if (!match(fields[at], f)) return false;
        }
        return true;
      };
    }
  }
}

/**
 * One sub-pattern of a variant or struct pattern. The common ones — a plain name, `_` — are done
 * in the parent's loop (`match` null: bind to `slot`, or nothing when `slot` is -1) instead of a
 * call through a matcher closure, a call site every pattern of the program shares.
 */
interface PartPlan {
  readonly slot: number;
  readonly match: Matcher | null;
}

function planPart(p: Pattern, scope: FunctionScope, info: ProgramInfo): PartPlan {
  if (p.kind === "WildcardPat") return { slot: -1, match: null };
  const name = plainBinding(p, info);
  if (name !== null) return { slot: scope.declare(name), match: null };
  return { slot: -1, match: compilePattern(p, scope, info) };
}

function matchParts(plans: readonly PartPlan[], values: readonly Value[], f: Frame): boolean {
  for (let i = 0; i < plans.length; i++) {
    const { slot, match } = plans[i];
    if (match === null) {
      if (slot >= 0) f[slot] = values[i];
    } else if (!match(values[i], f)) return false;
  }
  return true;
}

function literalMatcher(p: Extract<Pattern, { kind: "LiteralPat" }>): Matcher {
  const lit = p.value;
  switch (lit.kind) {
    case "Int": {
      const want = normInt(p.negative ? -lit.value : lit.value);
      return (v) => v === want;
    }
    case "Float": {
      const want = p.negative ? -lit.value : lit.value;
      return (v) => v instanceof CFloat && v.v === want;
    }
    case "String":
    case "Char":
    case "Bool": {
      const want = lit.value;
      return (v) => v === want;
    }
  }
}

/** True when a pattern only binds a plain name (the fast path for let/for). */
export function plainBinding(p: Pattern, info: ProgramInfo): string | null {
  return p.kind === "NamePat" && !isConstantVariantName(p.name, info) ? p.name : null;
}
