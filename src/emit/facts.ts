// Views of the capability model that several artefacts share (positions, summary, SBOM refs,
// property lists, dependency edges). Derived once here so the formats cannot drift apart.
// Never adds a fact the model does not hold.

import type { Span } from "../diagnostics/diagnostic.js";
import {
  BUILTIN_CAPABILITIES,
  isBuiltinCapability,
  type CapabilityModel,
  type FunctionFacts,
  type ParamFact,
  type PythonGrantFact,
} from "../check/model.js";
import { comparePython } from "./digest.js";
import { displayBasename, displayFilename } from "./display.js";
import type { EmitInput } from "./types.js";

export const MANIFEST_SCHEMA_VERSION = 3;

/** A `name`/`value` pair: a CycloneDX property, or an SPDX `capa:<name>=<value>` annotation. */
export interface Property {
  readonly name: string;
  readonly value: string;
}

export function sortedPython(items: readonly string[]): string[] {
  return [...items].sort(comparePython);
}

/** Turns span file names into display names relative to the root source. */
export function displayer(input: EmitInput): (file: string) => string {
  const root = input.sources[0]?.path;
  return (file) => (root === undefined ? displayBasenameOrSelf(file, input.model.filename) : displayFilename(file, root));
}

/** Without sources, the model's own display filename stands for the root. */
function displayBasenameOrSelf(file: string, modelFilename: string): string {
  return displayBasename(file) === modelFilename ? modelFilename : file;
}

/** `file:line:col` with the display file name. */
export function filePos(span: Span, display: (file: string) => string): string {
  return `${display(span.file)}:${span.line}:${span.col}`;
}

/** `line:col`, the form calls and declassifications use. */
export function linePos(span: Span): string {
  return `${span.line}:${span.col}`;
}

/** The basename used inside every bom-ref and SPDXID (`<input>` for stdin). */
export function programBasename(model: CapabilityModel): string {
  return displayBasename(model.filename);
}

/** Loader name: `Container::m` identity lives in `container`; top-level names may be mangled. */
export function loaderName(f: FunctionFacts): string {
  return f.container === null ? f.qualifiedName : f.name;
}

/** The demangled name SBOMs show: `m` or `Container::m`. */
export function displayFunctionName(f: FunctionFacts): string {
  return f.container === null ? f.name : `${f.container}::${f.name}`;
}

/** The summary's `functions_with_capabilities`: the signature names a capability (declared),
 * as the reference counts; what a function merely reaches is in its own record. */
export function declaresCapabilities(f: FunctionFacts): boolean {
  return f.declaredCapabilities.length > 0;
}

export interface Summary {
  readonly total_functions: number;
  readonly functions_with_capabilities: number;
  readonly functions_with_attributes: number;
  readonly functions_crossing_unsafe: number;
  readonly declassification_sites: number;
  readonly protocol_states: number;
  readonly foreign_components: number;
  readonly functions_calling_foreign_components: number;
}

export function summarize(model: CapabilityModel): Summary {
  const fns = model.functions;
  const count = (pred: (f: FunctionFacts) => boolean) => fns.filter(pred).length;
  return {
    total_functions: fns.length,
    functions_with_capabilities: count(declaresCapabilities),
    functions_with_attributes: count((f) => f.attributes.length > 0),
    functions_crossing_unsafe: count((f) => f.hasUnsafe),
    declassification_sites:
      fns.reduce((n, f) => n + f.declassifications.length, 0) + model.moduleDeclassifications.length,
    protocol_states: model.typestates.length,
    foreign_components: model.foreignComponents.length,
    functions_calling_foreign_components: count((f) => (f.foreignComponentCalls ?? []).length > 0),
  };
}

/** The program's SBOM identity pieces, all keyed by the root basename. */
export interface SbomRefs {
  readonly program: string;
  builtin(cap: string): string;
  userCap(name: string): string;
  fn(f: FunctionFacts | string): string;
  vex(f: FunctionFacts, cve: string): string;
}

export function sbomRefs(model: CapabilityModel): SbomRefs {
  const base = programBasename(model);
  return {
    program: `capa:program:${base}`,
    builtin: (cap) => `capa:builtin:${base}:${cap}`,
    userCap: (name) => `capa:cap:${base}:${name}`,
    fn: (f) => `capa:fn:${base}:${typeof f === "string" ? f : f.qualifiedName}`,
    vex: (f, cve) => `capa:vex:${base}:${f.qualifiedName}:${cve}`,
  };
}

/** Built-in capabilities some function declares or reaches, in the canonical sorted order. */
export function reachedBuiltins(model: CapabilityModel): string[] {
  const seen = new Set<string>();
  for (const f of model.functions) {
    for (const c of [...f.declaredCapabilities, ...f.transitivelyReachableCapabilities]) seen.add(c);
  }
  return BUILTIN_CAPABILITIES.filter((c) => seen.has(c));
}

/** The ref of a capability name, or null when it names neither a built-in nor a user capability. */
export function capabilityRef(model: CapabilityModel, refs: SbomRefs, cap: string): string | null {
  if (isBuiltinCapability(cap)) return refs.builtin(cap);
  if (model.userCapabilities.some((u) => u.name === cap)) return refs.userCap(cap);
  return null;
}

/**
 * What one function depends on: its reachable capabilities (sorted), then the program functions
 * it calls by name, in call order, once each. Method calls make no edges.
 */
