// Hover: what a name or expression is, and — the point of the language — what authority it
// carries: a function's declared and reached capabilities, a capability value or method, and the
// @secret / @public label written on a value's type.

import type { Hover } from "vscode-languageserver";
import type { FunctionSymbol } from "../check/typecheck/index.js";
import type { CapabilityModel } from "../check/model.js";
import type { IfcResult } from "../check/ifc/index.js";
import type { Flow } from "../check/ifc/labels.js";
import { BUILTIN_METHODS } from "../check/typecheck/builtins.js";
import { prune, typeToString, type Type } from "../check/types.js";
import type { Analysis } from "./analysis.js";
import { LSP_TEXT } from "./messages.js";
import { displayName, expressionAt, occurrenceAt } from "./symbol-index.js";
import type { SourcePoint } from "./text.js";

export function hover(analysis: Analysis, p: SourcePoint): Hover | null {
  const index = analysis.index();
  const checked = analysis.front.checked;
  if (index === null || checked === null) return null;
  const source = analysis.sources.get(analysis.path)!;
  const typing = checked.typing;
  const occ = occurrenceAt(index, analysis.path, p);
  const lines: string[] = [];
  let code: string | null = null;
  if (occ !== undefined) {
    const decl = index.declarations.get(occ.key);
    const fn = index.functionOfKey.get(occ.key);
    const type = index.typeOfKey.get(occ.key);
    if (fn !== undefined) {
      code = signatureText(fn);
      lines.push(...capabilityLines(fn, checked.model), ...secretResultLines(fn, checked.ifc));
    } else if (type !== undefined) {
      code = `${decl?.kind === "param" ? "param" : "let"} ${decl?.name ?? source.spanText(occ.span)}: ${typeToString(type)}`;
      lines.push(...valueLines(type, typing.isCapabilityType(type)));
      const secret = analysis.secretBindings.get(occ.key.slice(2));
      if (secret !== undefined && !lines.includes(LSP_TEXT.secretLabel)) lines.push(LSP_TEXT.secretBinding(originOf(secret).what, originOf(secret).span.line, originOf(secret).span.col));
    } else if (occ.key.startsWith("cap:")) {
      const name = occ.key.slice(4);
      code = `capability ${name}`;
      lines.push(LSP_TEXT.builtinCapability(name, [...(BUILTIN_METHODS.get(name)?.keys() ?? [])]));
    } else if (decl !== undefined) {
      code = decl.kind === "module" ? LSP_TEXT.module(occ.key.slice(2)) : LSP_TEXT.declKind(decl.kind, decl.name);
    }
  }
  const expr = expressionAt(index, analysis.path, p);
  if (code === null && expr !== undefined) {
    if (expr.kind === "MethodCall" || expr.kind === "Call") {
      const target = typing.callTarget(expr);
      if (target?.kind === "capabilityMethod") {
        const params = target.signature.params.map((x) => `${x.name}: ${typeToString(x.type)}`).join(", ");
        code = `${target.capability}.${target.method}(${params}) -> ${typeToString(target.signature.ret)}`;
        lines.push(LSP_TEXT.capabilityMethod(target.capability, target.method));
      }
    }
    if (code === null) {
      const type = typing.typeOf(expr);
      if (type !== undefined) {
        code = typeToString(type);
        lines.push(...valueLines(type, typing.isCapabilityType(type)));
        const target = expr.kind === "MethodCall" || expr.kind === "Call" ? typing.callTarget(expr) : undefined;
        if (target?.kind === "user") lines.push(...secretResultLines(target.fn, checked.ifc));
      }
    }
  }
  if (code === null) return null;
  const range = occ !== undefined ? source.range(occ.span) : expr !== undefined ? source.range(expr.span) : undefined;
  return {
    contents: { kind: "markdown", value: ["```capa", code, "```", ...lines.map((l) => `\n${l}`)].join("\n") },
    ...(range === undefined ? {} : { range }),
  };
}

export function signatureText(fn: FunctionSymbol): string {
  const params = fn.params.map((p) => (p.isSelf ? "self" : `${p.mode === null ? "" : `${p.mode} `}${p.name}: ${typeToString(p.type)}`));
  const ret = prune(fn.ret);
  const owner = fn.container === null ? "" : `${fn.container}::`;
  return `fun ${owner}${displayName(fn.name)}(${params.join(", ")})${ret.kind === "Prim" && ret.name === "Unit" ? "" : ` -> ${typeToString(fn.ret)}`}`;
}

function capabilityLines(fn: FunctionSymbol, model: CapabilityModel): string[] {
  const facts = model.functions.find((f) => f.qualifiedName === fn.qualifiedName);
  if (facts === undefined) return [];
  const lines = [LSP_TEXT.declaredCapabilities(facts.declaredCapabilities), LSP_TEXT.reachedCapabilities(facts.transitivelyReachableCapabilities)];
  if (!facts.authorityProvableFromTypes) lines.push(LSP_TEXT.authorityNotProvable);
  return lines;
}

/** A function whose result carries a secret of its own (a @secret constant or field, an
 * environment variable): the IFC pass's summary says so, and where the secret comes from. */
function secretResultLines(fn: FunctionSymbol, ifc: IfcResult): string[] {
  if (fn.decl.kind !== "Fun") return [];
  const flow = ifc.summaries.get(fn.decl)?.returnSecret ?? null;
  return flow === null ? [] : [LSP_TEXT.returnsSecret(flow.what, flow.span.line, flow.span.col)];
}

/** The first step of an information-flow path: where the secret came from. */
function originOf(flow: Flow): Flow {
  let f = flow;
  while (f.prev !== null) f = f.prev;
  return f;
}

function valueLines(type: Type, isCapability: boolean): string[] {
  const lines: string[] = [];
  const label = type.label ?? prune(type).label;
  if (label === "secret") lines.push(LSP_TEXT.secretLabel);
  if (label === "public") lines.push(LSP_TEXT.publicLabel);
  if (isCapability) lines.push(LSP_TEXT.capabilityValue(typeToString(type)));
  return lines;
}
