// The pipeline as one story: read the file, lex and parse, check, then run or emit.
// Every step returns data (values plus diagnostics); printing is the CLI's job.

import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { Program } from "./syntax/ast.js";
import { checkProgram, type CheckOptions, type CheckResult } from "./check/index.js";
import { loadProgram, type LoadedSource, type ModuleHost } from "./check/modules/loader.js";
import type { ObservedAuthority, RunLimits, RunOutcome } from "./runtime/index.js";
import type { ArtifactFormat } from "./emit/index.js";
import { owningPackage, type Project } from "./project/index.js";
import type { CapabilityModel } from "./check/model.js";
import { decodeUtf8 } from "./utf8.js";
import { VERSION } from "./version.js";

// The runtime and the emitters are loaded only by the modes that use them, so `--check` does
// not pay their start-up cost.

/** Why a source could not be read; the CLI words it (src/cli/messages.ts). */
export type LoadFailure =
  | { readonly reason: "missing" | "directory" | "denied"; readonly path: string }
  | { readonly reason: "unreadable"; readonly path: string; readonly detail: string }
  | { readonly reason: "utf8"; readonly path: string; readonly badByte: number };

export type Loaded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: LoadFailure };

/** Reads a source file as strict UTF-8; a missing, unreadable or non-UTF-8 file is data, not an
 * exception. The text re-encodes to exactly the file's bytes, so digests of it are digests of the file. */
export function loadSource(path: string): Loaded {
  try {
    if (statSync(path).isDirectory()) return { ok: false, failure: { reason: "directory", path } };
    return decoded(path, readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, failure: { reason: "missing", path } };
    if (code === "EACCES") return { ok: false, failure: { reason: "denied", path } };
    return { ok: false, failure: { reason: "unreadable", path, detail: (e as Error).message } };
  }
}

/** The program text from standard input (`capa --stdin`). */
export function loadStdin(name: string): Loaded {
  try {
    return decoded(name, readFileSync(0));
  } catch (e) {
    return { ok: false, failure: { reason: "unreadable", path: name, detail: (e as Error).message } };
  }
}

function decoded(path: string, bytes: Uint8Array): Loaded {
  const d = decodeUtf8(bytes);
  return d.ok ? { ok: true, text: d.text } : { ok: false, failure: { reason: "utf8", path, badByte: d.badByte } };
}

export interface FrontEnd {
  readonly program: Program;
  /** Lexical and syntax diagnostics. */
  readonly syntax: readonly Diagnostic[];
  /** Checker diagnostics (errors and warnings); empty when the syntax stage failed. */
  readonly check: readonly Diagnostic[];
  readonly checked: CheckResult | null;
  /** Every source file the program is made of (root first, then its imports). */
  readonly sources: readonly LoadedSource[];
}

/** Lex, parse (the file and every module it imports) and, when the syntax is clean, check. */
export function analyse(text: string, file: string, host: ModuleHost = fileModuleHost(file), extra: Omit<CheckOptions, "filename"> = {}): FrontEnd {
  const { program, diagnostics, sources } = loadProgram(text, file, host);
  if (diagnostics.some((d) => d.severity === "error")) return { program, syntax: diagnostics, check: [], checked: null, sources };
  const checked = checkProgram(program, { ...extra, filename: file });
  return { program, syntax: diagnostics, check: checked.diagnostics, checked, sources };
}

/** Module files from disk; search order documented in spec/modules.md. In a project, `import dep.m`
 * reads the declared package's folder only (spec/projects.md). */
export function fileModuleHost(rootFile: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), project: Project | null = null): ModuleHost {
  const capaPath = (env.CAPA_PATH ?? "").split(delimiter).filter((p) => p !== "");
  const searchPath = [...capaPath, join(cwd, "vendor"), join(cwd, "libraries"), dirname(resolve(rootFile)), ...stdlibDir()];
  return {
    read: (path) => {
      try {
        if (!statSync(path).isFile()) return null;
        const d = decodeUtf8(readFileSync(path));
        return d.ok ? d.text : { badByte: d.badByte };
      } catch {
        return null;
      }
    },
    searchPath,
    join,
    dirname,
    absolute: (path) => resolve(path),
    ...(project === null ? {} : { packageRoots: project.packageRoots }),
  };
}

