// Evaluating capa-policy.toml over the composed product (src/gates/compose.ts). Each policy
// passes, fails with violations that name the package, the capability and the edge that brings
// it, or — when it quantifies over a package whose authority is UNKNOWN — fails closed
// ("unknown") unless it sets allow_unknown. A concrete violation fails even with allow_unknown.

import { makeProblem, type Problem, type Span } from "../diagnostics/diagnostic.js";
import type { Project } from "../project/index.js";
import type { CeilingVerdict, PackageSurface } from "./ceiling.js";
import { GATE_MESSAGES as G, POLICY_WORDS as W } from "./messages.js";
import type { Policy } from "./policy-file.js";

export interface PolicyViolation {
  readonly package: string;
  readonly capability: string | null;
  readonly message: string;
  readonly span: Span | null;
}

export interface PolicyResult {
  readonly policy: Policy;
  readonly status: "pass" | "fail" | "unknown";
  readonly violations: readonly PolicyViolation[];
  /** Packages in the policy's scope whose authority is UNKNOWN, with why (waived when allow_unknown). */
  readonly unknown: readonly { readonly package: string; readonly because: string }[];
}

/** The packages a policy names that the product lacks, as problems at the policy (exit 2). */
export function unknownPackages(policies: readonly Policy[], project: Project): Problem[] {
  const names = project.packages.map((p) => p.name);
  const out: Problem[] = [];
  for (const p of policies) {
    const named = p.kind === "forbid-dependency" ? [["package", p.package]] : "package" in p && p.package !== null ? [["package", p.package]] : [];
    for (const [key, name] of named) {
      if (!names.includes(name!)) out.push(makeProblem(G.policyUnknownPackage, [p.id, name!, names.join(", ")], p.keySpans.get(key!) ?? p.span));
    }
  }
  return out;
}

export function evaluatePolicies(policies: readonly Policy[], project: Project, verdict: CeilingVerdict): PolicyResult[] {
  const surfaces = new Map(verdict.surfaces.map((s) => [s.name, s]));
  const root = surfaces.get(project.root.name)!;
  const scope = (pkg: string | null): readonly PackageSurface[] => (pkg === null ? verdict.surfaces : [surfaces.get(pkg)!]);
  const edge = (pkg: string, cap: string) => verdict.edge(pkg, cap);
  return policies.map((policy) => {
    const violations: PolicyViolation[] = [];
    let inScope: readonly PackageSurface[] = [];
    const violation = (pkg: string, capability: string | null, message: string, span: Span | null): void => {
      violations.push({ package: pkg, capability, message, span: span ?? policy.span });
    };
    switch (policy.kind) {
      case "exclusion":
        inScope = scope(policy.package);
        for (const s of inScope) {
          if (!policy.capabilities.every((c) => s.capabilities.includes(c))) continue;
          const edges = policy.capabilities.map((c) => W.capabilityVia(c, edge(s.name, c).text));
          violation(s.name, null, W.holdsAll(s.name, policy.capabilities, edges), edge(s.name, policy.capabilities[0]!).span);
        }
        break;
      case "product-subset":
        inScope = [root];
        for (const c of root.capabilities.filter((c) => !policy.max.includes(c))) {
          const e = edge(root.name, c);
          violation(root.name, c, W.productExceeds(root.name, c, policy.max, e.text), e.span);
        }
        break;
      case "purity":
        inScope = scope(policy.package);
        for (const s of inScope) {
          for (const c of s.capabilities) {
            const e = edge(s.name, c);
            violation(s.name, c, W.notPure(s.name, c, e.text), e.span);
          }
        }
        break;
      case "forbid-capability":
        inScope = scope(policy.package);
        for (const s of inScope.filter((s) => s.capabilities.includes(policy.capability))) {
          const e = edge(s.name, policy.capability);
          violation(s.name, policy.capability, W.holdsForbidden(s.name, policy.capability, e.text), e.span);
        }
        break;
      case "forbid-dependency": {
        const path = dependencyPath(project, policy.package, policy.forbidden);
        if (path !== null) violation(policy.package, null, W.dependsOn(policy.package, policy.forbidden, path), dependencySpan(project, path[0]!, path[1]!));
        // A package that cannot be analysed may hide dependencies of its own.
        inScope = reachablePackages(project, policy.package).map((n) => surfaces.get(n)!).filter((s) => s.version === null);
        break;
      }
      case "no-unresolved-dependencies":
        for (const p of project.packages.filter((p) => p.manifest === null || !p.hasSource)) {
          const s = surfaces.get(p.name)!;
          const declaredBy = project.packages.filter((q) => q.dependencies.includes(p.name));
          const reason = p.manifest === null ? (p.hasSource ? "no readable capa.toml" : "no readable capa.toml and no Capa source") : "no Capa source";
          violation(p.name, null, W.unresolved(p.name, s.path, reason, declaredBy.map((q) => q.name)), declaredBy.length > 0 ? dependencySpan(project, declaredBy[0]!.name, p.name) : null);
        }
        break;
    }
    const unknown = inScope.filter((s) => s.unknown).map((s) => ({ package: s.name, because: s.unknownBecause ?? "" }));
    const status = violations.length > 0 ? "fail" : unknown.length > 0 && !policy.allowUnknown ? "unknown" : "pass";
    return { policy, status, violations, unknown };
  });
}

