// bench/compare's workloads and their hand-written JS twins must print the same bytes, and both the
// recorded `.out` (a ratio between programs that compute different things would be meaningless).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../runtime/support.js";

const DIR = join(import.meta.dirname, "..", "..", "bench", "compare");
const NAMES = ["hello", "fib", "structs", "bigint", "sort", "mapset"];

describe("bench/compare twins", () => {
  for (const name of NAMES) {
    it(`${name}: the Capa program, its JS twin and ${name}.out agree`, () => {
      const expected = readFileSync(join(DIR, `${name}.out`), "utf8");
      const twin = execFileSync(process.execPath, [join(DIR, `${name}.mjs`)], { encoding: "utf8" });
      const ours = run(readFileSync(join(DIR, `${name}.capa`), "utf8"), { file: `${name}.capa` });
      expect(ours.outcome.failure ?? null).toBeNull();
      expect(twin).toBe(expected);
      expect(ours.stdout).toBe(expected);
    }, 60_000);
  }
});
