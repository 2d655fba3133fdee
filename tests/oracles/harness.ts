// In-process drivers for the two oracles: check a program, run it on a capturing host (no
// process is spawned), and compare what happened with what the checker claimed.
import { analyse, hasErrors, type FrontEnd } from "../../src/pipeline.js";
import type { ModuleHost } from "../../src/check/modules/loader.js";
import { auditObservedAuthority, type AuthorityViolation } from "../../src/emit/observed.js";
import { createCapturingHost, type CapturingHost } from "../../src/runtime/capabilities/index.js";
import { builtinCapabilities, runProgram, type RunOutcome } from "../../src/runtime/index.js";

export interface OracleRun {
  readonly accepted: boolean;
  /** Error diagnostics when the program did not check. */
  readonly errors: readonly string[];
  readonly front: FrontEnd;
  readonly outcome: RunOutcome | null;
  readonly host: CapturingHost | null;
  readonly violations: readonly AuthorityViolation[];
}

export interface RunInputs {
  readonly env?: Record<string, string>;
  readonly args?: string[];
  readonly stdin?: string;
  readonly cwd?: string;
  /** Modules for `import` (defaults to the files beside `file`). */
  readonly moduleHost?: ModuleHost;
  /** Fixed entropy, so two runs of one program draw the same numbers. */
  readonly seed?: number;
}

const fixedBytes = (seed: number) => (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);

/** Checks `text`; when it checks, runs it observing authority and audits the observation. */
export function runAuthorityOracle(text: string, file: string, inputs: RunInputs = {}): OracleRun {
  const front = inputs.moduleHost === undefined ? analyse(text, file) : analyse(text, file, inputs.moduleHost);
  if (hasErrors(front)) {
    const errors = [...front.syntax, ...front.check].filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.span.col}: ${d.message}`);
    return { accepted: false, errors, front, outcome: null, host: null, violations: [] };
  }
  const host = createCapturingHost({
    env: inputs.env ?? {},
    args: inputs.args ?? [],
    stdin: inputs.stdin ?? "",
    cwd: inputs.cwd ?? process.cwd(),
    startSecs: 1_700_000_000,
    netLimits: { deadlineMs: 2_000 },
    randomBytes: fixedBytes(inputs.seed ?? 1),
  });
  const outcome = runProgram(front.program, { args: inputs.args ?? [], host, capabilities: builtinCapabilities(host), observeAuthority: true });
  const violations = auditObservedAuthority(front.checked!.model, outcome.observedAuthority!);
  return { accepted: true, errors: [], front, outcome, host, violations };
}
