// Canonical JSON and the content-integrity wrapper every product artefact carries
// (`--manifest-digest`, `--compose-sbom`, `--conformance-report`). The canonical form is RFC 8785
// (JCS) for the values our documents hold: object keys sorted by UTF-16 code units, no
// whitespace, strings and numbers as JSON.stringify writes them. The same document gives the same
// bytes on every run and machine, so its sha256 names it.

import { createHash } from "node:crypto";

export const CANONICALIZATION = "RFC8785-JCS";
export const INTEGRITY_KEY = "content_integrity";

/** The canonical text of a JSON value (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("canonical JSON has no form for a non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface ContentIntegrity {
  readonly algorithm: "sha256";
  readonly canonicalization: typeof CANONICALIZATION;
  /** Hex sha256 of the canonical bytes of the document without this member. */
  readonly digest: string;
}

/** `doc` with its content_integrity member added, as canonical text ending in a newline. */
export function contentAddressed(doc: Record<string, unknown>): { text: string; digest: string } {
  const { [INTEGRITY_KEY]: _ignored, ...body } = doc;
  const digest = sha256Of(canonicalJson(body));
  const integrity: ContentIntegrity = { algorithm: "sha256", canonicalization: CANONICALIZATION, digest };
  return { text: canonicalJson({ ...body, [INTEGRITY_KEY]: integrity }) + "\n", digest };
}

/** Whether a parsed document's content_integrity digest matches its content: null when it carries none. */
export function integrityHolds(doc: Record<string, unknown>): boolean | null {
  const integrity = doc[INTEGRITY_KEY] as Partial<ContentIntegrity> | undefined;
  if (integrity === undefined || typeof integrity !== "object" || integrity === null) return null;
  const { [INTEGRITY_KEY]: _ignored, ...body } = doc;
  return integrity.algorithm === "sha256" && integrity.digest === sha256Of(canonicalJson(body));
}
