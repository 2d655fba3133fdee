// The `capa` command: parses flags with commander, calls the pipeline, prints, sets the exit
// code. Holds no language logic. Exit codes: 0 ok, 1 diagnostics or failed program, 2 usage/I-O.

import { existsSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { makeProblem, type Diagnostic, type DiagnosticSpec } from "../diagnostics/diagnostic.js";
import { formatTokenLine } from "./token-listing.js";
import { CLI_MESSAGES as U } from "./messages.js";
import { Reporter, useColor } from "./report.js";
import { ARTIFACT_FORMATS, type ArtifactFormat } from "../emit/types.js";
import { lexSource, parseSource } from "../syntax/index.js";
import { analyse, emit, emitDoc, fileModuleHost, hasErrors, heapOption, loadSource, loadStdin, prepareRun, runChecked, type FrontEnd, type LoadFailure } from "../pipeline.js";
import type { RunLimits } from "../runtime/index.js";
import type { RunFakes } from "../runtime/thread.js";
import { projectEntry, projectOfFile, runInit } from "./project.js";
import type { Project } from "../project/index.js";
import { capabilityDiffMode, checkCapabilitiesMode, explainMode } from "./gates.js";
import { checkPoliciesMode, composeSbomMode, conformanceReportMode, deliver, manifestDigestMode } from "./product.js";
import { GATE_MESSAGES as G } from "../gates/messages.js";
import { countProgram } from "../syntax/stats.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { VERSION } from "../version.js";
import { fmtMode } from "./fmt.js";

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
  watch?: boolean;
  checkCapabilities?: boolean;
  capabilityDiff?: boolean;
  failOnWidening?: boolean;
  explain?: string;
  manifestDigest?: boolean;
  composeSbom?: boolean;
  checkPolicies?: boolean;
  conformanceReport?: boolean;
  sign?: string;
  format: "text" | "json" | "sarif";
  color: boolean;
  timeout?: string;
  maxSteps?: string;
  fsRoot?: string;
  fakeClock?: string;
  doc?: boolean;
  fmt?: boolean;
  fmtCheck?: boolean;
}

/** Stdout, written whole even to a non-blocking pipe; a reader that went away
 * (`capa --help | head -1`) drops the rest quietly, not with an error. */
const out = (s: string): void => writeAll(1, s);

const STDIN_NAME = "<stdin>";

