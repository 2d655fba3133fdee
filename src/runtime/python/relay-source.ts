// Source of the relay worker (evaluated, like Net's): it owns the sandboxed Python process and
// its pipes, forwarding whole JSON lines both ways, so the interpreter thread can block on
// Atomics.wait. It decides nothing; every message is the bridge's. When the process ends it
// reports how (exit code, signal, the end of its stderr) as data; the bridge words it.
// The process runs under a CPU-time limit (ulimit -t through /bin/sh); its pid is published in
// shared memory so the thread that started the run can stop it if the run is stopped.

export const PYTHON_RELAY_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { port, flag, command, args, cpuSeconds, pidSlot } = workerData;
const signal = new Int32Array(flag);
const pids = pidSlot ? new Int32Array(pidSlot) : null;

function deliver(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

const limited = ['-c', 'ulimit -t "$1" 2>/dev/null || true; shift; exec "$@"', "sh", String(cpuSeconds), command, ...args];
const child = spawn("/bin/sh", limited, { env: {}, stdio: ["pipe", "pipe", "pipe"] });
if (pids && child.pid) Atomics.store(pids, 0, child.pid);
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
child.on("error", (e) => deliver(JSON.stringify({ dead: { spawn: String(e && e.message || e) } })));
child.on("exit", (code, sig) => {
  if (pids) Atomics.store(pids, 0, 0);
  deliver(JSON.stringify({ dead: { code, signal: sig, stderr } }));
});
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
