// Deterministic UUIDv5 identifiers (formats §1.3). They depend only on the display name and the
// source digest, never on the machine, the cwd or the clock.

import { v5 as uuidv5 } from "uuid";

/** RFC 4122 URL namespace. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

export const SBOM_NAMESPACE_URL = "https://capa-language.com/sbom";
export const SPDX_NAMESPACE_URL = "https://capa-language.com/spdx";
export const PROVENANCE_NAMESPACE_URL = "https://capa-language.com/provenance";

/** `display:digest`, or just `display` when there is no source text. */
export function idSeed(display: string, digest: string | null): string {
  return digest === null ? display : `${display}:${digest}`;
}

/** uuid5(uuid5(URL_NS, namespaceUrl), seed). */
export function capaUuid(namespaceUrl: string, seed: string): string {
  return uuidv5(seed, uuidv5(namespaceUrl, URL_NAMESPACE));
}

export function cycloneDxSerialNumber(seed: string): string {
  return `urn:uuid:${capaUuid(SBOM_NAMESPACE_URL, seed)}`;
}

export function spdxDocumentNamespace(seed: string): string {
  return `${SPDX_NAMESPACE_URL}/${capaUuid(SPDX_NAMESPACE_URL, seed)}`;
}

export function provenanceInvocationId(seed: string): string {
  return capaUuid(PROVENANCE_NAMESPACE_URL, seed);
}
