// Inlay hints: at the end of every call that passes authority (an argument of capability type),
// the capabilities it hands over — `greet(stdio, fs)  grants Stdio, Fs`.

import type { InlayHint, Range } from "vscode-languageserver";
import { typeToString } from "../check/types.js";
import type { Analysis } from "./analysis.js";
import { LSP_TEXT } from "./messages.js";

export function inlayHints(analysis: Analysis, range: Range): InlayHint[] {
  const index = analysis.index();
  const typing = analysis.front.checked?.typing;
  const source = analysis.sources.get(analysis.path)!;
  if (index === null || typing === undefined) return [];
  const hints: InlayHint[] = [];
  for (const call of index.calls) {
    if (call.span.file !== analysis.path || call.span.endLine - 1 < range.start.line || call.span.endLine - 1 > range.end.line) continue;
    const granted = new Set<string>();
    for (const arg of call.args) {
      const t = typing.typeOf(arg.value);
      if (t !== undefined && typing.isCapabilityType(t)) granted.add(typeToString(t));
    }
    if (granted.size === 0) continue;
    hints.push({ position: source.position(call.span.endLine, call.span.endCol), label: LSP_TEXT.grants([...granted].sort()), paddingLeft: true });
  }
  return hints;
}
