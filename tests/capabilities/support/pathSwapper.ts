// A second thread that keeps swapping `<dir>/real` between the real directory and a symlink
// (`<dir>/link-parked`, made by the test) to somewhere outside, for the TOCTOU race tests.
import { join } from "node:path";
import { Worker } from "node:worker_threads";

const SWAPPER = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const stop = new Int32Array(workerData.stop);
const { target, parked, linkParked } = workerData;
while (Atomics.load(stop, 0) === 0) {
  fs.renameSync(target, parked);
  fs.renameSync(linkParked, target);
  fs.renameSync(target, linkParked);
  fs.renameSync(parked, target);
}
`;

/** Starts swapping `dir/real` with the symlink `dir/link-parked`; the result stops it. */
export function startPathSwapper(dir: string): { stop(): Promise<void> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(SWAPPER, {
    eval: true,
    workerData: { stop: flag.buffer, target: join(dir, "real"), parked: join(dir, "real-parked"), linkParked: join(dir, "link-parked") },
  });
  return {
    async stop() {
      Atomics.store(flag, 0, 1);
      await worker.terminate();
    },
  };
}
