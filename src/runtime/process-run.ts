// A checked program run against the real process (its streams, environment, file system and
// network), with the test fakes applied: the same on the interpreter's worker thread and on the
// main thread (runner.ts decides which).
import { createProcessHost, type FsCapability } from "./capabilities/index.js";
import type { CapabilityProvider } from "./capabilityAdapter.js";
import { builtinCapabilities, runProgram, type PositionCell, type RunOutcome } from "./index.js";
import type { ThreadRequest } from "./thread.js";

export function runAgainstProcess(request: ThreadRequest, position: PositionCell, pythonPid?: Int32Array): RunOutcome {
  const { args, program, argumentSlots, limits, observeAuthority, fakes } = request;
  const host = createProcessHost({ args, ...(fakes?.fsRoot === undefined ? {} : { cwd: fakes.fsRoot }), ...(fakes?.clockSecs === undefined ? {} : { fakeClockSecs: fakes.clockSecs }) });
  const outcome = runProgram(program, {
    args,
    host,
    capabilities: rootedCapabilities(builtinCapabilities(host), fakes?.fsRoot),
    argumentSlots,
    limits,
    position,
    ...(pythonPid === undefined ? {} : { pythonPid }),
    ...(observeAuthority === undefined ? {} : { observeAuthority }),
  });
  host.flush();
  return outcome;
}

/** Under `--fs-root DIR` main's Fs is the root Fs already confined to DIR (the same attenuation
 * `fs.restrict_to(DIR)` gives, so the program cannot widen it). */
function rootedCapabilities(base: CapabilityProvider, fsRoot: string | undefined): CapabilityProvider {
  if (fsRoot === undefined) return base;
  return { root: (typeName) => (typeName === "Fs" ? (base.root("Fs") as FsCapability).restrict_to(fsRoot) : base.root(typeName)) };
}
