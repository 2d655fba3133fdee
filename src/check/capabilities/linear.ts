// Flow-sensitive ownership. `consume` slots poison the argument path (union at joins, diverging
// arms excluded, loops checked with a silent dry run first, `break`/`continue` states carried to
// where they land, closures may not consume what they capture). Single-owner values — `linear
// type` and typestate values, and *carriers* (plain structs holding one) — carry obligations per
// linear component: a whole linear value, or each linear field of a value that has them. Each
// must be consumed, moved out or returned exactly once; moving one field leaves a husk whose other
// fields stay readable. A parameter received without `consume` is *borrowed*: it and its linear
// fields may be used but never consumed, moved, returned or transitioned.
// Invariant: state is copied at every branch; nothing leaks between functions or out of lambdas.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Block, CallExpr, Expr, FunDecl, MatchArm, MethodCallExpr, Span, Stmt } from "../../syntax/ast.js";
import type { DiagnosticSpec } from "../../diagnostics/diagnostic.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import type { Type } from "../types.js";
import { CapTypes } from "./cap-types.js";
import { CAP } from "./messages.js";
import { lambdaCaptures } from "./captures.js";
import { localKey, overlaps, pathOf, within, type CapPath } from "./paths.js";

interface Poison {
  readonly display: string;
  readonly linear: boolean;
}

interface Obligation {
  readonly display: string;
  /** A linear field of a larger value (reported as a field), not a whole binding. */
  readonly field: boolean;
  /** The binding statement, where a leak is reported. */
  readonly span: Span;
  /** Block that introduced the binding: the obligation ends with it. */
  readonly scope: number;
  /** Function or lambda body the binding belongs to. */
  readonly frame: number;
}

class State {
  constructor(
    readonly poisoned: Map<string, Poison> = new Map(),
    readonly live: Map<string, Obligation> = new Map(),
  ) {}

  clone(): State {
    return new State(new Map(this.poisoned), new Map(this.live));
  }

  /** Union of the poisoned paths and of the outstanding obligations of the reachable branches. */
  static join(states: readonly State[]): State {
    const out = new State();
    for (const s of states) {
      for (const [k, v] of s.poisoned) out.poisoned.set(k, v);
      for (const [k, v] of s.live) out.live.set(k, v);
    }
    return out;
  }
}

interface Frame {
  readonly id: number;
  /** Span of the lambda whose body this is; null for a function body. */
  readonly lambda: Span | null;
}

/** States that leave a loop body early: `break` lands after the loop, `continue` at its head. */
interface LoopExits {
  readonly breaks: State[];
  readonly continues: State[];
}

/** One obligation-bearing part of a value: the whole value, or one of its linear fields. */
interface Component {
  readonly key: string;
  readonly display: string;
  readonly field: boolean;
}

const isPrefixOf = (prefix: string, key: string): boolean => key === prefix || key.startsWith(`${prefix}.`);

export class LinearFlow {
  private readonly caps: CapTypes;
  private nextId = 0;
  private silent = 0;
  private frames: Frame[] = [];
  private scopes: number[] = [];
  private loops: LoopExits[] = [];
  /** Paths already reported as used after consume: their later drop would only be a cascade. */
  private misused = new Set<string>();
  /** Locals bound to a lambda, with the paths the lambda captures (checked at each call). */
  private lambdaBindings = new Map<string, { name: string; captures: CapPath[] }>();
  /** Locals bound to a lambda with `consume` parameters, with each parameter's mode. */
  private lambdaModes = new Map<string, readonly (string | null)[]>();
  /** Aggregates built around a borrowed value: already reported, they open no obligation. */
  private unowned = new Set<Expr>();
  /** Roots of values the function does not own (parameters without `consume`, and their aliases). */
  private borrowed = new Set<string>();

  constructor(private readonly typing: TypeCheckResult, private readonly bag: DiagnosticBag) {
    this.caps = new CapTypes(typing);
  }

