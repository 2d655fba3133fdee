// Helpers for the run-time wrapper tests: a recording fake Net (so a test can show that a refused
// call never reached the capability) and a run that swaps it in for the real one.
import { builtinCapabilities, type CapabilityProvider } from "../../src/runtime/index.js";
import type { CapturingHost } from "../../src/runtime/capabilities/index.js";
import { run, type Ran, type RunOpts } from "../runtime/support.js";
import { checkSource } from "../check/support.js";

/** The program's checker errors must be none: these tests run only programs `capa --check` accepts. */
function assertChecks(source: string): void {
  const errors = checkSource(source).lines.filter((l) => l.includes(": error: "));
  if (errors.length > 0) throw new Error(`the test program does not check:\n${errors.join("\n")}`);
}

/** `run`, for a program that must pass the checker first. */
export function runChecked(source: string, opts: RunOpts = {}): Ran {
  assertChecks(source);
  return run(source, opts);
}

/** A Net stand-in that records every call that reaches it; `restrict_to` intersects like the real one. */
export function recordingNet(reached: string[], hosts: readonly string[] | null = null): object {
  return Object.freeze({
    capaType: "Net",
    restrict_to: (h: string) => recordingNet(reached, hosts === null ? [h] : hosts.filter((x) => x === h)),
    allows: (h: string) => hosts === null || hosts.includes(h),
    get: (url: string) => {
      reached.push(`get ${url}`);
      return { ok: true, value: `body of ${url}` };
    },
    post: (url: string, body: string) => {
      reached.push(`post ${url} ${body}`);
      return { ok: true, value: "posted" };
    },
  });
}

/** Runs `source` with the recording Net in place of the real one; other capabilities are real. */
export function runWithRecordingNet(source: string): Ran & { reached: string[] } {
  const reached: string[] = [];
  const provider = (host: CapturingHost): CapabilityProvider => {
    const real = builtinCapabilities(host);
    return { root: (typeName) => (typeName === "Net" ? recordingNet(reached) : real.root(typeName)) };
  };
  return { ...runChecked(source, { provider }), reached };
}

/** `Kind: message` of a run's failure, as the CLI prints it. */
export function failureLine(r: Ran): string | null {
  const f = r.outcome.failure;
  return f === null ? null : `${f.code} ${f.kind}: ${f.message}`;
}
