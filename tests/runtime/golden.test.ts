// Every example / stdlib golden with an `.out` must reproduce the reference's stdout and exit code;
// stderr is compared where the runtime produces it (aborts: last line; eprintln: exactly).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { failureLine } from "../../src/runtime/index.js";
import { run } from "./support.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIRS = ["examples", "tests/golden/stdlib"];

const read = (p: string): string | null => (existsSync(p) ? readFileSync(p, "utf8") : null);

for (const dir of DIRS) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) continue;
  describe(`golden ${dir}`, () => {
    for (const name of readdirSync(abs).filter((f) => f.endsWith(".capa")).sort()) {
      const base = join(abs, name.slice(0, -".capa".length));
      const expectedOut = read(`${base}.out`);
      if (expectedOut === null) continue;
      const file = relative(ROOT, join(abs, name));
      it(file, () => {
        const argsText = read(`${base}.args`);
        const args = argsText === null ? [] : argsText.split("\n").filter((l, i, all) => !(i === all.length - 1 && l === ""));
        const stdin = read(`${base}.in`) ?? "";
        const r = run(readFileSync(join(abs, name), "utf8"), { file, args, stdin });
        expect(r.stdout).toBe(expectedOut);
        const exitText = read(`${base}.exit`);
        const expectedExit = exitText === null ? 0 : Number(exitText.trim());
        expect(r.outcome.exitCode).toBe(expectedExit);
        const err = read(`${base}.err`);
        if (r.outcome.failure) {
          // The reference's last stderr line is `<Kind>: <message>` or `panic: <message>`.
          const lines = (err ?? "").trimEnd().split("\n");
          expect(failureLine(r.outcome.failure)).toBe(lines[lines.length - 1]);
        } else if (r.outcome.mainError !== null) {
          // The CLI reports an Err returned by main as its last stderr line.
          expect(`${file}: main returned Err: ${r.outcome.mainError}`).toBe((err ?? "").trimEnd().split("\n").pop());
        } else if (err !== null && !err.includes(": warning: ")) {
          expect(r.stderr).toBe(err); // the program's own eprintln output
        } else {
          // Only checker warnings (the CLI prints those before running) may appear in .err here.
          expect(r.stderr).toBe("");
        }
      });
    }
  });
}
