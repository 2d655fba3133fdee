// `--vex`: a standalone CycloneDX 1.5 VEX document built from the program's `@vex` attributes.
// Carries no components or dependencies; `affects` refs name the SBOM's function bom-refs.

import { CYCLONEDX_SPEC_VERSION, toolsBlock } from "./cyclonedx.js";
import { programBasename, sbomRefs } from "./facts.js";
import { artifactText } from "./json.js";
import type { EmitInput, EmitResult } from "./types.js";
import { vexEntries } from "./vexEntries.js";

export function buildVex(input: EmitInput) {
  const { model } = input;
  const refs = sbomRefs(model);
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
