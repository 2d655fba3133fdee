// The checker's diagnostics as LSP diagnostics: every one with its code, IFC source/sink hints
// ("source 7:27: ...") as related information pointing into the file, other hints kept as text.

import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver";
import type { Severity } from "../diagnostics/diagnostic.js";
import type { Analysis } from "./analysis.js";
import { LSP_TEXT } from "./messages.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** `source 7:27: parameter 'k' is declared @secret`: a step of an information-flow path. */
const PATH_HINT = /^([a-z][a-z ]*?) (\d+):(\d+): /;

export function lspDiagnostics(analysis: Analysis, uriOf: (path: string) => string): LspDiagnostic[] {
  const { front, path } = analysis;
  const own = analysis.sources.get(path)!;
  const firstImport = front.program.items.find((i) => i.kind === "Import" && i.span.file === path);
  return [...front.syntax, ...front.check].map((d) => {
    const local = d.span.file === path;
    const related: DiagnosticRelatedInformation[] = [];
    const notes: string[] = [];
    for (const hint of d.hints) {
      const m = PATH_HINT.exec(hint);
      const source = analysis.sources.get(d.span.file);
      if (m === null || source === undefined) {
        notes.push(hint);
        continue;
      }
      const at = source.position(Number(m[2]), Number(m[3]));
      related.push({ location: { uri: uriOf(d.span.file), range: { start: at, end: at } }, message: hint });
    }
    // A problem in an imported module is shown on the root's import, naming where it is.
    const range = local ? own.range(d.span) : own.range(firstImport?.span ?? { ...d.span, line: 1, col: 1, endLine: 1, endCol: 1 });
    const message = local ? d.message : LSP_TEXT.inModule(d.span.file, d.span.line, d.span.col, d.message);
    return {
      range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: "capa",
      message: [message, ...notes].join("\n"),
      ...(related.length > 0 ? { relatedInformation: related } : {}),
    } satisfies LspDiagnostic;
  });
}
