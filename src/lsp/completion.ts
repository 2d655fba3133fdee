// Completion: after `receiver.`, the methods (and fields) of the receiver's type — a capability's
// methods first among them; elsewhere, the names in scope at the cursor. While the user types the
// text rarely checks, so names and types come from the document's last analysis that did.

import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import { BUILTIN_CAPABILITIES, isBuiltinCapability } from "../check/model.js";
import { BUILTIN_FUNCTIONS, BUILTIN_METHODS, type BuiltinSig } from "../check/typecheck/builtins.js";
import type { FunctionSymbol, TypeCheckResult } from "../check/typecheck/index.js";
import { prune, typeToString, type Type } from "../check/types.js";
import { aliasOf } from "../check/modules/loader.js";
import type { Analysis } from "./analysis.js";
import { signatureText } from "./hover.js";
import { LSP_TEXT } from "./messages.js";
import { displayName, functionAt, type SymbolIndex } from "./symbol-index.js";
import { contains, type SourcePoint, type SourceText } from "./text.js";

const KEYWORDS = "fun type trait impl capability extern const pub import as let var if then elif else match while for in break continue return true false and or not self consume linear typestate become".split(" ");
const MEMBER_ACCESS = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*[A-Za-z0-9_]*$/;

export function completion(current: SourceText, p: SourcePoint, good: Analysis | null): CompletionItem[] {
  const index = good?.index() ?? null;
  const typing = good?.front.checked?.typing;
  if (good === null || index === null || typing === undefined) return KEYWORDS.map((k) => ({ label: k, kind: CompletionItemKind.Keyword }));
  const before = [...(current.lines[p.line - 1] ?? "")].slice(0, p.col - 1).join("");
  const member = MEMBER_ACCESS.exec(before);
  if (member !== null) return memberItems(member[1]!, good, p, index, typing);
  return scopeItems(good.path, p, index, typing);
}

/** The type of the local or parameter `name` as seen at `p`. */
export function typeOfVisible(index: SymbolIndex, file: string, p: SourcePoint, name: string): Type | undefined {
  const binding = visibleBindings(index, file, p).find((b) => b.name === name);
  return binding === undefined ? undefined : index.typeOfKey.get(binding.key);
}

function memberItems(receiver: string, good: Analysis, p: SourcePoint, index: SymbolIndex, typing: TypeCheckResult): CompletionItem[] {
  const type = typeOfVisible(index, good.path, p, receiver);
  if (type !== undefined) return methodsOf(type, typing);
  const sum = typing.symbols.types.get(receiver);
  if (sum?.kind === "sum") return sum.variants.map((v) => ({ label: v.name, kind: CompletionItemKind.EnumMember }));
  if (isBuiltinCapability(receiver)) return builtinMethods(receiver, true);
  // A module alias: the public functions of the module it names.
  const imported = good.front.program.items.find((i) => i.kind === "Import" && i.span.file === good.path && aliasOf(i) === receiver);
  if (imported?.kind !== "Import") return [];
  const suffix = `/${imported.path.join("/")}.capa`;
  return typing.symbols.allFunctions
    .filter((f) => f.container === null && f.decl.kind === "Fun" && f.decl.isPub && f.span.file.replace(/\\/g, "/").endsWith(suffix))
    .map((f) => functionItem(f));
}

function methodsOf(type: Type, typing: TypeCheckResult): CompletionItem[] {
  const t = prune(type);
  switch (t.kind) {
    case "Cap":
      return builtinMethods(t.name, true);
    case "App":
    case "BuiltinNominal":
      return builtinMethods(t.name, false);
    case "Prim":
      return builtinMethods(t.name, false);
    case "User": {
      const symbol = typing.symbols.types.get(t.name);
      const capability = typing.isCapabilityType(t);
      const own = [...(typing.symbols.methodsByType.get(t.name)?.values() ?? [])];
      const declared = symbol?.kind === "trait" || symbol?.kind === "capability" ? [...symbol.methods.values()] : [];
      const fields = symbol?.kind === "struct" || symbol?.kind === "typestate" ? [...symbol.fields].map(([name, ft]) => ({ label: name, kind: CompletionItemKind.Field, detail: typeToString(ft) })) : [];
      return [...[...declared, ...own].map((f) => functionItem(f, capability ? LSP_TEXT.capabilityMethod(t.name, f.name) : undefined)), ...fields];
    }
    default:
      return [];
  }
}

