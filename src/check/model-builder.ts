// Builds the capability model the emitters read: per function its declared, used and transitively
// reachable capabilities (a fixpoint over the call graph), what the types provably exclude, call
// records with attenuation chains, attributes, linear obligations and Python interop facts.
// Invariant: derived from the AST plus the typing result only; IFC facts (declassifications,
// unaudited sinks) are left empty here for the IFC pass to supply — never invented.

import { renamedPrivate } from "./modules/privates.js";
import { referencePos } from "./positions.js";
import type { Attribute, CallExpr, Expr, FunDecl, FunSig, MethodCallExpr, Param, Program } from "./../syntax/ast.js";
import { ATTRIBUTE_CATALOGUE, BUILTIN_CAPABILITIES, isBuiltinCapability } from "./model.js";
import type {
  ArgFlow,
  AttributeFact,
  CallFact,
  CapabilityModel,
  ForeignComponentFacts,
  FunctionFacts,
  ParamFact,
  PythonGrantFact,
  TypestateFacts,
  WrapperFact,
  UserCapabilityFacts,
} from "./model.js";
import type { TypeCheckResult } from "./typecheck/index.js";
import type { FunctionSymbol } from "./typecheck/symbols.js";
import { prune, typeToSurfaceString, type Type } from "./types.js";
import { clip, exprText, funPosition } from "./capabilities/call-text.js";
import { typeExprText } from "./type-text.js";
import { localKey } from "./capabilities/paths.js";
import { walkBlock } from "./capabilities/walk.js";
import { AuthorityFlow, type BodyEffects } from "./authority-flow.js";
import { reachableAuthority } from "./reach.js";
import { WRAPPER_METHOD_NAMES } from "./typecheck/builtins.js";

/** Capability methods that return a narrower capability of the same kind (the run-time wrappers too). */
const ATTENUATORS = new Set(["restrict_to", "restrict_to_keys", "restrict_to_after", "with_seed", ...WRAPPER_METHOD_NAMES]);

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Draft {
  readonly decl: FunDecl;
  readonly sym: FunctionSymbol | undefined;
  readonly container: string | null;
  readonly implTrait: string | null;
  readonly calls: CallFact[];
  /** What the body may exercise: capabilities used, functions called, unknown function values. */
  readonly effects: BodyEffects;
  readonly ceiling: Set<string>;
  readonly pythonModules: string[];
  readonly pythonGrants: PythonGrantFact[];
  /** `py_import` calls with a computed module name. */
  pythonDynamicImports: number;
  readonly foreignCalls: string[];
  readonly wrappers: WrapperFact[];
  readonly provable: boolean;
}