function buildCommand(report: Reporter): Command {
  return new Command("capa")
    .description("Capa: a capability-typed language. Check, run, and describe the authority of a .capa program.")
    .usage("[mode] [options] <file.capa...> [-- program-args...]")
    .argument("[files...]", ".capa file to process (--check takes several)")
    .option("--check", "lex, parse and check each file; exit 1 if any has an error (warnings do not fail)")
    .option("--run", "check, then run the program: main receives its capabilities by declared type; arguments after -- are the program's (env.args())")
    .option("--parse", "print the AST as JSON")
    .option("--tokens", "print the token stream, layout tokens included (the default mode)")
    .option("--manifest", "emit the JSON capability manifest (schema_version 3)")
    .option("--cyclonedx", "emit a CycloneDX 1.5 SBOM of the program's capabilities")
    .option("--spdx", "emit an SPDX 2.3 document of the program's capabilities")
    .option("--vex", "emit a CycloneDX VEX document from the @vex attributes")
    .option("--provenance", "emit an in-toto Statement v1 with a SLSA Provenance v1.0 predicate")
    .option("--doc", "emit a self-contained HTML page: doc comments, signatures, declared and reached capabilities, attributes, @vex claims, declassification sites and a capability index")
    .option("--watch", "with --check or --run: run again whenever the file or a module it imports changes; Ctrl-C stops (exit 0)")
    .option("--timeout <seconds>", "with --run: stop the program after SECONDS of wall-clock time (TimeoutError, exit 1)")
    .option("--max-steps <n>", "with --run: stop the program after N steps, a step being a statement run or a lambda called (TimeoutError, exit 1)")
    .option("--fs-root <dir>", "with --run (a test fake): main's Fs is confined to DIR and relative paths resolve in it")
    .option("--fake-clock <seconds>", "with --run (a test fake): the clock starts at SECONDS since the epoch and moves only when the program sleeps (no real waiting)")
    .option("--check-capabilities", "check every package of the project against its capa.toml [capabilities] ceiling (spec/projects.md); exit 1 on a violation")
    .option("--capability-diff", "compare two --manifest outputs, OLD.json NEW.json: capabilities gained or lost and declassification sites added or removed, per function")
    .option("--fail-on-widening", "with --capability-diff: exit 1 when any function gains a capability or a declassification site is added")
    .option("--explain <function>", "for FUNCTION (f or Type::method): each capability it reaches with the shortest call chain that brings it, and the chain from main to it")
    .option("--fmt", "rewrite each file in the canonical style (spec/style.md); with --stdin, print the formatted program")
    .option("--fmt-check", "list the files that are not in the canonical style; exit 1 if any")
    .option("--manifest-digest", "emit the capability manifest as canonical JSON (RFC 8785) with a content_integrity sha256 over those bytes")
    .option("--compose-sbom", "emit the project's composed capability SBOM: functions attributed to packages, surfaces rolled up the dependency graph, UNKNOWN labelled (spec/projects.md)")
    .option("--check-policies", "check the project against its capa-policy.toml organisation policies (spec/projects.md); exit 1 when one fails")
    .option("--conformance-report", "emit the per-policy verdicts of capa-policy.toml as a canonical, content-addressed report")
    .option("--sign <key.pem>", "wrap the emitted artefact in a DSSE envelope signed with this Ed25519 private key ('capa verify' checks it)")
    .option("--stdin", "read the program from standard input (reported as <stdin>)")
    .option("-o, --output <path>", "write the emitted document to PATH instead of stdout")
    .option("--validate", "validate the emitted document against its JSON Schema; exit 1 if invalid")
    .option("--observe-authority <path>", "with --run: write every capability operation the run executes, with its call stack, to PATH as JSON")
    .option("--observed <path>", "with --provenance: add the observed authority in PATH as a second in-toto statement (JSON Lines output)")
    .addOption(
      new Option("--format <format>", "diagnostic output: text, json (one JSON array of every diagnostic, [] when there is none), or sarif (one SARIF 2.1.0 log)")
        .choices(["text", "json", "sarif"])
        .default("text"),
    )
    .option("--no-color", "never color diagnostics (default: color when stderr is a terminal; NO_COLOR and FORCE_COLOR are honoured)")
    .version(`capa ${VERSION}`, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "describe every flag")
    .addHelpText(
      "after",
      "\n'capa init [DIR]' writes a starter project; inside a project (capa.toml) --check, --run,\n" +
        "--check-capabilities, --explain, --compose-sbom, --manifest-digest, --check-policies and\n" +
        "--conformance-report need no file (spec/projects.md).\n" +
        "\nExit codes: 0 success, 1 diagnostics or a failed program, 2 usage or I/O error.\n" +
        "With --format json the diagnostics document is written to stdout, or to stderr when stdout\n" +
        "carries something else (the program's output, tokens, the AST or an artefact).\n" +
        "Artefacts honour SOURCE_DATE_EPOCH for reproducible timestamps.\n" +
        "\nCommands:\n" +
        "  capa test [paths...]  run the project's tests/test_*.capa programs; prints a line per test and\n" +
        "                        'N passed, M failed' (--filter, --jobs, --timeout, --format json, --junit;\n" +
        "                        see 'capa test --help')\n" +
        "  capa repl             read-eval-print: declarations, statements and expressions with persistent\n" +
        "                        bindings, root capabilities by name (stdio, fs, ...), :type EXPR, :caps FN\n" +
        "  capa lsp              serve the Language Server Protocol over stdio (README, \"Editor support\")\n" +
        "  capa verify ENVELOPE --key PUB.pem\n" +
        "                        check a DSSE envelope made with --sign (Ed25519); exit 1 if no signature verifies",
    )
    .exitOverride()
    .configureOutput({
      writeOut: out,
      writeErr: (s) => writeAll(2, s),
      outputError: (message) => report.problem(makeProblem(U.badOption, [message.replace(/^error: /, "").trimEnd()])),
    });
}

/** Program arguments are exactly those after the first `--`; everything before is capa's. */
function splitProgramArgs(argv: readonly string[]): { own: string[]; programArgs: string[] } {
  const i = argv.indexOf("--");
  return i < 0 ? { own: [...argv], programArgs: [] } : { own: argv.slice(0, i), programArgs: argv.slice(i + 1) };
}

