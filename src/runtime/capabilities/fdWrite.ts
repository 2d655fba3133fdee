// Synchronous, complete writes to a file descriptor. A pipe may be non-blocking (a parent set it
// so, or Node did for its own stream on that fd): then writeSync writes part of the data or fails
// with EAGAIN, and output would be lost without these retries.

import { writeSync } from "node:fs";

/** Blocks the current thread without spinning (Atomics.wait is allowed on Node's main thread). */
export function blockFor(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes all of `data` to `fd`, retrying partial writes and EAGAIN; a reader that went away
 * (EPIPE) ends the write quietly, since nothing more can be delivered. */
export function writeAll(fd: number, data: Buffer | string): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") {
        blockFor(1);
        continue;
      }
      if (code === "EPIPE") return;
      throw e;
    }
  }
}
