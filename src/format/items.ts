// Top-level items and what they hold (methods, signatures, variants, states). Items are
// separated by one blank line, except that consecutive imports and consecutive constants keep
// the grouping the author gave them.

import type * as A from "../syntax/ast.js";
import { startOf, type Ctx } from "./context.js";
import { hardline, indent, join, type Doc } from "./doc.js";
import { printExpr } from "./expressions.js";
import { closingOf, printList } from "./lists.js";
import { blockLastLine, printBlock, printSequence, tailLine, type Element } from "./statements.js";
import { printGenerics, printParams, printType, qualified } from "./types.js";

export function printProgram(ctx: Ctx, program: A.Program): Doc {
  const items = program.items.map((item) => ({ span: item.span, lastLine: itemLastLine(item), print: () => printItem(ctx, item) }));
  const grouped = (a: A.Item, b: A.Item) => a.kind === b.kind && (a.kind === "Import" || a.kind === "Const");
  const body = printSequence(ctx, items, (i) => !grouped(program.items[i - 1]!, program.items[i]!));
  const end = { line: Number.MAX_SAFE_INTEGER, col: 0 };
  const restLine = ctx.comments.firstLineBefore(end);
  if (restLine === null) return body;
  // Comments after the last item: on lines of their own, a blank line before them if written.
  const gap = items.length === 0 ? "" : [hardline, ctx.source.blankAbove(restLine) ? hardline : ""];
  return [body, gap, ctx.comments.rest()];
}

function printItem(ctx: Ctx, item: A.Item): Doc {
  switch (item.kind) {
    case "Import":
      return ["import ", item.path.join("."), item.alias === null ? "" : ` as ${item.alias}`];
    case "Fun":
      return printFun(ctx, item);
    case "Struct":
      return [pub(item.isPub), item.isLinear ? "linear " : "", "type ", nameOf(ctx, item.name), printGenerics(item.generics), " ", fields(ctx, item.fields, item.name, item.span)];
    case "Sum": {
      const variants = item.variants.map((v) => ({ span: v.span, lastLine: v.span.endLine, print: () => variant(ctx, v) }));
      return [pub(item.isPub), "type ", nameOf(ctx, item.name), printGenerics(item.generics), " =", nested(ctx, variants)];
    }
    case "Typestate": {
      const states = item.states.map((s) => ({ span: s.span, lastLine: s.span.endLine, print: () => s.name }));
      const head = item.fields.length === 0 ? "" : [" ", fields(ctx, item.fields, item.name, fieldsSpan(item.fields, item.name))];
      return [pub(item.isPub), "typestate ", nameOf(ctx, item.name), head, nested(ctx, states)];
    }
    case "Trait":
    case "Capability": {
      const sigs = item.methods.map((m) => ({ span: m.span, lastLine: m.span.endLine, print: () => signature(ctx, m) }));
      return [pub(item.isPub), item.kind === "Trait" ? "trait " : "capability ", nameOf(ctx, item.name), printGenerics(item.generics), nested(ctx, sigs)];
    }
    case "Impl": {
      const methods = item.methods.map((m) => ({ span: m.span, lastLine: blockLastLine(m.body), print: () => printFun(ctx, m) }));
      const trait = item.trait === null ? "" : [qualified(item.trait.qualifier, item.trait.name), typeArgs(ctx, item.trait.args), " for "];
      return ["impl ", trait, printType(ctx, item.target), nested(ctx, methods, () => true)];
    }
    case "Const":
      return [pub(item.isPub), "const ", nameOf(ctx, item.name), ": ", printType(ctx, item.type), " = ", printExpr(ctx, item.value)];
    case "Extern": {
      const sigs = item.methods.map((m) => ({ span: m.span, lastLine: m.span.endLine, print: () => signature(ctx, m) }));
      return [pub(item.isPub), "extern component ", nameOf(ctx, item.name), " from ", externSource(ctx, item), nested(ctx, sigs)];
    }
  }
}

/** A declared name, after any comment written between the keyword and it. */
function nameOf(ctx: Ctx, name: A.Ident): Doc {
  return [ctx.comments.inline(startOf(name.span)), name.name];
}

function pub(isPub: boolean): string {
  return isPub ? "pub " : "";
}

/** Indented lines under a header (variants, states, signatures, methods). */
function nested(ctx: Ctx, elements: readonly Element[], blankBefore: (i: number) => boolean = () => false): Doc {
  const first = elements[0];
  if (first === undefined) return "";
  const sequence = printSequence(ctx, elements, blankBefore);
  const end = ctx.comments.blockEnd(first.span.col, elements[elements.length - 1]!.lastLine);
  return indent([sequence, end]);
}

