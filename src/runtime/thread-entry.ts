// Worker-thread entry for `runOnThread`: started early (its modules load while the main thread
// checks), it waits for the checked program, runs it against the real process and posts the outcome.
import { parentPort } from "node:worker_threads";
import { createProcessHost } from "./capabilities/index.js";
import { builtinCapabilities, PositionCell, runProgram } from "./index.js";
import { heapLimitMb } from "./interp/budget.js";
import type { ThreadMessage, ThreadReply } from "./thread.js";
import type { CapabilityProvider } from "./capabilityAdapter.js";
import type { FsCapability } from "./capabilities/index.js";

/** Under `--fs-root DIR` main's Fs is the root Fs already confined to DIR (the same attenuation
 * `fs.restrict_to(DIR)` gives, so the program cannot widen it). */
function rootedCapabilities(base: CapabilityProvider, fsRoot: string | undefined): CapabilityProvider {
  if (fsRoot === undefined) return base;
  return { root: (typeName) => (typeName === "Fs" ? (base.root("Fs") as FsCapability).restrict_to(fsRoot) : base.root(typeName)) };
}

parentPort!.once("message", (request: ThreadMessage) => {
  const { args, program, argumentSlots, limits, observeAuthority, fakes } = request;
  const host = createProcessHost({ args, ...(fakes?.fsRoot === undefined ? {} : { cwd: fakes.fsRoot }), ...(fakes?.clockSecs === undefined ? {} : { fakeClockSecs: fakes.clockSecs }) });
  const position = new PositionCell(request.position, (spans) => parentPort!.postMessage({ kind: "spans", spans, heapLimitMb: heapLimitMb() } satisfies ThreadReply));
  const outcome = runProgram(program, {
    args,
    host,
    capabilities: rootedCapabilities(builtinCapabilities(host), fakes?.fsRoot),
    argumentSlots,
    limits,
    position,
    pythonPid: request.pythonPid,
    observeAuthority,
  });
  host.flush();
  parentPort!.postMessage({ kind: "outcome", outcome } satisfies ThreadReply);
  parentPort!.close();
});