/** The bundled Capa standard library (`import std.strings`), beside dist/ or dist/bundle/. */
function stdlibDir(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, "..", "stdlib"), join(here, "..", "..", "stdlib")].filter((d) => existsSync(join(d, "std"))).slice(0, 1);
}

export function hasErrors(front: FrontEnd): boolean {
  return [...front.syntax, ...front.check].some((d) => d.severity === "error");
}

/** Prepares where `runChecked` will run the program (runtime/runner.ts): a worker thread is
 * started now, so its start-up overlaps the check. */
export async function prepareRun(limits: RunLimits = {}, options: import("./runtime/thread.js").ThreadOptions = {}): Promise<import("./runtime/thread.js").PreparedThread> {
  const { prepareRunner } = await import("./runtime/runner.js");
  const { heapLimitMb } = await import("./runtime/interp/budget.js");
  return prepareRunner({ execArgv: process.execArgv, limits, thread: options, heapLimitMib: heapLimitMb() });
}

/** `CAPA_MAX_HEAP_MB`: the interpreter thread's heap in MB (README, "Run-time limits"); absent or invalid: V8's default. */
export function heapOption(env: NodeJS.ProcessEnv): { maxHeapMb?: number } {
  const text = env.CAPA_MAX_HEAP_MB;
  const mb = text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
  return mb >= 16 ? { maxHeapMb: mb } : {};
}

/** Runs a checked program against the real process (stdout, stderr, environment, network), on a
 * thread with a stack deep enough for the interpreter's recursion limit. */
export async function runChecked(
  front: FrontEnd,
  args: string[],
  prepared?: Promise<import("./runtime/thread.js").PreparedThread>,
  options: { observeAuthority?: boolean; limits?: RunLimits; fakes?: import("./runtime/thread.js").RunFakes } = {},
): Promise<RunOutcome> {
  const thread = await (prepared ?? prepareRun(options.limits ?? {}));
  return thread.run({
    args,
    program: front.program,
    argumentSlots: front.checked?.typing.namedArgumentSlots ?? new Map(),
    limits: options.limits ?? {},
    observeAuthority: options.observeAuthority === true,
    ...(options.fakes === undefined ? {} : { fakes: options.fakes }),
  });
}

export type Emitted =
  | { readonly ok: true; readonly text: string; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly error: string; readonly usage: boolean };

/** Emits one artefact from a checked program, optionally validating it against its schema. */
export async function emit(
  format: ArtifactFormat,
  checked: CheckResult,
  sources: readonly LoadedSource[],
  options: { sourceDateEpoch: string | undefined; now: Date; validate: boolean; observed?: ObservedAuthority; project?: Project | null },
): Promise<Emitted> {
  const { artifactWarnings, emitArtifact, resolveTimestamp, validateArtifact } = await import("./emit/index.js");
  if (options.observed !== undefined) return emitProvenanceWithObserved(checked, sources, { ...options, observed: options.observed });
  if (checked.model === null) return { ok: false, error: "the capability model is not available for this program", usage: false };
  const stamp = resolveTimestamp(options.sourceDateEpoch, options.now);
  if (!stamp.ok) return { ok: false, error: stamp.error, usage: true };
  const out = emitArtifact(format, {
    model: checked.model,
    sources,
    timestamp: stamp.timestamp,
    toolVersion: VERSION,
    ...(options.project == null ? {} : { product: productIdentity(options.project, checked.model, sources) }),
  });
  if (!out.ok) return { ok: false, error: out.error, usage: false };
  if (options.validate) {
    const v = validateArtifact(format, out.text);
    if (!v.valid) return { ok: false, error: `the ${format} document failed schema validation: ${v.errors.join("; ")}`, usage: false };
  }
  return { ok: true, text: out.text, warnings: artifactWarnings(format, checked.model) };
}

