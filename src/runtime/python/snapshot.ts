// Pyodide memory snapshots: the build loads Pyodide once inside the sandbox (same flags, same
// options as a run) and saves its initialised memory beside the child's script; a run's child
// starts from that image instead of initialising the interpreter again (issue #20: most of the
// first `py_import`). The image is data for the child to read, named by the Pyodide version that
// made it; it grants nothing.

import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

/** The child's argument that asks for a snapshot on stdout instead of serving requests. */
export const MAKE_SNAPSHOT = "--make-snapshot";

/** The line that precedes the image on the child's stdout (then its length in bytes). */
export const SNAPSHOT_FRAME = "capa-pyodide-snapshot";

/** Where the snapshot for the installed Pyodide lives: beside the child's script. */
export function snapshotFile(childScript: string, pyodideEntry: string): string {
  const pkg = JSON.parse(readFileSync(join(realpathSync(dirname(pyodideEntry)), "package.json"), "utf8")) as { version?: unknown };
  return join(dirname(childScript), `pyodide-${String(pkg.version)}.snap`);
}

/** The image in a snapshot child's stdout, or null when the frame is missing or cut short. */
export function unframeSnapshot(stdout: Buffer): Buffer | null {
  const marker = Buffer.from(`${SNAPSHOT_FRAME} `);
  const at = stdout.lastIndexOf(marker);
  if (at < 0) return null;
  const nl = stdout.indexOf(0x0a, at);
  if (nl < 0) return null;
  const length = Number(stdout.subarray(at + marker.length, nl).toString("latin1"));
  const image = stdout.subarray(nl + 1);
  return Number.isInteger(length) && image.length === length ? image : null;
}
