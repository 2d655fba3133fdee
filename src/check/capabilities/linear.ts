// Flow-sensitive ownership: `consume` parameters poison the argument path (union at joins,
// diverging arms excluded, loops checked with a silent dry run first, closures may not consume what
// they capture), and `linear type` / typestate values must be consumed exactly once (a value still
// live when its block ends, at a `return`, when discarded, or when overwritten is an error).
// Invariant: state is copied at every branch; nothing leaks between functions or out of lambdas.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Block, CallExpr, Expr, MatchArm, MethodCallExpr, Span, Stmt } from "../../syntax/ast.js";
import type { DiagnosticSpec } from "../../diagnostics/diagnostic.js";
import type { TypeCheckResult } from "../typecheck/index.js";
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

export class LinearFlow {
  private readonly caps: CapTypes;
  private nextId = 0;
  private silent = 0;
  private frames: Frame[] = [];
  private scopes: number[] = [];
  /** Paths already reported as used after consume: their later drop would only be a cascade. */
  private misused = new Set<string>();
  /** Locals bound to a lambda, with the paths the lambda captures (checked at each call). */
  private lambdaBindings = new Map<string, { name: string; captures: CapPath[] }>();

  constructor(private readonly typing: TypeCheckResult, private readonly bag: DiagnosticBag) {
    this.caps = new CapTypes(typing);
  }

