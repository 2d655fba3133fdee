// The `capa` command: parses flags with commander, calls the pipeline, prints, sets the exit
// code. Holds no language logic. Exit codes: 0 ok, 1 diagnostics or failed program, 2 usage/I-O.

import { writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatTokenLine } from "./token-listing.js";
import { diagnosticsToJson, renderDiagnostic, renderLocated, type RenderOptions } from "../diagnostics/render.js";
import { ARTIFACT_FORMATS, type ArtifactFormat } from "../emit/types.js";
import { lexSource } from "../syntax/index.js";
import { analyse, emit, hasErrors, loadSource, loadStdin, prepareRun, runChecked, type FrontEnd } from "../pipeline.js";
import { countProgram } from "../syntax/stats.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { VERSION } from "../version.js";

interface Flags {
  stdin?: boolean;
  check?: boolean;
  parse?: boolean;
  tokens?: boolean;
  run?: boolean;
  manifest?: boolean;
  cyclonedx?: boolean;
  spdx?: boolean;
  vex?: boolean;
  provenance?: boolean;
  output?: string;
  validate?: boolean;
  observeAuthority?: string;
  observed?: string;
  format: "text" | "json";
  color: boolean;
}

/** Stdout and stderr, written whole even to a non-blocking pipe; a reader that went away
 * (`capa --help | head -1`) drops the rest quietly, not with an error. */
const out = (s: string): void => writeAll(1, s);
const err = (s: string): void => writeAll(2, s);

const STDIN_NAME = "<stdin>";

function usageError(message: string): number {
  err(`capa: ${message}\n`);
  return 2;
}

