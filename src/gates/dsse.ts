// DSSE (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse) with Ed25519 from
// node:crypto: what `--sign` wraps an artefact in and `capa verify` checks. The signature is over
// PAE(payloadType, payload), never over the JSON of the envelope, so re-serialising the envelope
// does not break it. Keys are KeyObjects handed in by the caller; nothing here reads or logs one.

import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

export interface DsseEnvelope {
  readonly payload: string;
  readonly payloadType: string;
  readonly signatures: readonly DsseSignature[];
}

export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
export const CAPA_PAYLOAD_TYPE = "application/vnd.capa.artefact+json";

/** The pre-authentication encoding: "DSSEv1 <len type> <type> <len body> <body>", lengths in bytes. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** The key id: the hex sha256 of the public key's DER (SubjectPublicKeyInfo) encoding. */
export function keyId(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ type: "spki", format: "der" })).digest("hex");
}

/** `payloadType`: IN_TOTO_PAYLOAD_TYPE for an in-toto statement (the caller knows what it emitted), else ours. */
export function signEnvelope(payloadText: string, privateKey: KeyObject, payloadType: string): DsseEnvelope {
  const payload = Buffer.from(payloadText, "utf8");
  const sig = sign(null, pae(payloadType, payload), privateKey).toString("base64");
  return { payload: payload.toString("base64"), payloadType, signatures: [{ keyid: keyId(privateKey), sig }] };
}

export type EnvelopeCheck =
  | { readonly ok: true; readonly payload: Buffer; readonly payloadType: string; readonly keyid: string }
  | { readonly ok: false; readonly reason: "malformed"; readonly why: string }
  | { readonly ok: false; readonly reason: "no-valid-signature"; readonly keyid: string; readonly count: number };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks `doc` (a parsed envelope) against `publicKey`: some signature must verify. */
export function verifyEnvelope(doc: unknown, publicKey: KeyObject): EnvelopeCheck {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { ok: false, reason: "malformed", why: "not a JSON object" };
  const e = doc as Record<string, unknown>;
  if (typeof e.payload !== "string" || !BASE64.test(e.payload)) return { ok: false, reason: "malformed", why: "'payload' must be a base64 string" };
  if (typeof e.payloadType !== "string") return { ok: false, reason: "malformed", why: "'payloadType' must be a string" };
  if (!Array.isArray(e.signatures) || e.signatures.length === 0) return { ok: false, reason: "malformed", why: "'signatures' must be a non-empty list" };
  const payload = Buffer.from(e.payload, "base64");
  const message = pae(e.payloadType, payload);
  const id = keyId(publicKey);
  for (const s of e.signatures as unknown[]) {
    const sig = (s as { sig?: unknown } | null)?.sig;
    if (typeof sig !== "string" || !BASE64.test(sig)) return { ok: false, reason: "malformed", why: "each signature needs a base64 'sig'" };
    if (verify(null, message, publicKey, Buffer.from(sig, "base64"))) return { ok: true, payload, payloadType: e.payloadType, keyid: id };
  }
  return { ok: false, reason: "no-valid-signature", keyid: id, count: e.signatures.length };
}
