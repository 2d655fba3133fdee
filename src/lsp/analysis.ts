// One analysis of one open document: the pipeline's own front end (lex, parse, imports, check)
// over the editor's text, with open documents shadowing the files they edit, so an imported
// module being edited is read as the editor holds it. Files are parsed incrementally (the
// caller keeps one parser across analyses). The symbol index is built on first request.

import { resolve } from "node:path";
import { analyse, fileModuleHost, type FrontEnd } from "../pipeline.js";
import type { ModuleHost } from "../check/modules/loader.js";
import { IncrementalParser } from "./incremental-parse.js";
import { buildSymbolIndex, spanKey, type SymbolIndex } from "./symbol-index.js";
import type { Span } from "../diagnostics/diagnostic.js";
import type { Flow } from "../check/ifc/labels.js";
import { SourceText } from "./text.js";

export interface Analysis {
  readonly path: string;
  readonly version: number;
  readonly front: FrontEnd;
  /** The text of every file the program is made of, by path as spans name it. */
  readonly sources: ReadonlyMap<string, SourceText>;
  /** Position → symbol tables; null when the program did not reach the checker. */
  index(): SymbolIndex | null;
  /** Bindings the information-flow pass found @secret, by `spanKey` of the binding, with the path
   * the secret came by. */
  readonly secretBindings: ReadonlyMap<string, Flow>;
}

/** The text the editor holds for an absolute path, when that file is open. */
export type OpenText = (absolutePath: string) => string | undefined;

export function analyseDocument(path: string, text: string, version: number, openText: OpenText, parser: IncrementalParser = new IncrementalParser()): Analysis {
  const secretBindings = new Map<string, Flow>();
  const onIfcBinding = (span: Span, secret: Flow | null): void => {
    if (secret !== null && !secretBindings.has(spanKey(span))) secretBindings.set(spanKey(span), secret);
  };
  const front = analyse(text, path, { ...overlayHost(fileModuleHost(path), openText), parse: (t, p) => parser.parse(t, p) }, { onIfcBinding });
  const sources = new Map(front.sources.map((s) => [s.path, new SourceText(s.text)]));
  let index: SymbolIndex | null | undefined;
  return {
    path,
    version,
    front,
    sources,
    secretBindings,
    index: () => (index ??= front.checked === null ? null : buildSymbolIndex(front.program, front.checked.typing, sources)),
  };
}

function overlayHost(host: ModuleHost, openText: OpenText): ModuleHost {
  return { ...host, read: (path) => openText(resolve(path)) ?? host.read(path) };
}
