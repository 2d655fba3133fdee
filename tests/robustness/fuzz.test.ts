// The robustness fuzzer: example programs damaged deterministically (tests/robustness/mutate.ts)
// go through the whole front end (parse, check, the capability model, the manifest) and, when
// they still check, through the interpreter under a step limit. Whatever the damage, the answer
// is diagnostics or a Capa run-time error, never an exception escaping a stage (which the CLI
// would print as "internal error" and exit 70) and never a run-time "internal error" (R7032).
// CAPA_FUZZ_COUNT raises the number of mutations per program for a longer search; CAPA_FUZZ_ALL=1
// damages every .capa file under tests/ as well (about 500 more seeds).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, hasErrors } from "../../src/pipeline.js";
import type { ModuleHost } from "../../src/check/modules/loader.js";
import { emitArtifact } from "../../src/emit/index.js";
import { diagnosticsToJson, renderDiagnostic } from "../../src/diagnostics/render.js";
import { ARTIFACT_FORMATS } from "../../src/emit/types.js";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { builtinCapabilities, runProgram } from "../../src/runtime/index.js";
import { R } from "../../src/runtime/messages.js";
import { mutations } from "./mutate.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCES = ["examples", "tests/runtime/programs"];
const PER_PROGRAM = Number(process.env.CAPA_FUZZ_COUNT ?? 60);

/** No imports resolve: a damaged `import` line must be a diagnostic, not a file read. */
const NO_MODULES: ModuleHost = { read: () => null, searchPath: [], join: (a, b) => `${a}/${b}`, dirname: (p) => p, absolute: (p) => p };

/** `.capa` files in `dir` (and below it when `deep`), relative to the repository. */
function capaFiles(dir: string, deep: boolean): string[] {
  return readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((f) => {
      const rel = `${dir}/${f}`;
      if (f.endsWith(".capa")) return [rel];
      return deep && statSync(join(ROOT, rel)).isDirectory() && f !== "attacks" ? capaFiles(rel, true) : [];
    });
}

function programs(): { file: string; source: string }[] {
  const files = process.env.CAPA_FUZZ_ALL === "1" ? ["examples", "tests"].flatMap((d) => capaFiles(d, true)) : SOURCES.flatMap((d) => capaFiles(d, false));
  return files.map((file) => ({ file, source: readFileSync(join(ROOT, file), "utf8") }));
}

/** What happened to one damaged program, or the exception that escaped. */
function attempt(damaged: string): string | null {
  try {
    const front = analyse(damaged, "fuzz.capa", NO_MODULES);
    // Printed as the CLI prints them, in both formats.
    const shown = [...front.syntax, ...front.check];
    for (const d of shown) renderDiagnostic(d, { sources: new Map([["fuzz.capa", damaged]]), color: false });
    diagnosticsToJson(shown);
    if (front.checked === null) return null;
    for (const format of ARTIFACT_FORMATS) {
      emitArtifact(format, { model: front.checked.model, sources: front.sources, timestamp: "2024-01-01T00:00:00Z", toolVersion: "fuzz" });
    }
    // Python would make each run seconds long; the bridge has its own tests.
    if (hasErrors(front) || /py_|Unsafe|Net/.test(damaged)) return null;
    const host = createCapturingHost({ env: {} });
    const outcome = runProgram(front.program, {
      args: [],
      host,
      capabilities: builtinCapabilities(host),
      argumentSlots: front.checked.typing.namedArgumentSlots,
      limits: { maxSteps: 20_000 },
    });
    if (outcome.failure?.code === R.hostError.code) return `run: ${outcome.failure.message}`;
    return null;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe("robustness fuzzer", () => {
  for (const { file, source } of programs()) {
    it(`damaged ${file}`, () => {
      const failures: string[] = [];
      mutations(source, PER_PROGRAM, source.length).forEach((damaged, i) => {
        const failure = attempt(damaged);
        if (failure !== null) failures.push(`mutation ${i}: ${failure}\n${damaged}`);
      });
      expect(failures.slice(0, 3)).toEqual([]);
    });
  }
});
