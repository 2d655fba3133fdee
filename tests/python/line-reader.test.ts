// The bridge's line reader (src/runtime/python/lineReader.ts): whole lines from a pipe, polling a
// non-blocking descriptor of it before a blocking read, and null once the writer is gone.
import { spawnSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lineReader } from "../../src/runtime/python/lineReader.js";

/** A FIFO opened for reading twice (blocking and non-blocking) and once for writing. */
function fifo(): { fd: number; pollFd: number; writer: number } {
  const path = join(mkdtempSync(join(tmpdir(), "capa-lines-")), "fifo");
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
  const pollFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(path, constants.O_WRONLY);
  const fd = openSync(path, constants.O_RDONLY); // a writer exists: does not wait
  return { fd, pollFd, writer };
}

describe("lineReader", () => {
  it("reads lines through the polled descriptor, a character cut between writes kept whole, then null at end of file", () => {
    const { fd, pollFd, writer } = fifo();
    const next = lineReader({ fd, pollFd });
    writeSync(writer, "first\nsecond ");
    writeSync(writer, Buffer.from([0xc3]));
    writeSync(writer, Buffer.from([0xa9, 0x0a]));
    expect(next()).toBe("first");
    expect(next()).toBe("second \u00e9");
    closeSync(writer);
    expect(next()).toBeNull();
    closeSync(fd);
    closeSync(pollFd);
  });

  it("falls back to the blocking descriptor when the polled one fails", () => {
    const { fd, pollFd, writer } = fifo();
    closeSync(pollFd); // EBADF on every poll
    const next = lineReader({ fd, pollFd });
    writeSync(writer, "still read\n");
    expect(next()).toBe("still read");
    closeSync(writer);
    expect(next()).toBeNull();
    closeSync(fd);
  });
});
