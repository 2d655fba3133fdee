// Position → symbol tables for one analysed program, built on demand by an editor request from
// the checker's own side tables (resolution, call targets, types); the checker pays nothing.
// A symbol is a string key: locals and parameters by their declaring span, functions by their
// qualified name, types, fields, variants and constants by name, modules by alias.

import type { Span } from "../diagnostics/diagnostic.js";
import type { Block, CallExpr, Expr, FunDecl, FunSig, LambdaExpr, MethodCallExpr, Param, Program } from "../syntax/ast.js";
import type { Binding, FunctionSymbol, TypeCheckResult } from "../check/typecheck/index.js";
import { aliasOf } from "../check/modules/loader.js";
import { prune, type Type } from "../check/types.js";
import { isBuiltinCapability } from "../check/model.js";
import { contains, nameSpanIn, spanSize, type SourcePoint, type SourceText } from "./text.js";

export type SymbolKey = string;

export interface Occurrence {
  readonly key: SymbolKey;
  /** The name as written (for a renamed private helper, as written in its module). */
  readonly span: Span;
  readonly isDecl: boolean;
}

export type DeclKind = "local" | "param" | "function" | "method" | "type" | "field" | "variant" | "const" | "module";

export interface Declaration {
  readonly key: SymbolKey;
  readonly name: string;
  readonly kind: DeclKind;
  readonly span: Span;
}

/** A binding introduced inside a function, visible from its declaration to the end of `scope`. */
export interface ScopedBinding {
  readonly key: SymbolKey;
  readonly name: string;
  readonly declaredAt: Span;
  readonly scope: Span;
}

export interface SymbolIndex {
  readonly occurrences: readonly Occurrence[];
  readonly declarations: ReadonlyMap<SymbolKey, Declaration>;
  /** Every expression, for the innermost-expression question hover asks. */
  readonly expressions: readonly Expr[];
  readonly calls: readonly (CallExpr | MethodCallExpr)[];
  readonly functions: readonly { readonly decl: FunDecl; readonly symbol: FunctionSymbol | undefined }[];
  readonly scoped: readonly ScopedBinding[];
  readonly symbolOfDecl: ReadonlyMap<FunDecl | FunSig, FunctionSymbol>;
  /** The function each `f:` key names. */
  readonly functionOfKey: ReadonlyMap<SymbolKey, FunctionSymbol>;
  /** The type of each local and parameter (`l:` keys). */
  readonly typeOfKey: ReadonlyMap<SymbolKey, Type>;
}

const EXPR_KINDS = new Set([
  "Int", "Float", "String", "Interp", "Char", "Bool", "Unit", "Name", "Self", "Tuple", "List", "StructLit", "Field",
  "Index", "Call", "MethodCall", "Try", "Unary", "Binary", "Range", "Lambda", "IfExpr", "Match", "Become",
]);

export function spanKey(span: Span): string {
  return `${span.file}:${span.line}:${span.col}`;
}

/** A private helper of an imported module is renamed `_capa_m<N>__name` when modules merge. */
export function displayName(name: string): string {
  return name.replace(/^_capa_m\d+__/, "");
}

export function bindingKey(b: Binding): SymbolKey | null {
  switch (b.kind) {
    case "local":
    case "param":
      return `l:${spanKey(b.span)}`;
    case "function":
      return `f:${b.fn.qualifiedName}`;
    case "const":
      return `c:${b.constant.name}`;
    case "variant":
      return `v:${b.variant.owner}.${b.variant.name}`;
    case "module":
      return `m:${b.path.join(".")}`;
    case "builtin":
      return null;
  }
}

