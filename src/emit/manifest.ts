// `--manifest`: the capability manifest (schema_version 3), a pure function of the model.
// Key order is part of the format: never reorder the object literals below.

import type { ArgFlow, ForeignComponentFacts, FunctionFacts, SecretSinkFact } from "../check/model.js";
import { comparePython } from "./digest.js";
import {
  MANIFEST_SCHEMA_VERSION,
  displayer,
  filePos,
  linePos,
  loaderName,
  programBasename,
  sortedPython,
  summarize,
} from "./facts.js";
import { artifactText } from "./json.js";
import type { EmitInput, EmitResult } from "./types.js";

const OPERATOR_GRANTS_NOTE =
  "Authority granted by whoever runs the program (for example preopened directories or allowed " +
  "hosts), not proven by the compiler. Kept apart from the compiler-derived surface; this " +
  "implementation accepts no such grants, so the lists are empty.";

const PATH_ARG_NOTE =
  "Command-line arguments (env.args()) that the compiler proved can reach an Fs, Net or Env " +
  "operation, with the access kind; arg_index '*' when the index is not statically known. An " +
  "over-approximation recorded for audit; it grants no authority.";

const PATH_ARG_NOT_ANALYSED_NOTE =
  "Command-line arguments (env.args()) that can reach an Fs, Net or Env operation. This " +
  "implementation does not run that analysis yet, so the empty list below is NOT a proof " +
  "that no argument reaches such an operation.";

const FOREIGN_NOTE =
  "Typed boundary to an external Wasm component. The declared capabilities are what the " +
  "program hands the component; they are not enforced at run time, so callers compose as " +
  "authority-unknown.";

function argFlow(flow: ArgFlow | null) {
  if (flow === null) return null;
  return { name: flow.name, attenuations: flow.attenuations.map((a) => ({ method: a.method, args: [...a.args] })) };
}

/** Deduplicated and sorted by (capability, "line:col") as the reference prints them. */
function secretSinks(sinks: readonly SecretSinkFact[]) {
  const keyed = new Map<string, { capability: string; pos: string }>();
  for (const s of sinks) {
    const entry = { capability: s.capability, pos: linePos(s.span) };
    keyed.set(`${entry.capability}\u0000${entry.pos}`, entry);
  }
  return [...keyed.values()].sort(
    (a, b) => comparePython(a.capability, b.capability) || comparePython(a.pos, b.pos),
  );
}

/** `python_modules`, `python_dynamic_imports`, `python_grants`: each only when non-empty, so a
 * program without Python interop prints exactly the reference's record. */
function pythonInterop(f: FunctionFacts) {
  const grants = f.pythonGrantSites ?? [];
  const dynamic = f.pythonDynamicImports ?? 0;
  return {
    ...(f.pythonModules.length > 0 ? { python_modules: [...f.pythonModules] } : {}),
    ...(dynamic > 0 ? { python_dynamic_imports: dynamic } : {}),
    ...(grants.length > 0
      ? {
          python_grants: grants.map((g) => ({
            capability: g.capability,
            argument: g.argument,
            attenuations: g.attenuations.map((a) => ({ method: a.method, args: [...a.args] })),
            pos: linePos(g.span),
          })),
        }
      : {}),
  };
}

/** `capability_wrappers`, only when the body builds one, so other programs print the reference's record. */
function capabilityWrappers(f: FunctionFacts) {
  const sites = f.capabilityWrappers ?? [];
  if (sites.length === 0) return {};
  return {
    capability_wrappers: sites.map((w) => ({ capability: w.capability, wrapper: w.wrapper, receiver: w.receiver, pos: linePos(w.span) })),
  };
}