  /** `ownsParams`: the entry point, whose capabilities are the host's gift to it alone. */
  checkFunction(fn: FunDecl, options: { ownsParams: boolean }): void {
    this.frames = [{ id: this.nextId++, lambda: null }];
    this.scopes = [];
    this.loops = [];
    this.misused = new Set();
    this.lambdaBindings = new Map();
    this.lambdaModes = new Map();
    this.borrowed = new Set();
    // Every function but the entry point borrows what it receives without `consume`.
    for (const p of fn.params) {
      if (p.mode === "consume" || options.ownsParams) continue;
      if (p.isSelf) this.borrowed.add("self");
      else {
        const b = this.typing.paramBinding(p);
        if (b !== undefined) this.borrowed.add(`p${b.id}`);
      }
    }
    this.block(fn.body, new State());
  }

  private report<A extends unknown[]>(entry: DiagnosticSpec<A>, span: Span, args: A): void {
    if (this.silent === 0) this.bag.report(entry, span, args);
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  // ───────────── statements ─────────────

  /** Walks a block in its own scope; returns true when it always diverges. */
  private block(b: Block, st: State): boolean {
    const scope = this.nextId++;
    this.scopes.push(scope);
    let diverges = false;
    for (const s of b.stmts) {
      if (this.stmt(s, st)) {
        diverges = true;
        break;
      }
    }
    this.scopes.pop();
    if (!diverges) this.endScope(scope, st);
    return diverges;
  }

  private endScope(scope: number, st: State): void {
    for (const [k, o] of [...st.live]) {
      if (o.scope !== scope) continue;
      this.reportDrop(k, o);
      st.live.delete(k);
    }
  }

  private reportDrop(key: string, o: Obligation): void {
    if ([...this.misused].some((m) => overlaps(m, key))) return;
    if (o.field) this.report(CAP.linearFieldDropped, o.span, [o.display]);
    else this.report(CAP.linearDroppedAtEnd, o.span, [o.display]);
  }

  private stmt(s: Stmt, st: State): boolean {
    switch (s.kind) {
      case "Let": {
        this.expr(s.value, st);
        const bound = this.typing.bindingsOf(s.pattern);
        if (s.pattern.kind === "NamePat") {
          const key = localKey(bound[0]?.span ?? s.pattern.span);
          this.bind(key, s.pattern.name, s.value, s.span, st);
          this.rememberLambda(key, s.pattern.name, s.value);
        } else if (this.holdsObligation(s.value) && !this.isPath(s.value)) {
          if (s.pattern.kind === "WildcardPat") this.report(CAP.linearDiscarded, s.span, []);
        }
        return false;
      }
      case "Var": {
        this.expr(s.value, st);
        this.bind(localKey(s.name.span), s.name.name, s.value, s.span, st);
        this.rememberLambda(localKey(s.name.span), s.name.name, s.value);
        return false;
      }
      case "Assign":
        this.assign(s, st);
        return false;
      case "If": {
        const outs: State[] = [];
        for (const br of s.branches) {
          this.expr(br.cond, st);
          const b = st.clone();
          if (!this.block(br.body, b)) outs.push(b);
        }
        if (s.elseBody) {
          const b = st.clone();
          if (!this.block(s.elseBody, b)) outs.push(b);
        } else outs.push(st.clone());
        if (outs.length === 0) return true;
        this.replace(st, State.join(outs));
        return false;
      }
      case "While":
        this.loop(s.cond, s.body, st);
        return false;
      case "For":
        this.expr(s.iterable, st);
        this.loop(null, s.body, st);
        return false;
      case "Return": {
        if (s.value) {
          this.expr(s.value, st);
          for (const p of this.movedBy(s.value)) this.transfer(p, s.span, st);
        }
        for (const [k, o] of [...st.live]) {
          if (o.frame !== this.frame.id) continue;
          this.reportDrop(k, o);
          st.live.delete(k);
        }
        return true;
      }
      case "Break":
      case "Continue": {
        const exits = this.loops[this.loops.length - 1];
        if (exits !== undefined) (s.kind === "Break" ? exits.breaks : exits.continues).push(st.clone());
        return true;
      }
      case "ExprStmt": {
        const e = s.expr;
        if (e.kind === "Match") return this.match(e.scrutinee, e.arms, st);
        this.expr(e, st);
        if (this.holdsObligation(e) && !this.isPath(e)) this.report(CAP.linearDiscarded, s.span, []);
        return false;
      }
    }
  }

  private assign(s: Extract<Stmt, { kind: "Assign" }>, st: State): void {
    this.expr(s.value, st);
    const target = pathOf(s.target, this.typing);
    if (target === null) {
      this.expr(s.target, st);
      return;
    }
    if (s.op !== "=") {
      this.use(target, st);
      return;
    }
    // Overwriting a live obligation drops it; a consumed place is re-armed by the new value.
    let prior: Obligation | undefined;
    for (const [k, o] of [...st.live]) {
      if (!isPrefixOf(target.key, k)) continue;
      prior ??= o;
      if (o.field || k !== target.key) this.report(CAP.linearFieldOverwritten, s.span, [o.display]);
      else this.report(CAP.linearOverwritten, s.span, [target.display]);
      st.live.delete(k);
    }
    for (const k of [...st.poisoned.keys()]) if (isPrefixOf(target.key, k)) st.poisoned.delete(k);
    if (!this.holdsObligation(s.value)) return;
    if (this.isPath(s.value)) this.transfer(pathOf(s.value, this.typing)!, s.value.span, st);
    const obligation = { span: prior?.span ?? s.span, scope: prior?.scope ?? this.currentScope(), frame: this.frame.id };
    const asField = s.target.kind === "Field";
    for (const c of this.components(this.typing.typeOf(s.value), target.key, target.display, asField)) st.live.set(c.key, { ...obligation, display: c.display, field: c.field });
  }

  /**
   * A loop: the condition and body are walked once silently, then for real from the state a
   * second iteration would see (entry joined with the end of the body and every `continue`).
   * After the loop: that head state (the condition turned false) joined with every `break`.
   */
  private loop(cond: Expr | null, body: Block, st: State): void {
    const dry = st.clone();
    this.silent++;
    const dryExits = this.iteration(cond, body, dry);
    this.silent--;
    const head = State.join([st, ...(dryExits.fallsThrough ? [dry] : []), ...dryExits.continues]);
    const real = head.clone();
    const exits = this.iteration(cond, body, real);
    const after = State.join([head, ...(exits.fallsThrough ? [real] : []), ...exits.continues, ...exits.breaks, ...dryExits.breaks]);
    this.replace(st, after);
  }

  private iteration(cond: Expr | null, body: Block, st: State): LoopExits & { fallsThrough: boolean } {
    if (cond !== null) this.expr(cond, st);
    const exits: LoopExits = { breaks: [], continues: [] };
    this.loops.push(exits);
    const diverges = this.block(body, st);
    this.loops.pop();
    return { ...exits, fallsThrough: !diverges };
  }

  private replace(st: State, next: State): void {
    st.poisoned.clear();
    st.live.clear();
    for (const [k, v] of next.poisoned) st.poisoned.set(k, v);
    for (const [k, v] of next.live) st.live.set(k, v);
  }

  private rememberLambda(key: string, name: string, value: Expr): void {
    if (value.kind !== "Lambda") return;
    // A function value's type carries no parameter modes: remember them where the lambda is known.
    if (value.params.some((p) => p.mode === "consume")) this.lambdaModes.set(key, value.params.map((p) => p.mode));
    const captures = lambdaCaptures(value, this.typing, (t) => this.caps.carriesAuthority(t) || this.caps.holdsObligation(t));
    if (captures.length > 0) this.lambdaBindings.set(key, { name, captures });
  }

  private currentScope(): number {
    return this.scopes[this.scopes.length - 1] ?? -1;
  }

  /** `let x = v`: lifts any poison on the name, moves a path (or aliases a borrowed one), or opens obligations. */
  private bind(key: string, display: string, value: Expr, span: Span, st: State): void {
    st.poisoned.delete(key);
    st.poisoned.delete(`n:${display}`);
    if (!this.holdsObligation(value) || this.unowned.has(value)) return;
    if (this.isPath(value)) {
      const source = pathOf(value, this.typing)!;
      // An alias of a borrowed value is borrowed too: it may be read and forwarded, never consumed.
      if (this.isBorrowed(source.key)) {
        this.borrowed.add(key);
        return;
      }
      this.transfer(source, value.span, st);
    }
    for (const c of this.components(this.typing.typeOf(value), key, display, false)) {
      st.live.set(c.key, { display: c.display, field: c.field, span, scope: this.currentScope(), frame: this.frame.id });
    }
  }

  /** The obligation-bearing parts of a value of type `t` stored at `key`. */
  private components(t: Type | undefined, key: string, display: string, asField: boolean): Component[] {
    const fields = this.caps.obligationFields(t);
    if (fields.length === 0) return this.caps.isLinear(t) ? [{ key, display, field: asField }] : [];
    return fields.flatMap(([name, ft]) => this.components(ft, `${key}.${name}`, `${display}.${name}`, true));
  }

  // ───────────── expressions ─────────────

  private expr(e: Expr, st: State): void {
    switch (e.kind) {
      case "Name":
      case "Self":
      case "Field": {
        const p = pathOf(e, this.typing);
        if (p !== null) this.use(p, st);
        else if (e.kind === "Field") this.expr(e.object, st);
        return;
      }
      case "Call":
      case "MethodCall":
        this.call(e, st);
        return;
      case "Become":
        this.expr(e.value, st);
        this.consume(e.value, st);
        return;
      case "StructLit":
        for (const f of e.fields) this.expr(f.value, st);
        this.pack(e, e.fields.map((f) => f.value), st);
        return;
      case "Lambda": {
        const inner = st.clone();
        this.frames.push({ id: this.nextId++, lambda: e.span });
        const loops = this.loops;
        this.loops = [];
        if (e.body.kind === "Block") this.block(e.body, inner);
        else this.expr(e.body, inner);
        this.loops = loops;
        this.frames.pop();
        return;
      }
      case "IfExpr": {
        this.reportSelectedPlace(e, [e.then, e.else]);
        this.expr(e.cond, st);
        const a = st.clone();
        const b = st.clone();
        this.expr(e.then, a);
        this.expr(e.else, b);
        this.replace(st, State.join([a, b]));
        return;
      }
      case "Match":
        this.reportSelectedPlace(e, e.arms.map((arm) => arm.body));
        this.match(e.scrutinee, e.arms, st);
        return;
      case "Interp":
        for (const p of e.parts) if (p.kind === "Splice") this.expr(p.expr, st);
        return;
      case "Tuple":
      case "List":
        // a linear value packed into a list or tuple is an error of its own (E4020); ownership
        // does not move into the container, so the value is also reported as dropped (as the
        // reference does) instead of counting as used
        for (const x of e.elements) this.expr(x, st);
        this.pack(e, e.elements, st, false);
        return;
      case "Index":
        this.expr(e.object, st);
        this.expr(e.index, st);
        return;
      case "Try":
        this.expr(e.expr, st);
        return;
      case "Unary":
        this.expr(e.operand, st);
        return;
      case "Binary":
        this.expr(e.left, st);
        this.expr(e.right, st);
        return;
      case "Range":
        this.expr(e.start, st);
        this.expr(e.end, st);
        return;
      default:
        return;
    }
  }

  /** `if c then h else h`: a second owner of one single-owner value, whatever happens next. */
  private reportSelectedPlace(e: Expr, results: readonly (Expr | Block)[]): void {
    if (!this.holdsObligation(e)) return;
    if (results.some((r) => this.selectsPlace(r))) this.report(CAP.linearSelectedByConditional, e.span, []);
  }

  private selectsPlace(r: Expr | Block): boolean {
    if (r.kind === "Block") {
      const last = r.stmts[r.stmts.length - 1];
      return last?.kind === "ExprStmt" && this.selectsPlace(last.expr);
    }
    if (r.kind === "IfExpr") return this.selectsPlace(r.then) || this.selectsPlace(r.else);
    if (r.kind === "Match") return r.arms.some((arm) => this.selectsPlace(arm.body));
    return this.isPath(r) && this.holdsObligation(r);
  }

  /** Arms start from the same state; the ones that diverge do not reach the join. */
  private match(scrutinee: Expr, arms: readonly MatchArm[], st: State): boolean {
    this.expr(scrutinee, st);
    const outs: State[] = [];
    for (const arm of arms) {
      const s = st.clone();
      if (arm.guard) this.expr(arm.guard, s);
      const diverges = arm.body.kind === "Block" ? this.block(arm.body, s) : (this.expr(arm.body, s), false);
      if (!diverges) outs.push(s);
    }
    if (outs.length === 0 && arms.length > 0) return true;
    if (outs.length > 0) this.replace(st, State.join(outs));
    return false;
  }

  private call(e: CallExpr | MethodCallExpr, st: State): void {
    const target = this.typing.callTarget(e);
    const receiverSlot =
      e.kind === "MethodCall" &&
      (target?.kind === "user" || target?.kind === "trait" || target?.kind === "capabilityMethod" || target?.kind === "builtinMethod");
    if (e.kind === "MethodCall") this.expr(e.receiver, st);
    else if (e.callee.kind !== "Name") this.expr(e.callee, st);
    else this.callBoundLambda(e.callee, st);
    for (const a of e.args) this.expr(a.value, st);
    const modes = this.lambdaModesOf(e) ?? this.typing.argumentModes(e);
    // Modes are aligned with the written arguments (a named argument has its parameter's mode).
    const offset = receiverSlot ? 1 : 0;
    if (receiverSlot && modes[0] === "consume") this.consume((e as MethodCallExpr).receiver, st);
    e.args.forEach((a, i) => {
      if (modes[i + offset] === "consume") this.consume(a.value, st);
    });
  }

  /** `f(x)` where `let f = fun (consume s: S) => ...`, or an immediately invoked such lambda. */
  private lambdaModesOf(e: CallExpr | MethodCallExpr): readonly (string | null)[] | undefined {
    if (e.kind !== "Call") return undefined;
    if (e.callee.kind === "Lambda") return e.callee.params.map((p) => p.mode);
    const p = pathOf(e.callee, this.typing);
    return p === null ? undefined : this.lambdaModes.get(p.key);
  }

  /** `g()` where `let g = fun () => ..stdio..`: the call uses every path the lambda captured. */
  private callBoundLambda(callee: Expr, st: State): void {
    const p = pathOf(callee, this.typing);
    const bound = p === null ? undefined : this.lambdaBindings.get(p.key);
    if (bound === undefined) return;
    for (const c of bound.captures) {
      const poison = [...st.poisoned].find(([k]) => overlaps(k, c.key))?.[1];
      if (poison === undefined) continue;
      if (this.silent === 0) this.misused.add(c.key);
      this.report(CAP.usedAfterConsumeByLambda, callee.span, [poison.linear ? "linear value" : "capability", c.display, bound.name]);
    }
  }

  /** `S { f: h }`, `[h]`, `(h, 1)`: each single-owner path moves into the aggregate; a borrowed
   * one cannot (and the aggregate then opens no obligation of its own, to spare a cascade). */
  /** Parts moved into an aggregate; `owns` is false for a list or tuple, which may not hold
   * linear values at all (E4020): nothing moves, so the part is still owed where it was. */
  private pack(aggregate: Expr, parts: readonly Expr[], st: State, owns = true): void {
    for (const part of parts) {
      if (!this.holdsObligation(part) || !this.isPath(part)) continue;
      const p = pathOf(part, this.typing)!;
      if (this.isBorrowed(p.key)) {
        this.report(CAP.packBorrowed, part.span, [p.display]);
        this.unowned.add(aggregate);
      } else if (owns) this.transfer(p, part.span, st);
    }
  }

  /** A `consume` slot (or `become`): ownership of the argument path ends here. */
  private consume(v: Expr, st: State): void {
    const p = pathOf(v, this.typing);
    if (p === null) return;
    const t = this.typing.typeOf(v);
    const linear = this.caps.holdsObligation(t);
    if (!linear && !this.caps.carriesAuthority(t)) return;
    const lambda = this.frame.lambda;
    if (lambda !== null && (p.rootSpan === null || !within(p.rootSpan, lambda))) {
      this.report(linear ? CAP.consumeCapturedLinear : CAP.consumeCapturedCap, v.span, [p.display]);
      return;
    }
    if (!linear) {
      // Stricter than the reference: a capability the caller lent may not be used up here,
      // or the caller would go on using a capability the callee's callee consumed.
      // Only a bare parameter: the language's own tests accept consuming a capability field of a
      // borrowed capability-bearing struct (`consume_net(mailer.net)`).
      if (this.borrowed.has(p.key)) this.report(CAP.borrowedCapabilityConsumed, v.span, [p.display]);
      st.poisoned.set(p.key, { display: p.display, linear: false });
      return;
    }
    this.transfer(p, v.span, st);
  }

  /**
   * Ownership of a single-owner path leaves it (`let h2 = h`, `return h`, `S { f: h }`, a consume
   * slot): refused for a borrowed value, and for a whole value one of whose fields already left.
   */
  private transfer(p: CapPath, at: Span, st: State): void {
    if (this.isBorrowed(p.key)) {
      if (this.borrowed.has(p.key) || p.key === "self") this.report(CAP.borrowedTransfer, at, [p.display]);
      else this.report(CAP.borrowedFieldTransfer, at, [p.display]);
      if (this.silent === 0) this.misused.add(p.key);
      return;
    }
    const partial = [...st.poisoned].find(([k]) => k !== p.key && k.startsWith(`${p.key}.`));
    if (partial !== undefined && ![...st.poisoned.keys()].some((k) => isPrefixOf(k, p.key))) {
      this.report(CAP.wholeAfterField, at, [p.display, partial[1].display]);
      if (this.silent === 0) this.misused.add(p.key);
    }
    st.poisoned.set(p.key, { display: p.display, linear: true });
    for (const k of [...st.live.keys()]) if (isPrefixOf(p.key, k)) st.live.delete(k);
  }

  private isBorrowed(key: string): boolean {
    for (const root of this.borrowed) if (isPrefixOf(root, key)) return true;
    return false;
  }

  private use(p: CapPath, st: State): void {
    for (const [k, poison] of st.poisoned) {
      if (!overlaps(k, p.key)) continue;
      const under = k !== p.key && k.startsWith(`${p.key}.`);
      // A husk stays readable: a value one of whose linear fields left may still be read.
      if (under && poison.linear) continue;
      if (this.silent === 0) this.misused.add(p.key);
      this.report(CAP.usedAfterConsume, p.span, [poison.linear ? "linear value" : "capability", under ? p.display : poison.display]);
      return;
    }
  }

  /** Single-owner paths a returned expression hands to the caller. */
  private movedBy(e: Expr): CapPath[] {
    if (this.isPath(e)) {
      const p = pathOf(e, this.typing);
      return p !== null && this.holdsObligation(e) ? [p] : [];
    }
    // Aggregates moved their parts when they were built (see `pack`).
    return [];
  }

  private isPath(e: Expr): boolean {
    return (e.kind === "Name" || e.kind === "Self" || e.kind === "Field") && pathOf(e, this.typing) !== null;
  }

  private holdsObligation(e: Expr): boolean {
    return this.caps.holdsObligation(this.typing.typeOf(e));
  }
}
