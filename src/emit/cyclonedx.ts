// `--cyclonedx`: a CycloneDX 1.5 JSON SBOM of the program's capability surface.
// Pure function of the emit input; every component carries what strict validators require.

import { displayer, functionDependencies, functionProperties, programBasename, programProperties,
  reachedBuiltins, sbomRefs, userCapabilityProperties, displayFunctionName, type Property } from "./facts.js";
import { programDigest } from "./digest.js";
import { cycloneDxSerialNumber, idSeed } from "./ids.js";
import { artifactText } from "./json.js";
import { productPurl, type EmitInput, type EmitResult, type ProductIdentity } from "./types.js";
import { vexEntries } from "./vexEntries.js";
import { callsPython, componentSupplier, functionPackage, functionVersion, PYODIDE, pyodidePurl, pyodideVersion, usesPython, UNDECLARED_VERSION } from "./product.js";

export const CYCLONEDX_SPEC_VERSION = "1.5";
export const SUPPLIER = "capa-build";

/** The `metadata.tools` block (object form, legal from CycloneDX 1.5). */
export function toolsBlock(toolVersion: string) {
  return { components: [{ type: "application", name: "capa", version: toolVersion }] };
}

/** `extra` (a project's version and supplier) is set only for a project, so a single file's
 * document keeps the reference's shape. */
function library(ref: string, name: string, properties: Property[], extra?: { version: string; supplier: string }) {
  return {
    "bom-ref": ref,
    type: "library",
    name,
    ...(extra === undefined ? {} : { version: extra.version }),
    scope: "required",
    supplier: { name: extra?.supplier ?? SUPPLIER },
    licenses: [],
    properties: properties.map((p) => ({ name: p.name, value: p.value })),
  };
}

export const PYODIDE_REF = "capa:runtime:pyodide";
export const fileRef = (path: string): string => `capa:file:${path}`;

export function buildCycloneDx(input: EmitInput) {
  const { model } = input;
  const base = programBasename(model);
  const refs = sbomRefs(model);
  const display = displayer(input);
  const builtins = reachedBuiltins(model);

  const product = input.product;
  const details = product?.details;
  const supplier = product === undefined ? SUPPLIER : componentSupplier(product, SUPPLIER);
  const versioned = (version: string) => (details === undefined ? undefined : { version, supplier });
  const python = details !== undefined && usesPython(model);
  const components: Record<string, unknown>[] = [
    // Built-in capabilities come with the capa runtime, whatever the product: the tool's version and supplier.
    ...builtins.map((cap) => library(refs.builtin(cap), cap, [{ name: "capa:kind", value: "builtin-capability" }], details && { version: input.toolVersion, supplier: SUPPLIER })),
    ...model.userCapabilities.map((u) => library(refs.userCap(u.name), u.name, userCapabilityProperties(model, u.name), versioned(product?.version ?? UNDECLARED_VERSION))),
    ...model.functions.map((f) => {
      if (details === undefined) return library(refs.fn(f), displayFunctionName(f), functionProperties(f, display));
      const pkg = functionPackage(details, f);
      const props = pkg === null ? functionProperties(f, display) : [...functionProperties(f, display), { name: "capa:package", value: pkg }];
      return library(refs.fn(f), displayFunctionName(f), props, versioned(functionVersion(details, f)));
    }),
    ...(details?.files ?? []).map((file) => ({
      "bom-ref": fileRef(file.path),
      type: "file",
      name: file.path,
      version: file.version ?? UNDECLARED_VERSION,
      supplier: { name: supplier },
      hashes: [{ alg: "SHA-256", content: file.sha256 }],
      properties: [{ name: "capa:package", value: file.package }],
    })),
    ...(python ? [pyodideComponent(pyodideVersion(details!))] : []),
  ];

  const dependencies = [
    {
      ref: refs.program,
      dependsOn: [
        ...model.userCapabilities.map((u) => refs.userCap(u.name)),
        ...builtins.map((cap) => refs.builtin(cap)),
        ...model.functions.map((f) => refs.fn(f)),
        ...(python ? [PYODIDE_REF] : []),
      ],
    },
    ...model.functions
      .map((f) => ({ ref: refs.fn(f), dependsOn: [...functionDependencies(model, refs, f), ...(python && callsPython(f) ? [PYODIDE_REF] : [])] }))
      .filter((d) => d.dependsOn.length > 0),
    ...(python ? [{ ref: PYODIDE_REF, dependsOn: [] }] : []),
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

/** The Python runtime the program loads: a component of its own when Python is used. */
function pyodideComponent(version: string) {
  return {
    "bom-ref": PYODIDE_REF,
    type: "framework",
    name: PYODIDE.name,
    version,
    scope: "required",
    supplier: { name: PYODIDE.supplier },
    licenses: [{ license: { id: PYODIDE.license } }],
    purl: pyodidePurl(version),
    properties: [{ name: "capa:kind", value: "python-runtime" }],
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
