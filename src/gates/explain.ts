// `--explain FN`: why a function has the authority it has. For each capability it reaches, the
// shortest call chain from it to where that capability enters; and the shortest chain from a
// root (`main`, else every function nothing calls) to it. Beyond the reference.

import type { CapabilityModel, FunctionFacts } from "../check/model.js";
import type { Program } from "../syntax/ast.js";
import { callGraph, shortestPath } from "./callgraph.js";

export interface Step {
  readonly function: string;
  readonly pos: string;
}

export interface Explanation {
  readonly kind: "capa-explain";
  readonly version: 1;
  readonly function: string;
  readonly pos: string;
  /** `transitively_reachable_capabilities`, sorted. */
  readonly capabilities: readonly string[];
  /** From a root to the function (both included); null when no root calls it. */
  readonly reached_from: readonly Step[] | null;
  readonly chains: readonly {
    readonly capability: string;
    /** From the function to where the capability enters. */
    readonly path: readonly Step[];
    /** Parameters of the last step that carry the capability in (its body does not use it itself). */
    readonly through_parameters: readonly string[];
  }[];
}

const step = (f: FunctionFacts): Step => ({ function: f.sourceName ?? f.qualifiedName, pos: `${f.span.file}:${f.span.line}:${f.span.col}` });

/** The functions a name designates: `f`, `Type::method`, or a module's private helper by its written name. */
export function functionsNamed(model: CapabilityModel, name: string): FunctionFacts[] {
  return model.functions.filter((f) => f.qualifiedName === name || (f.sourceName !== undefined && (f.container === null ? f.sourceName : `${f.container}::${f.sourceName}`) === name));
}

export function explain(model: CapabilityModel, program: Program, target: FunctionFacts): Explanation {
  const graph = callGraph(model, program);
  const called = new Set(model.functions.flatMap((f) => graph.callees(f).filter((g) => g !== f)));
  const main = model.functions.find((f) => f.qualifiedName === "main");
  const roots = main !== undefined ? [main] : model.functions.filter((f) => !called.has(f));
  const fromRoot = shortestPath(graph, roots, (f) => f === target);
  const chains = target.transitivelyReachableCapabilities.map((capability) => {
    const reaches = (g: FunctionFacts): boolean => g.transitivelyReachableCapabilities.includes(capability);
    const path = shortestPath(graph, [target], (g) => !graph.callees(g).some((h) => h !== g && reaches(h)), reaches) ?? [target];
    const last = path[path.length - 1]!;
    const through = last.usedCapabilities.includes(capability)
      ? []
      : last.params.filter((p) => p.isCapability && p.type !== capability).map((p) => `${p.name}: ${p.type}`);
    return { capability, path: path.map(step), through_parameters: through };
  });
  return {
    kind: "capa-explain",
    version: 1,
    ...step(target),
    capabilities: [...target.transitivelyReachableCapabilities].sort(),
    reached_from: fromRoot === null ? null : fromRoot.map(step),
    chains,
  };
}

/** The explanation for people. */
export function renderExplanation(e: Explanation): string {
  const chain = (steps: readonly Step[]): string => steps.map((s) => `${s.function} (${s.pos})`).join(" -> ");
  const lines = [`${e.function} (${e.pos}) reaches [${e.capabilities.join(", ")}]`];
  lines.push(e.reached_from === null ? "reached from: no root calls it" : `reached from: ${chain(e.reached_from)}`);
  for (const c of e.chains) {
    const through = c.through_parameters.length > 0 ? ` through parameter ${c.through_parameters.join(", ")}` : "";
    lines.push(`${c.capability}: ${chain(c.path)}${through}`);
  }
  return lines.join("\n") + "\n";
}
