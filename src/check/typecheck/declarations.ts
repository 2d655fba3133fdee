// Declaration pass: collects every top-level name into the symbol table and resolves written
// types (annotations, fields, signatures) into semantic types.
// Invariant: reads declarations only, never function bodies; reports name/type-level errors once.

import { MODULE_MESSAGES } from "../modules/messages.js";
import type { DiagnosticBag, Span } from "../../diagnostics/diagnostic.js";
import type { FunDecl, FunSig, Item, Param, Program, TypeExpr } from "../../syntax/ast.js";
import { BUILTIN_CAPABILITIES, isBuiltinCapability } from "../model.js";
import { M, RESERVED_VARIANTS } from "../messages.js";
import {
  app,
  BOOL,
  BUILTIN_GENERICS,
  capType,
  CHAR,
  FLOAT,
  fun,
  INT,
  IO_ERROR,
  REVOKER,
  AUDIT_LOG,
  JSON_VALUE,
  paramType,
  STRING,
  tuple,
  UNIT,
  UNKNOWN,
  typeToString,
  userType,
  withLabel,
  type Type,
} from "../types.js";
import { didYouMean } from "./suggest.js";
import type {
  ConstSymbol,
  ExternSymbol,
  FunctionSymbol,
  ImplSymbol,
  ParamSymbol,
  SymbolTable,
  TypeSymbol,
  VariantSymbol,
} from "./symbols.js";

/** What a type annotation may refer to besides declared types. */
export interface TypeScope {
  /** Generic parameters in scope, by name. */
  readonly generics: ReadonlyMap<string, Type>;
  /** The `Self` type inside an impl or trait, else null. */
  readonly self: Type | null;
}

export const EMPTY_TYPE_SCOPE: TypeScope = { generics: new Map(), self: null };

const PRIMITIVE_TYPES: Readonly<Record<string, Type>> = {
  Int: INT, Float: FLOAT, String: STRING, Bool: BOOL, Char: CHAR, Unit: UNIT, IoError: IO_ERROR, JsonValue: JSON_VALUE,
  Revoker: REVOKER, AuditLog: AUDIT_LOG,
};

/** Built-in variants of JsonValue, available as constructors and patterns. */
export const JSON_VARIANTS: ReadonlyMap<string, readonly Type[]> = new Map<string, readonly Type[]>([
  ["JNull", []], ["JBool", [BOOL]], ["JNum", [FLOAT]], ["JStr", [STRING]],
  ["JArr", [app("List", [JSON_VALUE])]], ["JObj", [app("Map", [STRING, JSON_VALUE])]],
]);

export class Declarations {
  readonly functions = new Map<string, FunctionSymbol>();
  readonly types = new Map<string, TypeSymbol>();
  readonly variants = new Map<string, VariantSymbol>();
  readonly impls: ImplSymbol[] = [];
  readonly consts = new Map<string, ConstSymbol>();
  readonly externs = new Map<string, ExternSymbol>();
  readonly methodsByType = new Map<string, Map<string, FunctionSymbol>>();
  readonly implementsByType = new Map<string, Set<string>>();
  readonly allFunctions: FunctionSymbol[] = [];
  /** Import aliases / module names usable as qualifiers. */
  readonly modules = new Map<string, readonly string[]>();
  /** Every resolved annotation, for `typeOfTypeExpr`. */
  readonly typeExprTypes = new Map<TypeExpr, Type>();
  /** Top-level names and where they were first declared, for conflicts and `is not a type`. */
  private readonly topLevel = new Map<string, { kind: string; span: Span }>();

  constructor(private readonly program: Program, private readonly bag: DiagnosticBag) {}

  table(): SymbolTable {
    return {
      functions: this.functions,
      types: this.types,
      variants: this.variants,
      impls: this.impls,
      consts: this.consts,
      externs: this.externs,
      methodsByType: this.methodsByType,
      implementsByType: this.implementsByType,
      allFunctions: this.allFunctions,
    };
  }

  /** Runs both phases: names first (so types may refer to each other), then signatures. */
  collect(): void {
    for (const item of this.program.items) this.declareName(item);
    for (const item of this.program.items) this.registerType(item);
    for (const item of this.program.items) this.declareShapes(item);
    for (const item of this.program.items) this.declareSignatures(item);
  }