/** `--format json` (or sarif) is known before commander runs, so its own errors are reported in it too. */
function wantedFormat(own: readonly string[]): "text" | "json" | "sarif" {
  for (const f of ["json", "sarif"] as const) if (own.some((a, i) => a === `--format=${f}` || (a === "--format" && own[i + 1] === f))) return f;
  return "text";
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "verify") {
    const report = new Reporter("text");
    return (await import("./sign.js")).verifyCommand(argv.slice(1), report);
  }
  if (argv[0] === "test") return (await import("./test/command.js")).testCommand(argv.slice(1));
  if (argv[0] === "repl") return (await import("./repl/command.js")).replCommand(argv.slice(1));
  if (argv[0] === "lsp") return (await import("../lsp/server.js")).startLanguageServer();
  const { own, programArgs } = splitProgramArgs(argv);
  const format = wantedFormat(own);
  const report = format === "sarif" ? new Reporter("json", await (await import("./sarif.js")).sarifDocument()) : new Reporter(format);
  try {
    return await dispatch(own, programArgs, report);
  } finally {
    report.finish();
  }
}

async function dispatch(own: string[], programArgs: string[], report: Reporter): Promise<number> {
  if (own[0] === "init") return runInit(own.slice(1), report);
  const program = buildCommand(report);
  try {
    program.parse(own, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        report.silent();
        return 0;
      }
      return 2; // outputError already reported it
    }
    throw e;
  }
  const flags = program.opts<Flags>();
  const named = (program.processedArgs[0] as string[] | undefined) ?? [];
  const formats = ARTIFACT_FORMATS.filter((f) => flags[f]);
  const modes = [flags.check, flags.run, flags.parse, flags.tokens, flags.checkCapabilities, flags.capabilityDiff, flags.explain !== undefined, flags.doc, flags.fmt, flags.fmtCheck, flags.manifestDigest, flags.composeSbom, flags.checkPolicies, flags.conformanceReport].filter(Boolean).length + formats.length;
  if (modes > 1) return report.usage(U.oneMode, []);
  const productArtefact = flags.manifestDigest === true || flags.composeSbom === true || flags.conformanceReport === true;
  if (flags.sign !== undefined && !productArtefact && formats.length === 0) return report.usage(G.signWithoutArtefact, []);
  if (flags.validate && formats.length === 0) return report.usage(U.outputWithoutArtifact, []);
  if (flags.output !== undefined && formats.length === 0 && !productArtefact && !flags.doc) return report.usage(U.outputWithoutArtifact, []);
  if (flags.observeAuthority !== undefined && !flags.run) return report.usage(U.observeWithoutRun, []);
  if (flags.observed !== undefined && !flags.provenance) return report.usage(U.observedWithoutProvenance, []);
  const limits = runLimits(flags);
  if (!("ok" in limits)) return report.usage(limits.problem, limits.args);
  const fakes = runFakes(flags);
  if (!("ok" in fakes)) return report.usage(fakes.problem, fakes.args);
  if (flags.failOnWidening && !flags.capabilityDiff) return report.usage(U.failOnWideningAlone, []);
  if (flags.stdin && named.length > 0) return report.usage(U.stdinWithFiles, [named[0]!]);
  const files = flags.stdin ? [STDIN_NAME] : named;
  if (files.length === 0 && (flags.check || flags.run || flags.doc || flags.checkCapabilities || flags.explain !== undefined || productArtefact || flags.checkPolicies)) {
    const entry = projectEntry(report, flags.checkCapabilities === true || flags.composeSbom === true || flags.checkPolicies === true || flags.conformanceReport === true); // inside a project: its entry point
    if (typeof entry === "number") return entry;
    files.push(entry);
  }
  if (files.length === 0) return report.usage(U.noInputFile, []);
  if (flags.fmt || flags.fmtCheck) {
    report.configure({ stream: 2, color: flags.format === "text" && useColor(flags.color, process.env, process.stderr.isTTY === true) });
    return fmtMode(files, { check: flags.fmtCheck === true, stdin: flags.stdin === true, stdinName: STDIN_NAME }, report, loadFailed);
  }
  if (files.length > 1 && !flags.check && !flags.capabilityDiff) return report.usage(U.severalFiles, [modeName(flags, formats), files.slice(1).join(" ")]);
  if (flags.watch) return await startWatch(own, programArgs, files, flags, report);
  // The JSON document takes stdout unless the mode prints something else there.
  report.configure({
    stream: flags.check || flags.checkCapabilities || flags.checkPolicies || ((formats.length > 0 || productArtefact || flags.doc) && flags.output !== undefined) ? 1 : 2,
    color: flags.format === "text" && useColor(flags.color, process.env, process.stderr.isTTY === true),
  });

  if (flags.capabilityDiff) return capabilityDiffMode(named, { json: flags.format === "json", failOnWidening: flags.failOnWidening === true }, report, { loadFailed, reportFailure });
  if (flags.explain !== undefined) return explainMode(flags.explain, files[0]!, flags.stdin === true, flags.format === "json", report, { loadFailed, reportFailure });
  const artefactOptions = { output: flags.output, sign: flags.sign };
  if (flags.manifestDigest) return await manifestDigestMode(files[0]!, flags.stdin === true, artefactOptions, report, { loadFailed, reportFailure });
  if (flags.composeSbom) return await composeSbomMode(files[0]!, flags.stdin === true, artefactOptions, report, { loadFailed, reportFailure });
  if (flags.conformanceReport) return await conformanceReportMode(files[0]!, flags.stdin === true, artefactOptions, report, { loadFailed, reportFailure });
  if (flags.checkPolicies) return checkPoliciesMode(files[0]!, flags.stdin === true, flags.format === "json", report, { loadFailed, reportFailure });
  if (flags.checkCapabilities) return checkCapabilitiesMode(files[0]!, flags.stdin === true, flags.format === "json", report, { loadFailed, reportFailure });
  if (flags.check) {
    let worst = 0;
    for (const file of files) worst = Math.max(worst, checkFile(file, flags, report));
    return worst;
  }
  const file = files[0]!;
  const loaded = flags.stdin ? loadStdin(STDIN_NAME) : loadSource(file);
  if (!loaded.ok) return loadFailed(loaded.failure, report);
  report.addSource(file, loaded.text);
  if (flags.tokens || modes === 0) return await printTokens(loaded.text, file, report);
  if (flags.parse) return printAst(loaded.text, file, report);
  const project = projectOfFile(file, flags.stdin === true, report);
  if (typeof project === "number") return project;
  // `--run` prepares its runner now: a worker thread starts up while the program is checked.
  const thread = flags.run ? prepareRun(limits.limits, heapOption(process.env)) : null;
  let front: FrontEnd;
  try {
    front = analyse(loaded.text, file, fileModuleHost(file, process.env, process.cwd(), project));
  } catch (e) {
    // The interpreter thread started early must not keep the process alive after a failure.
    if (thread !== null) void thread.then((t) => t.cancel());
    throw e;
  }
  if (thread !== null && hasErrors(front)) void thread.then((t) => t.cancel());
  for (const s of front.sources) report.addSource(s.path, s.text); // imported modules' lines too
  if (hasErrors(front)) return reportFailure(front, file, report);
  report.diagnostics(warnings(front.check), true);
  if (thread !== null) return await runMode(front, file, programArgs, report, thread, { observePath: flags.observeAuthority, limits: limits.limits, fakes: fakes.fakes });
  if (flags.doc) return await writeEmitted(await emitDoc(front.checked!, file, project), { output: flags.output, sign: undefined, inToto: false }, report);
  return await emitMode(formats[0]!, front, flags, report, project);
}

