// Worker-thread entry for `runOnThread`: started early (its modules load while the main thread
// checks), it waits for the checked program, runs it against the real process and posts the outcome.
import { parentPort } from "node:worker_threads";
import { createProcessHost } from "./capabilities/index.js";
import { builtinCapabilities, runProgram } from "./index.js";
import type { ThreadRequest } from "./thread.js";

parentPort!.once("message", (request: ThreadRequest) => {
  const { args, program, observeAuthority } = request;
  const host = createProcessHost({ args });
  const outcome = runProgram(program, { args, host, capabilities: builtinCapabilities(host), observeAuthority });
  host.flush();
  parentPort!.postMessage(outcome);
  parentPort!.close();
});
