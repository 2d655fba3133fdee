// Where diagnostics go and in which form. Text: each problem printed on stderr as it comes, in
// the reference's format. JSON: every problem of the invocation (usage and I/O errors, syntax and
// checker diagnostics, artefact warnings, run-time failures) collected and written once, at the
// end, as one JSON array (`[]` when there is none) on one stream, with nothing else on it from capa.

import { makeProblem, type DiagnosticSpec, type Problem } from "../diagnostics/diagnostic.js";
import { diagnosticsToJson, renderDiagnostic, renderLocated, type RenderOptions } from "../diagnostics/render.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";

const err = (s: string): void => writeAll(2, s);

export class Reporter {
  private readonly collected: Problem[] = [];
  private readonly sources = new Map<string, string>();
  private stream: 1 | 2 = 1;
  private color = false;
  private quiet = false;

  /** `documentOf` writes the collected problems (the JSON array; SARIF for `--format sarif`). */
  constructor(
    readonly format: "text" | "json",
    private readonly documentOf: (ps: readonly Problem[]) => string = diagnosticsToJson,
  ) {}

  /** The JSON document's stream (stdout unless the mode prints something else there) and colour. */
  configure(options: { stream: 1 | 2; color: boolean }): void {
    this.stream = options.stream;
    this.color = options.color;
  }

  /** Source text shown under a diagnostic's position. */
  addSource(path: string, text: string): void {
    this.sources.set(path, text);
  }

  /** `--help` and `--version` print no diagnostics document. */
  silent(): void {
    this.quiet = true;
  }

  problem(p: Problem): void {
    if (this.format === "json") this.collected.push(p);
    else if (p.span === null) err(`capa: ${p.message}\n`);
    else err(renderDiagnostic({ ...p, span: p.span }, this.renderOptions()) + "\n");
  }

  /** A usage or I/O problem; returns its exit code. */
  usage<Args extends unknown[]>(entry: DiagnosticSpec<Args>, args: Args): number {
    this.problem(makeProblem(entry, args));
    return 2;
  }

  /** Diagnostics of one stage; checker ones are `spaced` (a blank line after each), as the reference. */
  diagnostics(ds: readonly Problem[], spaced: boolean): void {
    if (ds.length === 0) return;
    if (this.format === "json") {
      this.collected.push(...ds);
      return;
    }
    const options = this.renderOptions();
    const text = ds.map((d) => (d.span === null ? `capa: ${d.message}` : renderDiagnostic({ ...d, span: d.span }, options)) + (spaced ? "\n" : ""));
    err(text.join("\n") + "\n");
  }

  /** The run's failure: its position (when known) with the source line, then the reference's last line. */
  runtimeFailure(p: Problem, linePrefix = ""): void {
    if (this.format === "json") {
      this.collected.push(p);
      return;
    }
    if (p.span !== null) err(renderLocated("runtime error", p.span, p.message, [], this.renderOptions()) + "\n");
    err(`${linePrefix}${p.message}\n`);
  }

  /** Human-only lines (the `ok` summary on stdout, the error count on stderr); JSON has none. */
  textLine(s: string): void {
    if (this.format === "text") writeAll(1, s);
  }

  textError(s: string): void {
    if (this.format === "text") err(s);
  }

  finish(): void {
    if (this.format === "json" && !this.quiet) writeAll(this.stream, this.documentOf(this.collected) + "\n");
  }

  private renderOptions(): RenderOptions {
    return { sources: this.sources, color: this.color };
  }
}

/** Colour for diagnostics: `--no-color` never; then FORCE_COLOR (any value but 0/false forces it,
 * those refuse it), then NO_COLOR (any non-empty value refuses it) — the precedence Node uses —
 * then whether stderr is a terminal. */
export function useColor(flag: boolean, env: NodeJS.ProcessEnv, stderrIsTty: boolean): boolean {
  if (!flag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stderrIsTty;
}