/** The problems a failing result reports: each violation, or the UNKNOWN package it cannot see past. */
export function resultProblems(r: PolicyResult): Problem[] {
  if (r.status === "fail") return r.violations.map((v) => makeProblem(G.policyViolated, [r.policy.id, r.policy.kind, v.message], v.span));
  if (r.status === "unknown") return r.unknown.map((u) => makeProblem(G.policyUnknownAuthority, [r.policy.id, r.policy.kind, u.package, u.because], r.policy.span));
  return [];
}

/** The shortest dependency path from `from` to `to` (both included), or null. */
function dependencyPath(project: Project, from: string, to: string): string[] | null {
  const byName = new Map(project.packages.map((p) => [p.name, p]));
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const d of byName.get(at)?.dependencies ?? []) {
      if (previous.has(d)) continue;
      previous.set(d, at);
      if (d === to) {
        const path = [d];
        for (let p = previous.get(d)!; p !== null; p = previous.get(p)!) path.unshift(p);
        return path;
      }
      queue.push(d);
    }
  }
  return null;
}

function reachablePackages(project: Project, from: string): string[] {
  const byName = new Map(project.packages.map((p) => [p.name, p]));
  const seen = new Set([from]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) for (const d of byName.get(queue[i]!)?.dependencies ?? []) if (!seen.has(d)) (seen.add(d), queue.push(d));
  return [...seen];
}

function dependencySpan(project: Project, from: string, to: string): Span | null {
  return project.packages.find((p) => p.name === from)?.manifest?.dependencies.find((d) => d.name === to)?.span ?? null;
}

/** `--conformance-report` (and `--check-policies --format json`): per-policy verdicts, with the
 * composed SBOM's and the policy file's digests so the report names exactly what it judged.
 * Positions are relative to the product root (`place`), so the bytes do not depend on the cwd. */
export function conformanceReport(
  results: readonly PolicyResult[],
  product: { name: string; version: string },
  evidence: { composedSha256: string; policyFile: { path: string; sha256: string } | null },
  place: (file: string) => string,
) {
  const count = (s: PolicyResult["status"]): number => results.filter((r) => r.status === s).length;
  return {
    kind: "capa-conformance-report",
    version: 1,
    product,
    composed_sbom_sha256: evidence.composedSha256,
    policy_file: evidence.policyFile,
    ok: results.every((r) => r.status === "pass"),
    summary: { pass: count("pass"), fail: count("fail"), unknown: count("unknown") },
    policies: results.map((r) => ({
      id: r.policy.id,
      kind: r.policy.kind,
      description: r.policy.description,
      allow_unknown: r.policy.allowUnknown,
      status: r.status,
      violations: r.violations.map((v) => ({
        package: v.package,
        capability: v.capability,
        message: v.message,
        pos: v.span === null ? null : `${place(v.span.file)}:${v.span.line}:${v.span.col}`,
      })),
      unknown: r.unknown,
    })),
  };
}