  private declareName(item: Item): void {
    const declare = (name: string, kind: string, span: Span): boolean => {
      const prior = this.topLevel.get(name);
      if (prior !== undefined) {
        this.bag.report(M.nameConflict, { ...span, col: 1 }, [name, prior.span.file, prior.span.line, span.line, span.file]);
        return false;
      }
      this.topLevel.set(name, { kind, span });
      return true;
    };
    switch (item.kind) {
      case "Import": {
        const name = item.alias ?? item.path[item.path.length - 1]!;
        this.modules.set(name, item.path);
        return;
      }
      case "Fun": declare(item.name.name, "function", item.name.span); return;
      case "Struct": declare(item.name.name, "struct", item.name.span); return;
      case "Sum": declare(item.name.name, "sum type", item.name.span); return;
      case "Typestate": declare(item.name.name, "typestate", item.name.span); return;
      case "Trait": declare(item.name.name, "trait", item.name.span); return;
      case "Capability": declare(item.name.name, "capability", item.name.span); return;
      case "Const": declare(item.name.name, "constant", item.name.span); return;
      case "Extern": declare(item.name.name, "foreign component", item.name.span); return;
      case "Impl": return;
    }
  }

  /** Registers every type symbol with empty shapes, so declarations may refer to each other. */
  private registerType(item: Item): void {
    if (!("name" in item) || item.kind === "Fun" || item.kind === "Const" || item.kind === "Extern") return;
    if (this.types.has(item.name.name)) return;
    switch (item.kind) {
      case "Struct":
        this.types.set(item.name.name, { kind: "struct", name: item.name.name, decl: item, generics: item.generics.map((g) => g.name), fields: new Map(), isLinear: item.isLinear });
        return;
      case "Sum":
        this.types.set(item.name.name, { kind: "sum", name: item.name.name, decl: item, generics: item.generics.map((g) => g.name), variants: [] });
        return;
      case "Typestate":
        item.states.forEach((st, i) => {
          // Positioned just after the repeated name, where the reference's parser notices it.
          const at = { ...st.span, line: st.span.endLine, col: st.span.endCol, endCol: st.span.endCol + 1 };
          if (item.states.findIndex((o) => o.name === st.name) < i) this.bag.report(M.duplicateState, at, [st.name, item.name.name]);
        });
        this.types.set(item.name.name, { kind: "typestate", name: item.name.name, decl: item, fields: new Map(), states: item.states.map((st) => st.name) });
        return;
      case "Trait":
      case "Capability":
        this.types.set(item.name.name, { kind: item.kind === "Trait" ? "trait" : "capability", name: item.name.name, decl: item, generics: item.generics.map((g) => g.name), methods: new Map() });
        return;
    }
  }

  /** Types' fields, variants and trait method signatures (the symbol registered for this item). */
  private declareShapes(item: Item): void {
    if (item.kind !== "Struct" && item.kind !== "Sum" && item.kind !== "Typestate" && item.kind !== "Trait" && item.kind !== "Capability") return;
    const sym = this.types.get(item.name.name);
    if (sym === undefined || sym.decl !== item) return;
    switch (sym.kind) {
      case "struct": {
        const scope = genericScope(sym.generics, sym.name);
        const fields = sym.fields as Map<string, Type>;
        for (const f of sym.decl.fields) fields.set(f.name.name, this.resolveType(f.type, scope));
        return;
      }
      case "sum": {
        const scope = genericScope(sym.generics, sym.name);
        const variants = sym.variants as VariantSymbol[];
        sym.decl.variants.forEach((v, index) => {
          const builtin = RESERVED_VARIANTS[v.name.name];
          if (builtin !== undefined) this.bag.report(M.reservedVariant, v.name.span, [v.name.name, builtin]);
          const variant: VariantSymbol = { name: v.name.name, owner: sym.name, index, payload: v.payload.map((t) => this.resolveType(t, scope)), span: v.name.span };
          variants.push(variant);
          if (builtin === undefined && !this.variants.has(v.name.name)) this.variants.set(v.name.name, variant);
        });
        return;
      }
      case "typestate": {
        const fields = sym.fields as Map<string, Type>;
        for (const f of sym.decl.fields) fields.set(f.name.name, this.resolveType(f.type, EMPTY_TYPE_SCOPE));
        return;
      }
      case "trait":
      case "capability": {
        const selfT = paramType("Self", sym.name);
        const methods = sym.methods as Map<string, FunctionSymbol>;
        for (const m of sym.decl.methods) {
          methods.set(m.name.name, this.functionSymbol(m, {
            qualifiedName: `${sym.name}::${m.name.name}`,
            origin: sym.kind === "trait" ? "traitMethod" : "capabilityMethod",
            container: sym.name, state: null, implOf: null,
            outerGenerics: sym.generics, owner: sym.name, self: selfT,
          }));
        }
        return;
      }
    }
  }

