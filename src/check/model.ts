// The capability model: what the checker proves about each function, declared once here.
// The checker builds it; the emitters (manifest, SBOMs, VEX, provenance) and the runtime read it,
// never the raw AST. Invariant: plain data, fully built before any emitter runs, never mutated after.

import type { Span } from "../diagnostics/diagnostic.js";

/** Built-in capabilities, in the sorted order the artefacts list them. */
export const BUILTIN_CAPABILITIES = [
  "Clock",
  "Db",
  "Env",
  "Fs",
  "Net",
  "Proc",
  "Random",
  "Serve",
  "Stdio",
  "Unsafe",
] as const;

export type BuiltinCapability = (typeof BUILTIN_CAPABILITIES)[number];

export function isBuiltinCapability(name: string): name is BuiltinCapability {
  return (BUILTIN_CAPABILITIES as readonly string[]).includes(name);
}

/** Attribute catalogue (notes §1): attribute name → allowed keys, in documented order. */
export const ATTRIBUTE_CATALOGUE: Readonly<Record<string, readonly string[]>> = {
  audited: ["date", "by", "scope", "notes"],
  constant_time: [],
  deprecated: ["reason", "since", "use", "removed_in"],
  security: ["cve", "cwe", "severity", "fixed_in", "description"],
  strict_ifc: [],
  vex: ["cve", "status", "justification", "detail", "first_issued"],
};

/** CycloneDX 1.5 `analysis.state` values: the only `@vex(status:)` values a valid VEX document
 * may carry. Shared by the attribute check and the VEX emitter. */
export const VEX_STATES = ["resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"] as const;

/** CycloneDX 1.5 `analysis.justification` values. */
export const VEX_JUSTIFICATIONS = [
  "code_not_present",
  "code_not_reachable",
  "requires_configuration",
  "requires_dependency",
  "requires_environment",
  "protected_by_compiler",
  "protected_at_runtime",
  "protected_at_perimeter",
  "protected_by_mitigating_control",
] as const;

export interface ParamFact {
  readonly name: string;
  /** Type as display text: `Name`, `Name<A, B>`, `Fun(A) -> B`, `(A, B)`, `()`; `self` is `Self`. */
  readonly type: string;
  readonly consuming: boolean;
  readonly borrowing: boolean;
  readonly isCapability: boolean;
  readonly isLinear: boolean;
}

export interface AttributeFact {
  readonly name: string;
  /** Keys in source order. */
  readonly args: readonly { readonly key: string; readonly value: string }[];
  readonly span: Span;
}

/** A capability value passed as an argument, traced back through attenuator chains. */
export interface ArgFlow {
  readonly name: string;
  readonly attenuations: readonly { readonly method: string; readonly args: readonly string[] }[];
}

export interface CallFact {
  readonly kind: "fn" | "method";
  /** `f` for a function call, `recv.m` for a method call (receiver as source text). */
  readonly callee: string;
  readonly span: Span;
  /** Argument source text, at most 80 characters (cut ones end in `...`). */
  readonly args: readonly string[];
  readonly argsFlow: readonly (ArgFlow | null)[];
  /** For `fn` calls to a function of this program: the callee's `qualifiedName`, else null. */
  readonly target: string | null;
}

export interface DeclassificationFact {
  readonly reason: string;
  /** Source text of the declassified value. */
  readonly value: string;
  readonly span: Span;
}

export interface SecretSinkFact {
  readonly capability: string;
  readonly span: Span;
}

/** A capability handed to the Python runtime by one `py_grant(unsafe, cap)` call. */
export interface PythonGrantFact {
  /** `Fs` or `Net` (the checker rejects anything else). */
  readonly capability: string;
  /** Source text of the granted argument, at most 80 characters. */
  readonly argument: string;
  /** Attenuations applied in this function before the grant (inline or through `let`), in order;
   * empty when the capability is granted as this function received it. */
  readonly attenuations: ArgFlow["attenuations"];
  readonly span: Span;
}

/** One run-time wrapper built in a function body (`net.revocable(r)`, `log.single_use()`). */
export interface WrapperFact {
  /** The wrapped capability: a built-in or a declared capability's name. */
  readonly capability: string;
  /** `revocable`, `expires_after`, `single_use` or `logged`. */
  readonly wrapper: string;
  /** Source text of the wrapped receiver, at most 80 characters. */
  readonly receiver: string;
  readonly span: Span;
}

