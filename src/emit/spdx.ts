// `--spdx`: an SPDX 2.3 JSON document of the program's capability surface.
// Pure; a duplicate SPDXID is returned as an error instead of emitting an invalid document.

import type { FunctionFacts } from "../check/model.js";
import { programDigest } from "./digest.js";
import {
  displayFunctionName,
  displayer,
  functionDependencies,
  functionProperties,
  loaderName,
  programBasename,
  programProperties,
  reachedBuiltins,
  sbomRefs,
  userCapabilityProperties,
  type Property,
} from "./facts.js";
import { idSeed, spdxDocumentNamespace } from "./ids.js";
import { artifactText } from "./json.js";
import { emitMessages } from "./messages.js";
import { productPurl, type EmitInput, type EmitResult } from "./types.js";
import { createHash } from "node:crypto";
import { SUPPLIER } from "./cyclonedx.js";
import { componentSupplier, functionVersion, PYODIDE, pyodidePurl, pyodideVersion, usesPython, UNDECLARED_VERSION } from "./product.js";

/** `SPDXRef-` + parts joined by `-`, characters outside `[A-Za-z0-9.-]` made `-`, outer `-` trimmed. */
export function spdxId(parts: readonly string[]): string {
  const body = parts.join("-").replace(/[^A-Za-z0-9.-]/g, "-").replace(/^-+|-+$/g, "");
  return `SPDXRef-${body === "" ? "anonymous" : body}`;
}

function fnIdParts(base: string, f: FunctionFacts): string[] {
  return f.container === null ? ["Fn", base, loaderName(f)] : ["Fn", base, f.container, f.name];
}

interface Relationship {
  readonly spdxElementId: string;
  readonly relationshipType: "DESCRIBES" | "DEPENDS_ON" | "CONTAINS";
  readonly relatedSpdxElement: string;
}

type SpdxBuild = { ok: true; document: Record<string, unknown> } | { ok: false; error: string };

