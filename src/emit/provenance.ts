// `--provenance`: an unsigned in-toto Statement v1 with a SLSA Provenance v1.0 predicate whose
// subject is every linked source file and its SHA-256. Signing is left to external tools.

import { programDigest, sourceDigests } from "./digest.js";
import { idSeed, provenanceInvocationId } from "./ids.js";
import { artifactText } from "./json.js";
import { emitMessages } from "./messages.js";
import { programBasename } from "./facts.js";
import type { EmitInput, EmitResult } from "./types.js";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const SLSA_PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
/** Our own build type: capa-ts checks the sources and runs them on Node (see spec/artifacts.md). */
export const BUILD_TYPE = "https://capa-ts.dev/build/check-and-run-on-node/v1";
export const BUILDER_ID = "https://capa-ts.dev/cli";
export const BUILD_TARGET = "node>=20";

export function buildProvenance(input: EmitInput) {
  const { model } = input;
  return {
    _type: STATEMENT_TYPE,
    subject: sourceDigests(input.sources).map((d) => ({ name: d.display, digest: { sha256: d.sha256 } })),
    predicateType: SLSA_PREDICATE_TYPE,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: { source: programBasename(model) },
        internalParameters: { capaVersion: input.toolVersion, target: BUILD_TARGET },
        resolvedDependencies: [],
      },
      runDetails: {
        builder: { id: BUILDER_ID, version: { capa: input.toolVersion } },
        metadata: {
          invocationId: provenanceInvocationId(idSeed(programBasename(model), programDigest(input.sources))),
          startedOn: input.timestamp,
          finishedOn: input.timestamp,
        },
        byproducts: [],
      },
    },
  };
}

export function emitProvenance(input: EmitInput): EmitResult {
  if (input.sources.length === 0) return { ok: false, error: emitMessages.provenanceWithoutSources() };
  return { ok: true, text: artifactText(buildProvenance(input)) };
}
