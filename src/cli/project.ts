// The command line's project plumbing: `capa init`, finding the project a file belongs to, and
// the entry point when no file is named. Wording lives in messages.ts of cli/ and project/.

import { dirname, relative, resolve } from "node:path";
import { CLI_MESSAGES as U } from "./messages.js";
import type { Reporter } from "./report.js";
import { entryPoint, loadProjectFrom, packageNameFor, PROJECT_MESSAGES as P, writeStarter, type Project } from "../project/index.js";

/** The project owning `startDir` (null outside any), or the exit code (2) after reporting a broken
 * capa.toml, a missing dependency or a cycle. */
export function projectAt(startDir: string, report: Reporter): Project | null | number {
  const load = loadProjectFrom(startDir);
  if (load.kind === "none") return null;
  for (const [path, text] of load.texts) report.addSource(path, text);
  if (load.kind === "error") {
    for (const p of load.problems) report.problem(p);
    return 2;
  }
  return load.project;
}

/** The project of a source file (searched from its folder upward), or of the working directory for stdin. */
export function projectOfFile(file: string, stdin: boolean, report: Reporter): Project | null | number {
  return projectAt(stdin ? "." : dirname(file), report);
}

/** With no file named: the entry point of the project around the working directory, or the exit code. */
export function projectEntry(report: Reporter, projectRequired: boolean): string | number {
  const project = projectAt(".", report);
  if (typeof project === "number") return project;
  if (project === null) return projectRequired ? report.usage(P.noProject, [resolve(".")]) : report.usage(U.noInputFile, []);
  const entry = entryPoint(project);
  return relative(process.cwd(), entry) || entry;
}

/** `capa init [DIR]`: writes a starter project; 0, or 2 when DIR already holds one or is not writable. */
export function runInit(args: readonly string[], report: Reporter): number {
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) return report.usage(U.initUsage, []);
  const dir = args[0] ?? ".";
  const result = writeStarter(dir);
  if (!result.ok) {
    report.problem(result.problem);
    return 2;
  }
  report.textLine(`created package '${packageNameFor(dir)}' in ${dir}: ${result.written.map((p) => relative(dir, p)).join(", ")}\n`);
  return 0;
}
