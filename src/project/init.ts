// `capa init [DIR]`: a starter project that `capa --check` accepts. The files are data
// (`starterFiles`); `writeStarter` puts them on disk and reports a failure as data.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { makeProblem, type Problem } from "../diagnostics/diagnostic.js";
import { PROJECT_MESSAGES as M } from "./messages.js";
import { DEFAULT_ENTRY } from "./manifest.js";
import { MANIFEST_NAME } from "./load.js";

/** A package name from a folder name: an identifier (see manifest.ts), `app` when nothing is left. */
export function packageNameFor(dir: string): string {
  const cleaned = basename(resolve(dir)).replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "");
  return cleaned === "" ? "app" : cleaned;
}

/** Relative path → contents. */
export function starterFiles(name: string): ReadonlyMap<string, string> {
  return new Map([
    [
      MANIFEST_NAME,
      [
        "[package]",
        `name = "${name}"`,
        'version = "0.1.0"',
        'license = "MIT"',
        `description = "The ${name} package"`,
        `entry = "${DEFAULT_ENTRY}"`,
        "",
        "[dependencies]",
        '# util = { path = "deps/util" }',
        "",
        "[capabilities]",
        'max = ["Stdio"]',
        "",
      ].join("\n"),
    ],
    [
      DEFAULT_ENTRY,
      ["import greeting", "", "fun main(stdio: Stdio)", '    stdio.println(greeting.greet("world"))', ""].join("\n"),
    ],
    [
      "src/greeting.capa",
      [
        "/// Greets whoever is named; pure, so it needs no capability.",
        "pub fun greet(who: String) -> String",
        '    return "Hello, ${who}!"',
        "",
      ].join("\n"),
    ],
    [
      "tests/test_main.capa",
      [
        "// The package's own modules are imported by its name: `import <name>.<module>`.",
        `import ${name}.greeting`,
        "",
        "fun main(stdio: Stdio)",
        '    let got = greeting.greet("Capa")',
        '    if got != "Hello, Capa!"',
        '        panic("greet returned ${got}")',
        '    stdio.println("ok")',
        "",
      ].join("\n"),
    ],
  ]);
}

/** Writes the starter project into `dir`; refuses to overwrite an existing capa.toml. */
export function writeStarter(dir: string): { ok: true; written: string[] } | { ok: false; problem: Problem } {
  const manifest = join(dir, MANIFEST_NAME);
  if (existsSync(manifest)) return { ok: false, problem: makeProblem(M.initExists, [manifest]) };
  const written: string[] = [];
  for (const [rel, text] of starterFiles(packageNameFor(dir))) {
    const path = join(dir, rel);
    if (existsSync(path)) continue; // an existing source is the user's: keep it
    try {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
    } catch (e) {
      return { ok: false, problem: makeProblem(M.initFailed, [path, (e as Error).message]) };
    }
    written.push(path);
  }
  return { ok: true, written };
}
