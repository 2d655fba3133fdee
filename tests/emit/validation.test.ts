// Every emitted artefact validates against its schema; broken documents are rejected.
import { describe, expect, test } from "vitest";
import { ARTIFACT_FORMATS, emitArtifact, validateArtifact, type ArtifactFormat } from "../../src/emit/index.js";
import { MODELS, demoInput } from "./models.js";

function emitted(format: ArtifactFormat, makeInput = demoInput): Record<string, any> {
  const r = emitArtifact(format, makeInput());
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.text);
}

function check(format: ArtifactFormat, doc: unknown) {
  return validateArtifact(format, JSON.stringify(doc));
}

describe.each(Object.entries(MODELS))("schema validation for %s.capa", (_name, makeInput) => {
  test.each(ARTIFACT_FORMATS)("--%s is valid", (format) => {
    const r = emitArtifact(format, makeInput());
    if (!r.ok) throw new Error(r.error);
    expect(validateArtifact(format, r.text)).toEqual({ valid: true, errors: [] });
  });
});

describe("schemas reject broken artefacts", () => {
  test("CycloneDX: a VEX state outside the 1.5 enum, a non-UUID serial, a spaced timestamp", () => {
    const bad = emitted("cyclonedx");
    bad.vulnerabilities[0].analysis.state = "affected";
    expect(check("cyclonedx", bad).valid).toBe(false);
    const serial = emitted("cyclonedx");
    serial.serialNumber = "urn:uuid:not-a-uuid";
    expect(check("cyclonedx", serial).valid).toBe(false);
    const ts = emitted("cyclonedx");
    ts.metadata.timestamp = "2021-01-01 00:00:00";
    expect(check("cyclonedx", ts).valid).toBe(false);
  });

  test("VEX: an unknown justification", () => {
    const bad = emitted("vex");
    bad.vulnerabilities[0].analysis.justification = "bogus";
    const r = check("vex", bad);
    expect(r.valid).toBe(false);
    expect(r.errors.join("\n")).toContain("/vulnerabilities/0/analysis/justification");
  });

  test("SPDX: a bad annotationType, a missing downloadLocation, duplicate SPDXIDs, no namespace", () => {
    const annot = emitted("spdx");
    annot.packages[1].annotations[0].annotationType = "NOTE";
    expect(check("spdx", annot).valid).toBe(false);
    const dl = emitted("spdx");
    delete dl.packages[2].downloadLocation;
    expect(check("spdx", dl).valid).toBe(false);
    const dup = emitted("spdx");
    dup.packages[2].SPDXID = dup.packages[1].SPDXID;
    expect(check("spdx", dup).errors).toContain(`packages: SPDXID '${dup.packages[1].SPDXID}' appears more than once`);
    const ns = emitted("spdx");
    delete ns.documentNamespace;
    expect(check("spdx", ns).valid).toBe(false);
  });

  test("provenance: wrong _type, empty subject, non-hex digest", () => {
    const type = emitted("provenance");
    type._type = "https://in-toto.io/Statement/v0.1";
    expect(check("provenance", type).valid).toBe(false);
    const empty = emitted("provenance");
    empty.subject = [];
    expect(check("provenance", empty).valid).toBe(false);
    const digest = emitted("provenance");
    digest.subject[0].digest.sha256 = "XYZ";
    expect(check("provenance", digest).valid).toBe(false);
  });

  test("manifest: a missing key, an unknown key, a wrong schema_version", () => {
    const missing = emitted("manifest");
    delete missing.functions[0].provably_excluded_capabilities;
    expect(check("manifest", missing).valid).toBe(false);
    const extra = emitted("manifest");
    extra.functions[0].surprise = true;
    expect(check("manifest", extra).valid).toBe(false);
    const version = emitted("manifest");
    version.schema_version = 2;
    expect(check("manifest", version).valid).toBe(false);
  });

  test("text that is not JSON is reported, not thrown", () => {
    const r = validateArtifact("manifest", "{oops");
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatch(/^not a JSON document: /);
  });
});
