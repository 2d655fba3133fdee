// Go to definition, find references and rename: all answered from the symbol index, across every
// module the program imports (their spans name their own files).

import type { Location, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type { Analysis } from "./analysis.js";
import { occurrenceAt, spanKey, type Occurrence, type SymbolIndex } from "./symbol-index.js";
import type { SourcePoint } from "./text.js";

export type UriOf = (path: string) => string;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(
  "fun type trait impl capability extern const pub import as let var if then elif else match while for in break continue return true false and or not self Self consume linear typestate become async await yield defer where mut".split(" "),
);

export function definition(analysis: Analysis, p: SourcePoint, uriOf: UriOf): Location[] {
  const index = analysis.index();
  const occ = index === null ? undefined : occurrenceAt(index, analysis.path, p);
  if (index === null || occ === undefined) return [];
  if (occ.key.startsWith("m:")) {
    const file = [...analysis.sources.keys()].find((f) => f.replace(/\\/g, "/").endsWith(`/${occ.key.slice(2).replace(/\./g, "/")}.capa`));
    if (file !== undefined) return [{ uri: uriOf(file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  const decl = index.declarations.get(occ.key);
  const location = decl === undefined ? null : locate(analysis, decl.span, uriOf);
  return location === null ? [] : [location];
}

export function references(analysis: Analysis, p: SourcePoint, includeDeclaration: boolean, uriOf: UriOf): Location[] {
  const index = analysis.index();
  const occ = index === null ? undefined : occurrenceAt(index, analysis.path, p);
  if (index === null || occ === undefined) return [];
  return sameSymbol(index, occ)
    .filter((o) => includeDeclaration || !o.isDecl)
    .flatMap((o) => locate(analysis, o.span, uriOf) ?? []);
}

/** The range of a renameable name at `p`: a local, a parameter or a function of this program. */
export function prepareRename(analysis: Analysis, p: SourcePoint): Range | null {
  const index = analysis.index();
  const occ = index === null ? undefined : occurrenceAt(index, analysis.path, p);
  if (index === null || occ === undefined || !renameable(index, occ)) return null;
  return analysis.sources.get(analysis.path)!.range(occ.span);
}

export function rename(analysis: Analysis, p: SourcePoint, newName: string, uriOf: UriOf): WorkspaceEdit | null {
  const index = analysis.index();
  const occ = index === null ? undefined : occurrenceAt(index, analysis.path, p);
  if (index === null || occ === undefined || !renameable(index, occ) || !IDENTIFIER.test(newName) || KEYWORDS.has(newName)) return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const o of sameSymbol(index, occ)) {
    const location = locate(analysis, o.span, uriOf);
    if (location !== null) (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return { changes };
}

function renameable(index: SymbolIndex, occ: Occurrence): boolean {
  if (occ.key.startsWith("l:")) return true;
  const fn = index.functionOfKey.get(occ.key);
  // A trait or capability method is named by every implementation too: not renamed from one site.
  return fn !== undefined && (fn.origin === "function" || (fn.origin === "implMethod" && fn.implOf === null));
}

/** Every occurrence of the symbol at `occ`, each place once. */
function sameSymbol(index: SymbolIndex, occ: Occurrence): Occurrence[] {
  const seen = new Set<string>();
  return index.occurrences.filter((o) => {
    if (o.key !== occ.key || seen.has(spanKey(o.span))) return false;
    seen.add(spanKey(o.span));
    return true;
  });
}

function locate(analysis: Analysis, span: Occurrence["span"], uriOf: UriOf): Location | null {
  const source = analysis.sources.get(span.file);
  return source === undefined ? null : { uri: uriOf(span.file), range: source.range(span) };
}