/** `--watch`: the same command, without --watch, run again on every change (src/cli/watch.ts). */
async function startWatch(own: string[], programArgs: string[], files: string[], flags: Flags, report: Reporter): Promise<number> {
  if (!flags.check && !flags.run) return report.usage(U.watchMode, []);
  if (flags.stdin) return report.usage(U.watchStdin, []);
  for (const file of files) {
    const loaded = loadSource(file); // as the reference: a file that cannot be read is a usage error, not a wait
    if (!loaded.ok) return loadFailed(loaded.failure, report);
  }
  report.silent(); // each round prints its own diagnostics document
  const { watchAndRerun } = await import("./watch.js");
  const childArgs = own.filter((a) => a !== "--watch");
  return watchAndRerun(files, programArgs.length > 0 ? [...childArgs, "--", ...programArgs] : childArgs);
}

function modeName(flags: Flags, formats: readonly ArtifactFormat[]): string {
  if (flags.run) return "--run";
  if (flags.parse) return "--parse";
  if (flags.doc) return "--doc";
  if (flags.checkCapabilities) return "--check-capabilities";
  if (flags.explain !== undefined) return "--explain";
  if (flags.manifestDigest) return "--manifest-digest";
  if (flags.composeSbom) return "--compose-sbom";
  if (flags.checkPolicies) return "--check-policies";
  if (flags.conformanceReport) return "--conformance-report";
  if (formats.length > 0) return `--${formats[0]}`;
  return "--tokens";
}