  private declareSignatures(item: Item): void {
    switch (item.kind) {
      case "Fun": {
        if (this.functions.has(item.name.name)) return;
        const fn = this.functionSymbol(item, { qualifiedName: item.name.name, origin: "function", container: null, state: null, implOf: null, outerGenerics: [], owner: item.name.name, self: null });
        this.functions.set(fn.name, fn);
        this.allFunctions.push(fn);
        return;
      }
      case "Const": {
        if (this.consts.has(item.name.name)) return;
        this.consts.set(item.name.name, { name: item.name.name, decl: item, type: this.resolveType(item.type, EMPTY_TYPE_SCOPE) });
        return;
      }
      case "Extern": {
        const methods = new Map<string, FunctionSymbol>();
        for (const m of item.methods) {
          methods.set(m.name.name, this.functionSymbol(m, { qualifiedName: `${item.name.name}::${m.name.name}`, origin: "externMethod", container: item.name.name, state: null, implOf: null, outerGenerics: [], owner: item.name.name, self: null }));
        }
        this.externs.set(item.name.name, { name: item.name.name, decl: item, methods });
        return;
      }
      case "Impl":
        this.declareImpl(item);
        return;
      default:
        return;
    }
  }

  private declareImpl(item: Extract<Item, { kind: "Impl" }>): void {
    const target = item.target;
    const targetName = target.kind === "NamedType" ? target.name : null;
    const state = target.kind === "NamedType" ? target.state : null;
    const sym = targetName !== null ? this.types.get(targetName) : undefined;
    let ok = true;
    // The reference accepts inherent impls on primitive types (`impl Int`).
    const primitiveTarget = targetName !== null && sym === undefined && item.trait === null && PRIMITIVE_TYPES[targetName] !== undefined;
    if (!primitiveTarget && (targetName === null || sym === undefined)) {
      this.bag.report(M.implTargetUnknown, { ...item.span, col: item.span.col }, [targetName ?? "?"]);
      ok = false;
    }
    let traitName: string | null = null;
    if (item.trait !== null) {
      traitName = item.trait.name;
      if (isBuiltinCapability(traitName)) {
        this.bag.report(M.implBuiltinCapability, item.span, [traitName]);
      } else {
        const t = this.types.get(traitName);
        if (t === undefined || (t.kind !== "trait" && t.kind !== "capability")) {
          this.bag.report(M.traitUndefined, item.span, [traitName]);
          traitName = null;
        }
      }
    }
    if (state !== null && sym !== undefined) {
      if (sym.kind !== "typestate") this.bag.report(M.implStateOnNonTypestate, item.span, [sym.name, state]);
      else if (!sym.states.includes(state)) this.bag.report(M.noSuchState, item.span, [sym.name, state, sym.states.join(", ")]);
    }
    const name = targetName ?? "?";
    const generics = sym !== undefined && (sym.kind === "struct" || sym.kind === "sum") ? sym.generics : [];
    const selfT: Type = sym === undefined ? (primitiveTarget ? PRIMITIVE_TYPES[targetName!]! : UNKNOWN) : this.selfTypeOf(sym, state, generics);
    this.typeExprTypes.set(target, selfT);
    const methods: FunctionSymbol[] = [];
    const byName = this.methodsByType.get(name) ?? new Map<string, FunctionSymbol>();
    for (const m of item.methods) {
      const fn = this.functionSymbol(m, {
        qualifiedName: `${name}::${m.name.name}`, origin: "implMethod", container: name, state, implOf: traitName,
        outerGenerics: generics, owner: name, self: selfT,
      });
      methods.push(fn);
      this.allFunctions.push(fn);
      const prior = byName.get(m.name.name);
      if (prior !== undefined) {
        if (prior.state !== state) {
          this.bag.report(M.typestateMethodDuplicate, m.span, [m.name.name, name, prior.state !== null ? `for state '${prior.state}'` : "stateless"]);
        } else {
          this.bag.report(M.duplicateMethod, m.span, [m.name.name, name]);
        }
      } else {
        byName.set(m.name.name, fn);
      }
    }
    if (ok) this.methodsByType.set(name, byName);
    if (traitName !== null && ok) {
      const set = this.implementsByType.get(name) ?? new Set<string>();
      set.add(traitName);
      this.implementsByType.set(name, set);
    }
    this.impls.push({ decl: item, target: name, state, trait: traitName, methods });
  }