export function buildCapabilityModel(program: Program, typing: TypeCheckResult, filename: string): CapabilityModel {
  const symbolOf = new Map<FunDecl | FunSig, FunctionSymbol>();
  for (const fn of typing.symbols.allFunctions) symbolOf.set(fn.decl, fn);
  const userCaps = program.items.filter((i) => i.kind === "Capability").map((i) => i.name.name);
  const closure = new AuthorityClosure(typing);
  const flow = new AuthorityFlow(typing);

  const drafts: Draft[] = [];
  for (const item of program.items) {
    if (item.kind === "Fun") drafts.push(draft(item, null, null));
    else if (item.kind === "Impl") {
      const target = prune(typing.typeOfTypeExpr(item.target) ?? { kind: "Unknown" });
      const container = target.kind === "User" ? target.name : item.target.kind === "NamedType" ? item.target.name : null;
      for (const m of item.methods) drafts.push(draft(m, container, item.trait?.name ?? null));
    }
  }

  function draft(decl: FunDecl, container: string | null, implTrait: string | null): Draft {
    const sym = symbolOf.get(decl);
    const ceiling = new Set<string>();
    let provable = true;
    // A function value anywhere in the signature's types (a `Fun` parameter, a struct field or
    // sum payload holding one, a trait whose implementors hold one, a returned closure) may carry
    // authority the types do not name: nothing is provably excluded (the reference agrees).
    for (const p of sym?.params ?? []) {
      closure.of(p.type, ceiling);
      if (closure.reachesFun(p.type)) provable = false;
    }
    if (sym !== undefined) closure.of(sym.ret, ceiling);
    if (sym !== undefined && closure.reachesFun(sym.ret)) provable = false;
    if (implTrait !== null && typing.symbols.types.get(implTrait)?.kind === "capability") closure.ofName(implTrait, ceiling);
    const d: Draft = {
      decl, sym, container, implTrait, calls: [], effects: flow.effectsOfBlock(decl.body), ceiling,
      pythonModules: [], pythonGrants: [], pythonDynamicImports: 0, foreignCalls: [], wrappers: [], provable,
    };
    scanBody(d);
    return d;
  }

  function scanBody(d: Draft): void {
    const chains = new Map<string, ArgFlow["attenuations"]>();
    walkBlock(d.decl.body, {
      stmt: (s) => {
        if (s.kind === "Let" && s.pattern.kind === "NamePat") {
          const chain = attenuationChain(s.value, chains);
          const b = typing.bindingsOf(s.pattern)[0];
          if (chain !== null) chains.set(localKey(b?.span ?? s.pattern.span), chain);
        }
      },
      expr: (e) => {
        if (e.kind !== "Call" && e.kind !== "MethodCall") return;
        d.calls.push(callFact(e, chains));
        const target = typing.callTarget(e);
        if (target?.kind === "extern") d.foreignCalls.push(`${target.component}.${target.fn.name}`);
        else if (target?.kind === "capabilityMethod" && WRAPPER_METHOD_NAMES.has(target.method) && e.kind === "MethodCall") {
          d.wrappers.push({ capability: target.capability, wrapper: target.method, receiver: clip(exprText(e.receiver)), span: referencePos(e) });
        }
        else if (target?.kind === "builtinFunction" && target.name === "py_import") {
          const name = e.args[1]?.value;
          if (name?.kind === "String") {
            if (!d.pythonModules.includes(name.value)) d.pythonModules.push(name.value);
          } else if (name !== undefined) d.pythonDynamicImports++;
        } else if (target?.kind === "builtinFunction" && target.name === "py_grant" && e.kind === "Call") {
          const grant = pythonGrant(e, chains);
          if (grant !== null) d.pythonGrants.push(grant);
        }
      },
    });
  }

  function attenuationChain(e: Expr, chains: ReadonlyMap<string, ArgFlow["attenuations"]>): ArgFlow["attenuations"] | null {
    if (e.kind === "MethodCall" && ATTENUATORS.has(e.method.name) && typing.callTarget(e)?.kind === "capabilityMethod") {
      const inner = attenuationChain(e.receiver, chains) ?? [];
      return [...inner, { method: e.method.name, args: e.args.map((a) => clip(exprText(a.value))) }];
    }
    if (e.kind === "Name") {
      const b = typing.resolve(e);
      if (b?.kind === "local") return chains.get(localKey(b.span)) ?? null;
    }
    return null;
  }

  /** The granted capability of a well-typed `py_grant`, traced through attenuators. */
  function pythonGrant(e: CallExpr, chains: ReadonlyMap<string, ArgFlow["attenuations"]>): PythonGrantFact | null {
    const arg = e.args.find((a) => a.name?.name === "cap") ?? e.args.find((a, i) => i === 1 && a.name === null);
    if (arg === undefined) return null;
    const t = typing.typeOf(arg.value);
    const p = t === undefined ? undefined : prune(t);
    if (p?.kind !== "Cap") return null;
    return { capability: p.name, argument: clip(exprText(arg.value)), attenuations: attenuationChain(arg.value, chains) ?? [], span: e.span };
  }

  function callFact(e: CallExpr | MethodCallExpr, chains: ReadonlyMap<string, ArgFlow["attenuations"]>): CallFact {
    const target = typing.callTarget(e);
    const argsFlow = e.args.map((a): ArgFlow | null => {
      if (a.value.kind !== "Name") return null;
      const b = typing.resolve(a.value);
      if (b?.kind !== "local") return null;
      const chain = chains.get(localKey(b.span));
      return chain === undefined ? null : { name: a.value.name, attenuations: chain };
    });
    return {
      kind: e.kind === "Call" ? "fn" : "method",
      callee: e.kind === "Call" ? exprText(e.callee) : `${exprText(e.receiver)}.${e.method.name}`,
      span: referencePos(e),
      // The argument's value only: the reference does not print the name of a named argument.
      args: e.args.map((a) => clip(exprText(a.value))),
      argsFlow,
      target: e.kind === "Call" && target?.kind === "user" ? target.fn.qualifiedName : null,
    };
  }

  const keyOf = (d: Draft): string => d.sym?.qualifiedName ?? qualified(d);
  const reach = reachableAuthority(
    drafts.map((d) => ({ key: keyOf(d), ceiling: d.ceiling, effects: d.effects })),
    flow.functionValuePool(program),
    drafts.flatMap((d) => d.pythonGrants.map((g) => g.capability)),
  );

  const universe = [...BUILTIN_CAPABILITIES, ...userCaps];
  const isLinearStruct = (t: Type): boolean => isLinearStructType(t, typing);
  const functions: FunctionFacts[] = drafts.map((d) => {
    const reachable = [...reach.get(keyOf(d))!].sort(byString);
    const provable = d.provable && !reachable.includes("Unsafe");
    const params = d.decl.params.map((p) => paramFact(p, d.sym, typing));
    const declared: string[] = [];
    for (const p of d.sym?.params ?? []) {
      if (!p.isSelf && typing.isCapabilityType(p.type)) {
        const name = capabilityName(p.type);
        if (!declared.includes(name)) declared.push(name);
      }
    }
    if (d.implTrait !== null && typing.symbols.types.get(d.implTrait)?.kind === "capability" && !declared.includes(d.implTrait)) declared.push(d.implTrait);
    const attributes = validAttributes(d.decl.attributes);
    const renamed = d.container === null ? renamedPrivate(d.decl.name.name) : null;
    return {
      ...(renamed === null ? {} : { sourceName: renamed.name, sourceModuleIndex: renamed.module }),
      qualifiedName: keyOf(d),
      name: d.decl.name.name,
      container: d.container,
      span: d.decl.attributes[0]?.span ?? funPosition(d.decl),
      isPub: d.decl.isPub,
      doc: d.decl.doc,
      params,
      returnType: d.decl.returnType === null ? "()" : typeExprText(d.decl.returnType),
      declaredCapabilities: declared,
      usedCapabilities: [...d.effects.used].sort(byString),
      transitivelyReachableCapabilities: reachable,
      provablyExcludedCapabilities: provable ? universe.filter((c) => !reachable.includes(c)).sort(byString) : [],
      authorityProvableFromTypes: provable,
      // As the reference: obligations are about `linear type` values (a consumed capability or a
      // typestate transition is not listed).
      linearObligations: {
        consumes: (d.sym?.params ?? []).filter((p) => !p.isSelf && p.mode === "consume" && isLinearStruct(p.type)).map((p) => p.name),
        producesLinear: d.sym !== undefined && isLinearStruct(d.sym.ret),
      },
      hasUnsafe: reachable.includes("Unsafe"),
      pythonModules: d.pythonModules,
      pythonGrants: [...new Set(d.pythonGrants.map((g) => g.capability))].sort(byString),
      pythonGrantSites: d.pythonGrants,
      pythonDynamicImports: d.pythonDynamicImports,
      constantTime: attributes.some((a) => a.name === "constant_time"),
      strictIfc: attributes.some((a) => a.name === "strict_ifc"),
      attributes,
      calls: d.calls,
      declassifications: [],
      unauditedSecretSinks: [],
      foreignComponentCalls: d.foreignCalls,
      capabilityWrappers: d.wrappers,
    };
  });

  return {
    filename,
    userCapabilities: userCapabilityFacts(program),
    typestates: program.items.flatMap((i): TypestateFacts[] => (i.kind === "Typestate" ? [{ name: i.name.name, states: i.states.map((s) => s.name) }] : [])),
    foreignComponents: foreignComponentFacts(program, typing, symbolOf),
    functions,
    moduleDeclassifications: [],
  };
}

