// Which files `capa test` runs: the project root is the nearest folder, from the first PATH (or
// the current folder) upward, that holds a capa.toml (only its presence is read here; the project
// model owns its contents), else the current folder. Tests are `tests/test_*.capa` under the root,
// or, when PATHs are given, those files and the `test_*.capa` files under those folders.

import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface TestFile {
  /** Absolute path of the test program. */
  readonly path: string;
  /** The path relative to the project root, with `/` separators: the test's name in every report. */
  readonly name: string;
}

export type Discovery =
  | { readonly ok: true; readonly root: string; readonly tests: readonly TestFile[] }
  | { readonly ok: false; readonly reason: "missing"; readonly path: string };

const isTestFile = (name: string): boolean => name.startsWith("test_") && name.endsWith(".capa");

/** The nearest folder from `start` upward that holds a capa.toml, or null. */
export function findProjectRoot(start: string): string | null {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, "capa.toml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function discoverTests(paths: readonly string[], cwd: string, filter: string | undefined): Discovery {
  const root = findProjectRoot(paths.length > 0 ? resolve(cwd, paths[0]!) : cwd) ?? resolve(cwd);
  const found: string[] = [];
  if (paths.length === 0) {
    const dir = join(root, "tests");
    if (existsSync(dir) && statSync(dir).isDirectory()) found.push(...testFilesUnder(dir, false));
  } else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      if (!existsSync(abs)) return { ok: false, reason: "missing", path: p };
      if (statSync(abs).isDirectory()) found.push(...testFilesUnder(existsSync(join(abs, "tests")) && abs === root ? join(abs, "tests") : abs, true));
      else found.push(abs);
    }
  }
  const unique = [...new Set(found)].sort();
  const tests = unique
    .map((path) => ({ path, name: relative(root, path).split(sep).join("/") }))
    .filter((t) => filter === undefined || t.name.includes(filter));
  return { ok: true, root, tests };
}

/** `test_*.capa` files in `dir` (and its sub-folders when `deep`), in a stable order. */
function testFilesUnder(dir: string, deep: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && deep && entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...testFilesUnder(full, true));
    else if (entry.isFile() && isTestFile(entry.name)) out.push(full);
  }
  return out;
}
