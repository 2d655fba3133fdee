// Blocking reads of whole lines from a file descriptor: both ends of the Python bridge wait for
// the other's next JSON line inside a synchronous call (the child inside Python code serving a
// host call; the interpreter thread inside `py_invoke`).

import { readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** The next line from `fd` on each call (without its newline), or null once the writer is gone. */
export function lineReader(fd: number): () => string | null {
  const chunk = Buffer.alloc(64 * 1024);
  const utf8 = new StringDecoder("utf8"); // a read may end inside a multi-byte character
  let pending = "";
  return () => {
    for (;;) {
      const nl = pending.indexOf("\n");
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        return null;
      }
      if (n === 0) return null;
      pending += utf8.write(chunk.subarray(0, n));
    }
  };
}