export function buildSymbolIndex(program: Program, typing: TypeCheckResult, sources: ReadonlyMap<string, SourceText>): SymbolIndex {
  const occurrences: Occurrence[] = [];
  const declarations = new Map<SymbolKey, Declaration>();
  const expressions: Expr[] = [];
  const calls: (CallExpr | MethodCallExpr)[] = [];
  const functions: { decl: FunDecl; symbol: FunctionSymbol | undefined }[] = [];
  const scoped: ScopedBinding[] = [];
  const symbols = typing.symbols;
  const symbolOfDecl = new Map<FunDecl | FunSig, FunctionSymbol>();
  for (const fn of symbols.allFunctions) symbolOfDecl.set(fn.decl, fn);
  for (const t of symbols.types.values()) if (t.kind === "trait" || t.kind === "capability") for (const m of t.methods.values()) symbolOfDecl.set(m.decl, m);
  for (const e of symbols.externs.values()) for (const m of e.methods.values()) symbolOfDecl.set(m.decl, m);
  const functionOfKey = new Map<SymbolKey, FunctionSymbol>([...symbolOfDecl.values()].map((f) => [`f:${f.qualifiedName}`, f]));
  const typeOfKey = new Map<SymbolKey, Type>();

  const nameSpan = (within: Span, name: string): Span => {
    const src = sources.get(within.file);
    return src === undefined ? within : nameSpanIn(src, within, name);
  };
  const declare = (key: SymbolKey, name: string, kind: DeclKind, span: Span): void => {
    if (!declarations.has(key)) declarations.set(key, { key, name: displayName(name), kind, span });
    occurrences.push({ key, span, isDecl: true });
  };
  const use = (key: SymbolKey | null, span: Span): void => {
    if (key !== null) occurrences.push({ key, span, isDecl: false });
  };
  const typeKey = (name: string): SymbolKey | null => (symbols.types.has(name) ? `t:${name}` : isBuiltinCapability(name) ? `cap:${name}` : null);
  const variantKey = (name: string): SymbolKey | null => {
    const v = symbols.variants.get(name);
    return v === undefined ? null : `v:${v.owner}.${v.name}`;
  };
  const structOf = (e: Expr): string | null => {
    const t = typing.typeOf(e);
    if (t === undefined) return null;
    const p = prune(t);
    return p.kind === "User" ? p.name : null;
  };
  const blocks: Block[] = [];
  const scopeNow = (fallback: Span): Span => blocks[blocks.length - 1]?.span ?? fallback;

  const param = (p: Param, owner: Span): void => {
    const b = typing.paramBinding(p);
    if (b === undefined || p.isSelf) return;
    const key = `l:${spanKey(b.span)}`;
    typeOfKey.set(key, b.type);
    const at = nameSpan(p.span, p.name);
    declare(key, p.name, "param", at);
    scoped.push({ key, name: p.name, declaredAt: at, scope: owner });
  };

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { kind?: string; span?: Span };
    switch (n.kind) {
      case "Fun": {
        const f = node as FunDecl;
        const sym = symbolOfDecl.get(f);
        functions.push({ decl: f, symbol: sym });
        if (sym !== undefined) declare(`f:${sym.qualifiedName}`, f.name.name, sym.container === null ? "function" : "method", f.name.span);
        for (const p of f.params) param(p, f.span);
        break;
      }
      case "FunSig": {
        const f = node as FunSig;
        const sym = symbolOfDecl.get(f);
        if (sym !== undefined) declare(`f:${sym.qualifiedName}`, f.name.name, "method", f.name.span);
        break;
      }
      case "Struct":
      case "Typestate": {
        const s = node as Extract<Program["items"][number], { kind: "Struct" | "Typestate" }>;
        declare(`t:${s.name.name}`, s.name.name, "type", s.name.span);
        for (const f of s.fields) declare(`d:${s.name.name}.${f.name.name}`, f.name.name, "field", f.name.span);
        break;
      }
      case "Sum": {
        const s = node as Extract<Program["items"][number], { kind: "Sum" }>;
        declare(`t:${s.name.name}`, s.name.name, "type", s.name.span);
        for (const v of s.variants) declare(`v:${s.name.name}.${v.name.name}`, v.name.name, "variant", v.name.span);
        break;
      }
      case "Trait":
      case "Capability": {
        const s = node as Extract<Program["items"][number], { kind: "Trait" | "Capability" }>;
        declare(`t:${s.name.name}`, s.name.name, "type", s.name.span);
        break;
      }
      case "Const": {
        const c = node as Extract<Program["items"][number], { kind: "Const" }>;
        declare(`c:${c.name.name}`, c.name.name, "const", c.name.span);
        break;
      }
      case "Import": {
        const i = node as Extract<Program["items"][number], { kind: "Import" }>;
        declare(`m:${i.path.join(".")}`, aliasOf(i), "module", i.span);
        return;
      }
      case "NamedType": {
        const t = node as { name: string; span: Span };
        use(typeKey(t.name), nameSpan(t.span, t.name));
        break;
      }
      case "Block":
        blocks.push(node as Block);
        visitChildren(node);
        blocks.pop();
        return;
      case "Var": {
        const v = node as { name: { name: string; span: Span }; span: Span };
        const key = `l:${spanKey(v.name.span)}`;
        declare(key, v.name.name, "local", v.name.span);
        scoped.push({ key, name: v.name.name, declaredAt: v.name.span, scope: scopeNow(v.span) });
        break;
      }
      case "NamePat": {
        const p = node as { name: string; span: Span };
        const b = typing.resolve(node as never);
        if (b?.kind === "local") {
          const key = `l:${spanKey(b.span)}`;
          typeOfKey.set(key, b.type);
          declare(key, p.name, "local", p.span);
          scoped.push({ key, name: p.name, declaredAt: p.span, scope: scopeNow(p.span) });
        } else if (b !== undefined) use(bindingKey(b), p.span);
        break;
      }
      case "CtorPat": {
        const c = node as { name: { name: string; span: Span } };
        use(variantKey(c.name.name), c.name.span);
        break;
      }
      case "StructPat":
      case "StructLit": {
        const s = node as { name: { name: string; span: Span }; fields: readonly { name: { name: string; span: Span } }[] };
        use(typeKey(s.name.name), s.name.span);
        for (const f of s.fields) use(`d:${s.name.name}.${f.name.name}`, f.name.span);
        break;
      }
      case "Lambda": {
        const l = node as LambdaExpr;
        for (const p of l.params) param(p, l.span);
        break;
      }
      case "Name": {
        const b = typing.resolve(node as never);
        if (b !== undefined) use(bindingKey(b), n.span!);
        if (b?.kind === "local" || b?.kind === "param") typeOfKey.set(`l:${spanKey(b.span)}`, b.type);
        break;
      }
      case "Field": {
        const f = node as { object: Expr; name: { name: string; span: Span } };
        const owner = structOf(f.object);
        if (owner !== null) use(`d:${owner}.${f.name.name}`, f.name.span);
        break;
      }
      case "Call":
        calls.push(node as CallExpr);
        break;
      case "MethodCall": {
        const m = node as MethodCallExpr;
        calls.push(m);
        const target = typing.callTarget(m);
        if (target?.kind === "user" || target?.kind === "trait" || target?.kind === "extern") use(`f:${target.fn.qualifiedName}`, m.method.span);
        else if (target?.kind === "constructor" && target.variant !== null) use(`v:${target.variant.owner}.${target.variant.name}`, m.method.span);
        break;
      }
    }
    if (n.kind !== undefined && EXPR_KINDS.has(n.kind)) expressions.push(node as Expr);
    visitChildren(node);
  };
  const visitChildren = (node: object): void => {
    for (const [k, v] of Object.entries(node)) if (k !== "span" && v !== null && typeof v === "object") visit(v);
  };
  visit(program.items);
  return { occurrences, declarations, expressions, calls, functions, scoped, symbolOfDecl, functionOfKey, typeOfKey };
}

