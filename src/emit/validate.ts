// Schema validation of emitted artefacts (`--validate` and tests). Each schema is read and
// compiled on first use only, so plain `--check`/`--run` never pay for ajv.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from "ajv";
import type { FormatsPlugin } from "ajv-formats";
import { emitMessages } from "./messages.js";
import type { ArtifactFormat } from "./types.js";

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

// ajv is loaded with `require` on first validation only, so importing the emit stage (as every
// CLI run does) never loads it. Both packages are CommonJS exposing the class as `default`.
const require = createRequire(import.meta.url);

const SPEC_DIR = fileURLToPath(new URL("../../spec/", import.meta.url));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function cycloneDxSchemaDir(): string {
  return join(dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
}

/** Ajv's default strict mode (unknown keywords/formats are errors) with its warnings made fatal too. */
function newAjv() {
  const fail = (...args: unknown[]) => {
    throw new Error(`schema compilation: ${args.join(" ")}`);
  };
  const Ajv = (require("ajv") as { default: typeof AjvClass }).default;
  const addFormats = (require("ajv-formats") as { default: FormatsPlugin }).default;
  const ajv = new Ajv({ allErrors: true, logger: { log: () => undefined, warn: fail, error: fail } });
  addFormats(ajv);
  return ajv;
}

/** CycloneDX 1.5 with its two sibling schemas registered under the SNAPSHOT names it refers to. */
function compileCycloneDx(): ValidateFunction {
  const dir = cycloneDxSchemaDir();
  const ajv = newAjv();
  // The 1.5 schema uses two formats ajv-formats lacks; accept any string, as upstream tooling does.
  ajv.addFormat("iri-reference", true);
  ajv.addFormat("idn-email", true);
  // Annotation-only keyword (descriptions of enum values) used by the library's 1.5 snapshot.
  ajv.addKeyword("meta:enum");
  ajv.addSchema(readJson(join(dir, "spdx.SNAPSHOT.schema.json")), "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json");
  ajv.addSchema(
    readJson(join(dir, "jsf-0.82.SNAPSHOT.schema.json")),
    "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json",
  );
  return ajv.compile(readJson(join(dir, "bom-1.5.SNAPSHOT.schema.json")));
}

function compileLocal(relativePath: string): () => ValidateFunction {
  return () => newAjv().compile(readJson(join(SPEC_DIR, relativePath)));
}

const compilers: Record<ArtifactFormat, () => ValidateFunction> = {
  manifest: compileLocal("manifest.schema.json"),
  cyclonedx: compileCycloneDx,
  vex: compileCycloneDx,
  spdx: compileLocal("schemas/spdx-2.3.schema.json"),
  provenance: compileLocal("schemas/in-toto-slsa-provenance-v1.schema.json"),
};

/** Which schema file validates each format (reported by `--validate` and documented). */
export const SCHEMA_SOURCES: Readonly<Record<ArtifactFormat, string>> = {
  manifest: "spec/manifest.schema.json",
  cyclonedx: "@cyclonedx/cyclonedx-library res/schema/bom-1.5.SNAPSHOT.schema.json",
  vex: "@cyclonedx/cyclonedx-library res/schema/bom-1.5.SNAPSHOT.schema.json",
  spdx: "spec/schemas/spdx-2.3.schema.json",
  provenance: "spec/schemas/in-toto-slsa-provenance-v1.schema.json (unofficial)",
};

/**
 * Compiled validators, created on first request. A cache of pure, immutable compilation
 * results (not program state): reusing them only saves time.
 */
const compiled = new Map<ArtifactFormat, ValidateFunction>();

function validatorFor(format: ArtifactFormat): ValidateFunction {
  let v = compiled.get(format);
  if (v === undefined) {
    v = compilers[format]();
    compiled.set(format, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  return `${e.instancePath === "" ? "/" : e.instancePath}: ${e.message ?? e.keyword}`;
}

/** Checks the schema can't express: unique SPDXIDs and a present document namespace. */
function spdxExtraChecks(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const ns = doc["documentNamespace"];
  if (typeof ns !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/[^\s#]+$/i.test(ns)) errors.push(emitMessages.spdxNamespaceMissing());
  const seen = new Set<string>();
  const packages = Array.isArray(doc["packages"]) ? (doc["packages"] as Record<string, unknown>[]) : [];
  for (const p of packages) {
    const id = String(p["SPDXID"]);
    if (seen.has(id)) errors.push(emitMessages.spdxIdNotUnique(id));
    seen.add(id);
  }
  return errors;
}

/** The observed-authority document and its in-toto statement (spec/artifacts.md, "Observed authority"). */
export type ObservedSchema = "observed-authority" | "observed-authority-statement";

const OBSERVED_DOCUMENT_SCHEMA = "schemas/observed-authority-v1.schema.json";

const observedCompilers: Record<ObservedSchema, () => ValidateFunction> = {
  "observed-authority": compileLocal(OBSERVED_DOCUMENT_SCHEMA),
  "observed-authority-statement": () => {
    const ajv = newAjv();
    ajv.addSchema(readJson(join(SPEC_DIR, OBSERVED_DOCUMENT_SCHEMA)));
    return ajv.compile(readJson(join(SPEC_DIR, "schemas/in-toto-observed-authority-v1.schema.json")));
  },
};

const compiledObserved = new Map<ObservedSchema, ValidateFunction>();

/** Validates an already parsed observed-authority document or statement. */
export function validateObserved(schema: ObservedSchema, doc: unknown): ValidationResult {
  let validate = compiledObserved.get(schema);
  if (validate === undefined) {
    validate = observedCompilers[schema]();
    compiledObserved.set(schema, validate);
  }
  const errors = validate(doc) ? [] : (validate.errors ?? []).map(describe);
  return { valid: errors.length === 0, errors };
}

export function validateArtifactText(format: ArtifactFormat, text: string): ValidationResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { valid: false, errors: [emitMessages.notJson((e as Error).message)] };
  }
  const validate = validatorFor(format);
  const errors = validate(doc) ? [] : (validate.errors ?? []).map(describe);
  if (format === "spdx" && typeof doc === "object" && doc !== null) errors.push(...spdxExtraChecks(doc as Record<string, unknown>));
  return { valid: errors.length === 0, errors };
}
