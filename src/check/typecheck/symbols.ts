// Symbol-table records for the declarations of one program (functions, types, impls, consts).
// Invariant: plain data built once by the declaration pass; later passes only read it.

import type {
  CapabilityDecl,
  ConstDecl,
  ExternDecl,
  FunDecl,
  FunSig,
  ImplDecl,
  Param,
  ParamMode,
  Span,
  StructDecl,
  SumDecl,
  TraitDecl,
  TypestateDecl,
} from "../../syntax/ast.js";
import type { Type } from "../types.js";

export interface ParamSymbol {
  readonly name: string;
  readonly type: Type;
  readonly mode: ParamMode;
  readonly isSelf: boolean;
  /** Null for the implicit parameters of built-in signatures. */
  readonly node: Param | null;
}

/** A callable declared in the program: top-level `fun`, impl method, trait/capability/extern signature. */
export interface FunctionSymbol {
  /** `f` for top-level functions, `Container::m` for methods, `Trait::m` for signatures. */
  readonly qualifiedName: string;
  readonly name: string;
  readonly origin: "function" | "implMethod" | "traitMethod" | "capabilityMethod" | "externMethod";
  readonly decl: FunDecl | FunSig;
  /** Impl target / trait / capability / extern component name; null for top-level functions. */
  readonly container: string | null;
  /** Typestate state the method is available in (`impl Door[Open]`), else null. */
  readonly state: string | null;
  /** Trait or capability implemented by the enclosing impl, else null. */
  readonly implOf: string | null;
  readonly generics: readonly string[];
  /** Includes `self` as the first entry for methods that take it. */
  readonly params: readonly ParamSymbol[];
  readonly ret: Type;
  readonly span: Span;
}

export interface StructSymbol {
  readonly kind: "struct";
  readonly name: string;
  readonly decl: StructDecl;
  readonly generics: readonly string[];
  readonly fields: ReadonlyMap<string, Type>;
  readonly isLinear: boolean;
}

export interface VariantSymbol {
  readonly name: string;
  /** Owning sum type name. */
  readonly owner: string;
  readonly index: number;
  readonly payload: readonly Type[];
  readonly span: Span;
}

export interface SumSymbol {
  readonly kind: "sum";
  readonly name: string;
  readonly decl: SumDecl;
  readonly generics: readonly string[];
  readonly variants: readonly VariantSymbol[];
}

export interface TraitSymbol {
  readonly kind: "trait" | "capability";
  readonly name: string;
  readonly decl: TraitDecl | CapabilityDecl;
  readonly generics: readonly string[];
  readonly methods: ReadonlyMap<string, FunctionSymbol>;
}

export interface TypestateSymbol {
  readonly kind: "typestate";
  readonly name: string;
  readonly decl: TypestateDecl;
  readonly fields: ReadonlyMap<string, Type>;
  readonly states: readonly string[];
}

export type TypeSymbol = StructSymbol | SumSymbol | TraitSymbol | TypestateSymbol;

export interface ImplSymbol {
  readonly decl: ImplDecl;
  /** Target type name (no state index). */
  readonly target: string;
  readonly state: string | null;
  /** Implemented trait or capability name, else null for an inherent impl. */
  readonly trait: string | null;
  readonly methods: readonly FunctionSymbol[];
}

export interface ConstSymbol {
  readonly name: string;
  readonly decl: ConstDecl;
  readonly type: Type;
}

export interface ExternSymbol {
  readonly name: string;
  readonly decl: ExternDecl;
  readonly methods: ReadonlyMap<string, FunctionSymbol>;
}

export interface SymbolTable {
  /** Top-level functions by name. */
  readonly functions: ReadonlyMap<string, FunctionSymbol>;
  readonly types: ReadonlyMap<string, TypeSymbol>;
  /** Every user variant by name (variant names are global). */
  readonly variants: ReadonlyMap<string, VariantSymbol>;
  readonly impls: readonly ImplSymbol[];
  readonly consts: ReadonlyMap<string, ConstSymbol>;
  readonly externs: ReadonlyMap<string, ExternSymbol>;
  /** Methods by target type name then method name (all states of a typestate merged). */
  readonly methodsByType: ReadonlyMap<string, ReadonlyMap<string, FunctionSymbol>>;
  /** Trait/capability names each type implements: type name → set of trait names. */
  readonly implementsByType: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every impl method and top-level function in source order. */
  readonly allFunctions: readonly FunctionSymbol[];
}
