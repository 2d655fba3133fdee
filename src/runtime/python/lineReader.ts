// Blocking reads of whole lines from a file descriptor: both ends of the Python bridge wait for
// the other's next JSON line inside a synchronous call (the child inside Python code serving a
// host call; the interpreter thread inside `py_invoke`).
// With a second, non-blocking descriptor of the same pipe, a wait first polls it for a short
// while: the other side usually answers within microseconds, and a thread that went to sleep in
// the kernel pays the wake-up (tens of microseconds on an idle virtual machine) on every message.

import { readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** How long a wait polls before it sleeps in a blocking read, in milliseconds. */
export const POLL_MS = 0.25;

export interface LineSource {
  /** Read with blocking calls. */
  readonly fd: number;
  /** The same pipe opened non-blocking, polled first (absent: block at once). */
  readonly pollFd?: number;
}

/** The next line from the source on each call (without its newline), or null once the writer is gone. */
export function lineReader(source: LineSource | number): () => string | null {
  const { fd, pollFd } = typeof source === "number" ? { fd: source, pollFd: undefined } : source;
  const chunk = Buffer.alloc(64 * 1024);
  const utf8 = new StringDecoder("utf8"); // a read may end inside a multi-byte character
  let pending = "";
  let searched = 0; // no newline before this offset of `pending`: a long line is scanned once
  return () => {
    for (;;) {
      const nl = pending.indexOf("\n", searched);
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        searched = 0;
        return line;
      }
      searched = pending.length;
      const n = (pollFd === undefined ? null : poll(pollFd, chunk)) ?? blockingRead(fd, chunk);
      if (n === null) continue;
      if (n === 0) return null;
      pending += utf8.write(chunk.subarray(0, n));
    }
  };
}

/** Bytes read within POLL_MS (0: the writer is gone), or null when nothing came (or the poll
 * descriptor failed: the blocking read then decides). */
function poll(fd: number, chunk: Buffer): number | null {
  const until = performance.now() + POLL_MS;
  do {
    try {
      return readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") return null;
    }
  } while (performance.now() < until);
  return null;
}

/** Bytes read (0: the writer is gone), or null to try again (a descriptor someone made non-blocking). */
function blockingRead(fd: number, chunk: Buffer): number | null {
  try {
    return readSync(fd, chunk, 0, chunk.length, null);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EAGAIN" ? null : 0;
  }
}