  checkBody(body: Block): void {
    const st = new State();
    this.frames = [{ id: this.nextId++, lambda: null }];
    this.scopes = [];
    this.misused = new Set();
    this.lambdaBindings = new Map();
    this.block(body, st);
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
      if (!this.misused.has(k)) this.report(CAP.linearDroppedAtEnd, o.span, [o.display]);
      st.live.delete(k);
    }
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
        } else if (this.isLinearValue(s.value) && !this.isPath(s.value)) {
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
      case "Assign": {
        this.expr(s.value, st);
        const target = pathOf(s.target, this.typing);
        if (target === null) {
          this.expr(s.target, st);
          return false;
        }
        if (s.op === "=") {
          const prior = st.live.get(target.key);
          if (prior !== undefined) {
            this.report(CAP.linearOverwritten, s.span, [target.display]);
            st.live.delete(target.key);
          }
          for (const k of [...st.poisoned.keys()]) if (k === target.key || k.startsWith(`${target.key}.`)) st.poisoned.delete(k);
          if (this.isLinearValue(s.value)) {
            if (this.isPath(s.value)) this.move(s.value, st);
            st.live.set(target.key, { display: target.display, span: prior?.span ?? s.span, scope: prior?.scope ?? this.currentScope(), frame: this.frame.id });
          }
        } else this.use(target, st);
        return false;
      }
      case "If": {
        const outs: State[] = [];
        let allDiverge = true;
        for (const br of s.branches) {
          this.expr(br.cond, st);
          const b = st.clone();
          if (!this.block(br.body, b)) {
            outs.push(b);
            allDiverge = false;
          }
        }
        if (s.elseBody) {
          const b = st.clone();
          if (!this.block(s.elseBody, b)) {
            outs.push(b);
            allDiverge = false;
          }
        } else {
          outs.push(st.clone());
          allDiverge = false;
        }
        if (allDiverge) return true;
        this.replace(st, State.join(outs));
        return false;
      }
      case "While":
        this.expr(s.cond, st);
        this.loop(s.body, st);
        return false;
      case "For":
        this.expr(s.iterable, st);
        this.loop(s.body, st);
        return false;
      case "Return": {
        if (s.value) {
          this.expr(s.value, st);
          for (const p of this.movedBy(s.value)) this.move(p, st);
        }
        for (const [k, o] of [...st.live]) {
          if (o.frame !== this.frame.id) continue;
          if (!this.misused.has(k)) this.report(CAP.linearDroppedAtEnd, o.span, [o.display]);
          st.live.delete(k);
        }
        return true;
      }
      case "Break":
      case "Continue":
        return true;
      case "ExprStmt": {
        const e = s.expr;
        if (e.kind === "Match") return this.match(e.scrutinee, e.arms, st);
        this.expr(e, st);
        if (this.isLinearValue(e) && !this.isPath(e)) this.report(CAP.linearDiscarded, s.span, []);
        return false;
      }
    }
  }

  /** Dry run (silent) then the real pass from the state a second iteration would see. */
  private loop(body: Block, st: State): void {
    const dry = st.clone();
    this.silent++;
    const dryDiverges = this.block(body, dry);
    this.silent--;
    const entry = dryDiverges ? st.clone() : State.join([st, dry]);
    const real = entry.clone();
    const diverges = this.block(body, real);
    this.replace(st, diverges ? entry : State.join([entry, real]));
  }

  private replace(st: State, next: State): void {
    st.poisoned.clear();
    st.live.clear();
    for (const [k, v] of next.poisoned) st.poisoned.set(k, v);
    for (const [k, v] of next.live) st.live.set(k, v);
  }

  private rememberLambda(key: string, name: string, value: Expr): void {
    if (value.kind !== "Lambda") return;
    const captures = lambdaCaptures(value, this.typing, (t) => this.caps.carriesAuthority(t) || this.caps.isLinear(t));
    if (captures.length > 0) this.lambdaBindings.set(key, { name, captures });
  }

  private currentScope(): number {
    return this.scopes[this.scopes.length - 1] ?? -1;
  }

  /** `let x = v`: lifts any poison on the name, moves a linear path, or opens an obligation. */
  private bind(key: string, display: string, value: Expr, span: Span, st: State): void {
    st.poisoned.delete(key);
    st.poisoned.delete(`n:${display}`);
    if (!this.isLinearValue(value)) return;
    if (this.isPath(value)) this.move(value, st);
    st.live.set(key, { display, span, scope: this.currentScope(), frame: this.frame.id });
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
        for (const f of e.fields) if (this.isLinearValue(f.value) && this.isPath(f.value)) this.move(f.value, st);
        return;
      case "Lambda": {
        const inner = st.clone();
        this.frames.push({ id: this.nextId++, lambda: e.span });
        if (e.body.kind === "Block") this.block(e.body, inner);
        else this.expr(e.body, inner);
        this.frames.pop();
        return;
      }
      case "IfExpr": {
        this.expr(e.cond, st);
        const a = st.clone();
        const b = st.clone();
        this.expr(e.then, a);
        this.expr(e.else, b);
        this.replace(st, State.join([a, b]));
        return;
      }
      case "Match":
        this.match(e.scrutinee, e.arms, st);
        return;
      case "Interp":
        for (const p of e.parts) if (p.kind === "Splice") this.expr(p.expr, st);
        return;
      case "Tuple":
      case "List":
        for (const x of e.elements) this.expr(x, st);
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
    const values: Expr[] = [];
    const receiverSlot =
      e.kind === "MethodCall" &&
      (target?.kind === "user" || target?.kind === "trait" || target?.kind === "capabilityMethod" || target?.kind === "builtinMethod");
    if (e.kind === "MethodCall") {
      if (receiverSlot) values.push(e.receiver);
      this.expr(e.receiver, st);
    } else if (e.callee.kind !== "Name") this.expr(e.callee, st);
    else this.callBoundLambda(e.callee, st);
    for (const a of e.args) {
      this.expr(a.value, st);
      values.push(a.value);
    }
    const modes = this.typing.argumentModes(e);
    values.forEach((v, i) => {
      if (modes[i] === "consume") this.consume(v, st);
    });
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

  /** A `consume` slot: poisons the argument path and discharges its obligation. */
  private consume(v: Expr, st: State): void {
    const p = pathOf(v, this.typing);
    if (p === null) return;
    const t = this.typing.typeOf(v);
    const linear = this.caps.isLinear(t);
    if (!linear && !this.caps.carriesAuthority(t)) return;
    const lambda = this.frame.lambda;
    if (lambda !== null && (p.rootSpan === null || !within(p.rootSpan, lambda))) {
      this.report(linear ? CAP.consumeCapturedLinear : CAP.consumeCapturedCap, v.span, [p.display]);
      return;
    }
    st.poisoned.set(p.key, { display: p.display, linear });
    st.live.delete(p.key);
  }

  /** `let h2 = h`, `return h`, `S { f: h }`: ownership leaves the path. */
  private move(v: Expr | CapPath, st: State): void {
    const p = "key" in v ? v : pathOf(v, this.typing);
    if (p === null) return;
    st.poisoned.set(p.key, { display: p.display, linear: true });
    st.live.delete(p.key);
  }

  private use(p: CapPath, st: State): void {
    for (const [k, poison] of st.poisoned) {
      if (!overlaps(k, p.key)) continue;
      if (this.silent === 0) this.misused.add(p.key);
      this.report(CAP.usedAfterConsume, p.span, [poison.linear ? "linear value" : "capability", p.display]);
      return;
    }
  }

  /** Linear paths a returned expression hands to the caller. */
  private movedBy(e: Expr): CapPath[] {
    if (this.isPath(e)) {
      const p = pathOf(e, this.typing);
      return p !== null && this.isLinearValue(e) ? [p] : [];
    }
    if (e.kind === "Tuple" || e.kind === "List") return e.elements.flatMap((x) => this.movedBy(x));
    if (e.kind === "StructLit") return e.fields.flatMap((f) => this.movedBy(f.value));
    return [];
  }

  private isPath(e: Expr): boolean {
    return (e.kind === "Name" || e.kind === "Self" || e.kind === "Field") && pathOf(e, this.typing) !== null;
  }

  private isLinearValue(e: Expr): boolean {
    return this.caps.isLinear(this.typing.typeOf(e));
  }
}

