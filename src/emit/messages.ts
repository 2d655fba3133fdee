// Catalogue of every message text the emit stage produces (CLI prints them as `capa: <message>`).
// Holds wording only; never decides when a message applies.

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
