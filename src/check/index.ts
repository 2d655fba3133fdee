// The checker stage's driver: names and types first, then the capability discipline, then
// information flow, then the capability model for the emitters (with the IFC facts filled in).
// Invariant: composes the passes, adds no rules of its own.

import { sortDiagnosticsByLine, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FunDecl, Program } from "../syntax/ast.js";
import { checkCapabilityRules } from "./capabilities/index.js";
import { checkFieldWrites } from "./field-writes.js";
import { checkShadowing } from "./shadowing.js";
import { checkInformationFlow, type IfcOptions, type IfcResult } from "./ifc/index.js";
import type { CapabilityModel } from "./model.js";
import { buildCapabilityModel } from "./model-builder.js";
import { deadUnsafeWarnings, mayHaveDeadUnsafe } from "./dead-unsafe.js";
import { typecheck, type TypeCheckResult } from "./typecheck/index.js";

export interface CheckOptions {
  /** Display name of the root file, as diagnostics and the model print it. */
  readonly filename: string;
  /** Source text of the root file, for verbatim declassified-value text in the model. */
  readonly source?: string;
  /** IfcOptions.onBinding: the label of each binding, for the language server's hover. */
  readonly onIfcBinding?: IfcOptions["onBinding"];
}

export interface CheckResult {
  /** Every checker diagnostic, by line; within a line in the order found (see sortDiagnosticsByLine). */
  readonly diagnostics: readonly Diagnostic[];
  readonly model: CapabilityModel;
  readonly typing: TypeCheckResult;
  /** Information-flow facts (declassify sites, unaudited sinks). */
  readonly ifc: IfcResult;
}

export function checkProgram(program: Program, options: CheckOptions): CheckResult {
  const typing = typecheck(program);
  const fieldWriteDiagnostics = [...checkFieldWrites(program, typing), ...checkShadowing(program, typing)];
  const capabilityDiagnostics = checkCapabilityRules(program, typing);
  const ifc = checkInformationFlow(program, typing, {
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.onIfcBinding === undefined ? {} : { onBinding: options.onIfcBinding }),
  });
  // The model is built on first use: `--check` needs it only when the dead-Unsafe lint has a
  // parameter to look at, and on a large program it is an eighth of the check's time and memory.
  let model: CapabilityModel | undefined;
  const modelOf = (): CapabilityModel => (model ??= withIfcFacts(buildCapabilityModel(program, typing, options.filename), program, ifc));
  return {
    diagnostics: sortDiagnosticsByLine([...typing.diagnostics, ...fieldWriteDiagnostics, ...capabilityDiagnostics, ...ifc.diagnostics, ...lints(program, modelOf, typing, capabilityDiagnostics)]),
    get model() {
      return modelOf();
    },
    typing,
    ifc,
  };
}

/** Top-level functions and impl methods in source order: the order of `CapabilityModel.functions`. */
function functionsInModelOrder(program: Program): FunDecl[] {
  return program.items.flatMap((i) => (i.kind === "Fun" ? [i] : i.kind === "Impl" ? [...i.methods] : []));
}

/** The model builder leaves IFC facts empty; the IFC pass owns them, keyed by declaration. */
function withIfcFacts(model: CapabilityModel, program: Program, ifc: IfcResult): CapabilityModel {
  const decls = functionsInModelOrder(program);
  return {
    ...model,
    functions: model.functions.map((f, i) => {
      const decl = decls[i];
      if (decl === undefined) return f;
      return {
        ...f,
        declassifications: ifc.declassifications.get(decl) ?? f.declassifications,
        unauditedSecretSinks: ifc.unauditedSecretSinks.get(decl) ?? f.unauditedSecretSinks,
      };
    }),
    moduleDeclassifications: ifc.moduleDeclassifications,
  };
}

/** Lints that read the finished model; like the reference, only for a program without errors. */
function lints(program: Program, model: () => CapabilityModel, typing: TypeCheckResult, capabilityDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  if ([...typing.diagnostics, ...capabilityDiagnostics].some((d) => d.severity === "error")) return [];
  if (!mayHaveDeadUnsafe(functionsInModelOrder(program))) return [];
  return deadUnsafeWarnings(program, model());
}
