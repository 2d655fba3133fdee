// `--check-capabilities`: every package of a project within its capa.toml ceiling. Each function
// of the checked program belongs to the package whose folder holds its source file; a package's
// surface is what its own functions reach plus its dependencies' surfaces. A package that cannot
// be analysed (no capa.toml, no Capa source, Unsafe/Python/foreign code) has authority UNKNOWN,
// which dominates everything that depends on it.

import { relative } from "node:path";
import { makeProblem, type Problem, type Span } from "../diagnostics/diagnostic.js";
import type { CapabilityModel, FunctionFacts } from "../check/model.js";
import { CEILING_CAPABILITIES, owningPackage, type Project, type ProjectPackage } from "../project/index.js";
import { EDGE_WORDS as W, GATE_MESSAGES as G } from "./messages.js";
import type { Program } from "../syntax/ast.js";
import { callGraph, shortestPath } from "./callgraph.js";

export interface PackageSurface {
  readonly name: string;
  /** The package's folder relative to the root's ("." for the root). */
  readonly path: string;
  readonly version: string | null;
  /** Bounded built-in capabilities reached (sorted). */
  readonly capabilities: readonly string[];
  readonly unknown: boolean;
  /** Why authority is unknown (the chain to the function or dependency that makes it so); null when known. */
  readonly unknownBecause: string | null;
  /** Capabilities its own functions reach, without its dependencies' (sorted). */
  readonly attributed: readonly string[];
  /** The ceiling, or null when the package declares none. */
  readonly ceiling: readonly string[] | null;
  readonly allowUnknown: boolean;
}

export interface CeilingVerdict {
  readonly surfaces: readonly PackageSurface[];
  readonly violations: readonly Problem[];
  /** How `cap` enters package `pkg` (a name from `surfaces` whose capabilities include it): the
   * call chain, or the dependency edge then the chain inside the dependency. */
  readonly edge: (pkg: string, cap: string) => { readonly text: string; readonly span: Span | null };
}

/** Why authority is unknown for a package, as a short phrase; null when it is known. */
type UnknownCause = { readonly why: string; readonly span: Span | null } | null;

const qualified = (pkg: ProjectPackage, f: FunctionFacts): string => `${pkg.name}:${f.sourceName ?? f.qualifiedName}`;

function crossesUnknown(f: FunctionFacts): string | null {
  if (f.transitivelyReachableCapabilities.includes("Unsafe")) return W.reachesUnsafe;
  if ((f.foreignComponentCalls ?? []).length > 0) return W.callsExtern;
  if (f.pythonModules.length > 0) return W.importsPython;
  return null;
}

/** `program` (the merged, checked one) gives the import qualifiers, so `http.body(x)` is followed
 * as a call of `body`. `display` shows a source file in messages (artefacts pass one relative to
 * the product root, so their bytes do not depend on the working folder). */
