// Shared by the project CLI tests: run the real `capa`, and make scratch project trees.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(ROOT, "tests/projects");

export function capa(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, CAPA_PATH: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `files` (path → text) under `dir` and returns it. */
export function tree(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
