// Per-callable IFC summaries: which parameters reach a public sink (and by which path), whether the
// result carries an internal secret, whether any sink runs. Grown monotonically to a fixpoint.

import type { Span } from "../../diagnostics/diagnostic.js";
import type { Flow } from "./labels.js";

export interface SinkHit {
  /** Path from the parameter to the point where it is sunk (or handed to an unknown function). */
  readonly flow: Flow;
  readonly sinkWhat: string;
  readonly sinkSpan: Span;
  /** Built-in capabilities through which the data leaves. */
  readonly capabilities: ReadonlySet<string>;
  /**
   * Null for a real sink. Otherwise the parameter is handed, at argument position `argPos`, to a
   * function value: parameter `fnParam` of the same callable (refinable at the call site), or an
   * unknown one (`fnParam` null).
   */
  readonly dynamic: { readonly fnParam: number | null; readonly argPos: number } | null;
}

export interface Summary {
  readonly sinkParams: Map<number, SinkHit>;
  /** The path of a secret the callable returns on its own (Env.get, a @secret field, ...). */
  returnSecret: Flow | null;
  /** Parameters some returned value may derive from (explicitly or implicitly). */
  readonly returnParams: Set<number>;
  /** Parameters that reach only the elements of a returned container (not its structure). */
  readonly returnElemParams: Set<number>;
  /** A secret of its own the callable puts only into the elements of a returned container. */
  returnElemSecret: Flow | null;
  /** Some public sink may run when this is called (for `@strict_ifc` callers under a secret pc). */
  runsSink: boolean;
  /**
   * Parameters whose contents the callable mutates with data from other parameters
   * (`fun fill(b: Bag, v: String) = b.items.push(v)` gives 0 ← {1}): the caller's argument for the
   * key takes the labels of the arguments in the set.
   */
  readonly paramInto: Map<number, Set<number>>;
  /**
   * Parameters whose structure the callable changes (a push, set, add or field write), whatever it
   * stores: a caller under a secret condition thereby changes its argument's length or contents.
   */
  readonly mutatesParams: Set<number>;
  /** Parameters the callable fills with a secret of its own (an `Env.get` pushed into a list). */
  readonly secretInto: Map<number, Flow>;
  /**
   * Parameters that drive a variable-time operation inside the callable (division, a branch, a
   * String/List compare, a lookup), directly or through a callee: a @constant_time caller must not
   * pass a secret there.
   */
  readonly ctParams: Set<number>;
}

export function emptySummary(): Summary {
  return { sinkParams: new Map(), returnSecret: null, returnParams: new Set(), returnElemParams: new Set(), returnElemSecret: null, runsSink: false, paramInto: new Map(), mutatesParams: new Set(), secretInto: new Map(), ctParams: new Set() };
}

/** Records a hit; a real sink supersedes a dynamic one for the same parameter. */
export function addHit(s: Summary, param: number, hit: SinkHit): void {
  const old = s.sinkParams.get(param);
  if (!old || (old.dynamic !== null && hit.dynamic === null)) s.sinkParams.set(param, hit);
}

/** A change key: only facts that can change a caller's analysis. */
export function summaryKey(s: Summary): string {
  const hits = [...s.sinkParams.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, h]) => `${k}${h.dynamic ? `d${h.dynamic.fnParam ?? "u"}/${h.dynamic.argPos}` : ""}`)
    .join(",");
  const into = [...s.paramInto.entries()].map(([k, v]) => `${k}<${[...v].sort().join(".")}`).sort().join(",");
  const secretInto = [...s.secretInto.keys()].sort().join(",");
  const ct = [...s.ctParams].sort().join(",");
  const mutates = [...s.mutatesParams].sort().join(",");
  return `${hits}|${s.returnSecret ? 1 : 0}${[...s.returnParams].sort().join(".")}/${[...s.returnElemParams].sort().join(".")}/${s.returnElemSecret ? 1 : 0}${s.runsSink ? 1 : 0}|${into}|${secretInto}|${ct}|${mutates}`;
}