export function checkCeilings(project: Project, model: CapabilityModel, program: Program, display: (file: string) => string = (f) => f): CeilingVerdict {
  const place = (s: Span): string => `${display(s.file)}:${s.line}:${s.col}`;
  const graph = callGraph(model, program);
  const ownerOf = new Map<FunctionFacts, ProjectPackage>();
  for (const f of model.functions) ownerOf.set(f, owningPackage(project, f.span.file) ?? project.root);
  const byPackage = new Map(project.packages.map((p) => [p, model.functions.filter((f) => ownerOf.get(f) === p)]));
  const packageNamed = new Map(project.packages.map((p) => [p.name, p]));
  const bounded = (f: FunctionFacts): string[] => f.transitivelyReachableCapabilities.filter((c) => CEILING_CAPABILITIES.includes(c));

  const surfaceMemo = new Map<ProjectPackage, Set<string>>();
  const surface = (p: ProjectPackage): Set<string> => {
    let s = surfaceMemo.get(p);
    if (s !== undefined) return s;
    s = new Set(byPackage.get(p)!.flatMap(bounded));
    for (const d of p.dependencies) for (const c of surface(packageNamed.get(d)!)) s.add(c);
    surfaceMemo.set(p, s);
    return s;
  };

  /** The shortest call chain from `f` to where `cap` enters: a function that reaches it while none
   * of its callees does (its body uses it, or a parameter carries it in), package-qualified. */
  const chain = (f: FunctionFacts, cap: string): string => {
    const reaches = (g: FunctionFacts): boolean => g.transitivelyReachableCapabilities.includes(cap);
    const path = shortestPath(graph, [f], (g) => !graph.callees(g).some((h) => h !== g && reaches(h)), reaches) ?? [f];
    const steps = path.map((g) => W.step(qualified(ownerOf.get(g)!, g), place(g.span)));
    const last = path[path.length - 1]!;
    if (!last.usedCapabilities.includes(cap)) {
      const carriers = last.params.filter((p) => p.isCapability && p.type !== cap).map((p) => `${p.name}: ${p.type}`);
      if (carriers.length > 0) steps[steps.length - 1] += W.throughParameters(carriers);
    }
    return W.chain(steps);
  };

  /** How `cap` enters package `p`: its own function's call chain, or the dependency edge that brings it. */
  const capabilityEdge = (p: ProjectPackage, cap: string): { text: string; span: Span | null } => {
    // Exported functions first: they are the package's surface, the rest serve them.
    const candidates = byPackage.get(p)!.filter((f) => bounded(f).includes(cap));
    const own = candidates.find((f) => f.isPub && f.container === null) ?? candidates[0];
    if (own !== undefined) return { text: chain(own, cap), span: own.span };
    const dep = p.dependencies.map((d) => packageNamed.get(d)!).find((d) => surface(d).has(cap))!;
    const inner = capabilityEdge(dep, cap);
    return { text: W.dependency(p.name, dep.name, inner.text), span: dependencySpan(p, dep.name) ?? inner.span };
  };

  const unknownMemo = new Map<ProjectPackage, UnknownCause>();
  const unknownCause = (p: ProjectPackage): UnknownCause => {
    if (unknownMemo.has(p)) return unknownMemo.get(p)!;
    let cause: UnknownCause = null;
    if (p.manifest === null) {
      cause = { why: W.noManifest(p.name, relative(project.root.dir, p.dir), p.hasSource), span: null };
    }
    else if (!p.hasSource) cause = { why: W.noSource(p.name, relative(project.root.dir, p.dir)), span: null };
    else {
      for (const f of byPackage.get(p)!) {
        const why = crossesUnknown(f);
        if (why !== null) {
          cause = { why: W.crosses(W.step(qualified(p, f), place(f.span)), why), span: f.span };
          break;
        }
      }
    }
    for (const d of p.dependencies) {
      if (cause !== null) break;
      const inner = unknownCause(packageNamed.get(d)!);
      if (inner !== null) cause = { why: W.dependency(p.name, d, inner.why), span: dependencySpan(p, d) ?? inner.span };
    }
    unknownMemo.set(p, cause);
    return cause;
  };

  const violations: Problem[] = [];
  const surfaces: PackageSurface[] = [];
  for (const p of project.packages) {
    const caps = [...surface(p)].sort();
    const ceiling = p.manifest?.ceiling ?? null;
    const cause = unknownCause(p);
    surfaces.push({
      name: p.name,
      path: relative(project.root.dir, p.dir) || ".",
      version: p.manifest?.package.version ?? null,
      capabilities: caps,
      unknown: cause !== null,
      unknownBecause: cause?.why ?? null,
      attributed: [...new Set(byPackage.get(p)!.flatMap(bounded))].sort(),
      ceiling: ceiling?.max ?? null,
      allowUnknown: ceiling?.allowUnknown ?? false,
    });
    if (ceiling === null) continue;
    const shown = W.ceiling(ceiling.max);
    for (const cap of caps.filter((c) => !ceiling.max.includes(c))) {
      const edge = capabilityEdge(p, cap);
      violations.push(makeProblem(G.exceedsCeiling, [p.name, cap, shown, edge.text], edge.span));
    }
    if (cause !== null && !ceiling.allowUnknown) violations.push(makeProblem(G.unknownAuthority, [p.name, cause.why], cause.span));
  }
  return { surfaces, violations, edge: (pkg, cap) => capabilityEdge(packageNamed.get(pkg)!, cap) };
}

function dependencySpan(p: ProjectPackage, dep: string): Span | null {
  return p.manifest?.dependencies.find((d) => d.name === dep)?.span ?? null;
}

/** `--check-capabilities --format json` (schema: spec/schemas/capability-ceilings.schema.json). */
export function ceilingReport(v: CeilingVerdict) {
  return {
    kind: "capa-capability-ceilings",
    version: 1,
    ok: v.violations.length === 0,
    packages: v.surfaces.map((s) => ({
      name: s.name,
      path: s.path,
      version: s.version,
      capabilities: s.capabilities,
      authority_unknown: s.unknown,
      ceiling: s.ceiling === null ? null : { max: s.ceiling, allow_unknown: s.allowUnknown },
    })),
    violations: v.violations.map((p) => ({
      code: p.code,
      message: p.message,
      file: p.span?.file ?? null,
      line: p.span?.line ?? null,
      col: p.span?.col ?? null,
    })),
  };
}
