// `--vex`: a standalone CycloneDX 1.5 VEX document built from the program's `@vex` attributes.
// Carries no components or dependencies; `affects` refs name the SBOM's function bom-refs.

import { CYCLONEDX_SPEC_VERSION, toolsBlock } from "./cyclonedx.js";
import { programBasename, sbomRefs } from "./facts.js";
import { artifactText } from "./json.js";
import type { EmitInput, EmitResult } from "./types.js";
import { programDigest } from "./digest.js";
import { capaUuid, idSeed, SBOM_NAMESPACE_URL } from "./ids.js";

/** Where a project's VEX gets its own serial number: a namespace apart from the SBOM's. */
const VEX_NAMESPACE_URL = "https://capa-language.com/vex";
import { vexEntries } from "./vexEntries.js";

export function buildVex(input: EmitInput) {
  const { model } = input;
  const refs = sbomRefs(model);
  if (input.product !== undefined) return projectVex(input);
  return {
    bomFormat: "CycloneDX",
    specVersion: CYCLONEDX_SPEC_VERSION,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: toolsBlock(input.toolVersion),
      component: {
        "bom-ref": refs.program,
        type: "application",
        name: programBasename(model),
        version: input.toolVersion,
      },
    },
    vulnerabilities: vexEntries(model, refs, input.timestamp),
  };
}

export function emitVex(input: EmitInput): EmitResult {
  return { ok: true, text: artifactText(buildVex(input)) };
}

/**
 * A project's standalone VEX: its own serialNumber, and `affects` refs written as CycloneDX
 * BOM-Links (`urn:cdx:<serial>/<version>#<bom-ref>`) into the `--cyclonedx` SBOM of the same
 * sources, whose serialNumber is derived from the same seed, so every ref resolves there.
 */
function projectVex(input: EmitInput) {
  const { model } = input;
  const product = input.product!;
  const refs = sbomRefs(model);
  const seed = idSeed(programBasename(model), programDigest(input.sources));
  const sbomSerial = capaUuid(SBOM_NAMESPACE_URL, seed);
  const link = (ref: string): string => `urn:cdx:${sbomSerial}/1#${ref}`;
  return {
    bomFormat: "CycloneDX",
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: `urn:uuid:${capaUuid(VEX_NAMESPACE_URL, seed)}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: toolsBlock(input.toolVersion),
      component: { "bom-ref": refs.program, type: "application", name: product.name, version: product.version },
    },
    vulnerabilities: vexEntries(model, refs, input.timestamp).map((v) => ({ ...v, affects: v.affects.map((a) => ({ ref: link(a.ref) })) })),
  };
}

