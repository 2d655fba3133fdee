// Semantic types of Capa as the checker sees them, plus their display text and comparison.
// Invariant: type values are immutable except inference holes, which are written once when fixed;
// nothing here reports diagnostics or reads the AST.

import type { FlowLabel } from "../syntax/ast.js";
import { isBuiltinCapability, type BuiltinCapability } from "./model.js";

export type PrimName = "Int" | "Float" | "String" | "Bool" | "Char" | "Unit";

/** Built-in generic containers and wrappers, with their arity. */
export const BUILTIN_GENERICS = { List: 1, Map: 2, Set: 1, Option: 1, Result: 2, Range: 1 } as const;
export type BuiltinGenericName = keyof typeof BUILTIN_GENERICS;

/** Built-in nominal types without type arguments that are not capabilities. */
/** `Revoker` and `AuditLog` belong to the run-time capability wrappers; they hold no authority. */
export type BuiltinNominalName = "IoError" | "JsonValue" | "Revoker" | "AuditLog";

/** What kind of user declaration a named type refers to. */
export type UserTypeKind = "struct" | "sum" | "trait" | "capability" | "typestate";

interface Labelled {
  /** IFC label written in the type (`@secret T`); null when unlabelled. Ignored by type equality. */
  readonly label?: FlowLabel;
}

export interface PrimType extends Labelled {
  readonly kind: "Prim";
  readonly name: PrimName;
}

/** `List<T>`, `Map<K, V>`, `Set<T>`, `Option<T>`, `Result<T, E>`, `Range<T>`. */
export interface AppType extends Labelled {
  readonly kind: "App";
  readonly name: BuiltinGenericName;
  readonly args: readonly Type[];
}

/** `IoError`, `JsonValue`. */
export interface BuiltinNominalType extends Labelled {
  readonly kind: "BuiltinNominal";
  readonly name: BuiltinNominalName;
}

/** One of the ten host-granted capabilities (`Stdio`, `Net`, ...). */
export interface CapType extends Labelled {
  readonly kind: "Cap";
  readonly name: BuiltinCapability;
}

export interface TupleType extends Labelled {
  readonly kind: "Tuple";
  /** Never empty: `()` is Prim Unit. */
  readonly elements: readonly Type[];
}

export interface FunType extends Labelled {
  readonly kind: "Fun";
  readonly params: readonly Type[];
  readonly ret: Type;
}

/** A user-declared struct, sum, trait, capability or typestate, with its arguments and state. */
export interface UserType extends Labelled {
  readonly kind: "User";
  readonly declKind: UserTypeKind;
  readonly name: string;
  readonly args: readonly Type[];
  /** Typestate index (`Door[Open]`); null for other kinds or when unindexed. */
  readonly state: string | null;
}

/** A generic parameter (`T` in `fun f<T>`), rigid inside its declaration; `Self` in traits too. */
export interface ParamType extends Labelled {
  readonly kind: "Param";
  readonly name: string;
  /** Distinguishes same-named parameters of different declarations. */
  readonly owner: string;
}

/** An inference hole: the element type of `[]`, a generic argument at a call site, ... */
export interface HoleType extends Labelled {
  readonly kind: "Hole";
  readonly id: number;
  /** Display stem, e.g. `lst` for `[]` (shown as `?lst_0`), or `` for `None` (shown `?`). */
  readonly stem: string;
  /** Filled once when the hole is fixed; read through `prune`. */
  readonly cell: { type: Type | null };
}

/** Untyped (Python interop results, error recovery): compatible with everything. */
export interface UnknownType extends Labelled {
  readonly kind: "Unknown";
}

export type Type =
  | PrimType
  | AppType
  | BuiltinNominalType
  | CapType
  | TupleType
  | FunType
  | UserType
  | ParamType
  | HoleType
  | UnknownType;

// ───────────────────────────── constructors ─────────────────────────────

export const INT: PrimType = { kind: "Prim", name: "Int" };
export const FLOAT: PrimType = { kind: "Prim", name: "Float" };
export const STRING: PrimType = { kind: "Prim", name: "String" };
export const BOOL: PrimType = { kind: "Prim", name: "Bool" };
export const CHAR: PrimType = { kind: "Prim", name: "Char" };
export const UNIT: PrimType = { kind: "Prim", name: "Unit" };
export const UNKNOWN: UnknownType = { kind: "Unknown" };
export const IO_ERROR: BuiltinNominalType = { kind: "BuiltinNominal", name: "IoError" };
export const JSON_VALUE: BuiltinNominalType = { kind: "BuiltinNominal", name: "JsonValue" };
export const REVOKER: BuiltinNominalType = { kind: "BuiltinNominal", name: "Revoker" };
export const AUDIT_LOG: BuiltinNominalType = { kind: "BuiltinNominal", name: "AuditLog" };