function qualified(d: Draft): string {
  return d.container === null ? d.decl.name.name : `${d.container}::${d.decl.name.name}`;
}

function capabilityName(t: Type): string {
  const p = prune(t);
  return p.kind === "Cap" || p.kind === "User" ? p.name : typeToSurfaceString(p);
}

/** First occurrence of each catalogued attribute; the rules pass reports the rest. */
function validAttributes(attrs: readonly Attribute[]): AttributeFact[] {
  const out: AttributeFact[] = [];
  for (const a of attrs) {
    const allowed = ATTRIBUTE_CATALOGUE[a.name];
    if (allowed === undefined || out.some((o) => o.name === a.name)) continue;
    const args: { key: string; value: string }[] = [];
    for (const arg of a.args) if (allowed.includes(arg.key) && !args.some((x) => x.key === arg.key)) args.push({ key: arg.key, value: arg.value });
    out.push({ name: a.name, args, span: a.span });
  }
  return out;
}

function isLinearStructType(t: Type, typing: TypeCheckResult): boolean {
  const p = prune(t);
  const sym = p.kind === "User" ? typing.symbols.types.get(p.name) : undefined;
  return sym?.kind === "struct" && sym.isLinear;
}

function paramFact(p: Param, sym: FunctionSymbol | undefined, typing: TypeCheckResult): ParamFact {
  const t = sym?.params.find((s) => s.node === p)?.type ?? (p.type ? typing.typeOfTypeExpr(p.type) : undefined);
  return {
    name: p.isSelf ? "self" : p.name,
    type: p.isSelf ? "Self" : p.type !== null ? typeExprText(p.type) : t === undefined ? "?" : typeToSurfaceString(t),
    consuming: p.mode === "consume",
    borrowing: p.mode === "borrow",
    isCapability: !p.isSelf && t !== undefined && typing.isCapabilityType(t),
    // As the reference: `linear type` structs only (a typestate's obligations are its protocol's).
    isLinear: !p.isSelf && t !== undefined && isLinearStructType(t, typing),
  };
}

