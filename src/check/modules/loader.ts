// Resolves `import a.b (as X)` into one merged program: every reachable module is parsed once and
// its items are added after the importing file's, each keeping spans into its own file. Files
// are read through the `ModuleHost` the caller passes in, so this stage does no I/O of its own.
// Search order per import (spec/modules.md): the importing file's directory, each CAPA_PATH
// entry, ./vendor, ./libraries, the root file's directory, then the bundled stdlib/.

import { DiagnosticBag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ImportDecl, Item, Program } from "../../syntax/ast.js";
import { parseSource, type ParseResult } from "../../syntax/index.js";
import { MODULE_MESSAGES as M } from "./messages.js";
import { renamePrivates } from "./privates.js";

export interface ModuleHost {
  /** The file's text, null when it does not exist or is not readable, or the offset of the first
   * byte that is not UTF-8 (such a file is refused, not decoded lossily). */
  read(path: string): string | null | { readonly badByte: number };
  /** Directories searched after the importing file's own (CAPA_PATH, vendor, libraries, root, stdlib). */
  readonly searchPath: readonly string[];
  /** Path arithmetic of the host platform; `absolute` identifies a file however it was reached. */
  join(...parts: string[]): string;
  dirname(path: string): string;
  absolute(path: string): string;
  /** A project's packages by name (spec/projects.md): `import name.a.b` reads only `<folder>/a/b.capa`. */
  readonly packageRoots?: ReadonlyMap<string, string>;
  /** Parses a file; the language server supplies its incremental parser (same AST), else `parseSource`. */
  readonly parse?: (text: string, path: string) => ParseResult;
}

export interface LoadedSource {
  readonly path: string;
  readonly text: string;
}

export interface LoadResult {
  readonly program: Program;
  /** Syntax and resolution diagnostics of every module, the root's included. */
  readonly diagnostics: Diagnostic[];
  /** Every file read, root first (for digests and provenance). */
  readonly sources: LoadedSource[];
}

/** Parses `rootText` and everything it imports, transitively. */
export function loadProgram(rootText: string, rootPath: string, host: ModuleHost): LoadResult {
  const bag = new DiagnosticBag();
  const diagnostics: Diagnostic[] = [];
  const sources: LoadedSource[] = [{ path: rootPath, text: rootText }];
  const parse = host.parse ?? parseSource;
  const root = parse(rootText, rootPath);
  diagnostics.push(...root.diagnostics);
  if (!root.program.items.some((i) => i.kind === "Import")) return { program: root.program, diagnostics, sources };

  const loaded = new Map<string, Program>([[host.absolute(rootPath), root.program]]);
  const order: Program[] = [];
  const visiting: string[] = [];

  const visit = (program: Program, path: string): void => {
    visiting.push(host.absolute(path));
    for (const item of program.items) {
      if (item.kind !== "Import") continue;
      const found = resolve(item, path, host);
      if (found === null) {
        bag.report(M.unresolved, item.span, [item.path.join("."), candidates(item, path, host).map((c) => host.absolute(c)).join(", ")]);
        continue;
      }
      if ("badByte" in found) {
        bag.report(M.notUtf8, item.span, [item.path.join("."), found.path, found.badByte]);
        continue;
      }
      const key = host.absolute(found.path);
      if (visiting.includes(key)) {
        const cycle = [...visiting.slice(visiting.indexOf(key)), key];
        bag.report(M.cycle, item.span, [cycle.join(" -> ")]);
        continue;
      }
      if (loaded.has(key)) continue;
      const parsed = parse(found.text, found.path);
      diagnostics.push(...parsed.diagnostics);
      loaded.set(key, parsed.program);
      sources.push(found);
      visit(parsed.program, found.path);
      order.push(parsed.program);
    }
    visiting.pop();
  };
  visit(root.program, rootPath);

  // Private helpers of different modules may share a name: each gets a module-unique one.
  const modules = order.map((p, i) => renamePrivates(p, i + 1));
  // Imported items first (dependencies before dependants), then the root's; one import per alias.
  const seenAliases = new Set<string>();
  const items: Item[] = [];
  for (const p of [...modules, root.program]) {
    for (const item of p.items) {
      if (item.kind === "Import") {
        const alias = aliasOf(item);
        if (seenAliases.has(alias)) continue;
        seenAliases.add(alias);
      }
      items.push(item);
    }
  }
  diagnostics.push(...bag.sorted());
  return { program: { ...root.program, items }, diagnostics, sources };
}

/** The name an import binds: `as X`, else the last path segment. */
export function aliasOf(i: ImportDecl): string {
  return i.alias ?? i.path[i.path.length - 1]!;
}

function candidates(i: ImportDecl, fromPath: string, host: ModuleHost): string[] {
  const rel = `${i.path.join("/")}.capa`;
  const packageRoot = i.path.length > 1 ? host.packageRoots?.get(i.path[0]!) : undefined;
  if (packageRoot !== undefined) return [host.join(packageRoot, `${i.path.slice(1).join("/")}.capa`)];
  const dirs = [host.dirname(fromPath), ...host.searchPath];
  const seen = new Set<string>();
  return dirs.map((d) => host.join(d, rel)).filter((p) => !seen.has(host.absolute(p)) && seen.add(host.absolute(p)) !== undefined);
}

function resolve(i: ImportDecl, fromPath: string, host: ModuleHost): LoadedSource | { path: string; badByte: number } | null {
  for (const path of candidates(i, fromPath, host)) {
    const text = host.read(path);
    if (typeof text === "string") return { path, text };
    if (text !== null) return { path, badByte: text.badByte };
  }
  return null;
}
