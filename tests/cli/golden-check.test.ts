// `capa --check` against outputs recorded from reference 1.32.1 (tests/golden/check): the same
// stdout line (including its counts), the same exit code, and the same diagnostic first lines
// (compared as a multiset: we sort every diagnostic by position, the reference by stage).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = "tests/golden/check";
const headLines = (text: string): string[] => text.split("\n").filter((l) => /: (error|warning): |: \d+ errors?$/.test(l)).sort();

describe("--check matches the reference's recorded output", () => {
  for (const name of readdirSync(join(ROOT, DIR)).filter((f) => f.endsWith(".capa"))) {
    const base = join(ROOT, DIR, name.slice(0, -".capa".length));
    if (!existsSync(`${base}.check.out`)) continue;
    it(name, () => {
      const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--check", `${DIR}/${name}`], { cwd: ROOT, encoding: "utf8" });
      expect(r.stdout).toBe(readFileSync(`${base}.check.out`, "utf8"));
      const exit = existsSync(`${base}.check.exit`) ? Number(readFileSync(`${base}.check.exit`, "utf8").trim()) : 0;
      expect(r.status).toBe(exit);
      const err = existsSync(`${base}.check.err`) ? readFileSync(`${base}.check.err`, "utf8") : "";
      expect(headLines(r.stderr)).toEqual(headLines(err));
    });
  }
});
