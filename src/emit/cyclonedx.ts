// `--cyclonedx`: a CycloneDX 1.5 JSON SBOM of the program's capability surface.
// Pure function of the emit input; every component carries what strict validators require.

import { displayer, functionDependencies, functionProperties, programBasename, programProperties,
  reachedBuiltins, sbomRefs, userCapabilityProperties, displayFunctionName, type Property } from "./facts.js";
import { programDigest } from "./digest.js";
import { cycloneDxSerialNumber, idSeed } from "./ids.js";
import { artifactText } from "./json.js";
import { productPurl, type EmitInput, type EmitResult, type ProductIdentity } from "./types.js";
import { vexEntries } from "./vexEntries.js";

export const CYCLONEDX_SPEC_VERSION = "1.5";
export const SUPPLIER = "capa-build";

/** The `metadata.tools` block (object form, legal from CycloneDX 1.5). */
export function toolsBlock(toolVersion: string) {
  return { components: [{ type: "application", name: "capa", version: toolVersion }] };
}

function library(ref: string, name: string, properties: Property[]) {
  return {
    "bom-ref": ref,
    type: "library",
    name,
    scope: "required",
    supplier: { name: SUPPLIER },
    licenses: [],
    properties: properties.map((p) => ({ name: p.name, value: p.value })),
  };
}

export function buildCycloneDx(input: EmitInput) {
  const { model } = input;
  const base = programBasename(model);
  const refs = sbomRefs(model);
  const display = displayer(input);
  const builtins = reachedBuiltins(model);

  const components = [
    ...builtins.map((cap) => library(refs.builtin(cap), cap, [{ name: "capa:kind", value: "builtin-capability" }])),
    ...model.userCapabilities.map((u) => library(refs.userCap(u.name), u.name, userCapabilityProperties(model, u.name))),
    ...model.functions.map((f) => library(refs.fn(f), displayFunctionName(f), functionProperties(f, display))),
  ];

  const dependencies = [
    {
      ref: refs.program,
      dependsOn: [
        ...model.userCapabilities.map((u) => refs.userCap(u.name)),
        ...builtins.map((cap) => refs.builtin(cap)),
        ...model.functions.map((f) => refs.fn(f)),
      ],
    },
    ...model.functions
      .map((f) => ({ ref: refs.fn(f), dependsOn: functionDependencies(model, refs, f) }))
      .filter((d) => d.dependsOn.length > 0),
  ];

  const vulnerabilities = vexEntries(model, refs, input.timestamp);
  return {
    bomFormat: "CycloneDX",
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: cycloneDxSerialNumber(idSeed(programBasename(model), programDigest(input.sources))),
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: toolsBlock(input.toolVersion),
      component: input.product === undefined ? {
        "bom-ref": refs.program,
        type: "application",
        name: base,
        version: input.toolVersion,
        supplier: { name: SUPPLIER },
        licenses: [],
      } : productComponent(refs.program, input.product),
      properties: programProperties(model).map((p) => ({ name: p.name, value: p.value })),
    },
    components,
    dependencies,
    ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
  };
}

/** The root component of a project's SBOM: its capa.toml identity. */
function productComponent(ref: string, p: ProductIdentity) {
  return {
    "bom-ref": ref,
    type: "application",
    name: p.name,
    version: p.version,
    supplier: { name: p.supplier ?? SUPPLIER },
    ...(p.authors.length > 0 ? { author: p.authors.join(", ") } : {}),
    ...(p.description !== null ? { description: p.description } : {}),
    licenses: p.license === null ? [] : [{ expression: p.license }],
    purl: productPurl(p),
  };
}

export function emitCycloneDx(input: EmitInput): EmitResult {
  return { ok: true, text: artifactText(buildCycloneDx(input)) };
}
