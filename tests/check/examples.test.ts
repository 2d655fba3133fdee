// Every example program in `examples/` checks clean (no errors; IFC warnings are allowed).
// Example projects (a folder with a capa.toml) resolve their imports through the project: they
// are checked end to end by tests/cli/test-command.test.ts and tests/projects instead.

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { capaFilesUnder, checkSource } from "./support.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

describe("examples check clean", () => {
  const inProject = (file: string): boolean => {
    for (let d = dirname(file); d.startsWith(EXAMPLES) && d !== EXAMPLES; d = dirname(d)) if (existsSync(join(d, "capa.toml"))) return true;
    return false;
  };
  for (const file of capaFilesUnder(EXAMPLES).filter((f) => !inProject(f))) {
    it(relative(EXAMPLES, file), () => {
      const checked = checkSource(readFileSync(file, "utf8"), `examples/${basename(file)}`);
      expect(checked.lines.filter((l) => l.includes(": error: "))).toEqual([]);
    });
  }
});
