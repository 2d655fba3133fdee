// The input every emitter reads: the finished capability model plus the run's fixed facts.
// Plain data only; emitters must never read the clock, the environment, the disk or the cwd.

import type { CapabilityModel } from "../check/model.js";

/** One linked source file: the path exactly as the lexer recorded it in spans, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface EmitInput {
  readonly model: CapabilityModel;
  /** Root file first, then imported modules. Empty when no source text is at hand. */
  readonly sources: readonly SourceFile[];
  /** Build timestamp `YYYY-MM-DDTHH:MM:SSZ`, resolved once per invocation (see `timestamp.ts`). */
  readonly timestamp: string;
  /** The capa-ts version written into the artefacts. */
  readonly toolVersion: string;
  /** The product's identity from its capa.toml `[package]` (spec/projects.md); absent outside a
   * project, where the SBOMs name the file and the tool version as the reference does. */
  readonly product?: ProductIdentity;
}

export interface ProductIdentity {
  readonly name: string;
  readonly version: string;
  /** An SPDX license expression, or null when not declared. */
  readonly license: string | null;
  readonly supplier: string | null;
  readonly authors: readonly string[];
  readonly description: string | null;
  /** What a project adds to its SBOMs (spec/projects.md, "SBOMs of a project"); absent in the
   * reference-shaped documents of a single file. */
  readonly details?: ProductDetails;
}

/** Per-package and per-file facts of a project, gathered by the pipeline (emitters read no disk). */
export interface ProductDetails {
  /** The package owning each function, by qualified name; version null for a package without capa.toml. */
  readonly functionPackages: ReadonlyMap<string, { readonly name: string; readonly version: string | null }>;
  /** Every source file of the program: path relative to the product root (POSIX), digests, owner. */
  readonly files: readonly SourceFileFacts[];
  /** The bundled Pyodide's version (null when it cannot be read); shown only when Python is used. */
  readonly pyodideVersion: string | null;
}

export interface SourceFileFacts {
  readonly path: string;
  readonly sha256: string;
  readonly sha1: string;
  readonly package: string;
  readonly version: string | null;
}

/** The product's package URL (generic type: Capa has no package registry). */
export function productPurl(p: ProductIdentity): string {
  return `pkg:generic/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`;
}

/** An emitter either produces the document text or explains, as data, why it cannot. */
export type EmitResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

export const ARTIFACT_FORMATS = ["manifest", "cyclonedx", "spdx", "vex", "provenance"] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];