export function buildSpdx(input: EmitInput): SpdxBuild {
  const { model, timestamp } = input;
  const base = programBasename(model);
  const refs = sbomRefs(model);
  const display = displayer(input);

  const annotation = (p: Property) => ({
    annotationDate: timestamp,
    annotationType: "OTHER",
    annotator: "Tool: capa",
    comment: `${p.name}=${p.value}`,
  });

  const packages: Record<string, unknown>[] = [];
  /** SBOM bom-ref → SPDXID, so edges are computed once (facts.ts) for both SBOMs. */
  const idOf = new Map<string, string>();
  const ownerOf = new Map<string, string>();
  let duplicate: string | null = null;

  const addPackage = (bomRef: string, id: string, name: string, props: Property[], version?: string) => {
    const previous = ownerOf.get(id);
    if (previous !== undefined && duplicate === null) duplicate = emitMessages.duplicateSpdxId(id, previous, name);
    ownerOf.set(id, name);
    idOf.set(bomRef, id);
    packages.push({
      SPDXID: id,
      name,
      ...(version !== undefined ? { versionInfo: version } : {}),
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      licenseConcluded: "NOASSERTION",
      licenseDeclared: "NOASSERTION",
      copyrightText: "NOASSERTION",
      annotations: props.map(annotation),
    });
  };

  const programId = spdxId(["Package", base]);
  const product = input.product;
  const details = product?.details;
  // In a project every package names its supplier (NTIA minimum elements); vendored code is the product supplier's.
  const supplied = (supplier = product === undefined ? SUPPLIER : componentSupplier(product, SUPPLIER)): void => {
    if (details !== undefined) packages[packages.length - 1]!.supplier = `Organization: ${supplier}`;
  };
  addPackage(refs.program, programId, product?.name ?? base, programProperties(model), product?.version ?? input.toolVersion);
  if (product !== undefined) {
    // The product's identity from capa.toml (spec/projects.md) on the package the document describes.
    Object.assign(packages[packages.length - 1]!, {
      supplier: product.supplier === null ? "NOASSERTION" : `Organization: ${product.supplier}`,
      licenseDeclared: product.license ?? "NOASSERTION",
      ...(product.description !== null ? { description: product.description } : {}),
      externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: productPurl(product) }],
    });
  }
  const builtins = reachedBuiltins(model);
  for (const cap of builtins) {
    addPackage(refs.builtin(cap), spdxId(["Builtin", base, cap]), cap, [{ name: "capa:kind", value: "builtin-capability" }], details && input.toolVersion);
    supplied(SUPPLIER); // built-ins come with the capa runtime
  }
  for (const u of model.userCapabilities) {
    addPackage(refs.userCap(u.name), spdxId(["Cap", base, u.name]), u.name, userCapabilityProperties(model, u.name), details && (product?.version ?? UNDECLARED_VERSION));
    supplied();
  }
  for (const f of model.functions) {
    addPackage(refs.fn(f), spdxId(fnIdParts(base, f)), displayFunctionName(f), functionProperties(f, display), details && functionVersion(details, f));
    supplied();
  }
  const pyodideId = spdxId(["Runtime", PYODIDE.name]);
  const python = details !== undefined && usesPython(model);
  if (python) {
    const version = pyodideVersion(details!);
    addPackage("capa:runtime:pyodide", pyodideId, PYODIDE.name, [{ name: "capa:kind", value: "python-runtime" }], version);
    Object.assign(packages[packages.length - 1]!, {
      supplier: `Organization: ${PYODIDE.supplier}`,
      licenseDeclared: PYODIDE.license,
      externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: pyodidePurl(version) }],
    });
  }
  const files = (details?.files ?? []).map((f) => ({
    SPDXID: spdxId(["File", f.path]),
    fileName: `./${f.path}`,
    checksums: [
      { algorithm: "SHA1", checksumValue: f.sha1 },
      { algorithm: "SHA256", checksumValue: f.sha256 },
    ],
    licenseConcluded: "NOASSERTION",
    copyrightText: "NOASSERTION",
  }));
  if (files.length > 0) {
    // The product's source files are analysed: listed, digested, and summed in the verification code (SPDX 2.3 §7.9).
    const sha1s = details!.files.map((f) => f.sha1).sort();
    Object.assign(packages[0]!, {
      filesAnalyzed: true,
      packageVerificationCode: { packageVerificationCodeValue: createHash("sha1").update(sha1s.join(""), "utf8").digest("hex") },
      hasFiles: files.map((f) => f.SPDXID),
    });
  }
  if (duplicate !== null) return { ok: false, error: duplicate };

  const rel = (from: string, type: Relationship["relationshipType"], to: string): Relationship => ({
    spdxElementId: from,
    relationshipType: type,
    relatedSpdxElement: to,
  });
  const relationships: Relationship[] = [rel("SPDXRef-DOCUMENT", "DESCRIBES", programId)];
  for (const cap of builtins) relationships.push(rel(programId, "DEPENDS_ON", idOf.get(refs.builtin(cap))!));
  for (const u of model.userCapabilities) relationships.push(rel(programId, "DEPENDS_ON", idOf.get(refs.userCap(u.name))!));
  if (python) relationships.push(rel(programId, "DEPENDS_ON", pyodideId));
  for (const f of files) relationships.push(rel(programId, "CONTAINS", f.SPDXID));
  for (const f of model.functions) {
    const fid = idOf.get(refs.fn(f))!;
    relationships.push(rel(programId, "CONTAINS", fid));
    for (const dep of functionDependencies(model, refs, f)) relationships.push(rel(fid, "DEPENDS_ON", idOf.get(dep)!));
  }

  return {
    ok: true,
    document: {
      spdxVersion: "SPDX-2.3",
      dataLicense: "CC0-1.0",
      SPDXID: "SPDXRef-DOCUMENT",
      name: base,
      documentNamespace: spdxDocumentNamespace(idSeed(programBasename(model), programDigest(input.sources))),
      creationInfo: { created: timestamp, creators: [`Tool: capa-${input.toolVersion}`] },
      packages,
      ...(files.length > 0 ? { files } : {}),
      relationships,
    },
  };
}

export function emitSpdx(input: EmitInput): EmitResult {
  const built = buildSpdx(input);
  return built.ok ? { ok: true, text: artifactText(built.document) } : built;
}
