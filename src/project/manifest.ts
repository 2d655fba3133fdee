// `capa.toml`: parsed with smol-toml, then validated against a closed schema. Every problem is
// data with the file:line:col of the key (or of the TOML syntax error); nothing throws.

import { makeProblem, type DiagnosticSpec, type Problem, type Span } from "../diagnostics/diagnostic.js";
import { BUILTIN_CAPABILITIES } from "../check/model.js";
import { PROJECT_MESSAGES as M } from "./messages.js";
import { spdxExpressionProblem } from "./spdx-expression.js";
import { isTable, readToml, type Table } from "./toml.js";

/** Capabilities a ceiling may allow: every built-in but Unsafe, which is authority-unknown. */
export const CEILING_CAPABILITIES: readonly string[] = BUILTIN_CAPABILITIES.filter((c) => c !== "Unsafe");

export const DEFAULT_ENTRY = "src/main.capa";

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly license: string | null;
  readonly authors: readonly string[];
  readonly supplier: string | null;
  readonly description: string | null;
  /** Entry point relative to the manifest's folder (`entry`, default src/main.capa). */
  readonly entry: string;
}

export interface DependencyDecl {
  readonly name: string;
  /** As written, relative to the manifest's folder. */
  readonly path: string;
  /** Where the declaration is, for messages about the dependency. */
  readonly span: Span;
}

export interface CapabilityCeiling {
  /** Sorted; empty for `pure = true`. */
  readonly max: readonly string[];
  readonly allowUnknown: boolean;
}

export interface Manifest {
  readonly path: string;
  readonly package: PackageInfo;
  readonly dependencies: readonly DependencyDecl[];
  /** Null when there is no [capabilities] table: the package is not constrained. */
  readonly ceiling: CapabilityCeiling | null;
}

export type ManifestResult = { readonly ok: true; readonly manifest: Manifest } | { readonly ok: false; readonly problems: readonly Problem[] };

const TOP_KEYS = ["package", "dependencies", "capabilities"];
const PACKAGE_KEYS = ["name", "version", "license", "authors", "supplier", "description", "entry"];
const DEPENDENCY_KEYS = ["path"];
const CEILING_KEYS = ["max", "pure", "allow_unknown"];
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;


/** Parses and validates one capa.toml; `path` names it in every message. */
export function parseManifest(text: string, path: string): ManifestResult {
  const read = readToml(text);
  if (!read.ok) return { ok: false, problems: [makeProblem(M.badToml, [read.why], point(path, read.line, read.column))] };
  const data = read.data;
  const problems: Problem[] = [];
  const at = (table: string, key: string, inner?: string): Span => locate(text, path, table, key, inner);
  const report = <A extends unknown[]>(entry: DiagnosticSpec<A>, args: A, span: Span): void => {
    problems.push(makeProblem(entry, args, span));
  };
  const closed = (table: Table, name: string, known: readonly string[], spanOf: (k: string) => Span): void => {
    for (const k of Object.keys(table)) if (!known.includes(k)) report(M.unknownKey, [name, k, known.join(", ")], spanOf(k));
  };

  closed(data, "capa.toml", TOP_KEYS, (k) => at("", k));
  const pkg = data.package;
  if (!isTable(pkg)) {
    report(pkg === undefined ? M.missingKey : M.wrongType, pkg === undefined ? ["capa.toml", "[package]"] : ["package", "a table"], at("", "package"));
    return { ok: false, problems };
  }
  closed(pkg, "[package]", PACKAGE_KEYS, (k) => at("package", k));
  const str = (key: string, required: boolean): string | null => {
    const v = pkg[key];
    if (v === undefined) {
      if (required) report(M.missingKey, ["[package]", key], at("package", ""));
      return null;
    }
    if (typeof v !== "string") {
      report(M.wrongType, [`[package].${key}`, "a string"], at("package", key));
      return null;
    }
    return v;
  };
  const name = str("name", true);
  if (name !== null && !NAME.test(name)) report(M.badName, [name], at("package", "name"));
  const version = str("version", true);
  const license = str("license", false);
  if (license !== null) {
    const why = spdxExpressionProblem(license);
    if (why !== null) report(M.badLicense, [license, why], at("package", "license"));
  }
  let authors: string[] = [];
  if (pkg.authors !== undefined) {
    if (Array.isArray(pkg.authors) && pkg.authors.every((a) => typeof a === "string")) authors = pkg.authors as string[];
    else report(M.wrongType, ["[package].authors", "a list of strings"], at("package", "authors"));
  }
  const supplier = str("supplier", false);
  const description = str("description", false);
  const entry = str("entry", false) ?? DEFAULT_ENTRY;
  if (!entry.endsWith(".capa") || entry.startsWith("/") || entry.split(/[\\/]/).includes("..")) report(M.badEntry, [entry], at("package", "entry"));

  const dependencies = parseDependencies(data.dependencies, at, report);
  const ceiling = parseCeiling(data.capabilities, at, report);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    manifest: {
      path,
      package: { name: name!, version: version!, license, authors, supplier, description, entry },
      dependencies,
      ceiling,
    },
  };
}

