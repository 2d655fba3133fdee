// Quick fixes for the commonest capability and information-flow diagnostics:
//   E2001 on a capability-like name: add the capability parameter to the function and thread it
//     through every caller (a caller that holds one passes it; one that does not gets the
//     parameter too, up to `main`, which receives capabilities by declared type);
//   E3011 (unused capability parameter): prefix its name with `_`;
//   E5001–E5004 (a @secret value reaches a sink): wrap the argument in declassify(..., reason: "").

import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from "vscode-languageserver";
import type { Span } from "../diagnostics/diagnostic.js";
import { BUILTIN_CAPABILITIES } from "../check/model.js";
import { BUILTIN_METHODS } from "../check/typecheck/builtins.js";
import { prune } from "../check/types.js";
import type { FunctionSymbol, TypeCheckResult } from "../check/typecheck/index.js";
import type { FunDecl } from "../syntax/ast.js";
import type { Analysis } from "./analysis.js";
import { LSP_TEXT } from "./messages.js";
import { functionAt, type SymbolIndex } from "./symbol-index.js";
import { nameSpanIn } from "./text.js";
import type { UriOf } from "./navigation.js";

const SINK_LEAKS = new Set(["E5001", "E5002", "E5003", "E5004"]);

export function codeActions(analysis: Analysis, uri: string, diagnostics: readonly LspDiagnostic[], textOf: (r: Range) => string, uriOf: UriOf): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== "capa") continue;
    if (SINK_LEAKS.has(String(d.code))) {
      const text = textOf(d.range);
      actions.push(quickFix(LSP_TEXT.wrapDeclassify, d, { [uri]: [{ range: d.range, newText: `declassify(${text}, reason: "")` }] }));
    } else if (d.code === "E3011") {
      const fix = prefixUnused(analysis, d, uri);
      if (fix !== null) actions.push(fix);
    } else if (d.code === "E2001") {
      const fix = addCapabilityParameter(analysis, d, textOf(d.range), uriOf);
      if (fix !== null) actions.push(fix);
    }
  }
  return actions;
}

function quickFix(title: string, d: LspDiagnostic, changes: Record<string, TextEdit[]>): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes } };
}

function prefixUnused(analysis: Analysis, d: LspDiagnostic, uri: string): CodeAction | null {
  const index = analysis.index();
  const source = analysis.sources.get(analysis.path)!;
  const at = source.point(d.range.start);
  for (const { decl } of index?.functions ?? []) {
    const param = decl.params.find((p) => p.span.file === analysis.path && p.span.line === at.line && p.span.col === at.col);
    if (param === undefined) continue;
    const name = nameSpanIn(source, param.span, param.name);
    const start = source.position(name.line, name.col);
    return quickFix(LSP_TEXT.prefixUnused(param.name), d, { [uri]: [{ range: { start, end: start }, newText: "_" }] });
  }
  return null;
}

/** The built-in capability a name stands for: `stdio` → Stdio, or the one capability that has
 * the method called on it (`out.println` → Stdio). */
function capabilityFor(name: string, method: string | null): string | null {
  const byName = BUILTIN_CAPABILITIES.find((c) => c.toLowerCase() === name.toLowerCase().replace(/_/g, ""));
  if (byName !== undefined) return byName;
  if (method === null) return null;
  const owners = BUILTIN_CAPABILITIES.filter((c) => BUILTIN_METHODS.get(c)?.has(method));
  return owners.length === 1 ? owners[0]! : null;
}

function addCapabilityParameter(analysis: Analysis, d: LspDiagnostic, name: string, uriOf: UriOf): CodeAction | null {
  const index = analysis.index();
  const typing = analysis.front.checked?.typing;
  const source = analysis.sources.get(analysis.path)!;
  if (index === null || typing === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
  const at = source.point(d.range.start);
  const after = [...(source.lines[at.line - 1] ?? "")].slice(at.col - 1 + name.length).join("");
  const method = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(after)?.[1] ?? null;
  const cap = capabilityFor(name, method);
  const home = functionAt(index, analysis.path, at);
  if (cap === null || home === undefined || home.symbol === undefined) return null;

  const edits = new Map<string, TextEdit[]>();
  const edit = (span: Span, line: number, col: number, newText: string): void => {
    const src = analysis.sources.get(span.file);
    if (src === undefined) return;
    const position = src.position(line, col);
    const list = edits.get(uriOf(span.file)) ?? [];
    list.push({ range: { start: position, end: position }, newText });
    edits.set(uriOf(span.file), list);
  };
  const planned = new Map<FunctionSymbol, string>([[home.symbol, name]]);
  const work: { decl: FunDecl; symbol: FunctionSymbol }[] = [{ decl: home.decl, symbol: home.symbol }];
  let callers = 0;
  while (work.length > 0) {
    const { decl, symbol } = work.pop()!;
    addParameter(analysis, decl, `${name}: ${cap}`, edit);
    for (const call of callsOf(index, typing, symbol)) {
      const caller = functionAt(index, call.span.file, call.span);
      if (caller === undefined || caller.symbol === undefined) continue;
      let arg = planned.get(caller.symbol) ?? heldCapability(caller.symbol, cap);
      if (arg === null) {
        arg = name;
        planned.set(caller.symbol, name);
        work.push({ decl: caller.decl, symbol: caller.symbol });
      }
      const text = call.args.some((a) => a.name !== null) ? `${name}: ${arg}` : arg;
      edit(call.span, call.span.endLine, call.span.endCol - 1, call.args.length > 0 ? `, ${text}` : text);
      callers += 1;
    }
  }
  return quickFix(LSP_TEXT.addCapabilityParameter(name, cap, callers), d, Object.fromEntries(edits));
}

function callsOf(index: SymbolIndex, typing: TypeCheckResult, fn: FunctionSymbol): SymbolIndex["calls"] {
  return index.calls.filter((c) => {
    const t = typing.callTarget(c);
    return t?.kind === "user" && t.fn === fn;
  });
}

/** The name of a parameter of `fn` that already holds capability `cap`. */
function heldCapability(fn: FunctionSymbol, cap: string): string | null {
  const p = fn.params.find((x) => {
    const t = prune(x.type);
    return t.kind === "Cap" && t.name === cap;
  });
  return p?.name ?? null;
}

/** Appends a parameter to a declaration's parameter list. */
function addParameter(analysis: Analysis, decl: FunDecl, text: string, edit: (span: Span, line: number, col: number, text: string) => void): void {
  const last = decl.params[decl.params.length - 1];
  if (last !== undefined) return edit(last.span, last.span.endLine, last.span.endCol, `, ${text}`);
  const source = analysis.sources.get(decl.name.span.file);
  if (source === undefined) return;
  // No parameters: just inside the `(` after the name (and any generics).
  const { line, endCol } = decl.name.span;
  const cps = [...(source.lines[line - 1] ?? "")];
  const open = cps.indexOf("(", endCol - 1);
  if (open >= 0) edit(decl.name.span, line, open + 2, text);
}
