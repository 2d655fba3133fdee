// Modules are merged into one program, so two modules may each keep a private helper of the same
// name. As in the reference, every private top-level function or constant of an imported module
// gets a module-unique name (`_capa_m<N>__<name>`), rewritten at every use inside its own module;
// the manifest shows the name as written in `source_name`. Pure AST rewriting.

import type { Item, Program } from "../../syntax/ast.js";

/** An imported module's program with its private functions and constants renamed. */
export function renamePrivates(program: Program, moduleIndex: number): Program {
  const locals = localNames(program);
  const renames = new Map<string, string>();
  for (const item of program.items) {
    if ((item.kind === "Fun" || item.kind === "Const") && !item.isPub && !locals.has(item.name.name)) {
      renames.set(item.name.name, privateName(moduleIndex, item.name.name));
    }
  }
  if (renames.size === 0) return program;
  const items = program.items.map((item): Item => {
    const body = rewriteNames(item, renames) as Item;
    if ((body.kind === "Fun" || body.kind === "Const") && renames.has(body.name.name)) {
      return { ...body, name: { ...body.name, name: renames.get(body.name.name)! } } as Item;
    }
    return body;
  });
  return { ...program, items };
}

/** The renamed form of a module's private `name`. */
export function privateName(moduleIndex: number, name: string): string {
  return `_capa_m${moduleIndex}__${name}`;
}

/** The original name and module number behind a renamed private (`_capa_m2__helper`), else null. */
export function renamedPrivate(name: string): { readonly name: string; readonly module: number } | null {
  const m = /^_capa_m(\d+)__(.+)$/.exec(name);
  return m === null ? null : { name: m[2]!, module: Number(m[1]) };
}

/** Names bound as parameters, patterns or `var`s anywhere in the module: never renamed, so a
 * local that shadows a private helper keeps meaning the local. */
function localNames(program: Program): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const o = node as { kind?: string; name?: unknown };
    if ((o.kind === "Param" || o.kind === "NamePat") && typeof o.name === "string") out.add(o.name);
    if (o.kind === "Var" && typeof (o.name as { name?: unknown })?.name === "string") out.add((o.name as { name: string }).name);
    for (const [k, v] of Object.entries(node)) if (k !== "span") visit(v);
  };
  visit(program.items);
  return out;
}

/** A copy of `node` where every `Name` expression in `renames` is renamed (declarations untouched). */
function rewriteNames(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteNames(n, renames));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "span" ? v : rewriteNames(v, renames);
  const o = node as { kind?: string; name?: unknown };
  if (o.kind === "Name" && typeof o.name === "string" && renames.has(o.name)) out.name = renames.get(o.name);
  return out;
}
