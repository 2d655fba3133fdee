// The IFC lattice with provenance: a label is public or secret (with the path the secret took), plus
// the set of the enclosing callable's parameters it derives from (for summaries). Never mutates a label.

import type { Span } from "../../diagnostics/diagnostic.js";
import { HINT } from "./messages.js";

/** One step of an information path, newest first; `prev` walks back to the origin. */
export interface Flow {
  readonly what: string;
  readonly span: Span;
  readonly prev: Flow | null;
  readonly depth: number;
}

export interface Label {
  /** Non-null when the value is @secret in this context: the path from its origin. */
  readonly secret: Flow | null;
  /** Parameters (by index) of the callable being summarised that this value derives from. */
  readonly params: ReadonlyMap<number, Flow> | null;
}

export const PUBLIC: Label = Object.freeze({ secret: null, params: null });

export function origin(what: string, span: Span): Flow {
  return { what, span, prev: null, depth: 0 };
}

export function step(prev: Flow, what: string, span: Span): Flow {
  return { what, span, prev, depth: prev.depth + 1 };
}

export function secretLabel(flow: Flow): Label {
  return { secret: flow, params: null };
}

export function paramLabel(index: number, flow: Flow): Label {
  return { secret: null, params: new Map([[index, flow]]) };
}

/** The label without one parameter key (what a field of a parameter inherits from the parameter
 * itself when the field has a key of its own). */
export function withoutParam(l: Label, key: number): Label {
  if (!l.params?.has(key)) return l;
  const params = new Map(l.params);
  params.delete(key);
  return { secret: l.secret, params: params.size > 0 ? params : null };
}

export function isPublic(l: Label): boolean {
  return l.secret === null && l.params === null;
}

export function join(a: Label, b: Label): Label {
  if (isPublic(a)) return b;
  if (isPublic(b) || a === b) return a;
  const secret = a.secret ?? b.secret;
  let params = a.params;
  if (b.params !== null) {
    if (params === null) params = b.params;
    else {
      let merged: Map<number, Flow> | null = null;
      for (const [k, f] of b.params) {
        if (!params.has(k)) {
          merged ??= new Map(params);
          merged.set(k, f);
        }
      }
      if (merged) params = merged;
    }
  }
  if (secret === a.secret && params === a.params) return a;
  if (secret === b.secret && params === b.params) return b;
  return { secret, params };
}

export function joinAll(labels: Iterable<Label>): Label {
  let out = PUBLIC;
  for (const l of labels) out = join(out, l);
  return out;
}

/** Adds a hop to every path the label carries (the secret one and each parameter one). */
export function via(l: Label, what: string, span: Span): Label {
  if (isPublic(l)) return l;
  const secret = l.secret ? step(l.secret, what, span) : null;
  let params: Map<number, Flow> | null = null;
  if (l.params) {
    params = new Map();
    for (const [k, f] of l.params) params.set(k, step(f, what, span));
  }
  return { secret, params };
}

/** A compact change signature: which kinds of taint a label carries (paths are ignored). */
export function signature(l: Label): string {
  if (isPublic(l)) return "";
  let s = l.secret ? "S" : "";
  if (l.params) s += [...l.params.keys()].sort((x, y) => x - y).join(",");
  return s;
}

const MAX_SHOWN_STEPS = 10;

/** Hint lines for a path ending at a sink: the origin, each hop in order, then the sink. */
export function pathHints(flow: Flow, sinkWhat: string, sinkSpan: Span): string[] {
  const steps: Flow[] = [];
  for (let f: Flow | null = flow; f; f = f.prev) steps.push(f);
  steps.reverse();
  const lines: string[] = [];
  const first = steps[0]!;
  const at = (sp: Span): string => (sp.file === first.span.file ? `${sp.line}:${sp.col}` : `${sp.file}:${sp.line}:${sp.col}`);
  lines.push(HINT.source(at(first.span), first.what));
  let hops = steps.slice(1).filter((f, i, arr) => i === 0 || !sameStep(arr[i - 1]!, f));
  if (hops.length > MAX_SHOWN_STEPS) {
    const elided = hops.length - MAX_SHOWN_STEPS;
    const head = hops.slice(0, MAX_SHOWN_STEPS / 2);
    const tail = hops.slice(hops.length - MAX_SHOWN_STEPS / 2);
    for (const h of head) lines.push(HINT.hop(at(h.span), h.what));
    lines.push(HINT.elided(elided));
    hops = tail;
  }
  for (const h of hops) lines.push(HINT.hop(at(h.span), h.what));
  lines.push(HINT.sink(at(sinkSpan), sinkWhat));
  return lines;
}

function sameStep(a: Flow, b: Flow): boolean {
  return a.what === b.what && a.span.line === b.span.line && a.span.col === b.span.col;
}