/** `--doc`: the HTML documentation page of a checked program (src/emit/doc.ts). */
export async function emitDoc(checked: CheckResult, rootFile: string, project: Project | null): Promise<Emitted> {
  const { emitDocPage, displayBasename } = await import("./emit/index.js");
  if (checked.model === null) return { ok: false, error: "the capability model is not available for this program", usage: false };
  const title = project?.root.manifest.package.name ?? displayBasename(rootFile);
  return { ok: true, text: emitDocPage({ model: checked.model, rootFile, title }), warnings: [] };
}

/** What the SBOMs say about a project's product: its root capa.toml `[package]`, and the package
 * and file facts the emitters cannot read from disk themselves. */
function productIdentity(project: Project, model: CapabilityModel, sources: readonly LoadedSource[]): import("./emit/types.js").ProductIdentity {
  const p = project.root.manifest.package;
  const owner = (file: string) => owningPackage(project, file) ?? project.root;
  const atRoot = (file: string): string => {
    const r = relative(project.root.dir, resolve(file));
    return r.startsWith("..") || isAbsolute(r) ? `<outside>/${basename(file)}` : r.split(sep).join("/");
  };
  const details = {
    functionPackages: new Map(model.functions.map((f) => [f.qualifiedName, { name: owner(f.span.file).name, version: owner(f.span.file).manifest?.package.version ?? null }])),
    files: sources
      .map((s) => ({
        path: atRoot(s.path),
        sha256: createHash("sha256").update(s.text, "utf8").digest("hex"),
        sha1: createHash("sha1").update(s.text, "utf8").digest("hex"),
        package: owner(s.path).name,
        version: owner(s.path).manifest?.package.version ?? null,
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    pyodideVersion: bundledPyodideVersion(),
  };
  return { name: p.name, version: p.version, license: p.license, supplier: p.supplier, authors: p.authors, description: p.description, details };
}

/** The version of the Pyodide the runtime loads (its package.json), or null when it cannot be read. */
function bundledPyodideVersion(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve("pyodide");
    const version = (JSON.parse(readFileSync(join(dirname(main), "package.json"), "utf8")) as { version?: unknown }).version;
    return typeof version === "string" ? version : null;
  } catch {
    return null;
  }
}

/** `--provenance --observed OUT.json`: the provenance and the observed-authority statement as one
 * in-toto bundle (JSON Lines), each line validated when asked. */
async function emitProvenanceWithObserved(
  checked: CheckResult,
  sources: readonly LoadedSource[],
  options: { sourceDateEpoch: string | undefined; now: Date; validate: boolean; observed: ObservedAuthority },
): Promise<Emitted> {
  const { artifactWarnings, buildProvenanceDocument, emitProvenanceBundle, resolveTimestamp, validateArtifact, validateObserved } = await import("./emit/index.js");
  if (checked.model === null) return { ok: false, error: "the capability model is not available for this program", usage: false };
  const stamp = resolveTimestamp(options.sourceDateEpoch, options.now);
  if (!stamp.ok) return { ok: false, error: stamp.error, usage: true };
  const input = { model: checked.model, sources, timestamp: stamp.timestamp, toolVersion: VERSION };
  const out = emitProvenanceBundle(input, buildProvenanceDocument(input), options.observed);
  if (!out.ok) return { ok: false, error: out.error, usage: false };
  if (options.validate) {
    const [provenance, observed] = out.text.trimEnd().split("\n");
    const errors = [
      ...validateArtifact("provenance", provenance!).errors,
      ...validateObserved("observed-authority-statement", JSON.parse(observed!)).errors,
    ];
    if (errors.length > 0) return { ok: false, error: `the provenance bundle failed schema validation: ${errors.join("; ")}`, usage: false };
  }
  return { ok: true, text: out.text, warnings: artifactWarnings("provenance", checked.model) };
}
