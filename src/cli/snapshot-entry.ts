// Entry of the start-up snapshot (`npm run build` writes dist/snapshot/capa-<node version>.blob,
// which bin/capa starts Node from). Building the snapshot runs this file once: it loads the whole
// CLI and lexes and parses a small program, so that the blob already holds chevrotain's analysed
// lexer and parser; every later start skips module loading and that analysis (about half of a
// cold `capa --check`). Nothing that depends on the invocation (arguments, environment, streams)
// may be read before the main function below runs.
import { startupSnapshot } from "node:v8";
import { parseSource } from "../syntax/index.js";
import { runCli } from "./main.js";

parseSource('fun main(stdio: Stdio)\n    stdio.println("${1 + 2}")\n', "warm-up.capa");

startupSnapshot.setDeserializeMainFunction(() => {
  // Node 20 gives the arguments after `--` from argv[1]; newer versions repeat argv[0] there.
  const argv = process.argv[1] === process.argv[0] ? process.argv.slice(2) : process.argv.slice(1);
  void runCli(argv);
});
