// Worker-thread entry for `runOnThread`: parse, run against the real process, post the outcome.
import { parentPort, workerData } from "node:worker_threads";
import { parseSource } from "../syntax/index.js";
import { createProcessHost } from "./capabilities/index.js";
import { builtinCapabilities, runProgram } from "./index.js";
import type { ThreadRequest } from "./thread.js";

const { source, file, args, program: merged } = workerData as ThreadRequest;
const program = merged ?? parseSource(source, file).program;
const host = createProcessHost({ args });
const outcome = runProgram(program, { args, host, capabilities: builtinCapabilities(host) });
host.flush();
parentPort!.postMessage(outcome);