export function prim(name: PrimName): PrimType {
  switch (name) {
    case "Int": return INT;
    case "Float": return FLOAT;
    case "String": return STRING;
    case "Bool": return BOOL;
    case "Char": return CHAR;
    case "Unit": return UNIT;
  }
}

export function app(name: BuiltinGenericName, args: readonly Type[]): AppType {
  return { kind: "App", name, args };
}
export const listOf = (t: Type): AppType => app("List", [t]);
export const setOf = (t: Type): AppType => app("Set", [t]);
export const mapOf = (k: Type, v: Type): AppType => app("Map", [k, v]);
export const optionOf = (t: Type): AppType => app("Option", [t]);
export const resultOf = (t: Type, e: Type): AppType => app("Result", [t, e]);
export const rangeOf = (t: Type): AppType => app("Range", [t]);

export function tuple(elements: readonly Type[]): Type {
  return elements.length === 0 ? UNIT : { kind: "Tuple", elements };
}

export function fun(params: readonly Type[], ret: Type): FunType {
  return { kind: "Fun", params, ret };
}

export function capType(name: BuiltinCapability): CapType {
  return { kind: "Cap", name };
}

export function userType(declKind: UserTypeKind, name: string, args: readonly Type[] = [], state: string | null = null): UserType {
  return { kind: "User", declKind, name, args, state };
}

export function paramType(name: string, owner: string): ParamType {
  return { kind: "Param", name, owner };
}

/** Allocates inference holes with ids unique within one check run (no global counter). */
export class HoleFactory {
  private next = 0;
  fresh(stem = ""): HoleType {
    return { kind: "Hole", id: this.next++, stem, cell: { type: null } };
  }
}

/** Returns `t` with the given IFC label (the label does not change the type's identity). */
export function withLabel<T extends Type>(t: T, label: FlowLabel): T {
  if (label === null || label === undefined) return t;
  return { ...t, label };
}

// ───────────────────────────── inspection ─────────────────────────────

/** Follows filled holes to the type they stand for. */
export function prune(t: Type): Type {
  let cur = t;
  while (cur.kind === "Hole" && cur.cell.type !== null) cur = cur.cell.type;
  return cur;
}

/**
 * Deep prune: replaces every filled hole inside `t`; returns `t` itself when nothing changes.
 * Types share their parts (`Pair<P, P>` holds one P twice, and each line of
 * `let p2 = Pair { a: p1, b: p1 }` doubles the tree), so each part is resolved once per `memo`:
 * the work follows the shared graph, not the tree, which can be exponentially larger. A memo may
 * be kept across calls once every hole is final (after checking).
 */
export function resolveHoles(t: Type, memo: Map<Type, Type> = new Map()): Type {
  const known = memo.get(t);
  if (known !== undefined) return known;
  const p = prune(t);
  let r: Type;
  switch (p.kind) {
    case "App": {
      const args = resolveList(p.args, memo);
      r = args === p.args ? p : { ...p, args };
      break;
    }
    case "Tuple": {
      const elements = resolveList(p.elements, memo);
      r = elements === p.elements ? p : { ...p, elements };
      break;
    }
    case "Fun": {
      const params = resolveList(p.params, memo);
      const ret = resolveHoles(p.ret, memo);
      r = params === p.params && ret === p.ret ? p : { ...p, params, ret };
      break;
    }
    case "User": {
      const args = resolveList(p.args, memo);
      r = args === p.args ? p : { ...p, args };
      break;
    }
    default:
      r = p;
  }
  memo.set(t, r);
  return r;
}

function resolveList(ts: readonly Type[], memo: Map<Type, Type>): readonly Type[] {
  let out: Type[] | null = null;
  for (let i = 0; i < ts.length; i++) {
    const r = resolveHoles(ts[i]!, memo);
    if (r !== ts[i] && out === null) out = ts.slice(0, i);
    if (out !== null) out.push(r);
  }
  return out ?? ts;
}

export function isPrim(t: Type, name: PrimName): boolean {
  const p = prune(t);
  return p.kind === "Prim" && p.name === name;
}

export function isUnknown(t: Type): boolean {
  return prune(t).kind === "Unknown";
}

export function isApp(t: Type, name: BuiltinGenericName): t is AppType {
  const p = prune(t);
  return p.kind === "App" && p.name === name;
}

/** True when `t` still contains an unfilled hole. */
export function hasHoles(t: Type): boolean {
  const p = prune(t);
  switch (p.kind) {
    case "Hole": return true;
    case "App": return p.args.some(hasHoles);
    case "Tuple": return p.elements.some(hasHoles);
    case "Fun": return p.params.some(hasHoles) || hasHoles(p.ret);
    case "User": return p.args.some(hasHoles);
    default: return false;
  }
}

