// The noninterference oracle: a unit that `--check` accepts under `@strict_ifc()` must send the
// same things to public sinks (stdout, stderr, the capability operations it performs: files,
// requests) whatever the @secret inputs. Each generated program runs twice with two secret
// environments of equal lengths and different contents; any difference in what an accepted
// program shows is a false negative of the IFC analysis.
// CI: 5,000 generated units, 20 per program (rejected units are dropped by their line range and
// the rest re-checked); `CAPA_FUZZ_RUNS=100000` for a longer run; `CAPA_ORACLE_DUMP=FILE` writes a
// program whose runs differ to FILE, to debug it with `capa --check` / `--run`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderIfcBatch, SECRET_VALUES, unitArb, type IfcStmt } from "./ifc-gen.js";
import { runNoninterferenceOracle } from "./harness.js";

const RUNS = Number(process.env.CAPA_FUZZ_RUNS ?? 5000);
const BATCH = 20;

describe("noninterference oracle over generated strict-IFC programs", () => {
  it(`${RUNS} generated units, ${BATCH} per program`, () => {
    let units = 0;
    let accepted = 0;
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: BATCH, maxLength: BATCH }), (batch: IfcStmt[][]) => {
        units += batch.length;
        let kept = batch.map((stmts, k) => ({ k, stmts }));
        let { text, ranges } = renderIfcBatch(kept);
        let r = runNoninterferenceOracle(text, "generated.capa", SECRET_VALUES);
        if (!r.accepted) {
          // Drop every unit a diagnostic points into, then check what is left once more.
          const rejected = new Set(r.errors.map((e) => ranges.find((g) => e.line >= g.from && e.line <= g.to)?.k));
          expect(rejected.has(undefined)).toBe(false);
          kept = kept.filter((u) => !rejected.has(u.k));
          if (kept.length === 0) return true;
          ({ text, ranges } = renderIfcBatch(kept));
          r = runNoninterferenceOracle(text, "generated.capa", SECRET_VALUES);
          expect(r.errors).toEqual([]);
        }
        accepted += kept.length;
        if (r.differs && process.env.CAPA_ORACLE_DUMP) require("node:fs").writeFileSync(process.env.CAPA_ORACLE_DUMP, text);
        if (r.differs) expect({ program: text, observations: r.observations }).toEqual({ program: text, observations: [r.observations[0], r.observations[0]] });
        return true;
      }),
      { numRuns: Math.ceil(RUNS / BATCH), seed: Number(process.env.CAPA_FUZZ_SEED ?? 20260601), endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`noninterference oracle: ${units} generated units, ${accepted} accepted (${((100 * accepted) / units).toFixed(1)}%), ${seconds.toFixed(1)} s`);
    expect(accepted / units).toBeGreaterThanOrEqual(0.4);
  }, 600_000);
});

describe("the noninterference oracle itself", () => {
  it("sees a secret that reaches stdout in a program checked without @strict_ifc (a warning only)", () => {
    const text = [
      "fun main(stdio: Stdio, env: Env)",
      '    let a = env.get("CAPA_SECRET_A").unwrap_or("")',
      '    stdio.println("starts with a: ${a.starts_with(\"a\")}")',
      "",
    ].join("\n");
    const r = runNoninterferenceOracle(text, "leak.capa", SECRET_VALUES);
    expect(r.accepted).toBe(true);
    expect(r.differs).toBe(true);
  });

  it("finds no difference where only lengths are declassified", () => {
    const text = [
      "@strict_ifc()",
      "fun show(stdio: Stdio, a: @secret String)",
      '    stdio.println("${declassify(a.length(), reason: \\"lengths are public\\")}")',
      "",
      "fun main(stdio: Stdio, env: Env)",
      '    show(stdio, env.get("CAPA_SECRET_A").unwrap_or(""))',
      "",
    ].join("\n");
    const r = runNoninterferenceOracle(text, "lengths.capa", SECRET_VALUES);
    expect(r.errors).toEqual([]);
    expect(r.differs).toBe(false);
  });
});
