// Signature help: the call whose parentheses hold the cursor, found in the text as typed (an
// unclosed `(` and the name before it), resolved against the last analysis that checked.

import type { ParameterInformation, SignatureHelp } from "vscode-languageserver";
import { BUILTIN_FUNCTIONS, BUILTIN_METHODS } from "../check/typecheck/builtins.js";
import { isBuiltinCapability } from "../check/model.js";
import { prune, typeToString, type Type } from "../check/types.js";
import type { TypeCheckResult } from "../check/typecheck/index.js";
import type { Analysis } from "./analysis.js";
import { typeOfVisible } from "./completion.js";
import { displayName, type SymbolIndex } from "./symbol-index.js";
import type { SourcePoint, SourceText } from "./text.js";

interface OpenCall {
  readonly receiver: string | null;
  readonly name: string;
  readonly activeParameter: number;
}

const CALLEE = /(?:([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*$/;
/** How far back an unclosed `(` is looked for. */
const LOOK_BACK_LINES = 20;

export function signatureHelp(current: SourceText, p: SourcePoint, good: Analysis | null): SignatureHelp | null {
  const index = good?.index() ?? null;
  const typing = good?.front.checked?.typing;
  const call = openCallAt(current, p);
  if (call === null || good === null || index === null || typing === undefined) return null;
  const params = parametersOf(call, good.path, p, index, typing);
  if (params === null) return null;
  const parts = params.list.map((x) => `${x.name}: ${typeToString(x.type)}`);
  let label = `${params.title}(`;
  const parameters: ParameterInformation[] = parts.map((text, i) => {
    if (i > 0) label += ", ";
    const start = label.length;
    label += text;
    return { label: [start, label.length] };
  });
  label += `) -> ${typeToString(params.ret)}`;
  return { signatures: [{ label, parameters }], activeSignature: 0, activeParameter: Math.min(call.activeParameter, Math.max(0, parts.length - 1)) };
}

/** The innermost unclosed `(` before `p`, the callee written before it, and the commas since. */
function openCallAt(source: SourceText, p: SourcePoint): OpenCall | null {
  let depth = 0;
  let commas = 0;
  for (let line = p.line; line >= Math.max(1, p.line - LOOK_BACK_LINES); line--) {
    const cps = [...(source.lines[line - 1] ?? "")];
    const end = line === p.line ? p.col - 1 : cps.length;
    for (let i = end - 1; i >= 0; i--) {
      const ch = cps[i]!;
      if (ch === ")" || ch === "]") depth += 1;
      else if ((ch === "(" || ch === "[") && depth > 0) depth -= 1;
      else if (ch === "," && depth === 0) commas += 1;
      else if (ch === "(" && depth === 0) {
        const m = CALLEE.exec(cps.slice(0, i).join(""));
        return m === null ? null : { receiver: m[1] ?? null, name: m[2]!, activeParameter: commas };
      } else if (ch === "[" && depth === 0) return null;
    }
  }
  return null;
}

interface Parameters {
  readonly title: string;
  readonly list: readonly { readonly name: string; readonly type: Type }[];
  readonly ret: Type;
}

function parametersOf(call: OpenCall, file: string, p: SourcePoint, index: SymbolIndex, typing: TypeCheckResult): Parameters | null {
  const symbols = typing.symbols;
  if (call.receiver === null) {
    const fn = symbols.functions.get(call.name);
    if (fn !== undefined) return { title: displayName(fn.name), list: fn.params, ret: fn.ret };
    const builtin = BUILTIN_FUNCTIONS.get(call.name);
    return builtin === undefined ? null : { title: call.name, list: builtin.params, ret: builtin.ret };
  }
  const type = typeOfVisible(index, file, p, call.receiver);
  const t = type === undefined ? null : prune(type);
  const receiverName = t === null ? (isBuiltinCapability(call.receiver) ? call.receiver : null) : "name" in t ? t.name : null;
  if (receiverName === null) {
    // `module.f(`: a public function of an imported module.
    const fn = symbols.functions.get(call.name);
    return fn === undefined ? null : { title: `${call.receiver}.${call.name}`, list: fn.params, ret: fn.ret };
  }
  const own = symbols.methodsByType.get(receiverName)?.get(call.name);
  const declared = symbols.types.get(receiverName);
  const method = own ?? (declared?.kind === "trait" || declared?.kind === "capability" ? declared.methods.get(call.name) : undefined);
  if (method !== undefined) return { title: `${receiverName}.${call.name}`, list: method.params.filter((x) => !x.isSelf), ret: method.ret };
  const builtin = BUILTIN_METHODS.get(receiverName)?.get(call.name);
  return builtin === undefined ? null : { title: `${receiverName}.${call.name}`, list: builtin.params, ret: builtin.ret };
}
