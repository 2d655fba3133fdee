// Worker-thread entry for `runOnThread`: started early (its modules load while the main thread
// checks), it waits for the request, then parses, runs against the real process and posts the outcome.
import { parentPort } from "node:worker_threads";
import { parseSource } from "../syntax/index.js";
import { createProcessHost } from "./capabilities/index.js";
import { builtinCapabilities, runProgram } from "./index.js";
import type { ThreadRequest } from "./thread.js";

parentPort!.once("message", (request: ThreadRequest) => {
  const { source, file, args, program: merged } = request;
  const program = merged ?? parseSource(source, file).program;
  const host = createProcessHost({ args });
  const outcome = runProgram(program, { args, host, capabilities: builtinCapabilities(host) });
  host.flush();
  parentPort!.postMessage(outcome);
  parentPort!.close();
});