function builtinMethods(receiver: string, capability: boolean): CompletionItem[] {
  return [...(BUILTIN_METHODS.get(receiver)?.values() ?? [])].map((sig) => ({
    label: sig.name,
    kind: CompletionItemKind.Method,
    detail: builtinSignature(sig),
    ...(capability ? { documentation: LSP_TEXT.capabilityMethod(receiver, sig.name), sortText: `0${sig.name}` } : {}),
  }));
}

export function builtinSignature(sig: Pick<BuiltinSig, "name" | "params" | "ret">): string {
  return `${sig.name}(${sig.params.map((x) => `${x.name}: ${typeToString(x.type)}`).join(", ")}) -> ${typeToString(sig.ret)}`;
}

function functionItem(f: FunctionSymbol, documentation?: string): CompletionItem {
  return {
    label: displayName(f.name),
    kind: f.container === null ? CompletionItemKind.Function : CompletionItemKind.Method,
    detail: signatureText(f),
    ...(documentation === undefined ? {} : { documentation }),
  };
}

/** Locals and parameters of the function at `p` declared before it, nearest first. */
export function visibleBindings(index: SymbolIndex, file: string, at: SourcePoint): SymbolIndex["scoped"] {
  // Lines typed after the last function of the last analysis belong to it: seen from its end.
  const last = lastFunctionBefore(index, file, at);
  const fn = functionAt(index, file, at) ?? last;
  if (fn === undefined) return [];
  const end = { line: fn.decl.span.endLine, col: fn.decl.span.endCol };
  const p = contains(fn.decl.span, at) ? at : end;
  const before = (s: { line: number; col: number }): boolean => s.line < p.line || (s.line === p.line && s.col < p.col);
  return index.scoped
    .filter((b) => b.declaredAt.file === file && contains(fn.decl.span, b.declaredAt) && (contains(b.scope, p) || p === end) && before(b.declaredAt))
    .reverse();
}

function lastFunctionBefore(index: SymbolIndex, file: string, p: SourcePoint): SymbolIndex["functions"][number] | undefined {
  let best: SymbolIndex["functions"][number] | undefined;
  for (const f of index.functions) {
    const s = f.decl.span;
    if (s.file === file && s.line <= p.line && (best === undefined || s.line > best.decl.span.line)) best = f;
  }
  return best;
}

function scopeItems(file: string, p: SourcePoint, index: SymbolIndex, typing: TypeCheckResult): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (item: CompletionItem): void => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    items.push(item);
  };
  for (const b of visibleBindings(index, file, p)) {
    const type = index.typeOfKey.get(b.key);
    add({ label: b.name, kind: CompletionItemKind.Variable, ...(type === undefined ? {} : { detail: typeToString(type) }) });
  }
  const symbols = typing.symbols;
  for (const f of symbols.functions.values()) if (!f.name.startsWith("_capa_m")) add(functionItem(f));
  for (const c of symbols.consts.values()) if (!c.name.startsWith("_capa_m")) add({ label: c.name, kind: CompletionItemKind.Constant, detail: typeToString(c.type) });
  for (const t of symbols.types.values()) add({ label: t.name, kind: t.kind === "capability" || t.kind === "trait" ? CompletionItemKind.Interface : CompletionItemKind.Struct });
  for (const v of symbols.variants.values()) add({ label: v.name, kind: CompletionItemKind.EnumMember });
  for (const cap of BUILTIN_CAPABILITIES) add({ label: cap, kind: CompletionItemKind.Interface });
  for (const [name, sig] of BUILTIN_FUNCTIONS) add({ label: name, kind: CompletionItemKind.Function, detail: builtinSignature(sig) });
  for (const k of KEYWORDS) add({ label: k, kind: CompletionItemKind.Keyword });
  return items;
}
