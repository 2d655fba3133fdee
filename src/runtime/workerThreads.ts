// Node's worker_threads module, loaded when first needed rather than when the runtime is imported:
// the start-up snapshot (src/cli/snapshot-entry.ts) holds the runtime's modules, and Node 20 cannot
// start a worker from a worker_threads module that was loaded into a snapshot. `require` caches it.
import { createRequire } from "node:module";

export function workerThreads(): typeof import("node:worker_threads") {
  return createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
}
