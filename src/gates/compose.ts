// `--compose-sbom`: the product's capability SBOM. Every function of the flattened program is
// attributed to its owning package (the ceiling gate's attribution, src/gates/ceiling.ts); each
// package's surface rolls up its dependencies'; a package that cannot be analysed is authority
// UNKNOWN, which dominates everything depending on it and is labelled with the reason. The
// document is canonical and content-addressed (src/gates/canonical.ts).

import { isAbsolute, relative, resolve, sep, basename } from "node:path";
import type { CapabilityModel, FunctionFacts } from "../check/model.js";
import type { Program } from "../syntax/ast.js";
import { owningPackage, type Project, type ProjectPackage } from "../project/index.js";
import { checkCeilings, type CeilingVerdict } from "./ceiling.js";

export const COMPOSED_KIND = "capa-composed-sbom";
export const UNKNOWN = "UNKNOWN";

/** A file's path as the document shows it: relative to the product root (POSIX separators), or
 * `<outside>/name` for a file outside it (the standard library), so the bytes do not depend on
 * where the product or the tool is installed. */
export function productPath(project: Project, file: string): string {
  const r = relative(project.root.dir, resolve(file));
  if (r === "") return ".";
  if (r.startsWith("..") || isAbsolute(r)) return `<outside>/${basename(file)}`;
  return r.split(sep).join("/");
}

function functionRecord(project: Project, f: FunctionFacts) {
  return {
    name: f.qualifiedName,
    source_name: f.sourceName ?? f.name,
    source_container: f.container,
    pos: `${productPath(project, f.span.file)}:${f.span.line}:${f.span.col}`,
    is_pub: f.isPub,
    transitively_reachable_capabilities: [...f.transitivelyReachableCapabilities].sort(),
    provably_excluded_capabilities: [...f.provablyExcludedCapabilities].sort(),
    authority_provable_from_types: f.authorityProvableFromTypes,
    declassifications: f.declassifications.map((d) => ({ reason: d.reason, value: d.value, pos: `${d.span.line}:${d.span.col}` })),
  };
}

/** Why a package is unresolved (cannot be analysed at all), or null when its source was read. */
function unresolvedReason(p: ProjectPackage): string | null {
  if (p.manifest === null && !p.hasSource) return "no readable capa.toml and no Capa source";
  if (p.manifest === null) return "no readable capa.toml";
  if (!p.hasSource) return "no Capa source";
  return null;
}

export interface ComposedProduct {
  readonly document: Record<string, unknown>;
  readonly verdict: CeilingVerdict;
}

/** The composed SBOM (without its content_integrity member) and the ceiling analysis it came from. */
export function composeProduct(project: Project, model: CapabilityModel, program: Program, toolVersion: string): ComposedProduct {
  const verdict = checkCeilings(project, model, program, (f) => productPath(project, f));
  const surfaceOf = new Map(verdict.surfaces.map((s) => [s.name, s]));
  const owner = (f: FunctionFacts): ProjectPackage => owningPackage(project, f.span.file) ?? project.root;
  const declaredBy = (name: string): string[] => project.packages.filter((p) => p.dependencies.includes(name)).map((p) => p.name);
  const root = surfaceOf.get(project.root.name)!;
  const info = project.root.manifest.package;
  const packages = project.packages.map((p) => {
    const s = surfaceOf.get(p.name)!;
    return {
      name: p.name,
      path: s.path,
      version: s.version,
      license: p.manifest?.package.license ?? null,
      depends_on: [...p.dependencies],
      attributed_capabilities: s.attributed,
      capabilities: s.capabilities,
      authority: s.unknown ? UNKNOWN : "bounded",
      unknown_because: s.unknownBecause,
      ceiling: s.ceiling === null ? null : { max: s.ceiling, allow_unknown: s.allowUnknown },
      functions: model.functions.filter((f) => owner(f) === p).map((f) => functionRecord(project, f)),
    };
  });
  const document = {
    kind: COMPOSED_KIND,
    version: 1,
    tool: { name: "capa-ts", version: toolVersion },
    product: {
      name: info.name,
      version: info.version,
      license: info.license,
      supplier: info.supplier,
      capabilities: root.capabilities,
      authority: root.unknown ? UNKNOWN : "bounded",
      unknown_because: root.unknownBecause,
    },
    packages,
    edges: project.packages.flatMap((p) => p.dependencies.map((d) => ({ from: p.name, to: d }))),
    unresolved_dependencies: project.packages.flatMap((p) => {
      const why = unresolvedReason(p);
      return why === null ? [] : [{ name: p.name, path: surfaceOf.get(p.name)!.path, declared_by: declaredBy(p.name), reason: why }];
    }),
  };
  return { document, verdict };
}