function buildCommand(): Command {
  return new Command("capa")
    .description("Capa: a capability-typed language. Check, run, and describe the authority of a .capa program.")
    .usage("[mode] [options] <file.capa> [-- program-args...]")
    .argument("[file]", ".capa file to process")
    .argument("[args...]", "arguments for the program (after --), visible through env.args()")
    .option("--check", "lex, parse and check the program; exit 1 on any error (warnings do not fail)")
    .option("--run", "check, then run the program: main receives its capabilities by declared type")
    .option("--parse", "print the AST as JSON")
    .option("--tokens", "print the token stream, layout tokens included (the default mode)")
    .option("--manifest", "emit the JSON capability manifest (schema_version 3)")
    .option("--cyclonedx", "emit a CycloneDX 1.5 SBOM of the program's capabilities")
    .option("--spdx", "emit an SPDX 2.3 document of the program's capabilities")
    .option("--vex", "emit a CycloneDX VEX document from the @vex attributes")
    .option("--provenance", "emit an in-toto Statement v1 with a SLSA Provenance v1.0 predicate")
    .option("--stdin", "read the program from standard input (reported as <stdin>)")
    .option("-o, --output <path>", "write the emitted document to PATH instead of stdout")
    .option("--validate", "validate the emitted document against its JSON Schema; exit 1 if invalid")
    .option("--observe-authority <path>", "with --run: write every capability operation the run executes, with its call stack, to PATH as JSON")
    .option("--observed <path>", "with --provenance: add the observed authority in PATH as a second in-toto statement (JSON Lines output)")
    .addOption(new Option("--format <format>", "diagnostic output format").choices(["text", "json"]).default("text"))
    .option("--no-color", "never color diagnostics (color is used only when stderr is a terminal)")
    .version(`capa ${VERSION}`, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "describe every flag")
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 diagnostics or a failed program, 2 usage or I/O error.\n" +
        "Artefacts honour SOURCE_DATE_EPOCH for reproducible timestamps.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: out,
      writeErr: err,
      outputError: (message, write) => write(`capa: ${message.replace(/^error: /, "")}`),
    });
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildCommand();
  try {
    program.parse(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2; // commander already printed `error: ...`
    }
    throw e;
  }
  const flags = program.opts<Flags>();
  const [first, rest = []] = program.processedArgs as [string | undefined, string[] | undefined];
  // With --stdin every positional argument is the program's.
  const file = flags.stdin ? STDIN_NAME : first;
  const args = flags.stdin ? (first === undefined ? rest : [first, ...rest]) : rest;
  if (file === undefined) return usageError("no input file (try 'capa --help')");
  const formats = ARTIFACT_FORMATS.filter((f) => flags[f]);
  const modes = [flags.check, flags.run, flags.parse, flags.tokens].filter(Boolean).length + formats.length;
  if (modes > 1) return usageError("choose one mode: --check, --run, --parse, --tokens or one artefact flag");
  if ((flags.output !== undefined || flags.validate) && formats.length === 0) {
    return usageError("-o/--output and --validate apply only to --manifest, --cyclonedx, --spdx, --vex or --provenance");
  }
  if (flags.observeAuthority !== undefined && !flags.run) return usageError("--observe-authority applies only to --run");
  if (flags.observed !== undefined && !flags.provenance) return usageError("--observed applies only to --provenance");
  const loaded = flags.stdin ? loadStdin() : loadSource(file);
  if (!loaded.ok) return usageError(loaded.error);
  const sourceLines = new Map([[file, loaded.text]]);
  const render: RenderOptions = {
    sources: sourceLines,
    color: flags.color && process.stderr.isTTY === true && flags.format === "text",
  };

  if (flags.tokens || modes === 0) return await printTokens(loaded.text, file, flags, render);
  // `--run` starts its interpreter thread now, so the thread's start-up overlaps the check.
  const thread = flags.run ? prepareRun() : null;
  const front = analyse(loaded.text, file);
  if (thread !== null && hasErrors(front)) void thread.then((t) => t.cancel());
  for (const s of front.sources) sourceLines.set(s.path, s.text); // imported modules' lines too
  if (flags.parse) {
    if (front.syntax.some((d) => d.severity === "error")) return reportFailure(front, file, flags, render);
    out(JSON.stringify(front.program, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
    return 0;
  }
  if (hasErrors(front)) return reportFailure(front, file, flags, render);
  printWarnings(front.check, flags, render);
  if (flags.check) {
    const c = countProgram(front.program);
    out(`${file}: ok (${c.items} items, ${c.expressions} expressions typed, ${c.bindings} bindings)\n`);
    return 0;
  }
  if (thread !== null) return await runMode(front, file, args, render, thread, flags.observeAuthority);
  return await emitMode(formats[0]!, front, flags);
}

async function printTokens(text: string, file: string, flags: Flags, render: RenderOptions): Promise<number> {
  const { tokens, diagnostics } = lexSource(text, file);
  if (diagnostics.length > 0) {
    printDiagnostics(diagnostics, flags, render, false);
    return 1;
  }
  const { floatRepr } = await import("../runtime/numeric.js");
  out(tokens.map((t) => formatTokenLine(t, floatRepr)).join("\n") + "\n");
  return 0;
}

function printDiagnostics(ds: readonly Diagnostic[], flags: Flags, render: RenderOptions, spaced: boolean): void {
  if (ds.length === 0) return;
  if (flags.format === "json") {
    err(diagnosticsToJson(ds) + "\n");
    return;
  }
  err(ds.map((d) => renderDiagnostic(d, render) + (spaced ? "\n" : "")).join("\n") + "\n");
}

function printWarnings(ds: readonly Diagnostic[], flags: Flags, render: RenderOptions): void {
  printDiagnostics(ds.filter((d) => d.severity !== "error"), flags, render, true);
}

/** Syntax errors print bare; checker diagnostics are spaced and end with an error count. */
function reportFailure(front: FrontEnd, file: string, flags: Flags, render: RenderOptions): number {
  if (front.syntax.some((d) => d.severity === "error")) {
    printDiagnostics(front.syntax, flags, render, false);
    return 1;
  }
  printDiagnostics(front.check, flags, render, true);
  if (flags.format === "text") {
    const n = front.check.filter((d) => d.severity === "error").length;
    err(`${file}: ${n} error${n === 1 ? "" : "s"}\n`);
  }
  return 1;
}

async function runMode(
  front: FrontEnd,
  file: string,
  args: string[],
  render: RenderOptions,
  thread: ReturnType<typeof prepareRun>,
  observePath: string | undefined,
): Promise<number> {
  const outcome = await runChecked(front, args, thread, { observeAuthority: observePath !== undefined });
  const { failureLine } = await import("../runtime/index.js");
  // Written however the run ended: what a failing run exercised matters as much.
  if (observePath !== undefined && outcome.observedAuthority !== undefined) {
    try {
      writeFileSync(observePath, JSON.stringify(outcome.observedAuthority, null, 2) + "\n");
    } catch (e) {
      return usageError(`cannot write ${observePath}: ${(e as Error).message}`);
    }
  }
  if (outcome.failure !== null) {
    const f = outcome.failure;
    const line = failureLine(f);
    if (f.kind !== "panic" && f.span !== null) err(renderLocated("runtime error", f.span, line, [], render) + "\n");
    err(line + "\n");
    return 1;
  }
  if (outcome.mainError !== null) {
    err(`${file}: main returned Err: ${outcome.mainError}\n`);
    return 1;
  }
  return outcome.exitCode;
}

async function emitMode(format: ArtifactFormat, front: FrontEnd, flags: Flags): Promise<number> {
  let observed: import("../runtime/index.js").ObservedAuthority | undefined;
  if (flags.observed !== undefined) {
    const text = loadSource(flags.observed);
    if (!text.ok) return usageError(text.error);
    const { parseObservedAuthority } = await import("../emit/index.js");
    const parsed = parseObservedAuthority(text.text);
    if (!parsed.ok) return usageError(`${flags.observed}: ${parsed.error}`);
    observed = parsed.observed;
  }
  const result = await emit(format, front.checked!, front.sources, {
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    now: new Date(),
    validate: flags.validate === true,
    ...(observed === undefined ? {} : { observed }),
  });
  if (!result.ok) {
    err(`capa: ${result.error}\n`);
    return result.usage ? 2 : 1;
  }
  if (flags.output === undefined) {
    out(result.text);
    return 0;
  }
  try {
    writeFileSync(flags.output, result.text);
  } catch (e) {
    return usageError(`cannot write ${flags.output}: ${(e as Error).message}`);
  }
  return 0;
}

/** Entry used by bin/capa.js: no JavaScript stack trace ever reaches the user. */
export async function runCli(argv: readonly string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (e) {
    err(`capa: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    code = 70;
  }
  process.exitCode = code;
}

