// A project on disk: the nearest capa.toml from a folder upward, and the graph of its path
// dependencies (each read from its own capa.toml, transitively). Problems are data.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { makeProblem, type Problem, type Span } from "../diagnostics/diagnostic.js";
import { PROJECT_MESSAGES as M } from "./messages.js";
import { parseManifest, type Manifest } from "./manifest.js";

export const MANIFEST_NAME = "capa.toml";

/** One package of the project: the root, or a dependency reached through `[dependencies]`. */
export interface ProjectPackage {
  /** The root's `[package].name`; a dependency's key in the manifest that declares it (its import prefix). */
  readonly name: string;
  /** Absolute folder. */
  readonly dir: string;
  /** Null when the folder has no readable capa.toml: its authority is unknown. */
  readonly manifest: Manifest | null;
  /** Whether the folder holds any .capa file; without one the package cannot be analysed. */
  readonly hasSource: boolean;
  /** Names of the packages it declares, sorted. */
  readonly dependencies: readonly string[];
}

export interface Project {
  readonly root: ProjectPackage & { readonly manifest: Manifest };
  /** Root first, then dependencies sorted by name. */
  readonly packages: readonly ProjectPackage[];
  /** Dependency name → folder (relative to the working folder when inside it): `import name.a.b` reads `<folder>/a/b.capa`. */
  readonly packageRoots: ReadonlyMap<string, string>;
}

export type ProjectLoad =
  | { readonly kind: "none"; readonly searchedFrom: string }
  | { readonly kind: "ok"; readonly project: Project; readonly texts: ReadonlyMap<string, string> }
  | { readonly kind: "error"; readonly problems: readonly Problem[]; readonly texts: ReadonlyMap<string, string> };

/** The nearest capa.toml in `startDir` or a folder above it (absolute), or null. */
export function findManifest(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, MANIFEST_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The project owning `startDir` (searched upward), with every path dependency read. */
export function loadProjectFrom(startDir: string, cwd = process.cwd()): ProjectLoad {
  const found = findManifest(startDir);
  if (found === null) return { kind: "none", searchedFrom: resolve(startDir) };
  return loadProject(found, cwd);
}

/** Reads the project whose root manifest is `manifestPath`. Paths in messages are relative to `cwd`. */
export function loadProject(manifestPath: string, cwd = process.cwd()): ProjectLoad {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  const shown = (abs: string): string => {
    const r = relative(cwd, abs);
    return r === "" || r.startsWith("..") || isAbsolute(r) ? abs : r;
  };
  const read = (abs: string): Manifest | null | "unreadable" => {
    let text: string;
    try {
      text = readFileSync(abs, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      problems.push(makeProblem(M.unreadableManifest, [shown(abs), (e as Error).message]));
      return "unreadable";
    }
    const file = shown(abs);
    texts.set(file, text);
    const parsed = parseManifest(text, file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return "unreadable";
    }
    return parsed.manifest;
  };

  const rootManifest = read(resolve(manifestPath));
  if (rootManifest === null || rootManifest === "unreadable") {
    if (rootManifest === null) problems.push(makeProblem(M.unreadableManifest, [shown(resolve(manifestPath)), "no such file"]));
    return { kind: "error", problems, texts };
  }
  const rootDir = dirname(resolve(manifestPath));
  const byDir = new Map<string, ProjectPackage>();
  const roots = new Map<string, { dir: string; span: Span }>();
  const visiting: string[] = [];

  const visit = (name: string, dir: string, manifest: Manifest | null): ProjectPackage => {
    visiting.push(dir);
    const deps: string[] = [];
    for (const d of manifest?.dependencies ?? []) {
      const depDir = resolve(dir, d.path);
      if (!existsSync(depDir) || !statSync(depDir).isDirectory()) {
        problems.push(makeProblem(M.missingDependency, [d.name, shown(depDir)], d.span));
        continue;
      }
      const bound = roots.get(d.name);
      if (bound !== undefined && bound.dir !== depDir) {
        problems.push(makeProblem(M.duplicateDependency, [d.name, shown(bound.dir), shown(depDir)], d.span));
        continue;
      }
      deps.push(d.name);
      if (visiting.includes(depDir)) {
        const cycle = [...visiting.slice(visiting.indexOf(depDir)), depDir].map(shown);
        problems.push(makeProblem(M.dependencyCycle, [cycle.join(" -> ")], d.span));
        continue;
      }
      roots.set(d.name, { dir: depDir, span: d.span });
      if (byDir.has(depDir)) continue;
      const m = read(join(depDir, MANIFEST_NAME));
      visit(d.name, depDir, m === "unreadable" ? null : m);
    }
    visiting.pop();
    const pkg: ProjectPackage = { name, dir, manifest, hasSource: containsCapaSource(dir), dependencies: [...new Set(deps)].sort() };
    byDir.set(dir, pkg);
    return pkg;
  };
  const root = visit(rootManifest.package.name, rootDir, rootManifest) as Project["root"];
  if (problems.length > 0) return { kind: "error", problems, texts };
  const deps = [...byDir.values()].filter((p) => p !== root).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // The root's own modules are importable by its name too, from its entry's folder (tests/ reaches src/ that way).
  // Shown paths, so diagnostics inside a dependency read deps/util/m.capa, not an absolute path.
  const packageRoots = new Map([...roots].map(([n, r]) => [n, shown(r.dir)]));
  if (!packageRoots.has(root.name)) packageRoots.set(root.name, shown(dirname(join(rootDir, rootManifest.package.entry))));
  return { kind: "ok", project: { root, packages: [root, ...deps], packageRoots }, texts };
}

/** The package a source file belongs to: the one whose folder most closely contains it. */
export function owningPackage(project: Project, file: string): ProjectPackage | null {
  const abs = resolve(file);
  let best: ProjectPackage | null = null;
  for (const p of project.packages) {
    if ((abs === p.dir || abs.startsWith(p.dir + sep)) && (best === null || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

/** The absolute entry point of the root package. */
export function entryPoint(project: Project): string {
  return join(project.root.dir, project.root.manifest.package.entry);
}

function containsCapaSource(dir: string, depth = 0): boolean {
  if (depth > 8) return false;
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) =>
    e.isFile() ? e.name.endsWith(".capa") : e.isDirectory() && e.name !== "node_modules" && containsCapaSource(join(dir, e.name), depth + 1),
  );
}
