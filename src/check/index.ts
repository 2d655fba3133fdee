// The checker stage's driver: names and types first, then the capability discipline, then the
// capability model for the emitters. Invariant: composes the passes, adds no rules of its own.

import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Program } from "../syntax/ast.js";
import type { CapabilityModel } from "./model.js";
import { typecheck, type TypeCheckResult } from "./typecheck/index.js";

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
}

export function checkProgram(program: Program, options: CheckOptions): CheckResult {
  void options;
  const typing = typecheck(program);
  return { diagnostics: sortDiagnostics(typing.diagnostics), model: null, typing };
}