/** Reports why a source could not be read; returns the exit code (2). */
function loadFailed(f: LoadFailure, report: Reporter): number {
  switch (f.reason) {
    case "missing":
      return report.usage(U.noSuchFile, [f.path]);
    case "directory":
      return report.usage(U.isDirectory, [f.path]);
    case "denied":
      return report.usage(U.permissionDenied, [f.path]);
    case "unreadable":
      return report.usage(U.cannotRead, [f.path, f.detail]);
    case "utf8":
      return report.usage(U.notUtf8, [f.path, f.badByte]);
  }
}

/** One file of `--check`: its diagnostics, then its one-line summary; 0 clean, 1 errors, 2 unreadable. */
function checkFile(file: string, flags: Flags, report: Reporter): number {
  const loaded = flags.stdin ? loadStdin(STDIN_NAME) : loadSource(file);
  if (!loaded.ok) return loadFailed(loaded.failure, report);
  report.addSource(file, loaded.text);
  const project = projectOfFile(file, flags.stdin === true, report);
  if (typeof project === "number") return project;
  const front = analyse(loaded.text, file, fileModuleHost(file, process.env, process.cwd(), project));
  for (const s of front.sources) report.addSource(s.path, s.text);
  if (hasErrors(front)) return reportFailure(front, file, report);
  report.diagnostics(warnings(front.check), true);
  const c = countProgram(front.program);
  report.textLine(`${file}: ok (${c.items} items, ${c.expressions} expressions typed, ${c.bindings} bindings)\n`);
  return 0;
}

/** `--parse`: this file's AST alone, as the reference prints it (imports are named, not resolved). */
function printAst(text: string, file: string, report: Reporter): number {
  const { program, diagnostics } = parseSource(text, file);
  if (diagnostics.some((d) => d.severity === "error")) {
    report.diagnostics(diagnostics, false);
    return 1;
  }
  out(JSON.stringify(program, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  return 0;
}

async function printTokens(text: string, file: string, report: Reporter): Promise<number> {
  const { tokens, diagnostics } = lexSource(text, file);
  if (diagnostics.length > 0) {
    report.diagnostics(diagnostics, false);
    return 1;
  }
  const { floatRepr } = await import("../runtime/numeric.js");
  out(tokens.map((t) => formatTokenLine(t, floatRepr)).join("\n") + "\n");
  return 0;
}

/** What a clean check still prints: warnings and notes. */
const warnings = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity !== "error");

/** Syntax errors print bare; checker diagnostics are spaced and end with an error count. */
function reportFailure(front: FrontEnd, file: string, report: Reporter): number {
  if (front.syntax.some((d) => d.severity === "error")) {
    report.diagnostics(front.syntax, false);
    return 1;
  }
  report.diagnostics(front.check, true);
  const n = front.check.filter((d) => d.severity === "error").length;
  report.textError(`${file}: ${n} error${n === 1 ? "" : "s"}\n`);
  return 1;
}

/** `--timeout` / `--max-steps` as run limits, or the usage problem that rejects them. */
function runLimits(flags: Flags): { ok: true; limits: RunLimits } | { problem: DiagnosticSpec<string[]>; args: string[] } {
  if ((flags.timeout !== undefined || flags.maxSteps !== undefined) && !flags.run) return { problem: U.limitsWithoutRun, args: [] };
  const limits: { timeoutMs?: number; maxSteps?: number } = {};
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(flags.timeout) || !(seconds > 0)) return { problem: U.badTimeout, args: [flags.timeout] };
    limits.timeoutMs = seconds * 1000;
  }
  if (flags.maxSteps !== undefined) {
    const steps = Number(flags.maxSteps);
    if (!/^\d+$/.test(flags.maxSteps) || !Number.isSafeInteger(steps) || steps <= 0) return { problem: U.badMaxSteps, args: [flags.maxSteps] };
    limits.maxSteps = steps;
  }
  return { ok: true, limits };
}

