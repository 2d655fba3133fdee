// Source of the relay worker (evaluated, like Net's): it starts the sandboxed Python process and
// watches it, so the interpreter thread, blocked inside `py_invoke`, still learns how the process
// ended. The requests and replies do not pass through here: the child's fds 3 and 4 (channel-fds.ts;
// 5 is the request FIFO again, non-blocking, for polling) are two FIFOs whose other ends the interpreter thread reads and writes directly (one pipe hop each way,
// no thread hops). The relay opens its ends first in the same order as the bridge (request, then
// reply; each open waits for the other side), hands them to the child and closes its copies, so
// the child holds the only writer of replies: when it ends, the bridge reads end-of-file.
// When the process ends the relay reports how (exit code, signal, the end of its stderr) as data;
// the bridge words it. The process runs under a CPU-time limit (ulimit -t through /bin/sh); its
// pid is published in shared memory so the thread that started the run can stop it.

export const PYTHON_RELAY_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { openSync, closeSync, constants } = require("node:fs");
const { port, flag, command, args, cpuSeconds, pidSlot, requestFifo, replyFifo } = workerData;
const signal = new Int32Array(flag);
const pids = pidSlot ? new Int32Array(pidSlot) : null;

function deliver(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

let child = null;
try {
  const requests = openSync(requestFifo, constants.O_RDONLY);
  const requestsPoll = openSync(requestFifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const replies = openSync(replyFifo, constants.O_WRONLY);
  // The soft limit (SIGXCPU, which names the cause) a little below the hard one (SIGKILL).
  const limited = ["-c", 'ulimit -H -t "$(($1 + 5))" 2>/dev/null; ulimit -S -t "$1" 2>/dev/null; shift; exec "$@"', "sh", String(cpuSeconds), command, ...args];
  try {
    // fds 3, 4 and 5 of the child: REQUEST_FD, REPLY_FD and REQUEST_POLL_FD of channel-fds.ts.
    child = spawn("/bin/sh", limited, { env: {}, stdio: ["ignore", "ignore", "pipe", requests, replies, requestsPoll] });
  } finally {
    closeSync(requests);
    closeSync(requestsPoll);
    closeSync(replies);
  }
} catch (e) {
  deliver({ dead: { spawn: String((e && e.message) || e) } });
  holdOpen([requestFifo, replyFifo]);
}

/**
 * When the child could not be started: opens both FIFOs as reader and writer for a moment, so the
 * bridge's opens of its ends (each waits for this side) return; once they are closed again the
 * bridge reads end-of-file and the report above says why. Never an endless wait.
 */
function holdOpen(paths) {
  const held = [];
  for (const path of paths) {
    try {
      held.push(openSync(path, constants.O_RDWR | constants.O_NONBLOCK));
    } catch {
      // gone: the bridge is not waiting on it
    }
  }
  setTimeout(() => held.forEach((fd) => closeSync(fd)), 1000);
}
if (child !== null) watch(child);

function watch(child) {
  if (pids && child.pid) Atomics.store(pids, 0, child.pid);
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text) => {
    stderr = (stderr + text).slice(-4000);
  });
  child.on("error", (e) => deliver({ dead: { spawn: String(e && e.message || e) } }));
  // "close", not "exit": the whole of stderr has been read by then.
  child.on("close", (code, sig) => {
    if (pids) Atomics.store(pids, 0, 0);
    deliver({ dead: { code, signal: sig, stderr } });
  });
  port.on("message", () => {
    child.kill();
    port.close();
  });
}
`;
