import { describe, expect, test } from "vitest";
import { sha256Hex } from "../../src/emit/digest.js";
import {
  capaUuid,
  cycloneDxSerialNumber,
  idSeed,
  provenanceInvocationId,
  spdxDocumentNamespace,
  SPDX_NAMESPACE_URL,
} from "../../src/emit/ids.js";

describe("UUIDv5 identifiers (pinned reference vectors)", () => {
  test("<input> without source text gives the pinned CycloneDX serial", () => {
    expect(cycloneDxSerialNumber(idSeed("<input>", null))).toBe("urn:uuid:44ab6878-887a-5ddc-ae18-523dcab90daa");
  });

  test("<input> without source text gives the pinned SPDX namespace uuid", () => {
    expect(capaUuid(SPDX_NAMESPACE_URL, idSeed("<input>", null))).toBe("aa90f747-81b3-5561-9c4c-85d02c079a81");
    expect(spdxDocumentNamespace(idSeed("<input>", null))).toBe(
      "https://capa-language.com/spdx/aa90f747-81b3-5561-9c4c-85d02c079a81",
    );
  });

  test("<input> with source text gives the pinned provenance invocationId", () => {
    const seed = idSeed("<input>", sha256Hex("fun f()\n    return\n"));
    expect(provenanceInvocationId(seed)).toBe("a0497d00-9e75-5a80-bad6-69e19c60947c");
  });

  test("the seed is display:digest, so one changed byte changes every id", () => {
    const a = idSeed("x.capa", sha256Hex("fun f()\n    return\n"));
    const b = idSeed("x.capa", sha256Hex("fun g()\n    return\n"));
    expect(a).toMatch(/^x\.capa:[0-9a-f]{64}$/);
    expect(cycloneDxSerialNumber(a)).not.toBe(cycloneDxSerialNumber(b));
    expect(provenanceInvocationId(a)).not.toBe(provenanceInvocationId(b));
  });

  test("ids are version-5 RFC 4122 UUIDs", () => {
    expect(provenanceInvocationId("s")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
