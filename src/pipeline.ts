// The pipeline as one story: read the file, lex and parse, check, then run or emit.
// Every step returns data (values plus diagnostics); printing is the CLI's job.

import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { parseSource } from "./syntax/index.js";
import type { Program } from "./syntax/ast.js";
import { checkProgram, type CheckResult } from "./check/index.js";
import type { RunOutcome } from "./runtime/index.js";
import type { ArtifactFormat } from "./emit/index.js";
import { VERSION } from "./version.js";

// The runtime and the emitters are loaded only by the modes that use them, so `--check` does
// not pay their start-up cost.

export type Loaded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** Reads a source file; a missing or unreadable file is an error message, not an exception. */
export function loadSource(path: string): Loaded {
  try {
    if (statSync(path).isDirectory()) return { ok: false, error: `${path}: is a directory, not a .capa file` };
    return { ok: true, text: readFileSync(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, error: `${path}: no such file` };
    if (code === "EACCES") return { ok: false, error: `${path}: permission denied` };
    return { ok: false, error: `${path}: cannot read (${(e as Error).message})` };
  }
}

export interface FrontEnd {
  readonly program: Program;
  /** Lexical and syntax diagnostics. */
  readonly syntax: readonly Diagnostic[];
  /** Checker diagnostics (errors and warnings); empty when the syntax stage failed. */
  readonly check: readonly Diagnostic[];
  readonly checked: CheckResult | null;
}

/** Lex, parse and (when the syntax is clean) check one file. */
export function analyse(text: string, file: string): FrontEnd {
  const { program, diagnostics } = parseSource(text, file);
  if (diagnostics.some((d) => d.severity === "error")) return { program, syntax: diagnostics, check: [], checked: null };
  const checked = checkProgram(program, { filename: file });
  return { program, syntax: diagnostics, check: checked.diagnostics, checked };
}

export function hasErrors(front: FrontEnd): boolean {
  return [...front.syntax, ...front.check].some((d) => d.severity === "error");
}

/** Runs a checked program against the real process (stdout, stderr, environment, network),
 * on a thread with a stack deep enough for the interpreter's recursion limit. */
export async function runChecked(source: { path: string; text: string }, args: string[]): Promise<RunOutcome> {
  const { runOnThread } = await import("./runtime/thread.js");
  return runOnThread({ source: source.text, file: source.path, args });
}

export type Emitted = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string; readonly usage: boolean };

/** Emits one artefact from a checked program, optionally validating it against its schema. */
export async function emit(
  format: ArtifactFormat,
  checked: CheckResult,
  source: { path: string; text: string },
  options: { sourceDateEpoch: string | undefined; now: Date; validate: boolean },
): Promise<Emitted> {
  const { emitArtifact, resolveTimestamp, validateArtifact } = await import("./emit/index.js");
  if (checked.model === null) return { ok: false, error: "the capability model is not available for this program", usage: false };
  const stamp = resolveTimestamp(options.sourceDateEpoch, options.now);
  if (!stamp.ok) return { ok: false, error: stamp.error, usage: true };
  const out = emitArtifact(format, {
    model: checked.model,
    sources: [source],
    timestamp: stamp.timestamp,
    toolVersion: VERSION,
  });
  if (!out.ok) return { ok: false, error: out.error, usage: false };
  if (options.validate) {
    const v = validateArtifact(format, out.text);
    if (!v.valid) return { ok: false, error: `the ${format} document failed schema validation: ${v.errors.join("; ")}`, usage: false };
  }
  return out;
}
