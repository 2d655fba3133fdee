// Data-driven checker fixtures: every `.capa` under `tests/check/cases/` and `tests/soundness/`
// is parsed and checked, and its rendered diagnostics must equal the `.expected` file beside it
// (one `LINE:COL: SEVERITY: MESSAGE` per line, compared as a sorted list; empty = clean).
// The expected files were recorded from the reference implementation's `--check`.

import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { capaFilesUnder, checkSource, expectedLines } from "./support.js";

const REPO = join(import.meta.dirname, "..", "..");
const SUITES = [join(REPO, "tests", "check", "cases"), join(REPO, "tests", "soundness")];

for (const suite of SUITES) {
  const files = capaFilesUnder(suite);
  // tests/soundness is filled by another engineer; an absent folder has nothing to run yet.
  if (files.length === 0) continue;
  describe(relative(REPO, suite), () => {
    for (const file of files) {
      const name = relative(suite, file);
      it(name, () => {
        const rel = relative(REPO, file);
        const checked = checkSource(readFileSync(file, "utf8"), rel);
        expect([...new Set(checked.lines)].sort()).toEqual([...new Set(expectedLines(file))]);
      });
    }
  });
}
