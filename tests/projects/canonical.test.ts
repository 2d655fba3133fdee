// The canonical form every product artefact is written in (RFC 8785 for our values), the DSSE
// pre-authentication encoding, and the SARIF reading of information-flow hints, on their own.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentAddressed, integrityHolds } from "../../src/gates/canonical.js";
import { pae, signEnvelope, verifyEnvelope, CAPA_PAYLOAD_TYPE } from "../../src/gates/dsse.js";
import { flowSteps } from "../../src/gates/sarif.js";

describe("canonical JSON", () => {
  it("sorts keys by UTF-16 code units at every depth and writes no whitespace", () => {
    // U+1F600 (a surrogate pair, 0xD83D...) sorts before U+FB01 (0xFB01) in UTF-16, after it by code point.
    expect(canonicalJson({ b: [1, { "\u{1F600}": 1, "\uFB01": 2, a: null }], a: "é\n" })).toBe('{"a":"é\\n","b":[1,{"a":null,"\u{1F600}":1,"\uFB01":2}]}');
  });

  it("drops undefined members as JSON does and refuses non-finite numbers", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });

  it("content_integrity covers the document without itself, whatever its key order", () => {
    const a = contentAddressed({ z: 1, a: [2, 3] });
    const b = contentAddressed({ a: [2, 3], z: 1 });
    expect(a.text).toBe(b.text);
    expect(integrityHolds(JSON.parse(a.text))).toBe(true);
    expect(integrityHolds({ ...JSON.parse(a.text), z: 2 })).toBe(false);
    expect(integrityHolds({ z: 1 })).toBeNull();
  });
});

describe("DSSE", () => {
  it("encodes lengths in bytes, not characters", () => {
    expect(pae("t/ü", Buffer.from("é")).toString("utf8")).toBe("DSSEv1 4 t/ü 2 é");
  });

  it("a signature verifies only over the same type and payload", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const env = signEnvelope('{"a":1}\n', privateKey, CAPA_PAYLOAD_TYPE);
    expect(verifyEnvelope(env, publicKey).ok).toBe(true);
    expect(verifyEnvelope({ ...env, payloadType: "application/other" }, publicKey)).toMatchObject({ ok: false, reason: "no-valid-signature" });
    expect(verifyEnvelope({ ...env, payload: "not base64!" }, publicKey)).toMatchObject({ ok: false, reason: "malformed" });
  });
});

describe("information-flow hints as SARIF steps", () => {
  it("reads source, hops and sink (a file named when the step is in another module); not other hints", () => {
    expect(flowSteps(["source 1:5: x is @secret", "  then 2:3: bound to 'y'", "  ... 2 more steps", "sink lib/a.capa:9:1: reaches Stdio.println"])).toEqual([
      { file: null, line: 1, col: 5, what: "x is @secret" },
      { file: null, line: 2, col: 3, what: "bound to 'y'" },
      { file: "lib/a.capa", line: 9, col: 1, what: "reaches Stdio.println" },
    ]);
    expect(flowSteps(["did you mean 'x'?"])).toBeNull();
    expect(flowSteps(["source 1:5: x", "no sink follows"])).toBeNull();
  });
});
