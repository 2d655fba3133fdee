// Control flow for the IFC walker: which exits a statement may take (and under which label), which
// statements never complete, and snapshots of mutable cells so sibling branches do not see each
// other's mutations. Pure helpers over the AST and cells; never reports diagnostics.

import type { Block, Expr, Stmt } from "../../syntax/ast.js";
import { isBlock } from "../../syntax/ast.js";
import { Cell, type Target } from "./cells.js";
import { type Label, PUBLIC, join } from "./labels.js";

/**
 * The exits taken inside a statement, each with the label that decides whether it is taken (null:
 * no such exit). `ret` leaves the callable (`return`, `panic`, `?`); `brk` and `cont` the loop.
 */
export interface Exits {
  ret: Label | null;
  brk: Label | null;
  cont: Label | null;
}

export function noExits(): Exits {
  return { ret: null, brk: null, cont: null };
}

export function addExit(ex: Exits, kind: keyof Exits, dependence: Label): void {
  ex[kind] = join(ex[kind] ?? PUBLIC, dependence);
}

export function mergeExits(into: Exits, from: Exits): void {
  if (from.ret) addExit(into, "ret", from.ret);
  if (from.brk) addExit(into, "brk", from.brk);
  if (from.cont) addExit(into, "cont", from.cont);
}

/** The label deciding whether the code after a statement runs at all: any exit it may take. */
export function anyExit(ex: Exits): Label {
  return join(join(ex.ret ?? PUBLIC, ex.brk ?? PUBLIC), ex.cont ?? PUBLIC);
}

// ── statements that never complete normally ──

function isPanicCall(e: Expr): boolean {
  return e.kind === "Call" && e.callee.kind === "Name" && e.callee.name === "panic";
}

/** True when `s` never completes normally (so what follows it in its block is unreachable). */
export function stmtDiverges(s: Stmt, frameOnly = false): boolean {
  switch (s.kind) {
    case "Return":
      return true;
    case "Break":
    case "Continue":
      return !frameOnly;
    case "ExprStmt":
      if (isPanicCall(s.expr)) return true;
      if (s.expr.kind === "Match") {
        return s.expr.arms.length > 0 && s.expr.arms.every((a) => (isBlock(a.body) ? blockDiverges(a.body, frameOnly) : isPanicCall(a.body)));
      }
      return false;
    case "If":
      return s.elseBody !== null && s.branches.every((b) => blockDiverges(b.body, frameOnly)) && blockDiverges(s.elseBody, frameOnly);
    case "While":
      // `while true` without a `break` of its own ends only by leaving the callable
      return s.cond.kind === "Bool" && s.cond.value && !breaksOut(s.body);
    default:
      return false;
  }
}

export function blockDiverges(b: Block, frameOnly = false): boolean {
  return b.stmts.some((s) => stmtDiverges(s, frameOnly));
}

/** Whether a loop body contains a `break` for this loop (not one of a nested loop or lambda). */
function breaksOut(b: Block): boolean {
  for (const s of b.stmts) {
    switch (s.kind) {
      case "Break":
        return true;
      case "If":
        if (s.branches.some((br) => breaksOut(br.body)) || (s.elseBody && breaksOut(s.elseBody))) return true;
        break;
      case "ExprStmt":
        if (s.expr.kind === "Match" && s.expr.arms.some((a) => isBlock(a.body) && breaksOut(a.body))) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// ── snapshots of mutable cells (sibling branches) ──

interface CellState {
  own: Label;
  elem: Label;
  ret: Label;
  fns: ReadonlySet<Target> | null;
  fields: Map<string, Cell> | null;
}

export type Snapshot = Map<Cell, CellState>;

function stateOf(c: Cell): CellState {
  return { own: c.own, elem: c.elem, ret: c.ret, fns: c.fns, fields: c.fields ? new Map(c.fields) : null };
}

/** The state of every mutable cell reachable from `roots` (through fields). */
export function snapshot(roots: Iterable<Cell>, mutable: (c: Cell) => boolean): Snapshot {
  const out: Snapshot = new Map();
  const stack: Cell[] = [];
  for (const c of roots) if (mutable(c)) stack.push(c);
  while (stack.length) {
    const c = stack.pop()!;
    if (out.has(c)) continue;
    out.set(c, stateOf(c));
    if (c.fields) for (const f of c.fields.values()) if (!out.has(f)) stack.push(f);
  }
  return out;
}

/** The current state of the cells a snapshot covers. */
export function current(snap: Snapshot): Snapshot {
  const out: Snapshot = new Map();
  for (const c of snap.keys()) out.set(c, stateOf(c));
  return out;
}

export function restore(snap: Snapshot): void {
  for (const [c, s] of snap) {
    c.own = s.own;
    c.elem = s.elem;
    c.ret = s.ret;
    c.fns = s.fns;
    c.fields = s.fields ? new Map(s.fields) : null;
  }
}

/**
 * Sets each cell to the join of its states at the ends of the paths that continue (a branch that
 * leaves the callable contributes nothing). `whole` labels a field cell two paths disagree on.
 */
export function mergeInto(snap: Snapshot, outcomes: readonly Snapshot[], whole: (c: Cell) => Label): void {
  if (outcomes.length === 0) return;
  for (const c of snap.keys()) {
    const states = outcomes.map((o) => o.get(c)!);
    let own = PUBLIC;
    let elem = PUBLIC;
    let ret = PUBLIC;
    let fns: Set<Target> | null = null;
    let fields: Map<string, Cell> | null = null;
    for (const s of states) {
      own = join(own, s.own);
      elem = join(elem, s.elem);
      ret = join(ret, s.ret);
      if (s.fns) {
        fns ??= new Set();
        for (const t of s.fns) fns.add(t);
      }
      if (s.fields) {
        fields ??= new Map();
        for (const [name, fc] of s.fields) {
          const prev = fields.get(name);
          if (!prev) fields.set(name, fc);
          else if (prev !== fc) {
            const m = Cell.of(join(whole(prev), whole(fc)), prev.ty ?? fc.ty);
            m.fns = prev.fns ?? fc.fns;
            fields.set(name, m);
          }
        }
      }
    }
    c.own = own;
    c.elem = elem;
    c.ret = ret;
    c.fns = fns;
    c.fields = fields;
  }
}
