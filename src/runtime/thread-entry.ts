// Worker-thread entry for `runOnThread`: started early (its modules load while the main thread
// checks), it waits for the checked program, runs it against the real process and posts the outcome.
import { parentPort } from "node:worker_threads";
import { PositionCell } from "./index.js";
import { heapLimitMb } from "./interp/budget.js";
import { runAgainstProcess } from "./process-run.js";
import type { ThreadMessage, ThreadReply } from "./thread.js";

parentPort!.once("message", (request: ThreadMessage) => {
  const position = new PositionCell(request.position, (spans) => parentPort!.postMessage({ kind: "spans", spans, heapLimitMb: heapLimitMb() } satisfies ThreadReply));
  const outcome = runAgainstProcess(request, position, request.pythonPid);
  parentPort!.postMessage({ kind: "outcome", outcome } satisfies ThreadReply);
  parentPort!.close();
});
