// The authority oracle: for every function on the stack of every capability operation a run
// executes, the manifest must not exclude that capability and must list it as reachable.
// Runs over every example, every runnable test fixture, and generated programs (CI: 5,000 in
// batches of 20 per interpreter run; `CAPA_FUZZ_RUNS=100000` for a longer run).
import fc from "fast-check";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { programArb, renderProgram, type UnitSpec } from "./authority-gen.js";
import { runAuthorityOracle } from "./harness.js";

const ROOT = join(__dirname, "../..");
const RUNS = Number(process.env.CAPA_FUZZ_RUNS ?? 5000);
const BATCH = 20;

/** Every `.capa` file under `dir`, sorted. */
function capaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...capaFiles(path));
    else if (name.endsWith(".capa")) out.push(path);
  }
  return out;
}

const FIXTURE_DIRS = ["examples", "tests"];
/** Programs that start the Python sandbox take seconds each (~85 s for the 13 of them): they run
 * in the long run (`CAPA_FUZZ_RUNS` set) or with `CAPA_ORACLE_PYTHON=1`. */
const WITH_PYTHON = process.env.CAPA_FUZZ_RUNS !== undefined || process.env.CAPA_ORACLE_PYTHON === "1";

describe("authority oracle over examples and runnable fixtures", () => {
  const files = FIXTURE_DIRS.flatMap((d) => capaFiles(join(ROOT, d)));
  const scratch = mkdtempSync(join(tmpdir(), "capa-authority-"));
  it(`every example and fixture that checks and has main (${files.length} files looked at)`, () => {
    let ran = 0;
    const violations: unknown[] = [];
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      if (!/^fun main\(/m.test(text)) continue;
      if (!WITH_PYTHON && /\bpy_(import|invoke|grant)\(/.test(text)) continue;
      const rel = relative(ROOT, path);
      const sibling = (ext: string): string | undefined => (existsSync(path.replace(/\.capa$/, ext)) ? readFileSync(path.replace(/\.capa$/, ext), "utf8") : undefined);
      const args = sibling(".args")?.split("\n").filter((l) => l !== "") ?? [];
      const r = runAuthorityOracle(text, rel, { args, stdin: sibling(".in") ?? "", cwd: scratch });
      if (!r.accepted) continue;
      ran++;
      if (r.violations.length > 0) violations.push({ file: rel, violations: r.violations });
    }
    console.log(`authority oracle: ${ran} example/fixture programs run${WITH_PYTHON ? " (Python ones included)" : " (Python ones skipped)"}`);
    expect(ran).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  }, 300_000);
});

describe("authority oracle over generated programs", () => {
  it(`${RUNS} generated programs, ${BATCH} per run`, () => {
    let programs = 0;
    let accepted = 0;
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(programArb, { minLength: BATCH, maxLength: BATCH }), (batch: UnitSpec[][]) => {
        programs += batch.length;
        const r = runAuthorityOracle(renderProgram(batch.flat()), "generated.capa");
        if (!r.accepted) {
          // Attribute the rejection: count each program of the batch on its own.
          for (const p of batch) if (runAuthorityOracle(renderProgram(p), "generated.capa").accepted) accepted++;
          return true;
        }
        accepted += batch.length;
        expect(r.outcome!.failure).toBeNull();
        expect(r.violations).toEqual([]);
        return true;
      }),
      { numRuns: Math.ceil(RUNS / BATCH), seed: Number(process.env.CAPA_FUZZ_SEED ?? 20260601), endOnFailure: false },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`authority oracle: ${programs} generated programs, ${accepted} accepted (${((100 * accepted) / programs).toFixed(1)}%), ${seconds.toFixed(1)} s`);
    expect(accepted / programs).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