/** The innermost occurrence at a point of `file`. */
export function occurrenceAt(index: SymbolIndex, file: string, p: SourcePoint): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of index.occurrences) {
    if (o.span.file === file && contains(o.span, p) && (best === undefined || spanSize(o.span) < spanSize(best.span))) best = o;
  }
  return best;
}

/** The innermost expression at a point of `file`. */
export function expressionAt(index: SymbolIndex, file: string, p: SourcePoint): Expr | undefined {
  let best: Expr | undefined;
  for (const e of index.expressions) {
    if (e.span.file === file && contains(e.span, p) && (best === undefined || spanSize(e.span) <= spanSize(best.span))) best = e;
  }
  return best;
}

/** The function declaration whose body holds a point. */
export function functionAt(index: SymbolIndex, file: string, p: SourcePoint): SymbolIndex["functions"][number] | undefined {
  let best: SymbolIndex["functions"][number] | undefined;
  for (const f of index.functions) {
    // A declaration's span runs on to the next item's first column: the latest start wins.
    if (f.decl.span.file === file && contains(f.decl.span, p) && (best === undefined || startsAfter(f.decl.span, best.decl.span))) best = f;
  }
  return best;
}

function startsAfter(a: Span, b: Span): boolean {
  return a.line > b.line || (a.line === b.line && a.col > b.col);
}
