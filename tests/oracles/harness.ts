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
  return runFront(front, inputs);
}

function runFront(front: FrontEnd, inputs: RunInputs): OracleRun {
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
  const outcome = runProgram(front.program, {
    args: inputs.args ?? [],
    host,
    capabilities: builtinCapabilities(host),
    observeAuthority: true,
    // The checker's binding of named arguments, as `capa --run` hands it to the interpreter.
    argumentSlots: front.checked!.typing.namedArgumentSlots,
  });
  const violations = auditObservedAuthority(front.checked!.model, outcome.observedAuthority!);
  return { accepted: true, errors: [], front, outcome, host, violations };
}

export interface NoninterferenceRun {
  readonly accepted: boolean;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
  /** What reached public sinks in each run, when the program checked. */
  readonly observations: readonly string[];
  readonly differs: boolean;
}

/** Public observations of one run: stdout and stderr in order, how it ended, and the
 * capability operations it performed (files touched, requests made) in order. */
function publicObservation(r: OracleRun): string {
  const events = r.host!.events().map((e) => `${e.stream}:${e.text}`);
  const ops = r.outcome!.observedAuthority!.operations.map((o) => `${o.capability}.${o.method}:${o.outcome}x${o.count}`);
  const failure = r.outcome!.failure === null ? "ok" : `${r.outcome!.failure.kind}: ${r.outcome!.failure.message}`;
  return JSON.stringify({ events, ops, failure, exit: r.outcome!.exitCode });
}

/** Runs `text` once per environment in `secrets` and compares the public observations. */
export function runNoninterferenceOracle(text: string, file: string, secrets: readonly Record<string, string>[]): NoninterferenceRun {
  const front = analyse(text, file);
  const runs = hasErrors(front) ? [runFront(front, {})] : secrets.map((env) => runFront(front, { env }));
  const first = runs[0]!;
  if (!first.accepted) {
    const errors = [...first.front.syntax, ...first.front.check].filter((d) => d.severity === "error").map((d) => ({ line: d.span.line, message: d.message }));
    return { accepted: false, errors, observations: [], differs: false };
  }
  const observations = runs.map(publicObservation);
  return { accepted: true, errors: [], observations, differs: observations.some((o) => o !== observations[0]) };
}
