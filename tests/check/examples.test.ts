// Every example program in `examples/` checks clean (no errors; IFC warnings are allowed).

import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { capaFilesUnder, checkSource } from "./support.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

describe("examples check clean", () => {
  for (const file of capaFilesUnder(EXAMPLES)) {
    it(basename(file), () => {
      const checked = checkSource(readFileSync(file, "utf8"), `examples/${basename(file)}`);
      expect(checked.lines.filter((l) => l.includes(": error: "))).toEqual([]);
    });
  }
});