function printFun(ctx: Ctx, f: A.FunDecl): Doc {
  const attributes = f.attributes.map((a): Doc => [ctx.comments.ownLines(startOf(a.span)), attribute(ctx, a), ctx.comments.leftovers({ line: a.span.endLine + 1, col: 0 }), hardline]);
  const lead = ctx.comments.ownLines({ line: f.name.span.line, col: 0 });
  return [attributes, lead, pub(f.isPub), "fun ", nameOf(ctx, f.name), printGenerics(f.generics), params(ctx, f.name, f.params), returns(ctx, f.returnType), printBlock(ctx, f.body)];
}

function signature(ctx: Ctx, s: A.FunSig): Doc {
  const uses = s.uses === null ? "" : [" uses [", s.uses.atoms.map((a) => a.name).join(", "), "]"];
  return ["fun ", nameOf(ctx, s.name), printGenerics(s.generics), params(ctx, s.name, s.params), returns(ctx, s.returnType), uses];
}

function params(ctx: Ctx, name: A.Ident, list: readonly A.Param[]): Doc {
  return printParams(ctx, list, ctx.source.closeParenAfter({ line: name.span.endLine, col: name.span.endCol }));
}

function returns(ctx: Ctx, type: A.TypeExpr | null): Doc {
  return type === null ? "" : [" -> ", printType(ctx, type)];
}

function attribute(ctx: Ctx, a: A.Attribute): Doc {
  const written = ctx.source.slice(a.span);
  if (!written.trimEnd().endsWith(")")) return `@${a.name}`;
  const items = a.args.map((arg) => ({ span: arg.span, print: (): Doc => `${arg.key}: ${literalAfterColon(ctx.source.slice(arg.span))}` }));
  return [`@${a.name}`, printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(a.span) })];
}

/** `key: "value"` as written → the string literal as written (comments around it are the
 * queue's to print). */
function literalAfterColon(text: string): string {
  return /:\s*(?:\/\*[\s\S]*?\*\/\s*)*(r?"(?:[^"\\]|\\.)*")/.exec(text)?.[1] ?? text.slice(text.indexOf(":") + 1).trim();
}

function fields(ctx: Ctx, list: readonly A.FieldDecl[], name: A.Ident, span: A.Span): Doc {
  const items = list.map((f) => ({ span: f.span, print: (): Doc => [f.name.name, ": ", printType(ctx, f.type)] }));
  const first = list[0];
  const forceBreak = first !== undefined && first.span.line > name.span.line;
  return printList(ctx, items, { open: "{", close: "}", closeAt: closingOf(span), spaced: true, forceBreak });
}

/** A typestate's field list ends at its `}`, which its span does not tell: the last field's end
 * is close enough (comments before the `}` then follow the list). */
function fieldsSpan(list: readonly A.FieldDecl[], name: A.Ident): A.Span {
  const last = list[list.length - 1];
  const end = last?.span ?? name.span;
  return { ...end, endCol: end.endCol + 1 };
}

function variant(ctx: Ctx, v: A.Variant): Doc {
  if (v.payload.length === 0) return v.name.name;
  const items = v.payload.map((t) => ({ span: t.span, print: () => printType(ctx, t) }));
  return [v.name.name, printList(ctx, items, { open: "(", close: ")", closeAt: closingOf(v.span) })];
}

function typeArgs(ctx: Ctx, args: readonly A.TypeExpr[]): Doc {
  return args.length === 0 ? "" : ["<", join(", ", args.map((a) => printType(ctx, a))), ">"];
}

function externSource(ctx: Ctx, item: A.ExternDecl): string {
  const header = ctx.source.lines[item.name.span.line - 1] ?? "";
  const m = /\bfrom\s+("(?:[^"\\]|\\.)*")/.exec(header);
  return m?.[1] ?? JSON.stringify(item.source);
}

function itemLastLine(item: A.Item): number {
  switch (item.kind) {
    case "Fun":
      return blockLastLine(item.body);
    case "Impl": {
      const last = item.methods[item.methods.length - 1];
      return last === undefined ? item.target.span.endLine : blockLastLine(last.body);
    }
    case "Sum":
      return item.variants[item.variants.length - 1]?.span.endLine ?? item.name.span.line;
    case "Typestate":
      return item.states[item.states.length - 1]?.span.endLine ?? item.name.span.line;
    case "Trait":
    case "Capability":
    case "Extern":
      return item.methods[item.methods.length - 1]?.span.endLine ?? item.name.span.line;
    case "Const":
      return tailLine(item.value);
    default:
      return item.span.endLine;
  }
}
