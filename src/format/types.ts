// Types, patterns and parameters as the canonical style writes them. Flow labels are part of the
// type node and are printed with it, so `@secret` / `@public` cannot be dropped.

import type * as A from "../syntax/ast.js";
import { startOf, type Ctx } from "./context.js";
import { join, type Doc } from "./doc.js";
import { closingOf, printList } from "./lists.js";

export function printType(ctx: Ctx, t: A.TypeExpr): Doc {
  return [ctx.comments.inline(startOf(t.span)), typeBody(ctx, t)];
}

function typeBody(ctx: Ctx, t: A.TypeExpr): Doc {
  // A comment between the label and the type stays there.
  const label = t.label === null ? "" : [`@${t.label} `, ctx.comments.inline(ctx.source.codeAfter({ line: t.span.line, col: t.span.col + 1 + t.label.length }))];
  switch (t.kind) {
    case "NamedType": {
      const args = t.args.length === 0 ? "" : ["<", join(", ", t.args.map((a) => printType(ctx, a))), ctx.comments.closing(closingOf(t.span)), ">"];
      const state = t.state === null ? "" : ["[", t.state, ctx.comments.closing(closingOf(t.span)), "]"];
      return [label, qualified(t.qualifier, t.name), args, state];
    }
    case "FunType":
      return [label, "Fun", typeList(ctx, t.params, t.span), " -> ", printType(ctx, t.ret)];
    case "TupleType":
      if (t.elements.length === 1) return [label, "(", printType(ctx, t.elements[0]!), ",)"];
      return [label, typeList(ctx, t.elements, t.span)];
    case "SelfType":
      return [label, "Self"];
  }
}

function typeList(ctx: Ctx, types: readonly A.TypeExpr[], span: A.Span): Doc {
  const items = types.map((t) => ({ span: t.span, print: () => printType(ctx, t) }));
  return printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(span) });
}

export function qualified(qualifier: readonly string[], name: string): string {
  return qualifier.length === 0 ? name : `${qualifier.join(".")}.${name}`;
}

export function printParam(ctx: Ctx, p: A.Param): Doc {
  const mode = p.mode === null ? "" : [`${p.mode} `, ctx.comments.inline(ctx.source.codeAfter({ line: p.span.line, col: p.span.col + p.mode.length }))];
  if (p.isSelf) return [mode, "self"];
  return [mode, p.name, p.type === null ? "" : [": ", printType(ctx, p.type)]];
}

export function printParams(ctx: Ctx, params: readonly A.Param[], closeAt: { line: number; col: number }): Doc {
  const items = params.map((p) => ({ span: p.span, print: () => printParam(ctx, p) }));
  return printList(ctx, items, { open: "(", close: ")", closeAt });
}

export function printGenerics(generics: readonly A.Ident[]): Doc {
  return generics.length === 0 ? "" : `<${generics.map((g) => g.name).join(", ")}>`;
}

export function printPattern(ctx: Ctx, p: A.Pattern): Doc {
  const lead = ctx.comments.inline(startOf(p.span));
  return [lead, patternBody(ctx, p)];
}

function patternBody(ctx: Ctx, p: A.Pattern): Doc {
  switch (p.kind) {
    case "WildcardPat":
      return "_";
    case "NamePat":
      return p.name;
    case "LiteralPat":
      return [p.negative ? "-" : "", ctx.source.slice(p.value.span)];
    case "TuplePat": {
      const items = p.elements.map((e) => ({ span: e.span, print: () => printPattern(ctx, e) }));
      return printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(p.span) });
    }
    case "CtorPat": {
      const name = qualified(p.qualifier, p.name.name);
      if (p.args === null) return name;
      const items = p.args.map((a) => ({ span: a.span, print: () => printPattern(ctx, a) }));
      return [name, printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(p.span) })];
    }
    case "StructPat": {
      const items = p.fields.map((f) => ({
        span: f.span,
        print: (): Doc => (f.pattern === null ? f.name.name : [f.name.name, ": ", printPattern(ctx, f.pattern)]),
      }));
      return [qualified(p.qualifier, p.name.name), " ", printList(ctx, items, { open: "{", close: "}", closeAt: closingOf(p.span), spaced: true })];
    }
  }
}