function userCapabilityFacts(program: Program): UserCapabilityFacts[] {
  const out: UserCapabilityFacts[] = [];
  for (const item of program.items) {
    if (item.kind !== "Capability") continue;
    const implementors = new Set<string>();
    for (const other of program.items) {
      if (other.kind === "Impl" && other.trait?.name === item.name.name && other.target.kind === "NamedType") implementors.add(other.target.name);
    }
    out.push({ name: item.name.name, methods: item.methods.map((m) => m.name.name), implementors: [...implementors].sort(byString), doc: item.doc, span: item.span });
  }
  return out;
}

function foreignComponentFacts(program: Program, typing: TypeCheckResult, symbolOf: ReadonlyMap<FunDecl | FunSig, FunctionSymbol>): ForeignComponentFacts[] {
  const out: ForeignComponentFacts[] = [];
  for (const item of program.items) {
    if (item.kind !== "Extern") continue;
    out.push({
      name: item.name.name,
      artifact: item.source,
      methods: item.methods.map((m) => {
        const sym = symbolOf.get(m);
        return {
          name: m.name.name,
          params: m.params.map((p) => paramFact(p, sym, typing)),
          returnType: m.returnType === null ? "()" : typeExprText(m.returnType),
        };
      }),
    });
  }
  return out;
}

/**
 * The authority a type can carry: a built-in names itself; a user capability itself plus what its
 * implementors hold; a struct what its fields hold plus the capabilities it implements.
 */
class AuthorityClosure {
  constructor(private readonly typing: TypeCheckResult) {}

  of(t: Type, into: Set<string>, seen: Set<string> = new Set()): void {
    const p = prune(t);
    switch (p.kind) {
      case "Cap":
        into.add(p.name);
        return;
      case "App":
        for (const a of p.args) this.of(a, into, seen);
        return;
      case "Tuple":
        for (const a of p.elements) this.of(a, into, seen);
        return;
      case "User":
        for (const a of p.args) this.of(a, into, seen);
        this.ofName(p.name, into, seen);
        return;
      default:
        return;
    }
  }

  ofName(name: string, into: Set<string>, seen: Set<string> = new Set()): void {
    if (isBuiltinCapability(name)) {
      into.add(name);
      return;
    }
    if (seen.has(name)) return;
    seen.add(name);
    const sym = this.typing.symbols.types.get(name);
    if (sym === undefined) return;
    if (sym.kind === "capability" || sym.kind === "trait") {
      // A trait value may be any implementor (the reference's closed-world bound).
      if (sym.kind === "capability") into.add(name);
      for (const [type, traits] of this.typing.symbols.implementsByType) if (traits.has(name)) this.ofName(type, into, seen);
      return;
    }
    if (sym.kind === "sum") {
      for (const v of sym.variants) for (const t of v.payload) this.of(t, into, seen);
      return;
    }
    if (sym.kind === "struct" || sym.kind === "typestate") {
      for (const ft of sym.fields.values()) this.of(ft, into, seen);
      for (const trait of this.typing.symbols.implementsByType.get(name) ?? []) {
        if (this.typing.symbols.types.get(trait)?.kind === "capability") this.ofName(trait, into, seen);
      }
    }
  }

  /** True when a value of type `t` can hold a function value: a `Fun` in the type itself, in a
   * struct field or sum payload it reaches, or in an implementor of a trait it names. */
  reachesFun(t: Type, seen: Set<string> = new Set()): boolean {
    const p = prune(t);
    switch (p.kind) {
      case "Fun":
        return true;
      case "App":
        return p.args.some((a) => this.reachesFun(a, seen));
      case "Tuple":
        return p.elements.some((a) => this.reachesFun(a, seen));
      case "User":
        return p.args.some((a) => this.reachesFun(a, seen)) || this.nameReachesFun(p.name, seen);
      default:
        return false;
    }
  }

  private nameReachesFun(name: string, seen: Set<string>): boolean {
    if (seen.has(name)) return false;
    seen.add(name);
    const sym = this.typing.symbols.types.get(name);
    if (sym === undefined) return false;
    if (sym.kind === "capability" || sym.kind === "trait") {
      for (const [type, traits] of this.typing.symbols.implementsByType) if (traits.has(name) && this.nameReachesFun(type, seen)) return true;
      return false;
    }
    if (sym.kind === "sum") return sym.variants.some((v) => v.payload.some((t) => this.reachesFun(t, seen)));
    if (sym.kind === "struct" || sym.kind === "typestate") return [...sym.fields.values()].some((t) => this.reachesFun(t, seen));
    return false;
  }
}
