// Entry of the start-up snapshot (`npm run build` writes dist/snapshot/capa-<node version>.blob,
// which bin/capa starts Node from). Building the snapshot runs this file once: it loads the whole
// CLI and the interpreter, and parses and runs a small program, so that the blob already holds
// chevrotain's analysed lexer and parser and the runtime's modules; every later start skips module
// loading and that analysis (about half of a cold `capa --check`; most of a `--run` that stays on
// the main thread). Nothing that depends on the invocation (arguments, environment, streams) may
// be read before the main function below runs: the warm-up run writes to a capturing host.
import { startupSnapshot } from "node:v8";
import { parseSource } from "../syntax/index.js";
import { builtinCapabilities, PositionCell, runProgram } from "../runtime/index.js";
import { createCapturingHost } from "../runtime/capabilities/index.js";
import "../runtime/runner.js";
import { runCli } from "./main.js";

warmUp('fun main(stdio: Stdio)\n    let xs = [1, 2, 3]\n    stdio.println("${xs.length() + 2}")\n', "5\n");

/** Runs `source` (not checked: it must be right) and refuses to build a snapshot unless it printed `expected`. */
function warmUp(source: string, expected: string): void {
  const { program } = parseSource(source, "warm-up.capa");
  const host = createCapturingHost();
  // A plain Int32Array for the position: SharedArrayBuffer does not exist while a snapshot is built.
  const position = new PositionCell(new Int32Array(1).fill(-1));
  const outcome = runProgram(program, { args: [], host, capabilities: builtinCapabilities(host), position });
  if (outcome.failure !== null || host.stdout() !== expected) throw new Error(`the snapshot's warm-up run failed: ${JSON.stringify(outcome.failure ?? host.stdout())}`);
}

startupSnapshot.setDeserializeMainFunction(() => {
  if (process.env.CAPA_SNAPSHOT_SELFTEST === "1") return void selfTest();
  // Node 20 gives the arguments after `--` from argv[1]; newer versions repeat argv[0] there.
  const argv = process.argv[1] === process.argv[0] ? process.argv.slice(2) : process.argv.slice(1);
  void runCli(argv);
});

/** Run by snapshot.mjs before a blob is kept: a worker loading child_process, as the Python
 * bridge's relay does (Node 22 and 24 abort there when started from a snapshot). */
async function selfTest(): Promise<void> {
  const { Worker } = await import("node:worker_threads"); // loaded at run time, not into the blob
  const worker = new Worker('require("node:child_process"); require("node:worker_threads").parentPort.postMessage("ok");', { eval: true });
  worker.once("message", () => {
    process.stdout.write("snapshot ok\n");
    void worker.terminate();
  });
  worker.once("error", (e) => {
    process.stdout.write(`snapshot self-test failed: ${e.message}\n`);
    process.exitCode = 1;
  });
}
