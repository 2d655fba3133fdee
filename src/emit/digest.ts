// Source digests (formats §1.2): what the ids and the provenance subject are derived from.
// Never hashes paths as the CLI saw them, only display paths and text.

import { createHash } from "node:crypto";
import type { SourceFile } from "./types.js";
import { displayFilename } from "./display.js";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** One display path with the SHA-256 of its text, as the provenance subject lists them. */
export interface SourceDigest {
  readonly display: string;
  readonly sha256: string;
}

/** Every linked file's display path and digest, sorted by display path (code-unit order). */
export function sourceDigests(sources: readonly SourceFile[]): SourceDigest[] {
  if (sources.length === 0) return [];
  const root = sources[0]!.path;
  return sources
    .map((s) => ({ display: displayFilename(s.path, root), sha256: sha256Hex(s.text) }))
    .sort((a, b) => comparePython(a.display, b.display));
}

/**
 * One file: the digest of its text. Several: the digest of the sorted
 * `display + "\n" + digest` lines joined with `"\n"`. No sources: null.
 */
export function programDigest(sources: readonly SourceFile[]): string | null {
  if (sources.length === 0) return null;
  if (sources.length === 1) return sha256Hex(sources[0]!.text);
  const lines = sourceDigests(sources)
    .map((d) => `${d.display}\n${d.sha256}`)
    .sort(comparePython);
  return sha256Hex(lines.join("\n"));
}

/** Python's default string order: by code point (UTF-16 order differs for astral characters). */
export function comparePython(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0)!);
  const cb = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  }
  return ca.length - cb.length;
}
