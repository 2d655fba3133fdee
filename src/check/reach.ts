// The manifest's `transitively_reachable_capabilities`: every capability that may be exercised
// while a function is on the call stack (the authority oracle checks exactly this against runs).
// A fixpoint over the call graph, recursion included, where a node is a program function or a
// lambda. A node reaches its own signature's ceiling, the built-ins its body uses, the built-ins
// its callees reach, and — for each call of a function value it cannot pin down — the built-ins
// reached by every function value of the program with that many parameters. A node that reaches
// Unsafe also reaches every capability the program hands to Python with `py_grant`.
// A user capability is reachable only through the function's own signature: a value made and used
// inside (`make_logger(stdio)`) reaches the built-ins behind it, as the reference reports too.

import type { BodyEffects, FunctionValueSite } from "./authority-flow.js";
import { BUILTIN_CAPABILITIES } from "./model.js";

export interface ReachNode {
  /** Qualified name of the function. */
  readonly key: string;
  /** Capabilities the signature's types carry. */
  readonly ceiling: ReadonlySet<string>;
  readonly effects: BodyEffects;
}

const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_CAPABILITIES);

export function reachableAuthority(
  functions: readonly ReachNode[],
  pool: readonly FunctionValueSite[],
  pythonGrants: readonly string[],
): Map<string, Set<string>> {
  interface Node {
    readonly reach: Set<string>;
    readonly effects: BodyEffects;
  }
  const byKey = new Map<string, Node>();
  const nodes: Node[] = [];
  for (const f of functions) {
    const node = { reach: new Set(f.ceiling), effects: f.effects };
    byKey.set(f.key, node);
    nodes.push(node);
  }
  // What a function value of each arity may reach, as the nodes it may be.
  const valuesByArity = new Map<number, Node[]>();
  const addValue = (arity: number, node: Node | undefined): void => {
    if (node === undefined) return;
    let list = valuesByArity.get(arity);
    if (list === undefined) valuesByArity.set(arity, (list = []));
    if (!list.includes(node)) list.push(node);
  };
  for (const site of pool) {
    if (site.kind === "named") addValue(site.arity, byKey.get(site.fn));
    else {
      const node = { reach: new Set<string>(), effects: site.effects };
      nodes.push(node);
      addValue(site.arity, node);
    }
  }
  const grants = [...new Set(pythonGrants)];

  for (let changed = true; changed; ) {
    changed = false;
    const add = (into: Set<string>, cap: string): void => {
      if (BUILTINS.has(cap) && !into.has(cap)) {
        into.add(cap);
        changed = true;
      }
    };
    for (const node of nodes) {
      const { reach, effects } = node;
      for (const cap of effects.used) add(reach, cap);
      for (const callee of effects.callees) for (const cap of byKey.get(callee)?.reach ?? []) add(reach, cap);
      for (const arity of effects.unknownArities) {
        for (const value of valuesByArity.get(arity) ?? []) for (const cap of value.reach) add(reach, cap);
      }
      if (reach.has("Unsafe")) for (const cap of grants) add(reach, cap);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const f of functions) out.set(f.key, byKey.get(f.key)!.reach);
  return out;
}
