// Source of the relay worker (evaluated, like Net's): it owns the sandboxed Python process and
// its pipes, forwarding whole JSON lines both ways, so the interpreter thread can block on
// Atomics.wait. It decides nothing; every message is the bridge's.

export const PYTHON_RELAY_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { port, flag, command, args } = workerData;
const signal = new Int32Array(flag);

function deliver(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

const child = spawn(command, args, { env: {}, stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
let pending = "";
child.stdout.setEncoding("utf8");
child.stdout.on("data", (text) => {
  pending += text;
  let nl;
  while ((nl = pending.indexOf("\n")) >= 0) {
    deliver(pending.slice(0, nl));
    pending = pending.slice(nl + 1);
  }
});
child.stderr.setEncoding("utf8");
child.stderr.on("data", (text) => {
  stderr = (stderr + text).slice(-4000);
});
child.on("error", (e) => deliver(JSON.stringify({ dead: String(e && e.message || e) })));
child.on("exit", (code, sig) => deliver(JSON.stringify({ dead: "exit " + (sig || code) + (stderr ? ": " + stderr.trim() : "") })));
child.stdin.on("error", () => {});
port.on("message", (line) => {
  if (line === null) {
    child.stdin.end();
    child.kill();
    port.close();
    return;
  }
  child.stdin.write(line + "\n");
});
`;
