// The program's call graph as the capability model records it, for explaining authority: who
// calls whom (direct calls, and `alias.f(...)` calls through an import qualifier), and shortest
// call paths found breadth-first, so an explanation is never longer than it needs to be.

import type { CallFact, CapabilityModel, FunctionFacts } from "../check/model.js";
import type { Program } from "../syntax/ast.js";
import { aliasOf } from "../check/modules/loader.js";

export interface CallGraph {
  readonly functions: readonly FunctionFacts[];
  byName(qualifiedName: string): FunctionFacts | undefined;
  /** Functions of this program that `f` calls, each once, in call order. */
  callees(f: FunctionFacts): readonly FunctionFacts[];
}

export function callGraph(model: CapabilityModel, program: Program): CallGraph {
  const aliases = new Set(program.items.flatMap((i) => (i.kind === "Import" ? [aliasOf(i)] : [])));
  const named = new Map(model.functions.map((f) => [f.qualifiedName, f]));
  const memo = new Map<FunctionFacts, FunctionFacts[]>();
  return {
    functions: model.functions,
    byName: (n) => named.get(n),
    callees: (f) => {
      let out = memo.get(f);
      if (out === undefined) {
        out = [...new Set(f.calls.map((c) => named.get(callTarget(c, aliases) ?? "")).filter((g): g is FunctionFacts => g !== undefined))];
        memo.set(f, out);
      }
      return out;
    },
  };
}

/** The called function of this program: the model's target, or `alias.f` through an import qualifier. */
function callTarget(c: CallFact, aliases: ReadonlySet<string>): string | null {
  if (c.target !== null) return c.target;
  const dot = c.callee.lastIndexOf(".");
  return c.kind === "method" && dot > 0 && aliases.has(c.callee.slice(0, dot)) ? c.callee.slice(dot + 1) : null;
}

/** The shortest call path from one of `starts` to a function satisfying `goal` (both ends
 * included), moving only through functions `allowed` admits; null when there is none. */
export function shortestPath(
  graph: CallGraph,
  starts: readonly FunctionFacts[],
  goal: (f: FunctionFacts) => boolean,
  allowed: (f: FunctionFacts) => boolean = () => true,
): FunctionFacts[] | null {
  const previous = new Map<FunctionFacts, FunctionFacts | null>(starts.map((s) => [s, null]));
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    if (goal(at)) {
      const path: FunctionFacts[] = [];
      for (let p: FunctionFacts | null = at; p !== null; p = previous.get(p)!) path.unshift(p);
      return path;
    }
    for (const next of graph.callees(at)) {
      if (previous.has(next) || !allowed(next)) continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  return null;
}
