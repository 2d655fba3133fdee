// Catalogue of every message text the emit stage produces (CLI prints them as `capa: <message>`).
// Holds wording only; never decides when a message applies.

import { spec } from "../diagnostics/diagnostic.js";
import { pythonRepr } from "./pyrepr.js";

export const emitMessages = {
  sourceDateEpochNotDecimal: (value: string) =>
    `SOURCE_DATE_EPOCH=${pythonRepr(value)} is not a plain non-negative decimal integer of Unix UTC seconds`,
  sourceDateEpochOutOfRange: (value: string) =>
    `SOURCE_DATE_EPOCH=${value} is out of the representable date range`,
  duplicateSpdxId: (spdxId: string, first: string, second: string) =>
    `cannot emit SPDX: '${first}' and '${second}' both map to SPDXID '${spdxId}'; rename one of them`,
  provenanceWithoutSources: () => "cannot emit provenance without the source text: its subject is the sources' SHA-256",
  unknownFormat: (format: string) => `unknown artefact format '${format}'`,
  observedInvalid: (detail: string) => `not an observed-authority document (spec/schemas/observed-authority-v1.schema.json): ${detail}`,
  notJson: (detail: string) => `not a JSON document: ${detail}`,
  spdxNamespaceMissing: () => "documentNamespace: must be a URI with a unique suffix (SPDX 2.3 §6.5)",
  spdxIdNotUnique: (spdxId: string) => `packages: SPDXID '${spdxId}' appears more than once`,
} as const;

/** Warnings `--vex` and `--cyclonedx` give about `@vex` words (the document itself stays valid). */
export const VEX_WARNINGS = {
  unknownStatus: spec("E6005", "a `@vex` status CycloneDX 1.5 does not know (emitted as in_triage)", (where: string, status: string, known: string) =>
    `${where}: VEX status ${pythonRepr(status)} is not a CycloneDX state; it is emitted as 'in_triage'. Known states: ${known}.`, "warning"),
  unknownJustification: spec("E6006", "a `@vex` justification CycloneDX 1.5 does not know (left out of the analysis)", (where: string, justification: string, known: string) =>
    `${where}: VEX justification ${pythonRepr(justification)} is not a CycloneDX justification value; it is left out of the analysis. Known values: ${known}.`, "warning"),
  notAffectedWithoutReason: spec("E6007", "`@vex(status: \"not_affected\")` with neither justification nor detail", (where: string) =>
    `${where}: VEX status "not_affected" requires a justification per the CycloneDX spec; add justification: "..." (or at least detail: "...").`, "warning"),
} as const;