/** `--fs-root` / `--fake-clock` as the run's fakes, or the usage problem that rejects them. */
function runFakes(flags: Flags): { ok: true; fakes: RunFakes } | { problem: DiagnosticSpec<string[]>; args: string[] } {
  if ((flags.fsRoot !== undefined || flags.fakeClock !== undefined) && !flags.run) return { problem: U.fakesWithoutRun, args: [] };
  const fakes: { fsRoot?: string; clockSecs?: number } = {};
  if (flags.fakeClock !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(flags.fakeClock.trim())) return { problem: U.badFakeClock, args: [flags.fakeClock] };
    fakes.clockSecs = Number(flags.fakeClock);
  }
  if (flags.fsRoot !== undefined) {
    const dir = resolve(flags.fsRoot);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return { problem: U.badFsRoot, args: [flags.fsRoot] };
    fakes.fsRoot = realpathSync(dir);
  }
  return { ok: true, fakes };
}

async function runMode(
  front: FrontEnd,
  file: string,
  args: string[],
  report: Reporter,
  thread: ReturnType<typeof prepareRun>,
  options: { observePath: string | undefined; limits: RunLimits; fakes: RunFakes },
): Promise<number> {
  const observePath = options.observePath;
  const outcome = await runChecked(front, args, thread, { observeAuthority: observePath !== undefined, limits: options.limits, fakes: options.fakes });
  const { failureLine } = await import("../runtime/index.js");
  const { R } = await import("../runtime/messages.js");
  // Written however the run ended: what a failing run exercised matters as much.
  if (observePath !== undefined && outcome.observedAuthority !== undefined) {
    try {
      writeFileSync(observePath, JSON.stringify(outcome.observedAuthority, null, 2) + "\n");
    } catch (e) {
      return report.usage(U.cannotWrite, [observePath, (e as Error).message]);
    }
  }
  if (outcome.failure !== null) {
    const f = outcome.failure;
    report.runtimeFailure({ code: f.code, severity: "error", span: f.kind === "panic" ? null : f.span, message: failureLine(f), hints: [] });
    return 1;
  }
  if (outcome.mainError !== null) {
    report.runtimeFailure(makeProblem(R.mainReturnedErr, [outcome.mainError]), `${file}: `);
    return 1;
  }
  return outcome.exitCode;
}

async function emitMode(format: ArtifactFormat, front: FrontEnd, flags: Flags, report: Reporter, project: Project | null): Promise<number> {
  let observed: import("../runtime/index.js").ObservedAuthority | undefined;
  if (flags.observed !== undefined) {
    const text = loadSource(flags.observed);
    if (!text.ok) return loadFailed(text.failure, report);
    const { parseObservedAuthority } = await import("../emit/index.js");
    const parsed = parseObservedAuthority(text.text);
    if (!parsed.ok) return report.usage(U.badObserved, [flags.observed, parsed.error]);
    observed = parsed.observed;
  }
  const result = await emit(format, front.checked!, front.sources, {
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    now: new Date(),
    validate: flags.validate === true,
    project,
    ...(observed === undefined ? {} : { observed }),
  });
  // A lone provenance statement is in-toto; with --observed it is two statements (JSON Lines), not one.
  const inToto = format === "provenance" && flags.observed === undefined;
  return await writeEmitted(result, { output: flags.output, sign: flags.sign, inToto }, report);
}

/** An emitted document to stdout, to `-o PATH` or signed, with its warnings; or why it was not made. */
async function writeEmitted(result: import("../pipeline.js").Emitted, options: Parameters<typeof deliver>[1], report: Reporter): Promise<number> {
  if (!result.ok) {
    report.problem(makeProblem(U.artifactFailed, [result.error]));
    return result.usage ? 2 : 1;
  }
  report.diagnostics(result.warnings, false);
  return await deliver(result.text, options, report);
}

/** Entry used by bin/capa.js: no JavaScript stack trace ever reaches the user. */
export async function runCli(argv: readonly string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (e) {
    writeAll(2, `capa: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    code = 70;
  }
  process.exitCode = code;
}