/** Built-in capability name when `t` is one, else null. */
export function builtinCapabilityOf(t: Type): BuiltinCapability | null {
  const p = prune(t);
  return p.kind === "Cap" ? p.name : null;
}

export { isBuiltinCapability };

/** Substitutes generic parameters by name (owner-checked when `owner` is given). */
export function substitute(t: Type, map: ReadonlyMap<string, Type>, owner?: string): Type {
  if (map.size === 0) return t;
  const p = prune(t);
  switch (p.kind) {
    case "Param": {
      if (owner !== undefined && p.owner !== owner) return p;
      const r = map.get(p.name);
      return r === undefined ? p : p.label ? withLabel(r, p.label) : r;
    }
    case "App": return { ...p, args: p.args.map((a) => substitute(a, map, owner)) };
    case "Tuple": return { ...p, elements: p.elements.map((a) => substitute(a, map, owner)) };
    case "Fun": return { ...p, params: p.params.map((a) => substitute(a, map, owner)), ret: substitute(p.ret, map, owner) };
    case "User": return p.args.length === 0 ? p : { ...p, args: p.args.map((a) => substitute(a, map, owner)) };
    default: return p;
  }
}

// ───────────────────────────── display ─────────────────────────────

/**
 * Display text as the reference's messages print it: `Int`, `List<Int>`, `fun(Int) -> Bool`,
 * `(Int, String)`, `()`, `Door[Open]`, unfixed holes as `?lst_0` / `?`, Unknown as `?`.
 */
export function typeToString(t: Type): string {
  return render(t, false, { left: TYPE_TEXT_BUDGET });
}

/**
 * Display text for the capability model (artefact format): like `typeToString` but function
 * types as `Fun(A) -> B` (the surface syntax).
 */
export function typeToSurfaceString(t: Type): string {
  return render(t, true, { left: TYPE_TEXT_BUDGET });
}

/**
 * About how many characters one type's text may take before its remaining parts show as `...`.
 * Types share parts, so a type written in a few lines can be exponentially long as text
 * (`Pair<P, P>` with P itself a pair, forty times over); its text must stay printable.
 */
const TYPE_TEXT_BUDGET = 4000;

function render(t: Type, surface: boolean, budget: { left: number }): string {
  if (budget.left <= 0) return "...";
  const p = prune(t);
  const all = (ts: readonly Type[]): string => ts.map((x) => render(x, surface, budget)).join(", ");
  budget.left -= 2 + ("name" in p ? p.name.length : 0);
  switch (p.kind) {
    case "Prim": return p.name === "Unit" ? "()" : p.name;
    case "App": return `${p.name}<${all(p.args)}>`;
    case "BuiltinNominal": return p.name;
    case "Cap": return p.name;
    case "Tuple": return p.elements.length === 1 ? `(${render(p.elements[0]!, surface, budget)},)` : `(${all(p.elements)})`;
    case "Fun": return `${surface ? "Fun" : "fun"}(${all(p.params)}) -> ${render(p.ret, surface, budget)}`;
    case "User": {
      const args = p.args.length > 0 ? `<${all(p.args)}>` : "";
      const state = p.state !== null ? `[${p.state}]` : "";
      return `${p.name}${args}${state}`;
    }
    case "Param": return p.name;
    case "Hole": return p.stem === "" ? "?" : `?${p.stem}_${p.id}`;
    case "Unknown": return "?";
  }
}

// ───────────────────────────── comparison ─────────────────────────────

/** Structural equality ignoring labels; holes compare by identity, Unknown equals anything. */
export function sameType(a: Type, b: Type): boolean {
  const x = prune(a);
  const y = prune(b);
  if (x.kind === "Unknown" || y.kind === "Unknown") return true;
  if (x.kind === "Hole" || y.kind === "Hole") return x.kind === "Hole" && y.kind === "Hole" && x.id === y.id;
  switch (x.kind) {
    case "Prim": case "BuiltinNominal": case "Cap": return y.kind === x.kind && y.name === x.name;
    case "App": return y.kind === "App" && y.name === x.name && allSame(x.args, y.args);
    case "Tuple": return y.kind === "Tuple" && allSame(x.elements, y.elements);
    case "Fun": return y.kind === "Fun" && allSame(x.params, y.params) && sameType(x.ret, y.ret);
    case "User": return y.kind === "User" && y.name === x.name && y.state === x.state && allSame(x.args, y.args);
    case "Param": return y.kind === "Param" && y.name === x.name && y.owner === x.owner;
  }
}

function allSame(a: readonly Type[], b: readonly Type[]): boolean {
  return a.length === b.length && a.every((t, i) => sameType(t, b[i]!));
}