type At = (table: string, key: string, inner?: string) => Span;
type Report = <A extends unknown[]>(entry: DiagnosticSpec<A>, args: A, span: Span) => void;

function parseDependencies(deps: unknown, at: At, report: Report): DependencyDecl[] {
  if (deps === undefined) return [];
  if (!isTable(deps)) {
    report(M.wrongType, ["dependencies", "a table"], at("", "dependencies"));
    return [];
  }
  const out: DependencyDecl[] = [];
  for (const [name, decl] of Object.entries(deps)) {
    const span = at("dependencies", name);
    if (!NAME.test(name)) report(M.badName, [name], span);
    if (!isTable(decl)) {
      report(M.wrongType, [`[dependencies].${name}`, "a table such as { path = \"deps/" + name + "\" }"], span);
      continue;
    }
    for (const k of Object.keys(decl)) {
      if (!DEPENDENCY_KEYS.includes(k)) report(M.unknownKey, [`[dependencies].${name}`, k, DEPENDENCY_KEYS.join(", ")], at("dependencies", name, k));
    }
    if (decl.path === undefined) report(M.missingKey, [`[dependencies].${name}`, "path"], span);
    else if (typeof decl.path !== "string") report(M.wrongType, [`[dependencies].${name}.path`, "a string"], at("dependencies", name, "path"));
    else out.push({ name, path: decl.path, span });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseCeiling(caps: unknown, at: At, report: Report): CapabilityCeiling | null {
  if (caps === undefined) return null;
  if (!isTable(caps)) {
    report(M.wrongType, ["capabilities", "a table"], at("", "capabilities"));
    return null;
  }
  for (const k of Object.keys(caps)) {
    if (!CEILING_KEYS.includes(k)) report(M.unknownKey, ["[capabilities]", k, CEILING_KEYS.join(", ")], at("capabilities", k));
  }
  let max: string[] | null = null;
  if (caps.max !== undefined) {
    if (!Array.isArray(caps.max) || !caps.max.every((c) => typeof c === "string")) {
      report(M.wrongType, ["[capabilities].max", "a list of capability names"], at("capabilities", "max"));
    } else {
      max = [...new Set(caps.max as string[])].sort();
      for (const c of max) {
        if (!CEILING_CAPABILITIES.includes(c)) report(M.unknownCapability, [c, CEILING_CAPABILITIES.join(", ")], at("capabilities", "max"));
      }
    }
  }
  const flag = (key: string): boolean | null => {
    const v = caps[key];
    if (v === undefined) return null;
    if (typeof v !== "boolean") {
      report(M.wrongType, [`[capabilities].${key}`, "true or false"], at("capabilities", key));
      return null;
    }
    return v;
  };
  const pure = flag("pure");
  const allowUnknown = flag("allow_unknown") ?? false;
  if (pure === true && max !== null && max.length > 0) report(M.pureConflict, [], at("capabilities", "pure"));
  if (pure !== true && max === null && caps.max === undefined) report(M.emptyCeiling, [], at("capabilities", ""));
  return { max: pure === true ? [] : (max ?? []), allowUnknown };
}

function point(file: string, line: number, col: number, length = 1): Span {
  return { file, line, col, endLine: line, endCol: col + length };
}

/**
 * Where `key` of `[table]` is written (or, with `inner`, the key `inner` inside that key's inline
 * table or its `[table.key]` sub-table). smol-toml gives no positions for values, so the text is
 * scanned: table headers and `key =` lines. An empty `key` means the table's header. Falls back
 * to the table header, then to 1:1.
 */
function locate(text: string, file: string, table: string, key: string, inner?: string): Span {
  const lines = text.split(/\r?\n/);
  let current = "";
  let header: Span | null = null;
  const keyPattern = (k: string): RegExp => new RegExp(`^(\\s*)(["']?)${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\2\\s*[=.]`);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const h = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (h !== null) {
      current = h[1]!.replace(/\s*\.\s*/g, ".").replace(/["']/g, "");
      if (current === table && header === null) header = point(file, n + 1, line.indexOf("[") + 1, line.trim().length);
      if (inner !== undefined && current === `${table}.${key}`) header = point(file, n + 1, line.indexOf("[") + 1, line.trim().length);
      if (key === "" && current === table) return header!;
      if (table === "" && current.split(".")[0] === key) return point(file, n + 1, line.indexOf("[") + 1, line.trim().length);
      continue;
    }
    if (inner !== undefined && current === `${table}.${key}`) {
      const m = keyPattern(inner).exec(line);
      if (m !== null) return point(file, n + 1, m[1]!.length + 1, inner.length);
    }
    if (current !== table || key === "") continue;
    const m = keyPattern(key).exec(line);
    if (m === null) continue;
    if (inner !== undefined) {
      const within = new RegExp(`[{,]\\s*(["']?)${inner}\\1\\s*=`).exec(line);
      if (within !== null) return point(file, n + 1, within.index + within[0].indexOf(inner) + 1, inner.length);
    }
    return point(file, n + 1, m[1]!.length + 1, key.length);
  }
  return header ?? point(file, 1, 1);
}
