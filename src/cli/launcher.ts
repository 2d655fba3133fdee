// How the CLI starts another `capa` (one per test in `capa test`, one per round of `--watch`):
// Node running the plain bundle's launcher, bin/capa.js, found from this module's own place
// (dist/bundle/ when bundled, dist/cli/ as tsc's output).

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function capaCommand(args: readonly string[]): { command: string; args: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "..", "bin", "capa.js"), join(here, "..", "..", "..", "bin", "capa.js")];
  const launcher = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
  return { command: process.execPath, args: [launcher, ...args] };
}

/** Ends a child started with `detached: true` and everything it started (its process group). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGKILL"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