function functionRecord(f: FunctionFacts, display: (file: string) => string) {
  const foreignCalls = f.foreignComponentCalls ?? [];
  return {
    name: loaderName(f),
    source_name: f.sourceName ?? f.name,
    container: f.container,
    source_container: f.container,
    source_module_index: f.sourceModuleIndex ?? null,
    pos: filePos(f.span, display),
    is_pub: f.isPub,
    doc: f.doc,
    params: f.params.map((p) => ({
      name: p.name,
      type: p.type,
      consuming: p.consuming,
      borrowing: p.borrowing,
      is_capability: p.isCapability,
      is_linear: p.isLinear,
    })),
    return_type: f.returnType,
    declared_capabilities: [...f.declaredCapabilities],
    transitively_reachable_capabilities: sortedPython(f.transitivelyReachableCapabilities),
    provably_excluded_capabilities: sortedPython(f.provablyExcludedCapabilities),
    linear_obligations: {
      consumes: [...f.linearObligations.consumes],
      produces_linear: f.linearObligations.producesLinear,
    },
    has_unsafe: f.hasUnsafe,
    ...pythonInterop(f),
    ...capabilityWrappers(f),
    authority_provable_from_types: f.authorityProvableFromTypes,
    ceiling_authority_provable: f.ceilingAuthorityProvable ?? f.authorityProvableFromTypes,
    calls_foreign_component: foreignCalls.length > 0,
    foreign_component_calls: [...foreignCalls],
    constant_time: f.constantTime,
    attributes: f.attributes.map((a) => ({
      name: a.name,
      args: Object.fromEntries(a.args.map((kv) => [kv.key, kv.value])),
    })),
    calls: f.calls.map((c) => ({
      kind: c.kind,
      callee: c.callee,
      pos: linePos(c.span),
      args: [...c.args],
      args_flow: c.argsFlow.map(argFlow),
    })),
    declassifications: f.declassifications.map((d) => ({ reason: d.reason, value: d.value, pos: linePos(d.span) })),
    unaudited_secret_sinks: secretSinks(f.unauditedSecretSinks),
  };
}

/** The manifest as a plain object, in documented key order (also used by tests and digests). */
export function buildManifest(input: EmitInput) {
  const { model } = input;
  const display = displayer(input);
  return {
    capa_version: input.toolVersion,
    schema_version: MANIFEST_SCHEMA_VERSION,
    filename: programBasename(model), // the reference prints the file name without its directory
    user_defined_capabilities: model.userCapabilities.map((u) => ({
      name: u.name,
      methods: [...u.methods],
      implementors: sortedPython(u.implementors),
      doc: u.doc,
    })),
    typestates: model.typestates.map((t) => ({ name: t.name, states: [...t.states] })),
    foreign_components: model.foreignComponents.map(foreignComponent),
    functions: model.functions.map((f) => functionRecord(f, display)),
    module_declassifications: model.moduleDeclassifications.map((d) => ({
      owner_kind: d.ownerKind,
      owner: d.owner,
      source_owner: d.owner,
      owner_pos: filePos(d.ownerSpan ?? d.span, display),
      reason: d.reason,
      value: d.value,
      pos: linePos(d.span),
    })),
    operator_declared_grants: {
      trust_level: "operator-declared",
      note: OPERATOR_GRANTS_NOTE,
      preopens: [],
      allow_hosts: [],
    },
    compiler_derived_path_arg_surface: {
      trust_level: "compiler-derived",
      note: model.pathArgSurface === undefined ? PATH_ARG_NOT_ANALYSED_NOTE : PATH_ARG_NOTE,
      arguments: (model.pathArgSurface ?? []).map((a) => ({
        arg_index: a.argIndex,
        capability: a.capability,
        method: a.method,
        access: a.access,
      })),
    },
    summary: summarize(model),
  };
}

function foreignComponent(c: ForeignComponentFacts) {
  const methods = c.methods.map((m) => ({
    name: m.name,
    declared_capabilities: m.params.filter((p) => p.isCapability).map((p) => p.type),
    params: m.params.map((p) => ({ name: p.name, type: p.type })),
    return_type: m.returnType,
  }));
  const declared: string[] = [];
  for (const m of methods) for (const cap of m.declared_capabilities) if (!declared.includes(cap)) declared.push(cap);
  return {
    name: c.name,
    source_module_index: null,
    artifact: c.artifact,
    declared_capabilities: sortedPython(declared),
    methods,
    authority: "unproven-top",
    note: FOREIGN_NOTE,
  };
}

export function emitManifest(input: EmitInput): EmitResult {
  return { ok: true, text: artifactText(buildManifest(input)) };
}
