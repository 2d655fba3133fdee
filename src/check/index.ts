// The checker stage's driver: names and types first, then the capability discipline, then the
// capability model for the emitters. Invariant: composes the passes, adds no rules of its own.

import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Program } from "../syntax/ast.js";
import type { CapabilityModel } from "./model.js";
import { typecheck, type TypeCheckResult } from "./typecheck/index.js";
import { checkInformationFlow, type IfcResult } from "./ifc/index.js";

export interface CheckOptions {
  /** Display name of the root file, as diagnostics and the model print it. */
  readonly filename: string;
}

export interface CheckResult {
  /** Every checker diagnostic, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The capability model; null until the model builder is composed in (see report). */
  readonly model: CapabilityModel | null;
  readonly typing: TypeCheckResult;
  /** Information-flow facts (declassify sites, unaudited sinks) for the model builder. */
  readonly ifc: IfcResult;
}

export function checkProgram(program: Program, options: CheckOptions): CheckResult {
  void options;
  const typing = typecheck(program);
  const ifc = checkInformationFlow(program, typing);
  return { diagnostics: sortDiagnostics([...typing.diagnostics, ...ifc.diagnostics]), model: null, typing, ifc };
}
