// Observed authority against the manifest: the authority oracle's comparison, and the in-toto
// statement (`capa --provenance --observed OUT.json`) that carries a run's observation bound to
// the same source digests as the SLSA provenance.
// Invariant: pure functions of the model and the observation; never runs anything itself.

import type { CapabilityModel } from "../check/model.js";
import type { ObservedAuthority } from "../runtime/authority.js";
import { sourceDigests } from "./digest.js";
import { artifactText, compactJsonLine } from "./json.js";
import { emitMessages } from "./messages.js";
import { STATEMENT_TYPE } from "./provenance.js";
import type { EmitInput, EmitResult } from "./types.js";
import { validateObserved } from "./validate.js";

export const OBSERVED_AUTHORITY_PREDICATE_TYPE = "https://capa-ts.dev/observed-authority/v1";

export interface AuthorityViolation {
  /** The function as the manifest names it (`f`, `Type::m`). */
  readonly function: string;
  readonly capability: string;
  /** `excluded`: listed in provably_excluded_capabilities; `not-reachable`: missing from
   * transitively_reachable_capabilities; `unknown-function`: the manifest has no such function. */
  readonly problem: "excluded" | "not-reachable" | "unknown-function";
}

/**
 * The authority oracle: every capability exercised while a function was on the stack must be in
 * that function's reach and must not be among its provable exclusions. Empty means consistent.
 */
export function auditObservedAuthority(model: CapabilityModel, observed: ObservedAuthority): AuthorityViolation[] {
  const byName = new Map(model.functions.map((f) => [f.qualifiedName, f]));
  const violations: AuthorityViolation[] = [];
  for (const fn of observed.functions) {
    const facts = byName.get(fn.name);
    for (const capability of fn.capabilities) {
      if (facts === undefined) violations.push({ function: fn.name, capability, problem: "unknown-function" });
      else if (facts.provablyExcludedCapabilities.includes(capability)) violations.push({ function: fn.name, capability, problem: "excluded" });
      else if (!facts.transitivelyReachableCapabilities.includes(capability)) violations.push({ function: fn.name, capability, problem: "not-reachable" });
    }
  }
  return violations;
}

/** The second in-toto statement: the same subject as the provenance, our own predicate. */
export function buildObservedAuthorityStatement(input: EmitInput, observed: ObservedAuthority) {
  const violations = auditObservedAuthority(input.model, observed);
  return {
    _type: STATEMENT_TYPE,
    subject: sourceDigests(input.sources).map((d) => ({ name: d.display, digest: { sha256: d.sha256 } })),
    predicateType: OBSERVED_AUTHORITY_PREDICATE_TYPE,
    predicate: {
      capaVersion: input.toolVersion,
      consistentWithManifest: violations.length === 0,
      violations,
      observed,
    },
  };
}

export function emitObservedAuthorityStatement(input: EmitInput, observed: ObservedAuthority): EmitResult {
  if (input.sources.length === 0) return { ok: false, error: emitMessages.provenanceWithoutSources() };
  return { ok: true, text: artifactText(buildObservedAuthorityStatement(input, observed)) };
}

/** Reads an `--observe-authority` file's text: the document, or why it is not one. */
export function parseObservedAuthority(text: string): { ok: true; observed: ObservedAuthority } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: emitMessages.notJson((e as Error).message) };
  }
  const v = validateObserved("observed-authority", doc);
  if (!v.valid) return { ok: false, error: emitMessages.observedInvalid(v.errors.join("; ")) };
  return { ok: true, observed: doc as ObservedAuthority };
}

/**
 * `--provenance --observed`: an in-toto bundle in JSON Lines, the SLSA provenance statement then
 * the observed-authority statement, one compact statement per line.
 */
export function emitProvenanceBundle(input: EmitInput, provenance: object, observed: ObservedAuthority): EmitResult {
  if (input.sources.length === 0) return { ok: false, error: emitMessages.provenanceWithoutSources() };
  const lines = [provenance, buildObservedAuthorityStatement(input, observed)].map(compactJsonLine);
  return { ok: true, text: lines.join("\n") + "\n" };
}