export interface FunctionFacts {
  /** Unique name: `f` for a top-level function, `Container::m` for an impl method. */
  readonly qualifiedName: string;
  /** The name as written. */
  readonly name: string;
  /** Impl target type name (without state index), or null for top-level functions. */
  readonly container: string | null;
  /** Where the declaration starts, as the reference's manifest `pos`: its first `@attribute`, else
   * the `fun` keyword (after any `pub`). */
  readonly span: Span;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly params: readonly ParamFact[];
  /** `()` when omitted. */
  readonly returnType: string;
  /** Capability-typed parameters in order, plus the capability trait for `impl <Cap> for T`. */
  readonly declaredCapabilities: readonly string[];
  /** Capabilities whose methods this function's own body invokes (sorted). */
  readonly usedCapabilities: readonly string[];
  /** Every capability reachable through parameters and callees (sorted). */
  readonly transitivelyReachableCapabilities: readonly string[];
  /** Built-ins the types prove this function cannot reach (sorted); empty when unprovable. */
  readonly provablyExcludedCapabilities: readonly string[];
  /** False when authority cannot be bounded from the signature (Unsafe, `Fun` parameters...). */
  readonly authorityProvableFromTypes: boolean;
  readonly linearObligations: { readonly consumes: readonly string[]; readonly producesLinear: boolean };
  readonly hasUnsafe: boolean;
  /** Python modules imported with a string-literal name through `py_import`. */
  readonly pythonModules: readonly string[];
  /** Capabilities handed to the Python runtime through `py_grant` (sorted, each once). */
  readonly pythonGrants: readonly string[];
  /** Each `py_grant` call of this body in source order; absent means none. */
  readonly pythonGrantSites?: readonly PythonGrantFact[];
  /** `py_import` calls whose module name is not a string literal (so `pythonModules` is not the
   * whole list); absent means none. */
  readonly pythonDynamicImports?: number;
  readonly constantTime: boolean;
  readonly strictIfc: boolean;
  readonly attributes: readonly AttributeFact[];
  /** Calls in pre-order (nested calls included). */
  readonly calls: readonly CallFact[];
  readonly declassifications: readonly DeclassificationFact[];
  /** Secrets reaching a sink without declassification (deduplicated, sorted by position). */
  readonly unauditedSecretSinks: readonly SecretSinkFact[];
  /** Index of the imported module that defined this function; absent/null for the root file. */
  readonly sourceModuleIndex?: number | null;
  /** The name as written, when the merged program renamed a module's private function (absent otherwise). */
  readonly sourceName?: string;
  /** Authority bounded for ceiling checks (true also when only borrowed, invoke-only `Fun` params
   * void the strict flag); absent means "same as `authorityProvableFromTypes`". */
  readonly ceilingAuthorityProvable?: boolean;
  /** Run-time wrappers this function's own body builds, in source order; absent means none. */
  readonly capabilityWrappers?: readonly WrapperFact[];
  /** `extern component` methods this function calls (`Component.method`); absent means none. */
  readonly foreignComponentCalls?: readonly string[];
}

export interface UserCapabilityFacts {
  readonly name: string;
  readonly methods: readonly string[];
  /** Sorted names of the types with `impl <name> for T`. */
  readonly implementors: readonly string[];
  readonly doc: string | null;
  readonly span: Span;
}

export interface TypestateFacts {
  readonly name: string;
  readonly states: readonly string[];
}

export interface ForeignComponentFacts {
  readonly name: string;
  readonly artifact: string;
  readonly methods: readonly { readonly name: string; readonly params: readonly ParamFact[]; readonly returnType: string }[];
}

export interface ModuleDeclassificationFact extends DeclassificationFact {
  readonly ownerKind: "const";
  readonly owner: string;
  /** Where the owning declaration starts (the manifest's `owner_pos`); absent means `span`. */
  readonly ownerSpan?: Span;
}

/** An `env.args()` argument the checker proved reaches an Fs/Net/Env sink. */
export interface PathArgFact {
  /** The argv index, or `*` when it is not statically known. */
  readonly argIndex: number | "*";
  readonly capability: "Fs" | "Net" | "Env";
  readonly method: string;
  readonly access: "read" | "write";
}

export interface CapabilityModel {
  /** Display file name of the root program (basename for the root file). */
  readonly filename: string;
  readonly userCapabilities: readonly UserCapabilityFacts[];
  readonly typestates: readonly TypestateFacts[];
  readonly foreignComponents: readonly ForeignComponentFacts[];
  /** Top-level functions and impl methods in source order. */
  readonly functions: readonly FunctionFacts[];
  readonly moduleDeclassifications: readonly ModuleDeclassificationFact[];
  /** argv-to-sink facts; absent when the checker does not run that analysis. */
  readonly pathArgSurface?: readonly PathArgFact[];
}