  private selfTypeOf(sym: TypeSymbol, state: string | null, generics: readonly string[]): Type {
    const args = generics.map((g) => paramType(g, sym.name));
    switch (sym.kind) {
      case "struct": return userType("struct", sym.name, args);
      case "sum": return userType("sum", sym.name, args);
      case "typestate": return userType("typestate", sym.name, [], state);
      case "trait": return userType("trait", sym.name);
      case "capability": return userType("capability", sym.name);
    }
  }

  private functionSymbol(
    decl: FunDecl | FunSig,
    o: { qualifiedName: string; origin: FunctionSymbol["origin"]; container: string | null; state: string | null; implOf: string | null; outerGenerics: readonly string[]; owner: string; self: Type | null },
  ): FunctionSymbol {
    const ownGenerics = decl.generics.map((g) => g.name);
    const genericMap = new Map<string, Type>();
    for (const g of o.outerGenerics) genericMap.set(g, paramType(g, o.owner));
    for (const g of ownGenerics) genericMap.set(g, paramType(g, o.qualifiedName));
    const scope: TypeScope = { generics: genericMap, self: o.self };
    const seen = new Set<string>();
    const params: ParamSymbol[] = decl.params.map((p: Param) => {
      if (seen.has(p.name)) this.bag.report(M.duplicateParam, p.span, [p.name]);
      seen.add(p.name);
      if (p.isSelf) {
        if (o.self === null) this.bag.report(M.selfParamOutsideImpl, p.span, []);
        return { name: "self", type: o.self ?? UNKNOWN, mode: p.mode, isSelf: true, node: p };
      }
      return { name: p.name, type: p.type ? this.resolveType(p.type, scope) : UNKNOWN, mode: p.mode, isSelf: false, node: p };
    });
    const ret = decl.returnType ? this.resolveType(decl.returnType, scope) : UNIT;
    return {
      qualifiedName: o.qualifiedName, name: decl.name.name, origin: o.origin, decl, container: o.container, state: o.state,
      implOf: o.implOf, generics: ownGenerics, params, ret, span: decl.name.span,
    };
  }

  /** Generic-parameter scope for a function's body (outer impl generics plus its own). */
  bodyScope(fn: FunctionSymbol, selfType: Type | null, outerGenerics: readonly string[], owner: string): TypeScope {
    const generics = new Map<string, Type>();
    for (const g of outerGenerics) generics.set(g, paramType(g, owner));
    for (const g of fn.generics) generics.set(g, paramType(g, fn.qualifiedName));
    return { generics, self: selfType };
  }

  /** Resolves a written type, reporting unknown names, misuse of `Self`, bad state indexes. */
  resolveType(te: TypeExpr, scope: TypeScope): Type {
    const t = this.resolveTypeInner(te, scope);
    const labelled = withLabel(t, te.label);
    this.typeExprTypes.set(te, labelled);
    return labelled;
  }

  private resolveTypeInner(te: TypeExpr, scope: TypeScope): Type {
    switch (te.kind) {
      case "SelfType":
        if (scope.self === null) {
          this.bag.report(M.selfOutsideImplType, te.span, []);
          return UNKNOWN;
        }
        return scope.self;
      case "TupleType":
        return tuple(te.elements.map((e) => this.resolveType(e, scope)));
      case "FunType":
        return fun(te.params.map((p) => this.resolveType(p, scope)), this.resolveType(te.ret, scope));
      case "NamedType":
        return this.resolveNamed(te, scope);
    }
  }

