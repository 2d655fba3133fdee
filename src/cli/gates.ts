// The command line's CI gates: `--check-capabilities` (src/gates/ceiling.ts) and
// `--capability-diff` (src/gates/diff.ts). Flags in, exit code out; the gates decide.

import { CLI_MESSAGES as U } from "./messages.js";
import type { Reporter } from "./report.js";
import { projectOfFile } from "./project.js";
import { analyse, fileModuleHost, hasErrors, loadSource, loadStdin, type FrontEnd, type LoadFailure } from "../pipeline.js";
import { ceilingReport, checkCeilings } from "../gates/ceiling.js";
import { PROJECT_MESSAGES as P } from "../project/index.js";
import { dirname, resolve } from "node:path";
import { makeProblem, type Span } from "../diagnostics/diagnostic.js";
import { diffManifests, parseManifestForDiff, renderDiffText, wideningCount } from "../gates/diff.js";
import { GATE_MESSAGES as G } from "../gates/messages.js";
import { explain, functionsNamed, renderExplanation } from "../gates/explain.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";

/** What main.ts already knows how to report. */
export interface Reporting {
  loadFailed(f: LoadFailure, report: Reporter): number;
  reportFailure(front: FrontEnd, file: string, report: Reporter): number;
}

/** `--check-capabilities [FILE]`: 0 every package within its ceiling, 1 a violation or a program
 * that does not check, 2 no project or a broken one. */
export function checkCapabilitiesMode(file: string, stdin: boolean, json: boolean, report: Reporter, how: Reporting): number {
  const checked = checkedProgram(file, stdin, true, report, how);
  if (typeof checked === "number") return checked;
  const { front, model, project } = checked;
  const verdict = checkCeilings(project!, model, front.program); // checkedProgram required a project
  if (json) {
    // The report takes stdout; the diagnostics document (the same violations) goes to stderr.
    report.configure({ stream: 2, color: false });
    writeAll(1, JSON.stringify(ceilingReport(verdict), null, 2) + "\n");
  }
  report.diagnostics(verdict.violations, false);
  for (const s of verdict.surfaces) {
    const reach = s.unknown ? [...s.capabilities, "UNKNOWN"] : s.capabilities;
    const ceiling = s.ceiling === null ? "no ceiling" : `ceiling [${s.ceiling.join(", ")}]`;
    report.textLine(`${s.name}${s.version === null ? "" : ` ${s.version}`}: reaches [${reach.join(", ")}], ${ceiling}\n`);
  }
  if (verdict.violations.length > 0) {
    report.textError(`capabilities: ${verdict.violations.length} violation${verdict.violations.length === 1 ? "" : "s"}\n`);
    return 1;
  }
  report.textLine("capabilities: every package within its ceiling\n");
  return 0;
}

/** The checked program of FILE (in its project, when there is one), or the exit code after
 * reporting why there is none. */
export function checkedProgram(file: string, stdin: boolean, projectRequired: boolean, report: Reporter, how: Reporting) {
  const loaded = stdin ? loadStdin(file) : loadSource(file);
  if (!loaded.ok) return how.loadFailed(loaded.failure, report);
  report.addSource(file, loaded.text);
  const project = projectOfFile(file, stdin, report);
  if (typeof project === "number") return project;
  if (project === null && projectRequired) return report.usage(P.noProject, [resolve(stdin ? "." : dirname(file))]);
  const front = analyse(loaded.text, file, fileModuleHost(file, process.env, process.cwd(), project));
  for (const s of front.sources) report.addSource(s.path, s.text);
  if (hasErrors(front)) return how.reportFailure(front, file, report);
  report.diagnostics(front.check.filter((d) => d.severity !== "error"), true);
  if (front.checked?.model == null) return report.usage(G.noModel, []);
  return { front, model: front.checked.model, project };
}

/** `--explain FN [FILE]`: FN's capabilities, each with the call chain that brings it, and the chain
 * from a root to FN; 0, 1 for a program that does not check, 2 for a function it does not have. */
export function explainMode(name: string, file: string, stdin: boolean, json: boolean, report: Reporter, how: Reporting): number {
  const checked = checkedProgram(file, stdin, false, report, how);
  if (typeof checked === "number") return checked;
  const targets = functionsNamed(checked.model, name);
  if (targets.length === 0) {
    const known = checked.model.functions.map((f) => (f.container === null ? (f.sourceName ?? f.qualifiedName) : f.qualifiedName));
    return report.usage(G.noSuchFunction, [name, known.join(", ")]);
  }
  const explanations = targets.map((t) => explain(checked.model, checked.front.program, t));
  writeAll(1, json ? JSON.stringify(explanations.length === 1 ? explanations[0] : explanations, null, 2) + "\n" : explanations.map(renderExplanation).join("\n"));
  return 0;
}

/** `--capability-diff OLD.json NEW.json [--fail-on-widening]`: 0, or 1 when asked to fail on a
 * widening and there is one; 2 for an unreadable or malformed input. */
export function capabilityDiffMode(files: readonly string[], options: { json: boolean; failOnWidening: boolean }, report: Reporter, how: Reporting): number {
  if (files.length !== 2) return report.usage(U.diffUsage, [files.length]);
  const parsed = [];
  for (const path of files) {
    const loaded = loadSource(path);
    if (!loaded.ok) return how.loadFailed(loaded.failure, report);
    report.addSource(path, loaded.text);
    const m = parseManifestForDiff(loaded.text);
    if (!m.ok) {
      report.problem(makeProblem(G.badDiffInput, [path, m.why], m.offset === null ? null : spanAt(path, loaded.text, m.offset)));
      return 2;
    }
    parsed.push(m);
  }
  const [before, after] = [parsed[0]!, parsed[1]!];
  const products = before.product !== null && after.product !== null ? { old: before.product, new: after.product } : null;
  const diff = diffManifests(files[0]!, before.functions, files[1]!, after.functions, products);
  writeAll(1, options.json ? JSON.stringify(diff, null, 2) + "\n" : renderDiffText(diff));
  if (options.failOnWidening && diff.widening) {
    report.problem(makeProblem(G.widened, [wideningCount(diff)]));
    return 1;
  }
  return 0;
}

/** The line and column of a character offset. */
function spanAt(file: string, text: string, offset: number): Span {
  const before = text.slice(0, offset).split("\n");
  const line = before.length;
  const col = before[before.length - 1]!.length + 1;
  return { file, line, col, endLine: line, endCol: col + 1 };
}
