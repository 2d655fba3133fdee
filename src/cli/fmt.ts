// `capa --fmt FILE...` rewrites files in the canonical style, `--fmt-check FILE...` lists the
// ones that are not (exit 1), `--fmt --stdin` prints the formatted program. A file with a syntax
// error is reported and never rewritten.

import { writeFileSync } from "node:fs";
import { formatSource } from "../format/index.js";
import { loadSource, loadStdin, type LoadFailure } from "../pipeline.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { CLI_MESSAGES as U } from "./messages.js";
import type { Reporter } from "./report.js";

export interface FmtOptions {
  /** `--fmt-check`: report, do not rewrite. */
  readonly check: boolean;
  /** Read standard input (named `stdinName`) and print the result. */
  readonly stdin: boolean;
  readonly stdinName: string;
}

/** Formats every file; the exit code is the worst of them (0 ok, 1 not canonical or a syntax
 * error, 2 a file that cannot be read or written). */
export function fmtMode(files: readonly string[], options: FmtOptions, report: Reporter, loadFailed: (f: LoadFailure, r: Reporter) => number): number {
  let worst = 0;
  for (const file of files) worst = Math.max(worst, fmtFile(file, options, report, loadFailed));
  return worst;
}

function fmtFile(file: string, options: FmtOptions, report: Reporter, loadFailed: (f: LoadFailure, r: Reporter) => number): number {
  const loaded = options.stdin ? loadStdin(options.stdinName) : loadSource(file);
  if (!loaded.ok) return loadFailed(loaded.failure, report);
  report.addSource(file, loaded.text);
  const result = formatSource(loaded.text, file);
  if (!result.ok) {
    report.diagnostics(result.diagnostics, false);
    return 1;
  }
  if (options.check) {
    if (!result.changed) return 0;
    writeAll(1, `${file}\n`);
    return 1;
  }
  if (options.stdin) {
    writeAll(1, result.text);
    return 0;
  }
  if (!result.changed) return 0;
  try {
    writeFileSync(file, result.text);
  } catch (e) {
    return report.usage(U.cannotWrite, [file, (e as Error).message]);
  }
  return 0;
}