  private resolveNamed(te: Extract<TypeExpr, { kind: "NamedType" }>, scope: TypeScope): Type {
    const args = te.args.map((a) => this.resolveType(a, scope));
    const name = te.name;
    if (te.qualifier.length > 0) return UNKNOWN;
    const generic = scope.generics.get(name);
    if (generic !== undefined) {
      if (args.length > 0) this.bag.report(M.typeParamWithArgs, te.span, [name]);
      return generic;
    }
    if (te.state !== null) {
      const sym = this.types.get(name);
      if (sym === undefined || sym.kind !== "typestate") {
        if (sym !== undefined || PRIMITIVE_TYPES[name] !== undefined) {
          this.bag.report(M.notTypestateIndex, te.span, [name, te.state]);
          return sym !== undefined ? this.userTypeFor(sym, args, null) : PRIMITIVE_TYPES[name]!;
        }
      } else {
        if (!sym.states.includes(te.state)) {
          this.bag.report(M.noSuchState, te.span, [name, te.state, sym.states.join(", ")]);
          return userType("typestate", name, [], te.state);
        }
        return userType("typestate", name, [], te.state);
      }
    }
    const prim = PRIMITIVE_TYPES[name];
    // a program's own `type Int { ... }` shadows the primitive in annotations (literals stay
    // primitive), as in the reference; built-in generics and capabilities cannot be shadowed
    if (prim !== undefined && !this.types.has(name)) return prim;
    if (name in BUILTIN_GENERICS) {
      if (name === "Map" && args.length >= 1) this.checkMapKey(args[0]!, te.args[0]!.span);
      return app(name as "List", args);
    }
    if (isBuiltinCapability(name)) return capType(name);
    const sym = this.types.get(name);
    if (sym !== undefined && isPrivateElsewhere(sym, te.span)) {
      this.bag.report(MODULE_MESSAGES.privateItem, te.span, ["type", name, moduleName(declOf(sym)!.span.file)]);
      return UNKNOWN;
    }
    if (sym !== undefined) {
      if (sym.kind === "typestate") {
        this.bag.report(M.typestateNeedsState, te.span, [name, sym.states[0] ?? "State"]);
        return userType("typestate", name, [], null);
      }
      return this.userTypeFor(sym, args, null);
    }
    const other = this.topLevel.get(name);
    if (other !== undefined) {
      this.bag.report(M.notAType, te.span, [name, other.kind]);
      return UNKNOWN;
    }
    const candidates = [...Object.keys(PRIMITIVE_TYPES), ...Object.keys(BUILTIN_GENERICS), ...BUILTIN_CAPABILITIES, ...this.types.keys(), ...scope.generics.keys()];
    this.bag.report(M.undefinedType, te.span, [name, didYouMean(name, candidates)]);
    return UNKNOWN;
  }

  private userTypeFor(sym: TypeSymbol, args: readonly Type[], state: string | null): Type {
    switch (sym.kind) {
      case "struct": return userType("struct", sym.name, args);
      case "sum": return userType("sum", sym.name, args);
      case "typestate": return userType("typestate", sym.name, [], state);
      case "trait": return userType("trait", sym.name, args);
      case "capability": return userType("capability", sym.name, args);
    }
  }

  private checkMapKey(key: Type, span: Span): void {
    if (key.kind === "Prim" && key.name === "Float") this.bag.report(M.mapKeyFloat, span, []);
    else if (key.kind === "Fun") this.bag.report(M.mapKeyFun, span, []);
    else if (key.kind === "App" && (key.name === "List" || key.name === "Map" || key.name === "Set")) this.bag.report(M.mapKeyCollection, span, []);
    else if (key.kind === "Prim" && (key.name === "Char" || key.name === "Unit")) this.bag.report(M.mapKeyUnsupported, span, [typeToString(key)]);
  }

  /** Kind word for a top-level name that is not a type (`function`, `constant`, ...), if any. */
  topLevelKind(name: string): string | undefined {
    return this.topLevel.get(name)?.kind;
  }
}

function genericScope(generics: readonly string[], owner: string): TypeScope {
  return { generics: new Map(generics.map((g) => [g, paramType(g, owner)])), self: null };
}

/** The declaration behind a type symbol, when it has one with a visibility. */
export function declOf(sym: unknown): { readonly isPub: boolean; readonly span: Span } | undefined {
  const decl = (sym as { decl?: { isPub?: unknown; span?: Span } }).decl;
  return decl !== undefined && typeof decl.isPub === "boolean" && decl.span !== undefined ? (decl as { isPub: boolean; span: Span }) : undefined;
}

/** A type declared without `pub` in another module (imports merge modules into one program). */
export function isPrivateElsewhere(sym: unknown, use: Span): boolean {
  const decl = declOf(sym);
  return decl !== undefined && !decl.isPub && decl.span.file !== use.file;
}

/** `util/text.capa` → `text`, the name the reference gives a module in messages. */
export function moduleName(file: string): string {
  return file.replace(/^.*[\\/]/, "").replace(/\.capa$/, "");
}
