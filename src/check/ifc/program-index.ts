// Declaration index for the IFC pass: functions, impl methods, struct fields with their labels,
// trait/capability implementors, constants. Read-only view of the AST; never reports diagnostics.

import type {
  CapabilityDecl,
  ConstDecl,
  FieldDecl,
  FunDecl,
  FlowLabel,
  Program,
  TraitDecl,
  TypeExpr,
} from "../../syntax/ast.js";
import { isBuiltinCapability } from "../model.js";

/** A static type as far as IFC needs it: the head name, arguments and the written label. */
export interface Ty {
  readonly name: string;
  readonly args: readonly Ty[];
  readonly label: FlowLabel;
  /** True for `Fun(...) -> T`. */
  readonly isFun: boolean;
}

export function tyOf(t: TypeExpr | null, self: string | null): Ty | null {
  if (!t) return null;
  switch (t.kind) {
    case "NamedType":
      return { name: t.name, args: t.args.map((a) => tyOf(a, self)!), label: t.label, isFun: false };
    case "FunType":
      return { name: "Fun", args: [tyOf(t.ret, self)!], label: t.label, isFun: true };
    case "TupleType":
      return { name: "Tuple", args: t.elements.map((a) => tyOf(a, self)!), label: t.label, isFun: false };
    case "SelfType":
      return self ? { name: self, args: [], label: t.label, isFun: false } : null;
  }
}

export function simpleTy(name: string, args: readonly Ty[] = []): Ty {
  return { name, args, label: null, isFun: false };
}

/** A user-written callable with a body: a top-level function or an impl method. */
export interface FunEntry {
  readonly decl: FunDecl;
  /** Impl target type, or null for a top-level function. */
  readonly owner: string | null;
  /** The trait/capability implemented by the impl block, if any. */
  readonly implOf: string | null;
  /** How the reference names it in messages: `f` or `Type.m`. */
  readonly display: string;
  readonly strict: boolean;
  readonly constantTime: boolean;
}

export interface ProgramIndex {
  readonly functions: ReadonlyMap<string, FunEntry>;
  /** Type name → method name → entry. */
  readonly methods: ReadonlyMap<string, ReadonlyMap<string, FunEntry>>;
  /** Struct / typestate name → field name → declaration. */
  readonly structFields: ReadonlyMap<string, ReadonlyMap<string, FieldDecl>>;
  /** Struct name → its type parameters, in order (`type Box<T>` gives ["T"]). */
  readonly structGenerics: ReadonlyMap<string, readonly string[]>;
  /** Trait or user capability name → implementing type names. */
  readonly implementors: ReadonlyMap<string, readonly string[]>;
  readonly interfaces: ReadonlyMap<string, TraitDecl | CapabilityDecl>;
  /** Sum type names and their variant names (constructors are label-transparent). */
  readonly sumTypes: ReadonlySet<string>;
  readonly variants: ReadonlySet<string>;
  readonly consts: ReadonlyMap<string, ConstDecl>;
  /** Every callable with a body, in source order. */
  readonly entries: readonly FunEntry[];
}

export function indexProgram(program: Program): ProgramIndex {
  const functions = new Map<string, FunEntry>();
  const methods = new Map<string, Map<string, FunEntry>>();
  const structFields = new Map<string, Map<string, FieldDecl>>();
  const structGenerics = new Map<string, readonly string[]>();
  const implementors = new Map<string, string[]>();
  const interfaces = new Map<string, TraitDecl | CapabilityDecl>();
  const sumTypes = new Set<string>();
  const variants = new Set<string>();
  const consts = new Map<string, ConstDecl>();
  const entries: FunEntry[] = [];

  const entryFor = (decl: FunDecl, owner: string | null, implOf: string | null): FunEntry => ({
    decl,
    owner,
    implOf,
    display: owner ? `${owner}.${decl.name.name}` : decl.name.name,
    strict: decl.attributes.some((a) => a.name === "strict_ifc"),
    constantTime: decl.attributes.some((a) => a.name === "constant_time"),
  });

  for (const item of program.items) {
    switch (item.kind) {
      case "Fun": {
        const e = entryFor(item, null, null);
        functions.set(item.name.name, e);
        entries.push(e);
        break;
      }
      case "Struct":
      case "Typestate":
        structFields.set(item.name.name, new Map(item.fields.map((f) => [f.name.name, f])));
        if (item.kind === "Struct" && item.generics.length > 0) structGenerics.set(item.name.name, item.generics.map((g) => g.name));
        break;
      case "Sum":
        sumTypes.add(item.name.name);
        for (const v of item.variants) variants.add(v.name.name);
        break;
      case "Trait":
      case "Capability":
        interfaces.set(item.name.name, item);
        break;
      case "Const":
        consts.set(item.name.name, item);
        break;
      case "Impl": {
        const owner = item.target.kind === "NamedType" ? item.target.name : null;
        if (!owner) break;
        const implOf = item.trait ? item.trait.name : null;
        if (implOf) {
          const list = implementors.get(implOf) ?? [];
          if (!list.includes(owner)) list.push(owner);
          implementors.set(implOf, list);
        }
        const table = methods.get(owner) ?? new Map<string, FunEntry>();
        methods.set(owner, table);
        for (const m of item.methods) {
          const e = entryFor(m, owner, implOf);
          table.set(m.name.name, e);
          entries.push(e);
        }
        break;
      }
      default:
        break;
    }
  }
  return { functions, methods, structFields, structGenerics, implementors, interfaces, sumTypes, variants, consts, entries };
}

/** The method entries a call `recv.m(...)` may dispatch to, given the receiver's static type. */
export function methodTargets(index: ProgramIndex, typeName: string, method: string): FunEntry[] {
  const direct = index.methods.get(typeName)?.get(method);
  if (direct) return [direct];
  if (!index.interfaces.has(typeName)) return [];
  const out: FunEntry[] = [];
  for (const impl of index.implementors.get(typeName) ?? []) {
    const e = index.methods.get(impl)?.get(method);
    if (e) out.push(e);
  }
  return out;
}

export function isCapabilityTy(t: Ty | null): boolean {
  return t !== null && isBuiltinCapability(t.name);
}
