// Capability paths: a name, `self`, or a field chain on one (`box.cap`), keyed by the binding the
// root name resolves to, so a rebinding is a different path even when the text is the same.
// Invariant: pure reads of the AST and the typing result.

import type { Expr, Span } from "../../syntax/ast.js";
import type { Binding, TypeCheckResult } from "../typecheck/index.js";

export interface CapPath {
  /** Identity: root binding key plus field names (`l12.out`). */
  readonly key: string;
  /** Source spelling (`box.cap`). */
  readonly display: string;
  /** Where the root binding was declared (null for `self` and unresolved names). */
  readonly rootSpan: Span | null;
  readonly span: Span;
}

export function bindingKey(b: Binding | undefined, name: string): string | null {
  if (b === undefined) return `n:${name}`;
  if (b.kind === "param") return `p${b.id}`;
  if (b.kind === "local") return localKey(b.span);
  return null;
}

/** The path an expression denotes, or null when it is not a name/self/field chain on a local. */
export function pathOf(e: Expr, typing: TypeCheckResult): CapPath | null {
  switch (e.kind) {
    case "Name": {
      const b = typing.resolve(e);
      const key = bindingKey(b, e.name);
      if (key === null) return null;
      const rootSpan = b !== undefined && (b.kind === "param" || b.kind === "local") ? b.span : null;
      return { key, display: e.name, rootSpan, span: e.span };
    }
    case "Self":
      return { key: "self", display: "self", rootSpan: null, span: e.span };
    case "Field": {
      const base = pathOf(e.object, typing);
      if (base === null) return null;
      return { key: `${base.key}.${e.name.name}`, display: `${base.display}.${e.name.name}`, rootSpan: base.rootSpan, span: e.span };
    }
    default:
      return null;
  }
}

/** Locals are keyed by where they are declared (a `var` has no pattern to look its id up by). */
export function localKey(span: Span): string {
  return `L${span.line}:${span.col}`;
}

/** True when one path is the other or a field below it: they share authority. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

export function within(inner: Span, outer: Span): boolean {
  if (inner.file !== outer.file) return false;
  const startsAfter = inner.line > outer.line || (inner.line === outer.line && inner.col >= outer.col);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endCol <= outer.endCol);
  return startsAfter && endsBefore;
}
