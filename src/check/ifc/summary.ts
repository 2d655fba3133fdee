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

/** A place inside parameter `param`: the value itself (empty path) or one of its fields, nested. */
export interface ParamPlace {
  readonly param: number;
  readonly path: readonly string[];
}

export function placeKey(p: ParamPlace): string {
  return p.path.length === 0 ? `${p.param}` : `${p.param}.${p.path.join(".")}`;
}

/**
 * Facts about parameters are keyed by slot: slot `i` below FIELD_SLOT_BASE is parameter i as a
 * whole; a slot from FIELD_SLOT_BASE up is one field (path) of a struct parameter, listed in
 * `Summary.places`. A caller reads each slot from its own argument, so a callee that uses only
 * `bag.note` charges the caller with `bag.note`, not with everything `bag` holds.
 */
export const FIELD_SLOT_BASE = 256;

export interface Summary {
  /** The field places behind slots from FIELD_SLOT_BASE up. */
  readonly places: Map<number, ParamPlace>;
  /** Slots reaching a sink. */
  readonly sinkParams: Map<number, SinkHit>;
  /** The path of a secret the callable returns on its own (Env.get, a @secret field, ...). */
  returnSecret: Flow | null;
  /** Slots some returned value may derive from (explicitly or implicitly). */
  readonly returnParams: Set<number>;
  /** Slots that reach only the elements of a returned container (not its structure). */
  readonly returnElemParams: Set<number>;
  /** A secret of its own the callable puts only into the elements of a returned container. */
  returnElemSecret: Flow | null;
  /** Some public sink may run when this is called (for `@strict_ifc` callers under a secret pc). */
  runsSink: boolean;
  /**
   * Places in parameters that the callable fills with data from other parameters
   * (`fun fill(b: Bag, v: String) = b.items.push(v)` gives 0.items ← {1}): at a call site that
   * place of the argument (and only it: a sibling field stays clean) takes the labels of the
   * slots in the set. Keyed by `placeKey`.
   */
  readonly paramInto: Map<string, { readonly place: ParamPlace; readonly from: Set<number> }>;
  /**
   * Parameters whose structure the callable changes (a push, set, add or field write), whatever it
   * stores: a caller under a secret condition thereby changes its argument's length or contents.
   */
  readonly mutatesParams: Set<number>;
  /** Places in parameters the callable fills with a secret of its own (an `Env.get` pushed into a list). */
  readonly secretInto: Map<string, { readonly place: ParamPlace; readonly flow: Flow }>;
  /**
   * Slots that drive a variable-time operation inside the callable (division, a branch, a
   * String/List compare, a lookup), directly or through a callee: a @constant_time caller must not
   * pass a secret there.
   */
  readonly ctParams: Set<number>;
}

export function emptySummary(): Summary {
  return { places: new Map(), sinkParams: new Map(), returnSecret: null, returnParams: new Set(), returnElemParams: new Set(), returnElemSecret: null, runsSink: false, paramInto: new Map(), mutatesParams: new Set(), secretInto: new Map(), ctParams: new Set() };
}

/**
 * The summary as it is kept once its callable's analysis is over: each empty collection replaced
 * by one shared empty one. Most callables of a large program have few facts, and eight empty
 * Maps and Sets are about 1.5 KB per callable, kept as long as the result. Safe because a summary
 * is only written while its own callable is analysed, into a fresh `emptySummary()`; the shared
 * collections throw if written all the same.
 */
export function settled(s: Summary): Summary {
  return {
    places: s.places.size === 0 ? (NO_ENTRIES as Summary["places"]) : s.places,
    sinkParams: s.sinkParams.size === 0 ? (NO_ENTRIES as Summary["sinkParams"]) : s.sinkParams,
    returnSecret: s.returnSecret,
    returnParams: s.returnParams.size === 0 ? NO_SLOTS : s.returnParams,
    returnElemParams: s.returnElemParams.size === 0 ? NO_SLOTS : s.returnElemParams,
    returnElemSecret: s.returnElemSecret,
    runsSink: s.runsSink,
    paramInto: s.paramInto.size === 0 ? (NO_ENTRIES as Summary["paramInto"]) : s.paramInto,
    mutatesParams: s.mutatesParams.size === 0 ? NO_SLOTS : s.mutatesParams,
    secretInto: s.secretInto.size === 0 ? (NO_ENTRIES as Summary["secretInto"]) : s.secretInto,
    ctParams: s.ctParams.size === 0 ? NO_SLOTS : s.ctParams,
  };
}

const settledWrite = (): never => {
  throw new Error("a settled IFC summary is read-only");
};
const NO_ENTRIES: Map<unknown, unknown> = Object.assign(new Map(), { set: settledWrite, delete: settledWrite, clear: settledWrite });
const NO_SLOTS: Set<number> = Object.assign(new Set<number>(), { add: settledWrite, delete: settledWrite, clear: settledWrite });

/** Records a hit; a real sink supersedes a dynamic one for the same parameter. */
export function addHit(s: Summary, param: number, hit: SinkHit): void {
  const old = s.sinkParams.get(param);
  if (!old || (old.dynamic !== null && hit.dynamic === null)) s.sinkParams.set(param, hit);
}

/** A change key: only facts that can change a caller's analysis (slots named by their place, so
 * the order in which a body first read its fields does not matter). */
export function summaryKey(s: Summary): string {
  const name = (slot: number) => {
    const place = s.places.get(slot);
    return place ? placeKey(place) : `${slot}`;
  };
  const names = (slots: Iterable<number>) => [...slots].map(name).sort().join(" ");
  const hits = [...s.sinkParams.entries()]
    .map(([k, h]) => `${name(k)}${h.dynamic ? `d${h.dynamic.fnParam ?? "u"}/${h.dynamic.argPos}` : ""}`)
    .sort()
    .join(",");
  const into = [...s.paramInto.entries()].map(([k, v]) => `${k}<${names(v.from)}`).sort().join(",");
  const secretInto = [...s.secretInto.keys()].sort().join(",");
  const mutates = [...s.mutatesParams].sort().join(",");
  return `${hits}|${s.returnSecret ? 1 : 0}${names(s.returnParams)}/${names(s.returnElemParams)}/${s.returnElemSecret ? 1 : 0}${s.runsSink ? 1 : 0}|${into}|${secretInto}|${names(s.ctParams)}|${mutates}`;
}
