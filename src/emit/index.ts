// The emit stage's public face: one entry to produce any artefact, one to validate it.
// Emitters are pure; this module only dispatches (the CLI resolves the timestamp and prints).

import { emitCycloneDx } from "./cyclonedx.js";
import { emitManifest } from "./manifest.js";
import { emitProvenance } from "./provenance.js";
import { emitSpdx } from "./spdx.js";
import { ARTIFACT_FORMATS, type ArtifactFormat, type EmitInput, type EmitResult } from "./types.js";
import { validateArtifactText, type ValidationResult } from "./validate.js";
import { emitVex } from "./vex.js";
import { vexWarnings } from "./vexEntries.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CapabilityModel } from "../check/model.js";

export { ARTIFACT_FORMATS, type ArtifactFormat, type EmitInput, type EmitResult, type SourceFile } from "./types.js";
export { resolveTimestamp, formatTimestamp, type TimestampResult } from "./timestamp.js";
export { displayFilename, displayBasename } from "./display.js";
export { buildProvenance as buildProvenanceDocument } from "./provenance.js";
export { emitDocPage, functionAnchor, type DocInput } from "./doc.js";
export { SCHEMA_SOURCES, validateObserved, type ValidationResult } from "./validate.js";
export {
  auditObservedAuthority,
  buildObservedAuthorityStatement,
  emitObservedAuthorityStatement,
  emitProvenanceBundle,
  parseObservedAuthority,
  OBSERVED_AUTHORITY_PREDICATE_TYPE,
  type AuthorityViolation,
} from "./observed.js";

const EMITTERS: Readonly<Record<ArtifactFormat, (input: EmitInput) => EmitResult>> = {
  manifest: emitManifest,
  cyclonedx: emitCycloneDx,
  spdx: emitSpdx,
  vex: emitVex,
  provenance: emitProvenance,
};

export function isArtifactFormat(name: string): name is ArtifactFormat {
  return (ARTIFACT_FORMATS as readonly string[]).includes(name);
}

/** The exact stdout bytes of `capa --<format>` (ending in a newline), or why it cannot be made. */
export function emitArtifact(format: ArtifactFormat, input: EmitInput): EmitResult {
  return EMITTERS[format](input);
}

/** Warnings that go with an artefact (printed on stderr; the document is valid regardless):
 * `@vex` words outside the CycloneDX vocabulary, for the two formats that carry VEX. */
export function artifactWarnings(format: ArtifactFormat, model: CapabilityModel): Diagnostic[] {
  return format === "vex" || format === "cyclonedx" ? vexWarnings(model) : [];
}

/** Validates artefact text against the format's JSON Schema (compiled lazily, once). */
export function validateArtifact(format: ArtifactFormat, text: string): ValidationResult {
  return validateArtifactText(format, text);
}
