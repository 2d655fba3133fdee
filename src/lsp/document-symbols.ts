// The outline of one file: its functions, types (with fields and variants), traits and
// capabilities (with their methods), impls (with their methods) and constants. Read from the
// AST alone, so a file with a syntax error still has an outline of what parsed.

import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { Span } from "../diagnostics/diagnostic.js";
import type { Ident, Item } from "../syntax/ast.js";
import { typeExprText } from "../check/type-text.js";
import type { Analysis } from "./analysis.js";

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const source = analysis.sources.get(analysis.path)!;
  const symbol = (name: string, kind: SymbolKind, span: Span, at: Span, children: DocumentSymbol[] = []): DocumentSymbol => {
    const selectionRange = source.range(at);
    // The selection must lie inside the range.
    const range = inside(at, span) ? source.range(span) : selectionRange;
    return { name, kind, range, selectionRange, children };
  };
  const members = (items: readonly { name: Ident; span: Span }[], kind: SymbolKind): DocumentSymbol[] => items.map((m) => symbol(m.name.name, kind, m.span, m.name.span));
  const one = (item: Item): DocumentSymbol[] => {
    switch (item.kind) {
      case "Fun":
        return [symbol(item.name.name, SymbolKind.Function, item.name.span, item.name.span)];
      case "Struct":
        return [symbol(item.name.name, SymbolKind.Struct, item.span, item.name.span, members(item.fields, SymbolKind.Field))];
      case "Typestate":
        return [symbol(item.name.name, SymbolKind.Struct, item.span, item.name.span, [...members(item.fields, SymbolKind.Field), ...item.states.map((s) => symbol(s.name, SymbolKind.EnumMember, s.span, s.span))])];
      case "Sum":
        return [symbol(item.name.name, SymbolKind.Enum, item.span, item.name.span, members(item.variants, SymbolKind.EnumMember))];
      case "Trait":
      case "Capability":
        return [symbol(item.name.name, SymbolKind.Interface, item.span, item.name.span, members(item.methods, SymbolKind.Method))];
      case "Extern":
        return [symbol(item.name.name, SymbolKind.Module, item.span, item.name.span, members(item.methods, SymbolKind.Method))];
      case "Impl": {
        const name = `impl ${item.trait === null ? "" : `${item.trait.name} for `}${typeExprText(item.target)}`;
        return [symbol(name, SymbolKind.Class, item.span, item.target.span, members(item.methods, SymbolKind.Method))];
      }
      case "Const":
        return [symbol(item.name.name, SymbolKind.Constant, item.span, item.name.span)];
      case "Import":
        return [];
    }
  };
  return analysis.front.program.items.filter((i) => i.span.file === analysis.path).flatMap(one);
}

function inside(inner: Span, outer: Span): boolean {
  const before = (a: { line: number; col: number }, b: { line: number; col: number }): boolean => a.line < b.line || (a.line === b.line && a.col <= b.col);
  return before(outer, inner) && before({ line: inner.endLine, col: inner.endCol }, { line: outer.endLine, col: outer.endCol });
}
