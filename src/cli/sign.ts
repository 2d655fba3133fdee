// `--sign KEY.pem` and `capa verify ENVELOPE --key PUB.pem`: reading keys and envelopes from disk
// and reporting. A key's bytes are never printed: messages name the file and the problem only.

import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Reporter } from "./report.js";
import { makeProblem } from "../diagnostics/diagnostic.js";
import { CAPA_PAYLOAD_TYPE, IN_TOTO_PAYLOAD_TYPE, keyId, signEnvelope, verifyEnvelope } from "../gates/dsse.js";
import { integrityHolds } from "../gates/canonical.js";
import { GATE_MESSAGES as G } from "../gates/messages.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";

type KeyRead = { ok: true; key: KeyObject } | { ok: false; why: string };

function readKey(path: string, kind: "private" | "public"): KeyRead {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (e) {
    return { ok: false, why: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it" };
  }
  let key: KeyObject;
  try {
    key = kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    return { ok: false, why: kind === "private" ? "not a PEM private key" : "not a PEM public key" };
  }
  if (key.asymmetricKeyType !== "ed25519") return { ok: false, why: `a ${key.asymmetricKeyType ?? "symmetric"} key, not Ed25519` };
  return { ok: true, key };
}

/** The artefact wrapped in a DSSE envelope signed with the key at `keyPath`, or the exit code (2). */
export function signArtefact(text: string, keyPath: string, inToto: boolean, report: Reporter): string | number {
  const key = readKey(keyPath, "private");
  if (!key.ok) {
    report.problem(makeProblem(G.badKey, [keyPath, key.why]));
    return 2;
  }
  return JSON.stringify(signEnvelope(text, key.key, inToto ? IN_TOTO_PAYLOAD_TYPE : CAPA_PAYLOAD_TYPE), null, 2) + "\n";
}

/** `capa verify ENVELOPE --key PUB.pem`: 0 when a signature verifies (and the payload's
 * content_integrity, when it has one, matches), 1 when none does, 2 for unusable input. */
export function verifyCommand(args: readonly string[], report: Reporter): number {
  const at = args.indexOf("--key");
  const keyPath = at >= 0 ? args[at + 1] : undefined;
  const rest = args.filter((_, i) => i !== at && i !== at + 1);
  if (keyPath === undefined || rest.length !== 1 || rest[0]!.startsWith("-")) return report.usage(G.verifyUsage, []);
  const path = rest[0]!;
  const key = readKey(keyPath, "public");
  if (!key.ok) return report.usage(G.badKey, [keyPath, key.why]);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const why = e instanceof SyntaxError ? "not valid JSON" : (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it";
    return report.usage(G.badEnvelope, [path, why]);
  }
  const checked = verifyEnvelope(doc, key.key);
  if (!checked.ok) {
    if (checked.reason === "malformed") return report.usage(G.badEnvelope, [path, checked.why]);
    report.problem(makeProblem(G.signatureInvalid, [path, checked.keyid, checked.count]));
    return 1;
  }
  let integrity: boolean | null = null;
  try {
    const payload = JSON.parse(checked.payload.toString("utf8")) as unknown;
    if (typeof payload === "object" && payload !== null && !Array.isArray(payload)) integrity = integrityHolds(payload as Record<string, unknown>);
  } catch {
    integrity = null; // a JSON Lines payload (provenance with an observed statement) has no single digest
  }
  if (integrity === false) {
    report.problem(makeProblem(G.integrityMismatch, [path]));
    return 1;
  }
  const digestNote = integrity === true ? "; content_integrity digest matches" : "";
  writeAll(1, `${path}: verified (${checked.payloadType}, key ${keyId(key.key)})${digestNote}\n`);
  return 0;
}
