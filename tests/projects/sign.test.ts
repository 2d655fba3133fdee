// `--sign KEY.pem` and `capa verify ENVELOPE --key PUB.pem` (spec/projects.md): a DSSE envelope
// over the artefact, Ed25519 through node:crypto; a changed payload, another key or a broken
// envelope is refused; key problems are clean errors that never print the key.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capa, FIXTURES } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "capa-sign-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const at = (name: string) => join(scratch, name);

beforeAll(() => {
  for (const name of ["ours", "theirs"]) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileSync(at(`${name}.pem`), privateKey.export({ type: "pkcs8", format: "pem" }));
    writeFileSync(at(`${name}.pub.pem`), publicKey.export({ type: "spki", format: "pem" }));
  }
  const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
  writeFileSync(at("rsa.pem"), rsa.privateKey.export({ type: "pkcs8", format: "pem" }));
});

/** The DSSE pre-authentication encoding, written out independently of the tool. */
const pae = (type: string, body: Buffer) => Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);

describe("--sign and capa verify", () => {
  it("signs the composed SBOM: the payload is the artefact's bytes and verify accepts it", async () => {
    const plain = capa(["--compose-sbom"], join(FIXTURES, "netleak")).stdout;
    const r = capa(["--compose-sbom", "--sign", at("ours.pem"), "-o", at("sbom.dsse.json")], join(FIXTURES, "netleak"));
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const envelope = JSON.parse(readFileSync(at("sbom.dsse.json"), "utf8"));
    expect(envelope.payloadType).toBe("application/vnd.capa.artefact+json");
    expect(Buffer.from(envelope.payload, "base64").toString("utf8")).toBe(plain);
    const { createPublicKey, verify } = await import("node:crypto");
    const pub = createPublicKey(readFileSync(at("ours.pub.pem")));
    expect(verify(null, pae(envelope.payloadType, Buffer.from(envelope.payload, "base64")), pub, Buffer.from(envelope.signatures[0].sig, "base64"))).toBe(true);
    expect(envelope.signatures[0].keyid).toMatch(/^[0-9a-f]{64}$/);
    const v = capa(["verify", at("sbom.dsse.json"), "--key", at("ours.pub.pem")]);
    expect(v.code).toBe(0);
    expect(v.stdout).toBe(`${at("sbom.dsse.json")}: verified (application/vnd.capa.artefact+json, key ${envelope.signatures[0].keyid}); content_integrity digest matches\n`);
  });

  it("signs provenance as an in-toto payload and the conformance report; both verify", () => {
    const prov = capa(["--provenance", "src/main.capa", "--sign", at("ours.pem")], join(FIXTURES, "greeter"));
    expect(prov.code).toBe(0);
    writeFileSync(at("prov.json"), prov.stdout);
    expect(JSON.parse(prov.stdout).payloadType).toBe("application/vnd.in-toto+json");
    expect(capa(["verify", at("prov.json"), "--key", at("ours.pub.pem")]).code).toBe(0);
    const report = capa(["--conformance-report", "--sign", at("ours.pem"), "-o", at("report.json")], join(FIXTURES, "compliance"));
    expect(report.code).toBe(0);
    expect(capa(["verify", at("report.json"), "--key", at("ours.pub.pem")]).stdout).toContain("content_integrity digest matches");
  });

  it("refuses a changed payload, another key's signature, and a payload whose digest no longer matches", async () => {
    const envelope = JSON.parse(readFileSync(at("sbom.dsse.json"), "utf8"));
    const doc = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
    doc.product.capabilities = ["Stdio"];
    writeFileSync(at("tampered.json"), JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(doc)).toString("base64") }));
    const t = capa(["verify", at("tampered.json"), "--key", at("ours.pub.pem")]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/tampered\.json: no signature verifies with key [0-9a-f]{64} \(1 signature checked\); the payload was changed or signed with another key\n$/);
    expect(capa(["verify", at("sbom.dsse.json"), "--key", at("theirs.pub.pem")]).code).toBe(1);
    // Edited content signed again with the right key: the signature holds, the content digest does not.
    const { createPrivateKey, sign } = await import("node:crypto");
    const body = Buffer.from(JSON.stringify(doc));
    const sig = sign(null, pae(envelope.payloadType, body), createPrivateKey(readFileSync(at("ours.pem")))).toString("base64");
    writeFileSync(at("resigned.json"), JSON.stringify({ payload: body.toString("base64"), payloadType: envelope.payloadType, signatures: [{ keyid: "", sig }] }));
    const r = capa(["verify", at("resigned.json"), "--key", at("ours.pub.pem")]);
    expect(r).toMatchObject({ code: 1, stderr: `capa: ${at("resigned.json")}: the signature verifies but the payload's content_integrity digest does not match its content\n` });
  });

  it("gives clean errors for unusable keys and envelopes, never printing the key", () => {
    const rsa = capa(["--compose-sbom", "--sign", at("rsa.pem")], join(FIXTURES, "netleak"));
    expect(rsa).toMatchObject({ code: 2, stdout: "" });
    expect(rsa.stderr).toBe(`capa: ${at("rsa.pem")}: not a usable Ed25519 key (a rsa key, not Ed25519); make one with 'openssl genpkey -algorithm ed25519'\n`);
    const pubAsPrivate = capa(["--compose-sbom", "--sign", at("ours.pub.pem")], join(FIXTURES, "netleak"));
    expect(pubAsPrivate.code).toBe(2);
    expect(pubAsPrivate.stderr).not.toContain("BEGIN");
    expect(capa(["--compose-sbom", "--sign", at("missing.pem")], join(FIXTURES, "netleak")).stderr).toContain("missing.pem: not a usable Ed25519 key (no such file)");
    expect(capa(["--check-capabilities", "--sign", at("ours.pem")], join(FIXTURES, "netleak"))).toMatchObject({ code: 2, stderr: expect.stringContaining("--sign applies only to an emitted artefact") });
    writeFileSync(at("notjson.json"), "{ nope");
    expect(capa(["verify", at("notjson.json"), "--key", at("ours.pub.pem")])).toMatchObject({ code: 2, stderr: `capa: ${at("notjson.json")}: not a DSSE envelope: not valid JSON\n` });
    writeFileSync(at("nosigs.json"), JSON.stringify({ payload: "e30=", payloadType: "x", signatures: [] }));
    expect(capa(["verify", at("nosigs.json"), "--key", at("ours.pub.pem")]).stderr).toContain("'signatures' must be a non-empty list");
    expect(capa(["verify", at("nosigs.json")])).toMatchObject({ code: 2, stderr: "capa: usage: capa verify ENVELOPE.json --key PUBLIC.pem\n" });
  });
});
