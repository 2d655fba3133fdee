// Compiles patterns into matcher closures that test a value and write bindings into frame slots;
// a bare name is a constant variant when one with that name and no payload is in scope.
import type { Pattern } from "../../syntax/ast.js";
import { CFloat, CStruct, CTuple, CVariant, normInt, type Value } from "../values.js";
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
      const args = p.args === null ? [] : p.args.map((e) => compilePattern(e, scope, info));
      if (args.length === 0) return (v) => v instanceof CVariant && v.tag === tag;
      if (args.length === 1) {
        const a0 = args[0];
        return (v, f) => v instanceof CVariant && v.tag === tag && a0(v.payload[0], f);
      }
      return (v, f) => {
        if (!(v instanceof CVariant) || v.tag !== tag) return false;
        for (let i = 0; i < args.length; i++) if (!args[i](v.payload[i], f)) return false;
        return true;
      };
    }
    case "StructPat": {
      const typeName = p.name.name;
      const fields = p.fields.map((fp) => ({
        name: fp.name.name,
        match: fp.pattern === null ? compilePattern({ kind: "NamePat", name: fp.name.name, span: fp.span }, scope, info) : compilePattern(fp.pattern, scope, info),
      }));
      return (v, f) => {
        if (!(v instanceof CStruct) || v.info.name !== typeName) return false;
        for (const fld of fields) {
          const slot = v.info.slotOf.get(fld.name);
          if (slot === undefined || !fld.match(v.fields[slot], f)) return false;
        }
        return true;
      };
    }
  }
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
