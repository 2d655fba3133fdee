// Makes the Pyodide memory snapshot the sandboxed Python child starts from (used by build.mjs):
// the child itself, under the run's own sandbox flags, loads Pyodide and writes the image to its
// stdout; it is kept beside the child's script only if a child then starts from it and answers.
// Without one (Pyodide refused, or too old to snapshot), a run loads Pyodide afresh: slower, never wrong.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { pythonChildArgs, pythonChildPaths } from "./dist/runtime/python/bridge.js";
import { unframeSnapshot } from "./dist/runtime/python/snapshot.js";

/** Builds the snapshot; returns null when kept, else why not. */
export function makePythonSnapshot() {
  const { script, pyodide, snapshot } = pythonChildPaths();
  rmSync(snapshot, { force: true });
  const made = spawnSync(process.execPath, pythonChildArgs(script, pyodide, null, true), { env: {}, maxBuffer: 1 << 30 });
  if (made.status !== 0) return `the child exited with ${made.status ?? made.signal}: ${String(made.stderr).trim().split("\n").pop()}`;
  const image = unframeSnapshot(made.stdout);
  if (image === null) return "the child's output holds no complete snapshot";
  writeFileSync(snapshot, image);
  // Vet it: a child started from the image must come up and answer a request.
  const request = `${JSON.stringify({ op: "import", name: "math" })}\n`;
  // The child serves requests on fds 3 and 4, polling 5 (channel-fds.ts): the shell moves the
  // pipes there (5 is the request pipe once more; a blocking copy only makes the poll wait).
  const onChannelFds = ["-c", 'exec "$@" 3<&0 5<&0 4>&1 </dev/null >/dev/null', "sh", process.execPath, ...pythonChildArgs(script, pyodide, snapshot)];
  const vet = spawnSync("/bin/sh", onChannelFds, { env: {}, input: request, encoding: "utf8" });
  const lines = String(vet.stdout).trim().split("\n");
  if (vet.status !== 0 || !lines[0]?.startsWith('{"ready"') || !lines[1]?.includes("$handle")) {
    rmSync(snapshot, { force: true });
    return `a child started from the snapshot did not answer (${vet.status}): ${String(vet.stderr).trim().split("\n").pop() ?? ""}`;
  }
  return null;
}
