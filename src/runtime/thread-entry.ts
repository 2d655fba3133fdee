// Worker-thread entry for `runOnThread`: started early (its modules load while the main thread
// checks), it waits for the checked program, runs it against the real process and posts the outcome.
import { parentPort } from "node:worker_threads";
import { createProcessHost } from "./capabilities/index.js";
import { builtinCapabilities, PositionCell, runProgram } from "./index.js";
import { heapLimitMb } from "./interp/budget.js";
import type { ThreadMessage, ThreadReply } from "./thread.js";

parentPort!.once("message", (request: ThreadMessage) => {
  const { args, program, argumentSlots, limits, observeAuthority } = request;
  const host = createProcessHost({ args });
  const position = new PositionCell(request.position, (spans) => parentPort!.postMessage({ kind: "spans", spans, heapLimitMb: heapLimitMb() } satisfies ThreadReply));
  const outcome = runProgram(program, {
    args,
    host,
    capabilities: builtinCapabilities(host),
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