export function functionDependencies(model: CapabilityModel, refs: SbomRefs, f: FunctionFacts): string[] {
  const out: string[] = [];
  const add = (ref: string | null) => {
    if (ref !== null && !out.includes(ref)) out.push(ref);
  };
  for (const cap of sortedPython(f.transitivelyReachableCapabilities)) add(capabilityRef(model, refs, cap));
  const known = new Set(model.functions.map((g) => g.qualifiedName));
  for (const call of f.calls) {
    if (call.kind === "fn" && call.target !== null && known.has(call.target)) add(refs.fn(call.target));
  }
  return out;
}

/** `name: Type` plus ` [consume]` and ` [cap]` markers. */
export function paramText(p: ParamFact): string {
  return `${p.name}: ${p.type}${p.consuming ? " [consume]" : ""}${p.isCapability ? " [cap]" : ""}`;
}

/** Program-level facts: schema version and the summary counts SBOM readers filter on. */
export function programProperties(model: CapabilityModel): Property[] {
  const s = summarize(model);
  const props: Property[] = [
    { name: "capa:schema_version", value: String(MANIFEST_SCHEMA_VERSION) },
    { name: "capa:summary:total_functions", value: String(s.total_functions) },
    { name: "capa:summary:functions_with_capabilities", value: String(s.functions_with_capabilities) },
    { name: "capa:summary:functions_with_attributes", value: String(s.functions_with_attributes) },
    { name: "capa:summary:functions_crossing_unsafe", value: String(s.functions_crossing_unsafe) },
  ];
  const surface = model.pathArgSurface ?? [];
  if (surface.length > 0) {
    props.push({ name: "capa:compiler_derived_path_arg_surface:trust_level", value: "compiler-derived" });
    for (const a of surface) {
      props.push({
        name: "capa:compiler_derived:path_arg_surface",
        value: `argv[${a.argIndex}] -> ${a.capability}.${a.method} (${a.access})`,
      });
    }
  }
  return props;
}

export function userCapabilityProperties(model: CapabilityModel, name: string): Property[] {
  const cap = model.userCapabilities.find((u) => u.name === name)!;
  const props: Property[] = [{ name: "capa:kind", value: "capability" }];
  if (cap.doc !== null) props.push({ name: "capa:doc", value: cap.doc });
  for (const m of cap.methods) props.push({ name: "capa:capability:method", value: m });
  for (const i of sortedPython(cap.implementors)) props.push({ name: "capa:capability:implementor", value: i });
  return props;
}

/** `Fs fs.restrict_to("/d") at 3:5`; a let-bound argument shows its chain: `Net api = .restrict_to("h") at 5:5`. */
export function pythonGrantText(g: PythonGrantFact): string {
  const traced = g.attenuations.length > 0 && /^[A-Za-z_][A-Za-z_0-9]*$/.test(g.argument);
  const chain = traced ? ` = ${g.attenuations.map((a) => `.${a.method}(${a.args.join(", ")})`).join("")}` : "";
  return `${g.capability} ${g.argument}${chain} at ${linePos(g.span)}`;
}

/** Python interop facts of one function body (none for a function without py_* calls). */
function pythonProperties(f: FunctionFacts): Property[] {
  const props: Property[] = f.pythonModules.map((m) => ({ name: "capa:python_module", value: m }));
  const dynamic = f.pythonDynamicImports ?? 0;
  if (dynamic > 0) props.push({ name: "capa:python_dynamic_imports", value: String(dynamic) });
  for (const g of f.pythonGrantSites ?? []) props.push({ name: "capa:python_grant", value: pythonGrantText(g) });
  return props;
}

/** Every per-function fact an SBOM carries, in the documented order. */
export function functionProperties(f: FunctionFacts, display: (file: string) => string): Property[] {
  const props: Property[] = [
    { name: "capa:kind", value: "function" },
    { name: "capa:pos", value: filePos(f.span, display) },
    { name: "capa:return_type", value: f.returnType },
    { name: "capa:has_unsafe", value: String(f.hasUnsafe) },
    ...pythonProperties(f),
    ...(f.capabilityWrappers ?? []).map((w) => ({ name: "capa:capability_wrapper", value: `${w.capability} ${w.receiver}.${w.wrapper} at ${linePos(w.span)}` })),
    { name: "capa:is_pub", value: String(f.isPub) },
  ];
  if (f.sourceModuleIndex !== undefined && f.sourceModuleIndex !== null) {
    props.push({ name: "capa:source_module_index", value: String(f.sourceModuleIndex) });
  }
  if (f.doc !== null) props.push({ name: "capa:doc", value: f.doc });
  if (f.container !== null) props.push({ name: "capa:container", value: f.container });
  for (const c of f.declaredCapabilities) props.push({ name: "capa:declared_capability", value: c });
  for (const c of sortedPython(f.transitivelyReachableCapabilities)) {
    props.push({ name: "capa:transitively_reachable_capability", value: c });
  }
  for (const c of sortedPython(f.provablyExcludedCapabilities)) {
    props.push({ name: "capa:provably_excluded_capability", value: c });
  }
  for (const p of f.params) props.push({ name: "capa:param", value: paramText(p) });
  for (const a of f.attributes) {
    if (a.args.length === 0) props.push({ name: `capa:attribute:${a.name}`, value: "" });
    for (const arg of a.args) props.push({ name: `capa:attribute:${a.name}:${arg.key}`, value: arg.value });
  }
  return props;
}
