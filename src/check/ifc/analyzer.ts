// The per-callable IFC walker: propagates labels (with paths) through one function, method, lambda
// or constant, checks sinks, declassify and @constant_time, and grows the callable's summary.
// Never mutates the AST; reports only through the `Reporter` it is given.

import type { Span } from "../../diagnostics/diagnostic.js";
import type { DiagnosticSpec } from "../../diagnostics/diagnostic.js";
import type {
  Arg,
  Block,
  CallExpr,
  Expr,
  FunDecl,
  LambdaExpr,
  MatchExpr,
  MethodCallExpr,
  Param,
  Pattern,
  Stmt,
  TypeExpr,
} from "../../syntax/ast.js";
import { isBlock } from "../../syntax/ast.js";
import type { DeclassificationFact } from "../model.js";
import type { TypeCheckResult } from "../typecheck/result.js";
import type { Type } from "../types.js";
import { prune } from "../types.js";
import { type Capture, Cell, LabelReader, type Target, UNKNOWN_TARGET, containsCell, isReference } from "./cells.js";
import { walkBlock, walkExpr } from "../capabilities/walk.js";
import { type Konst, binaryK, boolK, intK, rangeK, unaryK } from "./statics.js";
import {
  type Exits,
  type Snapshot,
  addExit,
  anyExit,
  blockDiverges,
  current,
  mergeExits,
  mergeInto,
  noExits,
  restore,
  snapshot,
  stmtDiverges,
} from "./control.js";
import {
  type Flow,
  type Label,
  PUBLIC,
  isPublic,
  join,
  origin,
  paramLabel,
  withoutParam,
  pathHints,
  secretLabel,
  signature,
  step,
  via,
} from "./labels.js";
import { IFC, SINK_EFFECT, STEP } from "./messages.js";
import { type FunEntry, type ProgramIndex, type Ty, isCapabilityTy, methodTargets, simpleTy, tyOf } from "./program-index.js";
import {
  ATTENUATORS,
  CONTAINER_MUTATORS,
  CT_COMPARE_OPS,
  CT_LOOKUPS,
  CT_SCANS,
  CT_VARIABLE_TIME_OPS,
  ELEMENT_COMBINATORS,
  PUBLIC_SINKS,
  SECRET_SOURCES,
  STRUCTURE_DECIDING,
  STRUCTURE_ONLY,
} from "./tables.js";
import { FIELD_SLOT_BASE, type ParamPlace, type SinkHit, type Summary, addHit, emptySummary, placeKey } from "./summary.js";

/** Where diagnostics and audit facts go; `active` is false during the summary fixpoint. */
export interface Reporter {
  readonly active: boolean;
  report<A extends unknown[]>(entry: DiagnosticSpec<A>, span: Span, args: A, hints?: readonly string[]): void;
  declassified(fact: DeclassificationFact): void;
  unauditedSink(capability: string, span: Span): void;
}

export interface Shared {
  readonly index: ProgramIndex;
  readonly typing: TypeCheckResult | null;
  readonly labels: LabelReader;
  readonly summaries: Map<FunDecl, Summary>;
  /** Callee → callers, for the fixpoint worklist. */
  readonly callers: Map<FunDecl, Set<FunDecl>>;
  readonly sourceText: (span: Span) => string;
  /** Source text of an expression (verbatim when the source is known). */
  readonly valueText: (e: Expr) => string;
  readonly constCells: Map<string, Cell>;
  readonly evalConst: (name: string) => Cell | null;
  /** IfcOptions.onBinding. */
  readonly onBinding?: (span: Span, secret: Flow | null) => void;
}

/** One analysed callable (function, method, lambda) or a constant initialiser. */
interface Ctx {
  readonly parent: Ctx | null;
  readonly owner: FunDecl | null;
  readonly strict: boolean;
  readonly ct: boolean;
  readonly summary: Summary;
  /** Label keys `keyBase + i` stand for parameter i of this callable. */
  readonly keyBase: number;
  readonly paramNames: string[];
  /** The declared result type (a `Fun` slot there must not receive a secret-returning closure). */
  readonly retType: Ty | null;
  /** What a `var` holding a function value may later be assigned: its declared or first type. */
  readonly slots: Map<string, Ty>;
  /** Enclosing callables' parameters (or captures) that this lambda returns. */
  capturedRet: Label;
  /** The cells the parameters were bound to (a function's own, not a lambda's). */
  paramCells?: readonly Cell[];
  /** Slots handed out to fields of struct parameters, by `placeKey` (see FIELD_SLOT_BASE). */
  fieldSlots?: Map<string, number>;
}

/** A struct parameter of the callable being summarised, or a field of one, nested: reading a
 * field of it gives that field's own slot key. */
interface ParamRoot {
  readonly ctx: Ctx;
  readonly place: ParamPlace;
  /** The key this cell's own label stands for (its parameter's or its field slot's). */
  readonly key: number;
}

interface Frame {
  env: Map<string, Cell>;
  /** What decides whether the code being walked runs: enclosing conditions and earlier exits. */
  pc: Label;
  readonly ctx: Ctx;
  /** Exits taken by the statement being walked (shared by its branches, not by a loop or lambda). */
  ex: Exits;
}

const KEY_SPAN = 1024;
/** How deep a captured struct is mirrored field by field. */
const CAPTURE_DEPTH = 4;
const LOOP_LIMIT = 6;

function converted(t: Type | undefined): Ty | null {
  if (!t) return null;
  const p = prune(t);
  switch (p.kind) {
    case "Prim":
    case "BuiltinNominal":
    case "Cap":
      return { name: p.name, args: [], label: p.label ?? null, isFun: false };
    case "App":
    case "User":
      return { name: p.name, args: p.args.map((a) => converted(a) ?? simpleTy("?")), label: p.label ?? null, isFun: false };
    case "Tuple":
      return { name: "Tuple", args: p.elements.map((a) => converted(a) ?? simpleTy("?")), label: p.label ?? null, isFun: false };
    case "Fun":
      return { name: "Fun", args: [converted(p.ret) ?? simpleTy("?")], label: p.label ?? null, isFun: true };
    default:
      return null;
  }
}

function elemTy(t: Ty | null): Ty | null {
  return t && t.args.length > 0 ? t.args[t.args.length === 2 && t.name === "Map" ? 1 : 0]! : null;
}

export class FunctionAnalyzer {
  private nextKeyBase = 0;
  private readonly paramRoots = new WeakMap<Cell, ParamRoot>();
  constructor(
    private readonly sh: Shared,
    private readonly rep: Reporter,
  ) {}

  // ───────────────────────── entry points ─────────────────────────

  analyzeFunction(entry: FunEntry): Summary {
    const decl = entry.decl;
    const summary = emptySummary();
    const ctx: Ctx = {
      parent: null,
      owner: decl,
      strict: entry.strict,
      ct: entry.constantTime,
      summary,
      keyBase: this.allocKeys(),
      paramNames: decl.params.map((p) => (p.isSelf ? "self" : p.name)),
      retType: tyOf(decl.returnType, entry.owner),
      slots: new Map(),
      capturedRet: PUBLIC,
    };
    const fr: Frame = { env: new Map(), pc: PUBLIC, ctx, ex: noExits() };
    this.bindParams(decl.params, fr, entry.owner);
    const declaredRet = tyOf(decl.returnType, entry.owner);
    if (declaredRet?.label === "secret" && decl.returnType) {
      summary.returnSecret = origin(STEP.secretReturn(entry.display), decl.returnType.span);
    }
    const paramCells = ctx.paramNames.map((n) => fr.env.get(n)!);
    ctx.paramCells = paramCells;
    ctx.fieldSlots = new Map();
    paramCells.forEach((c, i) => {
      if (c.ty && this.sh.index.structFields.has(c.ty.name)) this.paramRoots.set(c, { ctx, place: { param: i, path: [] }, key: ctx.keyBase + i });
    });
    const before = paramCells.map((c) => this.whole(c));
    this.walkBlock(decl.body, fr);
    this.summariseParamMutations(paramCells, before, ctx);
    return summary;
  }

  /** What the body stored into its (reference-typed) parameters, place by place: other
   * parameters, or secrets. A store into one field is recorded at that field's path, so callers
   * taint only that field of their argument. */
  private summariseParamMutations(cells: readonly Cell[], before: readonly Label[], ctx: Ctx): void {
    cells.forEach((cell, i) => {
      if (isReference(cell, this.sh.index)) this.summariseInto(cell, i, [], before[i]!, cells.length, ctx, new Set());
    });
  }

  private summariseInto(cell: Cell, param: number, path: readonly string[], born: Label, count: number, ctx: Ctx, seen: Set<Cell>): void {
    if (seen.has(cell)) return;
    seen.add(cell);
    for (const [name, f] of cell.fields ?? []) {
      const fieldBorn = f.born && f.born.parent === cell && f.born.name === name ? f.born.label : PUBLIC;
      this.summariseInto(f, param, [...path, name], fieldBorn, count, ctx, seen);
    }
    // the cell's own part (its fields were recorded above, at their own paths)
    const here = path.length === 0 && cell.fields === null ? this.whole(cell) : join(join(cell.own, cell.elem), cell.ret);
    const from = new Set<number>();
    for (const key of here.params?.keys() ?? []) {
      const slot = key - ctx.keyBase;
      if ((slot >= 0 && slot < count) || ctx.summary.places.has(slot)) if (!born.params?.has(key)) from.add(slot);
    }
    const place = { param, path };
    if (from.size > 0) ctx.summary.paramInto.set(placeKey(place), { place, from });
    if (here.secret && !born.secret) ctx.summary.secretInto.set(placeKey(place), { place, flow: here.secret });
  }

  /** A container mutated in place that is one of the enclosing function's parameters (or a part
   * of one) makes that parameter a mutated one in the function's summary. */
  private noteParamMutated(cell: Cell, fr: Frame): void {
    let ctx: Ctx | null = fr.ctx;
    while (ctx !== null && ctx.paramCells === undefined) ctx = ctx.parent;
    const cells = ctx?.paramCells;
    if (ctx === null || cells === undefined) return;
    const i = cells.findIndex((c) => c === cell || containsCell(c, cell));
    if (i >= 0) ctx.summary.mutatesParams.add(i);
  }

  /** Applies a callee's parameter mutations to the caller's argument cells (deeply: fields too). */
  private applyParamMutations(summary: Summary, bound: readonly (Cell | undefined)[], paramNames: readonly string[], display: string, spans: readonly Span[], callSpan: Span, fr: Frame): void {
    // A callee that changes an argument's structure does so only when it runs: under a secret
    // condition, the argument's length or contents tell whether it ran.
    const pcNow = this.effectivePc(fr);
    for (const j of summary.mutatesParams) {
      const target = bound[j];
      if (!target) continue;
      this.noteParamMutated(target, fr);
      if (!isPublic(pcNow)) target.own = join(target.own, via(pcNow, STEP.storedByCallee(display, paramNames[j] ?? `argument ${j + 1}`), spans[j] ?? callSpan));
    }
    const targets = new Map<string, ParamPlace>();
    for (const [k, v] of summary.paramInto) targets.set(k, v.place);
    for (const [k, v] of summary.secretInto) targets.set(k, v.place);
    for (const [k, place] of targets) {
      const arg = bound[place.param];
      if (!arg) continue;
      let l = PUBLIC;
      for (const slot of summary.paramInto.get(k)?.from ?? []) {
        const source = this.slotCell(summary, slot, bound);
        if (source) l = join(l, this.whole(source));
      }
      const own = summary.secretInto.get(k);
      if (own) l = join(l, secretLabel(own.flow));
      if (isPublic(l)) continue;
      const target = place.path.reduce((c, name) => this.fieldCell(c, name), arg);
      const pname = paramNames[place.param] ?? `argument ${place.param + 1}`;
      taintDeep(target, via(l, STEP.storedByCallee(display, pname), spans[place.param] ?? callSpan));
    }
  }

  /** Evaluates a constant's initialiser; its declassify sites are reported as module facts. */
  analyzeConst(value: Expr): Cell {
    const ctx: Ctx = {
      parent: null,
      owner: null,
      strict: false,
      ct: false,
      summary: emptySummary(),
      keyBase: this.allocKeys(),
      paramNames: [],
      retType: null,
      slots: new Map(),
      capturedRet: PUBLIC,
    };
    return this.expr(value, { env: new Map(), pc: PUBLIC, ctx, ex: noExits() });
  }

  private allocKeys(): number {
    const k = this.nextKeyBase;
    this.nextKeyBase += KEY_SPAN;
    return k;
  }

  private bindParams(params: readonly Param[], fr: Frame, selfTy: string | null): void {
    params.forEach((p, i) => {
      const name = p.isSelf ? "self" : p.name;
      const declared = p.isSelf ? (selfTy ? simpleTy(selfTy) : null) : tyOf(p.type, selfTy);
      const typed = converted(this.sh.typing?.paramBinding(p)?.type);
      const ty = declared ?? typed;
      const key = fr.ctx.keyBase + i;
      let own = paramLabel(key, origin(STEP.param(name), p.span));
      if (ty?.label === "secret") own = join(own, secretLabel(origin(STEP.secretParam(name), p.type?.span ?? p.span)));
      const cell = Cell.of(own, ty);
      cell.elem = this.declaredElems(ty, name, p.type?.span ?? p.span);
      if (ty?.isFun) cell.fns = new Set<Target>([{ kind: "paramFn", key, name }]);
      fr.env.set(name, cell);
    });
  }

  /** `List<@secret T>` and friends: elements secret by declaration. */
  private declaredElems(ty: Ty | null, name: string, span: Span): Label {
    if (!ty) return PUBLIC;
    return ty.args.some((a) => a.label === "secret") ? secretLabel(origin(STEP.secretElement(name), span)) : PUBLIC;
  }

  // ───────────────────────── helpers ─────────────────────────

  private whole(c: Cell): Label {
    return this.sh.labels.whole(c);
  }

  private tyOfExpr(e: Expr): Ty | null {
    return converted(this.sh.typing?.typeOf(e));
  }

  private fresh(label: Label, ty: Ty | null): Cell {
    return Cell.of(label, ty);
  }

  private fieldCell(parent: Cell, name: string): Cell {
    const existing = parent.fields?.get(name);
    if (existing) return existing;
    const pty = parent.ty;
    let fty: Ty | null = null;
    let own = parent.own;
    if (pty && pty.name === "Tuple") {
      fty = pty.args[Number(name)] ?? null;
      own = join(own, parent.elem);
    } else if (pty) {
      const decl = this.sh.index.structFields.get(pty.name)?.get(name);
      fty = decl ? tyOf(decl.type, pty.name) : null;
      // a field typed by the struct's type parameter has the type the value was built with
      const generic = fty ? (this.sh.index.structGenerics.get(pty.name)?.indexOf(fty.name) ?? -1) : -1;
      if (generic >= 0 && pty.args[generic]) fty = pty.args[generic]!;
      own = join(own, this.sh.labels.declaredField(pty.name, name));
      if (!decl && !this.sh.index.implementors.has(pty.name)) own = join(own, this.whole(parent));
    } else {
      own = join(own, this.whole(parent));
    }
    const root = this.paramRoots.get(parent);
    const slot = root && pty && pty.name !== "Tuple" && this.sh.index.structFields.get(pty.name)?.has(name) ? this.fieldSlotKey(root, name) : null;
    // a field of a struct parameter is its own slot: what the parameter itself stands for is not
    // inherited (a caller charges the field's slot with its argument's field)
    if (root && slot) own = join(withoutParam(own, root.key), paramLabel(slot.key, origin(STEP.param(slot.display), this.fieldSpan(pty!.name, name))));
    const c = Cell.of(own, fty);
    if (root && slot) this.paramRoots.set(c, { ctx: root.ctx, place: slot.place, key: slot.key });
    if (fty && pty) c.elem = this.declaredElems(fty, name, this.fieldSpan(pty.name, name));
    if (fty?.isFun) c.fns = new Set([UNKNOWN_TARGET]);
    c.born = { parent, name, label: join(join(c.own, c.elem), c.ret) };
    parent.fields ??= new Map();
    parent.fields.set(name, c);
    return c;
  }

  /** The slot key of field `name` of a struct parameter (or of a field of one); null once the
   * callable has used up its key range (the field then stands for its whole parameter). */
  private fieldSlotKey(root: ParamRoot, name: string): { key: number; place: ParamPlace; display: string } | null {
    const ctx = root.ctx;
    const place = { param: root.place.param, path: [...root.place.path, name] };
    const k = placeKey(place);
    const slots = (ctx.fieldSlots ??= new Map());
    let slot = slots.get(k);
    if (slot === undefined) {
      slot = FIELD_SLOT_BASE + slots.size;
      if (slot >= KEY_SPAN) return null;
      slots.set(k, slot);
      ctx.summary.places.set(slot, place);
    }
    return { key: ctx.keyBase + slot, place, display: [ctx.paramNames[place.param] ?? `${place.param + 1}`, ...place.path].join(".") };
  }

  /** The caller's cell for a callee's slot: the argument, or the field of it the slot names. */
  private slotCell(summary: Summary, slot: number, bound: readonly (Cell | undefined)[]): Cell | undefined {
    const place = summary.places.get(slot);
    if (!place) return bound[slot];
    const arg = bound[place.param];
    return arg && place.path.reduce((c, name) => this.fieldCell(c, name), arg);
  }

  private static slotParam(summary: Summary, slot: number): number {
    return summary.places.get(slot)?.param ?? slot;
  }

  private fieldSpan(type: string, field: string): Span {
    return this.sh.index.structFields.get(type)?.get(field)?.span ?? { file: "", line: 0, col: 0, endLine: 0, endCol: 0 };
  }

  /** Binds a value to a name: mutable reference values alias; scalars get a fresh cell with a hop. */
  private bindValue(name: string, value: Cell, annotation: TypeExpr | null, span: Span, fr: Frame, ctxSelf: string | null = null): void {
    const ann = tyOf(annotation, ctxSelf);
    let cell: Cell;
    const extra = ann?.label === "secret" ? secretLabel(origin(STEP.secretBinding(name), annotation!.span)) : PUBLIC;
    if (isReference(value, this.sh.index) && isPublic(extra)) {
      cell = value;
    } else {
      cell = this.copyCell(value, join(via(this.whole(value), STEP.bound(name), span), extra));
      if (value.fields && isReference(value, this.sh.index)) {
        cell.fields = value.fields;
      }
    }
    if (ann) {
      cell.ty ??= ann;
      cell.elem = join(cell.elem, this.declaredElems(ann, name, annotation!.span));
    }
    fr.env.set(name, cell);
    this.sh.onBinding?.(span, this.whole(cell).secret);
  }

  private copyCell(c: Cell, own: Label): Cell {
    const out = Cell.of(own, c.ty);
    out.fns = c.fns;
    out.ret = c.ret;
    return out;
  }

  /** Records that parameter-derived data reaches a sink, in the summary of the callable owning the key. */
  private recordParamHits(l: Label, fr: Frame, make: (flow: Flow) => SinkHit): void {
    if (!l.params) return;
    for (const [key, flow] of l.params) {
      for (let c: Ctx | null = fr.ctx; c; c = c.parent) {
        if (key >= c.keyBase && key < c.keyBase + KEY_SPAN) {
          addHit(c.summary, key - c.keyBase, make(flow));
          break;
        }
      }
    }
  }

  private markRunsSink(fr: Frame): void {
    for (let c: Ctx | null = fr.ctx; c; c = c.parent) c.summary.runsSink = true;
  }

  private effectivePc(fr: Frame): Label {
    return fr.pc;
  }

  private mutable = (c: Cell): boolean => isReference(c, this.sh.index);

  /** The static value of an expression without effects (a literal or a known name), else null. */
  private konstOf(e: Expr, fr: Frame): Konst | null {
    if (e.kind === "Int") return intK(Number(e.value));
    if (e.kind === "Bool") return boolK(e.value);
    if (e.kind === "Name") return fr.env.get(e.name)?.konst ?? null;
    return null;
  }

  // ───────────────────────── statements ─────────────────────────

  private walkBlock(b: Block, fr: Frame): Cell | null {
    let last: Cell | null = null;
    const base = fr.pc;
    let raise = PUBLIC;
    for (const s of b.stmts) {
      fr.pc = join(base, raise);
      const outer = fr.ex;
      fr.ex = noExits();
      last = this.stmt(s, fr);
      const ex = fr.ex;
      fr.ex = outer;
      mergeExits(outer, ex);
      // what follows runs only when `s` took none of its exits
      raise = join(raise, anyExit(ex));
      if (stmtDiverges(s)) break;
    }
    fr.pc = base;
    return last;
  }

  private stmt(s: Stmt, fr: Frame): Cell | null {
    switch (s.kind) {
      case "Let": {
        const v = this.expr(s.value, fr);
        if (s.type) this.checkClosureStore(tyOf(s.type, null), v, s.value.span, "bound to a 'let'", fr);
        if (s.pattern.kind === "NamePat") {
          this.bindValue(s.pattern.name, v, s.type, s.pattern.span, fr);
          const bound = fr.env.get(s.pattern.name);
          if (bound && bound !== v && v.konst) bound.konst = v.konst;
        }
        else this.bindPattern(s.pattern, v, fr);
        return null;
      }
      case "Var": {
        const v = this.expr(s.value, fr);
        const ann = tyOf(s.type, null);
        if (ann) this.checkClosureStore(ann, v, s.value.span, "bound to a 'var'", fr);
        this.noteSlot(s.name.name, ann, v, fr);
        this.bindValue(s.name.name, v, s.type, s.name.span, fr);
        const bound = fr.env.get(s.name.name);
        if (bound && bound !== v) bound.konst = null; // a `var` may change: its value is not static
        return null;
      }
      case "Assign":
        this.assign(s.target, s.op, s.value, s.span, fr);
        return null;
      case "If": {
        // each branch starts from the state before the `if`: a sibling's mutations are not seen
        const snap = snapshot(fr.env.values(), this.mutable);
        const branches: Map<string, Cell>[] = [];
        const outcomes: Snapshot[] = [];
        const tails: (Cell | null)[] = [];
        const savedPc = fr.pc;
        let condLabel = PUBLIC;
        const walkBranch = (body: Block): void => {
          const env = new Map(fr.env);
          tails.push(this.walkBlock(body, { env, pc: join(savedPc, condLabel), ctx: fr.ctx, ex: fr.ex }));
          // a branch that leaves the callable does not reach the code after the `if`
          if (!blockDiverges(body, true)) {
            branches.push(env);
            outcomes.push(current(snap));
          }
          restore(snap);
        };
        // a branch whose condition is statically false never runs; one statically true ends the chain
        let decided = false;
        s.branches.forEach((br, i) => {
          if (decided) return;
          const c = this.expr(br.cond, fr);
          const cl = this.whole(c);
          this.ctBranch(cl, i === 0 ? "an if-condition" : "an elif-condition", br.cond.span, fr);
          condLabel = join(condLabel, via(cl, STEP.branchCondition(), br.cond.span));
          const known = c.konst?.kind === "bool" ? c.konst.value : null;
          if (known !== false) walkBranch(br.body);
          if (known === true) decided = true;
          fr.pc = join(savedPc, condLabel); // an elif condition runs only when earlier ones failed
        });
        if (decided) {
          // no fall-through path
        } else if (s.elseBody) walkBranch(s.elseBody);
        else {
          branches.push(fr.env);
          outcomes.push(current(snap));
        }
        mergeInto(snap, outcomes, (c) => this.whole(c));
        fr.pc = savedPc;
        if (branches.length) fr.env = this.mergeEnvs(fr.env, branches);
        return this.tailValue(tails, condLabel);
      }
      case "While": {
        const pre = this.expr(s.cond, fr);
        if (pre.konst?.kind === "bool" && !pre.konst.value) return null; // `while false`: never runs
        this.loop(fr, (sub) => {
          const c = this.whole(this.expr(s.cond, sub));
          this.ctBranch(c, "a while-condition", s.cond.span, sub);
          sub.pc = join(sub.pc, via(c, STEP.branchCondition(), s.cond.span));
          this.walkBlock(s.body, sub);
        });
        return null;
      }
      case "For": {
        const it = this.expr(s.iterable, fr);
        const rangeKonst = s.iterable.kind === "Range" ? rangeK(this.konstOf(s.iterable.start, fr), this.konstOf(s.iterable.end, fr), s.iterable.inclusive) : null;
        const itemLabel = this.whole(it);
        const structure = join(it.own, it.ty && STRUCTURE_TY.has(it.ty.name) ? PUBLIC : it.elem);
        this.loop(fr, (sub) => {
          sub.pc = join(sub.pc, via(structure, STEP.branchCondition(), s.iterable.span));
          const item = this.fresh(itemLabel, elemTy(it.ty ?? this.tyOfExpr(s.iterable)));
          if (s.pattern.kind === "NamePat") {
            const c = this.copyCell(item, via(itemLabel, STEP.iterated(s.pattern.name), s.pattern.span));
            c.konst = s.iterable.kind === "Range" ? rangeKonst : null;
            sub.env.set(s.pattern.name, c);
          } else this.bindPattern(s.pattern, item, sub);
          this.walkBlock(s.body, sub);
        });
        return null;
      }
      case "Return": {
        if (s.value) {
          const v = this.expr(s.value, fr);
          this.checkClosureStore(fr.ctx.retType, v, s.span, "returned", fr);
          this.checkMainResult(v, s.value, fr);
          this.noteReturn(v, s.value, fr);
        }
        this.noteReturnPc(fr);
        addExit(fr.ex, "ret", fr.pc);
        return null;
      }
      case "Break":
        addExit(fr.ex, "brk", fr.pc);
        return null;
      case "Continue":
        addExit(fr.ex, "cont", fr.pc);
        return null;
      case "ExprStmt":
        return this.expr(s.expr, fr);
    }
  }

  /** `main` returning an Err prints it to stderr: a secret in what main returns is a sink. */
  private checkMainResult(v: Cell, value: Expr, fr: Frame): void {
    const owner = fr.ctx.owner;
    if (fr.ctx.parent !== null || !owner || owner.name.name !== "main" || fr.ctx.retType?.name !== "Result") return;
    if (this.sh.index.functions.get("main")?.decl !== owner) return;
    const l = this.whole(v);
    if (!l.secret) return;
    const hints = pathHints(l.secret, STEP.reachesMainErr(), value.span);
    if (fr.ctx.strict) this.rep.report(IFC.mainErr, value.span, [], hints);
    else {
      this.rep.report(IFC.mainErrWarn, value.span, [], hints);
      this.rep.unauditedSink("Stdio", value.span);
    }
  }

  /** The value an `if` statement leaves when it ends a block (a block lambda's trailing value). */
  private tailValue(tails: readonly (Cell | null)[], cond: Label): Cell | null {
    const values = tails.filter((t): t is Cell => t !== null && t.ty?.name !== "Unit");
    if (values.length === 0) return null;
    const out = this.fresh(join(cond, joinLabels(values.map((v) => this.whole(v)))), values[0]!.ty);
    out.fns = values.reduce<ReadonlySet<Target> | null>((a, v) => unionFns(a, v.fns), null);
    out.ret = joinLabels(values.map((v) => v.ret));
    return out;
  }

  private noteReturn(v: Cell, value: Expr | null, fr: Frame): void {
    const sum = fr.ctx.summary;
    const l = this.whole(v);
    // a returned container keeps its structure apart from its elements (`length()` of a mapped list)
    const container = v.fields === null && v.ty !== null && STRUCTURE_TY.has(v.ty.name);
    const structure = container ? join(v.own, v.ret) : l;
    if (structure.secret && !sum.returnSecret) sum.returnSecret = structure.secret;
    if (container && v.elem.secret && !sum.returnElemSecret) sum.returnElemSecret = v.elem.secret;
    const direct = value && value.kind === "Call" && this.isDeclassify(value);
    // a lambda returning an enclosing callable's parameter: the enclosing result depends on it too
    if (!direct) {
      this.noteReturnDeps(structure, fr);
      if (container) this.noteReturnDeps(v.elem, fr, true);
    }
    if (l.params && fr.ctx.parent) {
      const own = fr.ctx.keyBase;
      const outer = new Map([...l.params].filter(([k]) => k < own || k >= own + KEY_SPAN));
      if (outer.size > 0) fr.ctx.capturedRet = join(fr.ctx.capturedRet, { secret: null, params: outer });
    }
  }

  private noteReturnPc(fr: Frame): void {
    this.noteReturnDeps(this.effectivePc(fr), fr);
  }

  /** The parameters a result depends on, recorded in the summary of the callable owning each. */
  private noteReturnDeps(l: Label, fr: Frame, elementsOnly = false): void {
    if (!l.params) return;
    for (const key of l.params.keys()) {
      for (let c: Ctx | null = fr.ctx; c; c = c.parent) {
        if (key >= c.keyBase && key < c.keyBase + KEY_SPAN) {
          (elementsOnly ? c.summary.returnElemParams : c.summary.returnParams).add(key - c.keyBase);
          break;
        }
      }
    }
  }

  /** Runs a loop body to a fixpoint over the labels of the variables it can change. */
  /**
   * Runs a loop body to a fixpoint over the labels of the variables it can change. The loop's
   * head pc joins what decides a `break` or an exit from the callable in the body: those decide how
   * many iterations run, so the whole body (before the exit too) and the condition run under it.
   * A `continue` does not change the count; code after it is covered by the body's own raise.
   */
  private loop(fr: Frame, body: (sub: Frame) => void): void {
    let head = PUBLIC;
    let before = `${this.envSignature(fr.env)}|`;
    for (let i = 0; i < LOOP_LIMIT; i++) {
      const env = new Map(fr.env);
      const sub: Frame = { env, pc: join(fr.pc, head), ctx: fr.ctx, ex: noExits() };
      body(sub);
      if (sub.ex.ret) addExit(fr.ex, "ret", sub.ex.ret);
      head = join(head, join(sub.ex.brk ?? PUBLIC, sub.ex.ret ?? PUBLIC));
      // `sub.env`, not `env`: a branch in the body replaces the frame's map with the merged one.
      fr.env = this.mergeEnvs(fr.env, [fr.env, sub.env]);
      const after = `${this.envSignature(fr.env)}|${signature(head)}`;
      if (after === before) break;
      before = after;
    }
  }

  private envSignature(env: Map<string, Cell>): string {
    let s = "";
    for (const [k, c] of env) s += `${k}=${signature(this.whole(c))};`;
    return s;
  }

  private mergeEnvs(base: Map<string, Cell>, branches: Map<string, Cell>[]): Map<string, Cell> {
    const out = new Map<string, Cell>();
    for (const name of base.keys()) {
      const cells = branches.map((b) => b.get(name)).filter((c): c is Cell => c !== undefined);
      const first = cells[0]!;
      if (cells.every((c) => c === first)) {
        out.set(name, first);
        continue;
      }
      const merged = Cell.of(PUBLIC, first.ty);
      let fns: Set<Target> | null = null;
      for (const c of cells) {
        merged.own = join(merged.own, c.own);
        merged.elem = join(merged.elem, c.elem);
        if (c.fields) {
          merged.fields ??= new Map();
          for (const [f, fc] of c.fields) {
            const prev = merged.fields.get(f);
            if (!prev) merged.fields.set(f, fc);
            else if (prev !== fc) {
              const m = Cell.of(join(this.whole(prev), this.whole(fc)), prev.ty ?? fc.ty);
              merged.fields.set(f, m);
            }
          }
        }
        if (c.fns) {
          fns ??= new Set();
          for (const t of c.fns) fns.add(t);
        }
      }
      merged.fns = fns;
      out.set(name, merged);
    }
    return out;
  }

  private assign(target: Expr, op: string, valueExpr: Expr, span: Span, fr: Frame): void {
    const value = this.expr(valueExpr, fr);
    const pc = this.effectivePc(fr);
    const pcTaint = fr.ctx.strict ? pc : PUBLIC;
    if (!isPublic(pc)) this.notePcAssign(fr);
    if (target.kind === "Name" || target.kind === "Self") {
      const name = target.kind === "Name" ? target.name : "self";
      const old = fr.env.get(name);
      this.checkClosureStore(fr.ctx.slots.get(name) ?? null, value, valueExpr.span, "assigned into a slot", fr);
      let l = this.whole(value);
      if (op !== "=" && old) l = join(this.whole(old), l);
      const what = isPublic(pcTaint) ? STEP.assigned(name) : STEP.assignedUnderPc(name);
      l = join(via(l, what, target.span), via(pcTaint, what, target.span));
      if (fr.ctx.strict && old && !value.fns && this.whole(old).secret) {
        // strict: a variable keeps the label of everything it held (fail closed, as the reference)
        const kept = via(this.whole(old), STEP.assigned(name), target.span);
        if (isReference(value, this.sh.index)) {
          taintDeep(value, kept);
          fr.env.set(name, value);
        } else {
          const c = this.copyCell(value, join(l, kept));
          c.ty = value.ty ?? old.ty;
          fr.env.set(name, c);
        }
      } else if (fr.ctx.strict && value.fns && old?.fns && !isPublic(old.ret)) {
        // strict: a function slot keeps every closure it ever held (fail closed on the ambiguity)
        const c = this.copyCell(value, l);
        c.ret = join(value.ret, old.ret);
        fr.env.set(name, c);
      } else if (isReference(value, this.sh.index) && op === "=" && isPublic(pcTaint)) {
        fr.env.set(name, value);
      } else {
        const c = this.copyCell(value, l);
        c.ty = value.ty ?? old?.ty ?? null;
        fr.env.set(name, c);
      }
      return;
    }
    if (target.kind === "Field") {
      const obj = this.expr(target.object, fr);
      const fieldDecl = obj.ty ? this.sh.index.structFields.get(obj.ty.name)?.get(target.name.name) : undefined;
      if (fieldDecl) this.checkClosureStore(tyOf(fieldDecl.type, obj.ty!.name), value, valueExpr.span, "assigned into a slot", fr);
      const old = obj.fields?.get(target.name.name) ?? null;
      const extra = join(pcTaint, op === "=" ? PUBLIC : old ? this.whole(old) : PUBLIC);
      const what = STEP.fieldStore(target.name.name);
      let stored: Cell;
      if (isPublic(extra) && (!old || isPublic(this.whole(old))) && isReference(value, this.sh.index)) stored = value;
      else {
        const l = join(via(this.whole(value), what, target.span), via(extra, what, target.span));
        stored = this.copyCell(value, old && op === "=" ? join(l, this.whole(old)) : l);
        stored.ty = value.ty ?? old?.ty ?? null;
      }
      obj.fields ??= new Map();
      obj.fields.set(target.name.name, stored);
      return;
    }
    if (target.kind === "Index") {
      const obj = this.expr(target.object, fr);
      const idx = this.expr(target.index, fr);
      const l = via(join(join(this.whole(value), this.whole(idx)), pcTaint), STEP.stored(this.sh.valueText(target.object), "indexing"), target.span);
      obj.own = join(obj.own, l);
      obj.elem = join(obj.elem, l);
      return;
    }
    this.expr(target, fr);
  }

  private notePcAssign(fr: Frame): void {
    // An assignment under a parameter-dependent condition makes the result depend on it implicitly.
    this.noteReturnDeps(this.effectivePc(fr), fr);
  }

  // ───────────────────────── patterns ─────────────────────────

  private bindPattern(p: Pattern, v: Cell, fr: Frame): void {
    switch (p.kind) {
      case "WildcardPat":
      case "LiteralPat":
        return;
      case "NamePat": {
        if (this.isConstantName(p)) return;
        const l = via(this.whole(v), STEP.destructured(), p.span);
        const c = isReference(v, this.sh.index) ? v : this.copyCell(v, l);
        fr.env.set(p.name, c);
        this.sh.onBinding?.(p.span, this.whole(c).secret);
        return;
      }
      case "TuplePat":
        p.elements.forEach((el, i) => this.bindPattern(el, v.ty?.name === "Tuple" || v.fields ? this.fieldCell(v, String(i)) : this.payload(v), fr));
        return;
      case "CtorPat":
        for (const a of p.args ?? []) this.bindPattern(a, this.payload(v), fr);
        return;
      case "StructPat":
        if (this.sh.typing?.isMismatchedPattern(p)) {
          // a pattern naming a type the value does not have is a type error (E2163) and the
          // program does not run: its binders say nothing more (no cascade of flow reports)
          for (const f of p.fields) {
            if (f.pattern) this.bindPattern(f.pattern, this.fresh(PUBLIC, null), fr);
            else fr.env.set(f.name.name, this.fresh(PUBLIC, null));
          }
          return;
        }
        for (const f of p.fields) {
          const fc = this.fieldCell(v.ty ? v : this.typed(v, p.name.name), f.name.name);
          if (f.pattern) this.bindPattern(f.pattern, fc, fr);
          else fr.env.set(f.name.name, isReference(fc, this.sh.index) ? fc : this.copyCell(fc, via(this.whole(fc), STEP.destructured(), f.span)));
        }
        return;
    }
  }

  private typed(v: Cell, name: string): Cell {
    v.ty = simpleTy(name);
    return v;
  }

  /**
   * The payload of an Option / Result / variant value: carries everything the value carries. A
   * mutable payload (a struct in an Option) is one cell per value, so a write through it is seen.
   */
  private payload(v: Cell): Cell {
    const hit = v.fields?.get("#payload");
    if (hit) return hit;
    const c = this.fresh(this.whole(v), elemTy(v.ty));
    if (c.ty && isReference(c, this.sh.index)) {
      v.fields ??= new Map();
      v.fields.set("#payload", c);
    }
    return c;
  }

  private isConstantName(p: Pattern & { kind: "NamePat" }): boolean {
    const b = this.sh.typing?.resolve(p);
    if (b) return b.kind === "variant" || b.kind === "const" || (b.kind === "builtin");
    return p.name === "None" || this.sh.index.variants.has(p.name) || this.sh.index.consts.has(p.name);
  }

  // ───────────────────────── expressions ─────────────────────────

  expr(e: Expr, fr: Frame): Cell {
    switch (e.kind) {
      case "Int":
        return Object.assign(this.fresh(PUBLIC, simpleTy("Int")), { konst: intK(Number(e.value)) });
      case "Float":
        return this.fresh(PUBLIC, simpleTy("Float"));
      case "String":
        return this.fresh(PUBLIC, simpleTy("String"));
      case "Char":
        return this.fresh(PUBLIC, simpleTy("Char"));
      case "Bool":
        return Object.assign(this.fresh(PUBLIC, simpleTy("Bool")), { konst: boolK(e.value) });
      case "Unit":
        return this.fresh(PUBLIC, simpleTy("Unit"));
      case "Interp": {
        let l = PUBLIC;
        for (const part of e.parts) if (part.kind === "Splice") l = join(l, this.whole(this.expr(part.expr, fr)));
        return this.fresh(l, simpleTy("String"));
      }
      case "Name":
        return this.name(e.name, e, fr);
      case "Self":
        return fr.env.get("self") ?? this.fresh(PUBLIC, this.tyOfExpr(e));
      case "Tuple": {
        const c = this.fresh(PUBLIC, null);
        c.fields = new Map();
        const tys: Ty[] = [];
        e.elements.forEach((el, i) => {
          const v = this.expr(el, fr);
          c.fields!.set(String(i), v);
          tys.push(v.ty ?? simpleTy("?"));
        });
        c.ty = simpleTy("Tuple", tys);
        return c;
      }
      case "List": {
        let l = PUBLIC;
        let ety: Ty | null = null;
        let fns: Set<Target> | null = null;
        let ret = PUBLIC;
        for (const el of e.elements) {
          const v = this.expr(el, fr);
          l = join(l, this.whole(v));
          ety ??= v.ty;
          if (v.fns) for (const t of v.fns) (fns ??= new Set()).add(t);
          ret = join(ret, v.ret);
        }
        const c = this.fresh(PUBLIC, this.tyOfExpr(e) ?? simpleTy("List", ety ? [ety] : []));
        c.elem = l;
        c.fns = null;
        if (fns) c.fields = new Map([["#fn", Object.assign(Cell.of(PUBLIC, null), { fns, ret })]]);
        return c;
      }
      case "StructLit": {
        const c = this.fresh(PUBLIC, simpleTy(e.name.name));
        c.fields = new Map();
        for (const f of e.fields) {
          const v = this.expr(f.value, fr);
          const fieldDecl = this.sh.index.structFields.get(e.name.name)?.get(f.name.name);
          if (fieldDecl) this.checkClosureStore(tyOf(fieldDecl.type, e.name.name), v, f.value.span, `stored in field '${f.name.name}'`, fr);
          const declared = this.sh.labels.declaredField(e.name.name, f.name.name);
          const stored = isPublic(declared) ? v : this.copyCell(v, join(this.whole(v), declared));
          c.fields.set(f.name.name, stored);
        }
        return c;
      }
      case "Field": {
        const obj = this.expr(e.object, fr);
        const fc = this.fieldCell(obj, e.name.name);
        if (!fc.ty) fc.ty = this.tyOfExpr(e);
        return fc;
      }
      case "Index": {
        const obj = this.expr(e.object, fr);
        const idx = this.expr(e.index, fr);
        const il = this.whole(idx);
        this.noteCtSensitive(il, fr);
        if (fr.ctx.ct && il.secret) this.rep.report(IFC.ctIndex, e.span, []);
        return this.fresh(join(this.whole(obj), il), this.tyOfExpr(e) ?? elemTy(obj.ty));
      }
      case "Call":
        return this.call(e, fr);
      case "MethodCall":
        return this.methodCall(e, fr);
      case "Try": {
        const v = this.expr(e.expr, fr);
        // `?` leaves the callable when the value is an Err / None: that decision is the value's own
        addExit(fr.ex, "ret", join(fr.pc, via(this.whole(v), STEP.tryExit(), e.span)));
        return this.fresh(this.whole(v), this.tyOfExpr(e) ?? elemTy(v.ty));
      }
      case "Unary": {
        const v = this.expr(e.operand, fr);
        return Object.assign(this.fresh(this.whole(v), this.tyOfExpr(e)), { konst: unaryK(e.op, v.konst) });
      }
      case "Binary": {
        const a = this.expr(e.left, fr);
        // `and` / `or` run their right operand only for some values of the left one
        const shortCircuit = e.op === "and" || e.op === "or";
        const savedPc = fr.pc;
        if (shortCircuit) fr.pc = join(fr.pc, via(this.whole(a), STEP.branchCondition(), e.left.span));
        const b = this.expr(e.right, fr);
        fr.pc = savedPc;
        const la = this.whole(a);
        const lb = this.whole(b);
        this.ctBinary(e.op, a, b, e.span, fr);
        const isCompare = CT_COMPARE_OPS.has(e.op) || e.op === "and" || e.op === "or";
        return Object.assign(this.fresh(join(la, lb), isCompare ? simpleTy("Bool") : a.ty ?? b.ty), { konst: binaryK(e.op, a.konst, b.konst) });
      }
      case "Range":
        return this.fresh(join(this.whole(this.expr(e.start, fr)), this.whole(this.expr(e.end, fr))), simpleTy("Range", [simpleTy("Int")]));
      case "Lambda":
        return this.lambda(e, fr);
      case "IfExpr": {
        const c = this.whole(this.expr(e.cond, fr));
        this.ctBranch(c, "an if-expression condition", e.cond.span, fr);
        const cond = via(c, STEP.branchCondition(), e.cond.span);
        const saved = fr.pc;
        fr.pc = join(saved, cond);
        // only one branch runs: each starts from the state before the `if` (as a statement `if`)
        const snap = snapshot(fr.env.values(), this.mutable);
        const t = this.expr(e.then, fr);
        const afterThen = current(snap);
        restore(snap);
        const f = this.expr(e.else, fr);
        mergeInto(snap, [afterThen, current(snap)], (c) => this.whole(c));
        fr.pc = saved;
        const out = this.fresh(join(cond, join(this.whole(t), this.whole(f))), t.ty ?? f.ty);
        out.fns = unionFns(t.fns, f.fns);
        return out;
      }
      case "Match":
        return this.match(e, fr);
      case "Become":
        return this.expr(e.value, fr);
    }
  }

  private name(n: string, e: Expr & { kind: "Name" }, fr: Frame): Cell {
    const local = fr.env.get(n);
    if (local) return local;
    const b = this.sh.typing?.resolve(e);
    if (b?.kind === "const" || (!b && this.sh.index.consts.has(n))) {
      const c = this.sh.evalConst(n);
      if (c) return c;
    }
    const fn = this.sh.index.functions.get(n);
    if (fn && (!b || b.kind === "function")) {
      const c = this.fresh(PUBLIC, { name: "Fun", args: [], label: null, isFun: true });
      c.fns = new Set([{ kind: "fun", entry: fn }]);
      return c;
    }
    return this.fresh(PUBLIC, this.tyOfExpr(e));
  }

  private match(e: MatchExpr, fr: Frame): Cell {
    const scr = this.expr(e.scrutinee, fr);
    const sl = this.whole(scr);
    this.ctBranch(sl, "a match scrutinee", e.scrutinee.span, fr);
    const cond = via(sl, STEP.branchCondition(), e.scrutinee.span);
    const savedPc = fr.pc;
    const envs: Map<string, Cell>[] = [];
    const snap = snapshot(fr.env.values(), this.mutable);
    const outcomes: Snapshot[] = [];
    let result = cond;
    let ty: Ty | null = null;
    let fns: ReadonlySet<Target> | null = null;
    // an arm is reached only when the guards of the arms before it failed
    let guards = PUBLIC;
    let afterGuards: Snapshot = snap;
    for (const arm of e.arms) {
      const env = new Map(fr.env);
      const sub: Frame = { env, pc: join(join(savedPc, cond), guards), ctx: fr.ctx, ex: fr.ex };
      for (const p of arm.patterns) this.bindPattern(p, scr, sub);
      if (arm.guard) {
        const gl = via(this.whole(this.expr(arm.guard, sub)), STEP.branchCondition(), arm.guard.span);
        // the guard ran for this arm and for every later one: its effects are kept
        afterGuards = current(snap);
        this.ctBranch(gl, "a match guard", arm.guard.span, sub);
        result = join(result, gl);
        guards = join(guards, gl);
        sub.pc = join(sub.pc, gl);
      }
      const v = isBlock(arm.body) ? this.walkBlock(arm.body, sub) : this.expr(arm.body, sub);
      if (v) {
        result = join(result, this.whole(v));
        ty ??= v.ty;
        fns = unionFns(fns, v.fns);
      }
      const leaves = isBlock(arm.body) ? blockDiverges(arm.body, true) : isPanic(arm.body);
      if (!leaves) {
        // names bound by the arm's pattern are scoped to it
        const outer = new Map<string, Cell>();
        for (const k of fr.env.keys()) outer.set(k, env.get(k)!);
        envs.push(outer);
        outcomes.push(current(snap));
      }
      restore(afterGuards);
    }
    mergeInto(snap, outcomes.length ? outcomes : [current(snap)], (c) => this.whole(c));
    fr.pc = savedPc;
    fr.env = this.mergeEnvs(fr.env, envs.length ? envs : [fr.env]);
    const out = this.fresh(result, ty ?? this.tyOfExpr(e));
    out.fns = fns;
    return out;
  }

  private lambda(e: LambdaExpr, fr: Frame): Cell {
    const summary = emptySummary();
    const ctx: Ctx = {
      parent: fr.ctx,
      owner: fr.ctx.owner,
      strict: fr.ctx.strict,
      ct: fr.ctx.ct,
      summary,
      keyBase: this.allocKeys(),
      paramNames: e.params.map((p) => p.name) as string[],
      retType: tyOf(e.returnType, null),
      slots: new Map(),
      capturedRet: PUBLIC,
    };
    // captures are by value at creation: the lambda sees a snapshot of the enclosing bindings
    const env = new Map<string, Cell>();
    for (const [k, c] of fr.env) env.set(k, c);
    const sub: Frame = { env, pc: fr.pc, ctx, ex: noExits() };
    this.bindParams(e.params, sub, null);
    // A captured list or struct may be filled after the lambda is made: inside the body it is a
    // parameter of its own (after the real ones), bound to the caller's cell at each call.
    const captures: Capture[] = [];
    const captureCells: Cell[] = [];
    const used = namesUsed(e);
    const slot = (name: string, cell: Cell, path: readonly string[], ownPart: boolean, label: Label): Label => {
      const key = ctx.keyBase + e.params.length + captures.length;
      captures.push({ name, cell, path, ownPart, secretAtCreation: label.secret !== null });
      ctx.paramNames.push(`the captured '${name}'`);
      return join(label, paramLabel(key, origin(STEP.capturedValue(name), e.span)));
    };
    // a struct is seen field by field (nested structs too, a few levels deep); anything else whole
    const mirror = (name: string, root: Cell, value: Cell, path: readonly string[]): Cell => {
      const structFields = value.ty ? this.sh.index.structFields.get(value.ty.name) : undefined;
      // slots past the budget would collide with field slots (FIELD_SLOT_BASE): stay whole there
      const nested = path.length < CAPTURE_DEPTH && e.params.length + captures.length < FIELD_SLOT_BASE / 2;
      if (!structFields || !value.ty || !(path.length === 0 || (nested && value.fields !== null))) {
        const leaf = this.copyCell(value, slot(name, root, path, false, this.whole(value)));
        captureCells.push(leaf);
        return leaf;
      }
      const inner = Cell.of(slot(name, root, path, true, value.own), value.ty);
      captureCells.push(inner);
      inner.fields = new Map();
      for (const f of structFields.keys()) inner.fields.set(f, mirror(name, root, this.fieldCell(value, f), [...path, f]));
      return inner;
    };
    for (const [name, cell] of fr.env) {
      if (!used.has(name) || cell.fns || !isReference(cell, this.sh.index) || e.params.some((p) => p.name === name)) continue;
      env.set(name, mirror(name, cell, cell, []));
    }
    const paramCells = [...e.params.map((p) => env.get(p.name)!), ...captureCells];
    const before = paramCells.map((x) => this.whole(x));
    // a block body's trailing value counts as a result too (what the closure may hand back)
    const v = isBlock(e.body) ? this.walkBlock(e.body, sub) : this.expr(e.body, sub);
    if (v && v.ty?.name !== "Unit") this.noteReturn(v, isBlock(e.body) ? null : e.body, sub);
    this.summariseParamMutations(paramCells, before, ctx);
    const declared = tyOf(e.returnType, null);
    const c = this.fresh(PUBLIC, { name: "Fun", args: declared ? [declared] : [], label: null, isFun: true });
    c.fns = new Set<Target>([{ kind: "lambda", node: e, summary, captures }]);
    c.ret = join(summary.returnSecret ? secretLabel(summary.returnSecret) : PUBLIC, ctx.capturedRet);
    return c;
  }

  // ───────────────────────── calls ─────────────────────────

  private evalArgs(args: readonly Arg[], fr: Frame): Cell[] {
    return args.map((a) => this.expr(a.value, fr));
  }

  private isDeclassify(e: CallExpr): boolean {
    if (e.callee.kind !== "Name" || e.callee.name !== "declassify") return false;
    const b = this.sh.typing?.resolve(e.callee);
    if (b) return b.kind === "builtin";
    return !this.sh.index.functions.has("declassify");
  }

  /** A call of the built-in free function `name` (not shadowed by a local or a user function). */
  private isBuiltinCall(e: CallExpr, fr: Frame, name: string): boolean {
    if (e.callee.kind !== "Name" || e.callee.name !== name || fr.env.has(name)) return false;
    const b = this.sh.typing?.resolve(e.callee);
    if (b) return b.kind === "builtin";
    return !this.sh.index.functions.has(name);
  }

  private call(e: CallExpr, fr: Frame): Cell {
    if (this.isDeclassify(e) && !fr.env.has("declassify")) return this.declassify(e, fr);
    if (this.isBuiltinCall(e, fr, "panic")) {
      const args = this.evalArgs(e.args, fr);
      this.checkPanic(e, args, fr);
      addExit(fr.ex, "ret", fr.pc);
      return this.fresh(PUBLIC, null);
    }
    if (this.isBuiltinCall(e, fr, "py_invoke")) {
      const args = this.evalArgs(e.args, fr);
      this.checkPythonArgs(e, args, fr);
      return this.fresh(joinLabels(args.map((a) => this.whole(a))), this.tyOfExpr(e));
    }
    if (e.callee.kind === "Name") {
      const n = e.callee.name;
      const local = fr.env.get(n);
      if (local) return this.invoke(local.fns ?? new Set([UNKNOWN_TARGET]), null, e.args, this.evalArgs(e.args, fr), e, n, fr, false, local);
      const fn = this.sh.index.functions.get(n);
      if (fn) return this.callEntry(fn, null, e.args, this.evalArgs(e.args, fr), e, fr);
      // constructors and built-in free functions: the result joins the arguments
      const args = this.evalArgs(e.args, fr);
      const c = this.fresh(PUBLIC, this.tyOfExpr(e));
      c.elem = joinLabels(args.map((a) => this.whole(a)));
      if (!this.sh.index.variants.has(n) && !["Some", "Ok", "Err"].includes(n)) {
        c.own = c.elem;
        c.elem = PUBLIC;
      }
      return c;
    }
    const callee = this.expr(e.callee, fr);
    return this.invoke(callee.fns ?? new Set([UNKNOWN_TARGET]), null, e.args, this.evalArgs(e.args, fr), e, this.sh.valueText(e.callee), fr, false, callee);
  }

  /** Calls through a function value: each possible target contributes. */
  private invoke(
    targets: ReadonlySet<Target>,
    recv: Cell | null,
    argNodes: readonly Arg[],
    args: Cell[],
    e: CallExpr | MethodCallExpr,
    display: string,
    fr: Frame,
    /** Name named functions by `display` too (a call through a trait/capability receiver). */
    nameEntriesByDisplay = false,
    /** The function value called: what it returns carries its own label (its captures, its origin). */
    fnCell: Cell | null = null,
  ): Cell {
    let out: Cell | null = null;
    for (const t of targets) {
      let r: Cell;
      if (t.kind === "fun") r = this.callEntry(t.entry, recv, argNodes, args, e, fr, nameEntriesByDisplay ? display : t.entry.display);
      else if (t.kind === "lambda") r = this.invokeLambda(t, argNodes, args, e, display, fr); else r = this.callUnknown(t, argNodes, args, e, display, fr);
      out = out ? this.fresh(join(this.whole(out), this.whole(r)), out.ty ?? r.ty) : r;
    }
    out ??= this.fresh(joinLabels(args.map((a) => this.whole(a))), this.tyOfExpr(e));
    if (fnCell) {
      const l = this.whole(fnCell);
      if (!isPublic(l)) out = Object.assign(this.fresh(join(this.whole(out), l), out.ty), { fns: out.fns, ret: out.ret });
    }
    return out;
  }

  /** A lambda call: its captured values are extra arguments, reported only if secret since creation. */
  private invokeLambda(t: Target & { kind: "lambda" }, argNodes: readonly Arg[], args: Cell[], e: CallExpr | MethodCallExpr, display: string, fr: Frame): Cell {
    const names = t.node.params.map((p) => p.name);
    if (t.captures.length === 0) return this.applySummary(t.summary, names, null, display, argNodes, args, e, fr, false);
    const n = t.node.params.length;
    const allArgs = [...args.slice(0, n)];
    while (allArgs.length < n) allArgs.push(this.fresh(PUBLIC, null));
    const nodes: Arg[] = [...argNodes.slice(0, n)];
    while (nodes.length < n) nodes.push({ name: null, value: e, span: e.span });
    const quiet = new Set<number>();
    t.captures.forEach((c, j) => {
      names.push(`the captured '${c.name}'`);
      const at = (cell: Cell): Cell => {
        const place = c.path.reduce((x, f) => this.fieldCell(x, f), cell);
        return c.ownPart ? this.fresh(join(place.own, place.elem), place.ty) : place;
      };
      let bound = at(c.cell);
      // strict: a name captured and later rebound is read as either value (fail closed)
      const now = fr.env.get(c.name);
      if (fr.ctx.strict && now && now !== c.cell && !now.fns) bound = this.fresh(join(this.whole(bound), this.whole(at(now))), bound.ty);
      allArgs.push(bound);
      nodes.push({ name: null, value: e, span: e.span });
      if (c.secretAtCreation) quiet.add(n + j);
    });
    return this.applySummary(t.summary, names, null, display, nodes, allArgs, e, fr, false, quiet);
  }

  private callUnknown(t: Target, argNodes: readonly Arg[], args: Cell[], e: CallExpr | MethodCallExpr, display: string, fr: Frame): Cell {
    const fnParam = t.kind === "paramFn" ? this.localParamIndex(t.key, fr) : null;
    args.forEach((a, i) => {
      const l = this.whole(a);
      const span = argNodes[i]?.value.span ?? e.span;
      const sinkWhat = STEP.reachesDynamic(`'${display}'`);
      if (l.secret) {
        const entry = fr.ctx.strict ? IFC.dynamicLeak : IFC.dynamicLeakWarn;
        this.rep.report(entry, span, [`'${display}'`], pathHints(l.secret, sinkWhat, span));
      }
      this.recordParamHits(l, fr, (flow) => ({
        flow,
        sinkWhat,
        sinkSpan: span,
        capabilities: new Set(),
        dynamic: { fnParam: fnParam, argPos: i },
      }));
    });
    // an unknown function may return anything it was given, and may run a sink
    this.strictCallUnderPc(fr, display, e);
    return this.fresh(joinLabels(args.map((a) => this.whole(a))), this.tyOfExpr(e));
  }

  private localParamIndex(key: number, fr: Frame): number | null {
    for (let c: Ctx | null = fr.ctx; c; c = c.parent) if (key >= c.keyBase && key < c.keyBase + KEY_SPAN) return c === fr.ctx ? key - c.keyBase : null;
    return null;
  }

  private strictCallUnderPc(fr: Frame, display: string, e: CallExpr | MethodCallExpr): void {
    if (fr.ctx.strict && this.effectivePc(fr).secret) this.rep.report(IFC.strictCallPc, e.span, [display]);
  }

  private callEntry(entry: FunEntry, recv: Cell | null, argNodes: readonly Arg[], args: Cell[], e: CallExpr | MethodCallExpr, fr: Frame, display = entry.display): Cell {
    if (fr.ctx.owner) {
      const set = this.sh.callers.get(entry.decl) ?? new Set();
      set.add(fr.ctx.owner);
      this.sh.callers.set(entry.decl, set);
    }
    const summary = this.sh.summaries.get(entry.decl) ?? emptySummary();
    const names = entry.decl.params.map((p) => (p.isSelf ? "self" : p.name));
    const hasSelf = entry.decl.params[0]?.isSelf === true;
    const r = this.applySummary(summary, names, hasSelf ? recv : null, display, argNodes, args, e, fr, hasSelf);
    const ret = tyOf(entry.decl.returnType, entry.owner);
    if (ret) r.ty = ret;
    if (ret?.isFun) r.fns = new Set([UNKNOWN_TARGET]);
    return r;
  }

  /** Applies a callee summary at a call site: reports secrets sent to sinking parameters. */
  private applySummary(
    summary: Summary,
    paramNames: readonly string[],
    recv: Cell | null,
    display: string,
    argNodes: readonly Arg[],
    args: Cell[],
    e: CallExpr | MethodCallExpr,
    fr: Frame,
    hasSelf: boolean,
    /** Parameters whose secrets were already reported where they entered (a lambda's old captures). */
    quiet: ReadonlySet<number> = new Set(),
  ): Cell {
    // align values with parameters: receiver first when the callee takes `self`
    const bound: (Cell | undefined)[] = [];
    const spans: Span[] = [];
    const offset = hasSelf ? 1 : 0;
    if (hasSelf && recv) {
      bound[0] = recv;
      spans[0] = e.kind === "MethodCall" ? e.receiver.span : e.span;
    }
    let pos = offset;
    argNodes.forEach((a, i) => {
      let idx = pos;
      if (a.name) {
        const named = paramNames.indexOf(a.name.name);
        if (named >= 0) idx = named;
      } else pos++;
      bound[idx] = args[i];
      spans[idx] = a.value.span;
    });
    let result = PUBLIC;
    let elems = PUBLIC;
    const slots: number[] = [];
    bound.forEach((cell, i) => {
      if (cell) slots.push(i);
    });
    slots.push(...summary.places.keys());
    for (const slot of slots) {
      const hit = summary.sinkParams.get(slot);
      if (!hit && !summary.returnParams.has(slot) && !summary.returnElemParams.has(slot)) continue;
      const cell = this.slotCell(summary, slot, bound);
      const i = FunctionAnalyzer.slotParam(summary, slot);
      if (!cell) continue;
      const l = this.whole(cell);
      if (summary.returnParams.has(slot)) result = join(result, l);
      if (summary.returnElemParams.has(slot)) elems = join(elems, l);
      if (!hit || isPublic(l) || quiet.has(i)) continue;
      const resolved = this.resolveHit(hit, bound);
      if (resolved === "none") continue;
      const pname = paramNames[i] ?? `argument ${i + 1}`;
      const span = spans[i]!;
      const sinkWhat = `${hit.sinkWhat} inside '${display}'`;
      const dynamicHere = resolved === "dynamic";
      if (l.secret) {
        const flow = step(l.secret, STEP.passed(display, pname), span);
        const hints = pathHints(flow, sinkWhat, hit.sinkSpan);
        if (dynamicHere) {
          this.rep.report(fr.ctx.strict ? IFC.dynamicLeak : IFC.dynamicLeakWarn, span, [`'${display}' as ${pname}`], hints);
        } else {
          this.rep.report(fr.ctx.strict ? IFC.passedLeak : IFC.passedLeakWarn, span, [display, pname], hints);
          if (!fr.ctx.strict) for (const cap of hit.capabilities) this.rep.unauditedSink(cap, span);
        }
      }
      this.recordParamHits(l, fr, (flow) => ({
        flow: step(flow, STEP.passed(display, pname), span),
        sinkWhat,
        sinkSpan: hit.sinkSpan,
        capabilities: hit.capabilities,
        dynamic: dynamicHere ? this.forwardDynamic(hit, bound, fr) : null,
      }));
    }
    this.applyParamMutations(summary, bound, paramNames, display, spans, e.span, fr);
    if (summary.ctParams.size > 0) this.ctCallArgs(summary, bound, paramNames, display, spans, fr);
    if (summary.runsSink) {
      this.markRunsSink(fr);
      this.strictCallUnderPc(fr, display, e);
    }
    // function values handed over may run inside the callee (what they return flows back through
    // the parameter's own label, see `returnParams`)
    for (const cell of bound) {
      if (!cell?.fns) continue;
      for (const t of cell.fns) {
        if (t.kind === "lambda" && t.summary.runsSink) this.markRunsSink(fr);
      }
    }
    let label = result;
    if (summary.returnSecret) label = join(label, secretLabel(step(summary.returnSecret, STEP.returned(display), e.span)));
    if (summary.returnElemSecret) elems = join(elems, secretLabel(step(summary.returnElemSecret, STEP.returned(display), e.span)));
    const ty = this.tyOfExpr(e);
    if (ty && STRUCTURE_TY.has(ty.name)) {
      const out = this.fresh(label, ty);
      out.elem = elems;
      return out;
    }
    return this.fresh(join(label, elems), ty);
  }

  /** Whether a dynamic hit (a parameter handed to a function parameter) is real at this call site. */
  private resolveHit(hit: SinkHit, bound: (Cell | undefined)[]): "sink" | "dynamic" | "none" {
    if (!hit.dynamic) return "sink";
    const { fnParam, argPos } = hit.dynamic;
    if (fnParam === null) return "dynamic";
    const fnCell = bound[fnParam];
    if (!fnCell?.fns) return "dynamic";
    let real = false;
    for (const t of fnCell.fns) {
      if (t.kind === "unknown" || t.kind === "paramFn") return "dynamic";
      const s = t.kind === "lambda" ? t.summary : (this.sh.summaries.get(t.entry.decl) ?? emptySummary());
      if (s.sinkParams.has(argPos)) real = true;
    }
    return real ? "sink" : "none";
  }

  /** A dynamic hit passed through: still refinable if the function value is our own parameter. */
  private forwardDynamic(hit: SinkHit, bound: (Cell | undefined)[], fr: Frame): SinkHit["dynamic"] {
    const fnCell = hit.dynamic?.fnParam != null ? bound[hit.dynamic.fnParam] : undefined;
    if (fnCell?.fns && fnCell.fns.size === 1) {
      const [t] = fnCell.fns;
      if (t && t.kind === "paramFn") {
        const local = this.localParamIndex(t.key, fr);
        if (local !== null) return { fnParam: local, argPos: hit.dynamic!.argPos };
      }
    }
    return { fnParam: null, argPos: hit.dynamic?.argPos ?? 0 };
  }

  private declassify(e: CallExpr, fr: Frame): Cell {
    const args = this.evalArgs(e.args, fr);
    if (e.args.length !== 2) {
      this.rep.report(IFC.declassifyArity, e.span, []);
      return this.fresh(PUBLIC, args[0]?.ty ?? null);
    }
    const [value, reason] = e.args as [Arg, Arg];
    if (value.name) this.rep.report(IFC.declassifyPositional, value.value.span, []);
    if (reason.name?.name !== "reason") this.rep.report(IFC.declassifyReasonName, reason.value.span, []);
    else if (reason.value.kind !== "String") this.rep.report(IFC.declassifyReasonLiteral, reason.value.span, []);
    const l = this.whole(args[0]!);
    if (!l.secret) this.rep.report(IFC.declassifyPublic, e.span, []);
    else if (reason.value.kind === "String") {
      this.rep.declassified({ reason: reason.value.value, value: this.sh.valueText(value.value), span: e.span });
    }
    const out = this.fresh(PUBLIC, args[0]!.ty);
    return out;
  }

  /** `py_invoke(unsafe, f, [args])`: Python may do anything with its arguments, so they are a sink. */
  private checkPythonArgs(e: CallExpr, args: Cell[], fr: Frame): void {
    this.builtinSink(e, args, fr, { sink: "py_invoke", arg: 3, effect: SINK_EFFECT.python, step: STEP.reachesPython(), capability: "Unsafe" });
    if (fr.ctx.strict && this.effectivePc(fr).secret) this.rep.report(IFC.strictPc, e.span, ["py_invoke"]);
  }

  private checkPanic(e: CallExpr, args: Cell[], fr: Frame): void {
    this.builtinSink(e, args, fr, { sink: "panic", arg: 1, effect: SINK_EFFECT.panic, step: STEP.reachesPanic(), capability: "Stdio" });
    if (fr.ctx.strict && this.effectivePc(fr).secret) this.rep.report(IFC.strictPanicPc, e.span, []);
  }

  /** A built-in free function whose argument `arg` (1-based) is a public sink. */
  private builtinSink(e: CallExpr, args: Cell[], fr: Frame, s: { sink: string; arg: number; effect: string; step: string; capability: string }): void {
    this.markRunsSink(fr);
    const cell = args[s.arg - 1];
    if (!cell) return;
    const l = this.whole(cell);
    const span = e.args[s.arg - 1]!.value.span;
    if (l.secret) {
      const hints = pathHints(l.secret, s.step, span);
      if (fr.ctx.strict) this.rep.report(IFC.sinkLeak, span, [s.sink, s.arg, s.effect], hints);
      else {
        this.rep.report(IFC.sinkLeakWarn, span, [s.sink, s.arg, s.effect], hints);
        this.rep.unauditedSink(s.capability, span);
      }
    }
    this.recordParamHits(l, fr, (flow) => ({ flow, sinkWhat: s.step, sinkSpan: span, capabilities: new Set([s.capability]), dynamic: null }));
  }

  private methodCall(e: MethodCallExpr, fr: Frame): Cell {
    const m = e.method.name;
    // `Type.method(...)`, `Sum.Variant(...)`, `module.f(...)`: a receiver that is not a value
    if (e.receiver.kind === "Name" && !fr.env.has(e.receiver.name)) {
      const b = this.sh.typing?.resolve(e.receiver);
      const rn = e.receiver.name;
      const isValue = b ? b.kind === "local" || b.kind === "param" || b.kind === "const" : this.sh.index.consts.has(rn);
      if (!isValue) {
        const args = this.evalArgs(e.args, fr);
        const statik = this.sh.index.methods.get(rn)?.get(m);
        if (statik) return this.callEntry(statik, null, e.args, args, e, fr);
        const fn = b?.kind === "module" ? this.sh.index.functions.get(m) : undefined;
        if (fn) return this.callEntry(fn, null, e.args, args, e, fr);
        const c = this.fresh(PUBLIC, this.tyOfExpr(e) ?? simpleTy(rn));
        c.elem = joinLabels(args.map((a) => this.whole(a)));
        return c;
      }
    }
    const recv = this.expr(e.receiver, fr);
    const rty = this.tyOfExpr(e.receiver) ?? recv.ty;
    if (!recv.ty && rty) recv.ty = rty;
    const args = this.evalArgs(e.args, fr);
    const tname = rty?.name ?? null;

    if (isCapabilityTy(rty)) return this.capabilityCall(e, tname!, recv, args, fr);

    if (tname) {
      const targets = methodTargets(this.sh.index, tname, m);
      if (targets.length > 0) {
        // Through a trait/capability receiver the call is named as written (`Logger.log`), and
        // its summary is the union over the implementations, however many there are.
        const viaInterface = this.sh.index.interfaces.has(tname);
        const display = targets.length === 1 && !viaInterface ? targets[0]!.display : `${tname}.${m}`;
        if (targets.length === 1 && !viaInterface) return this.callEntry(targets[0]!, recv, e.args, args, e, fr);
        const set = new Set<Target>(targets.map((t) => ({ kind: "fun", entry: t })));
        return this.invoke(set, recv, e.args, args, e, display, fr, viaInterface);
      }
      // calling a function stored in a field
      const fieldDecl = this.sh.index.structFields.get(tname)?.get(m);
      if (fieldDecl && fieldDecl.type.kind === "FunType") {
        const fc = this.fieldCell(recv, m);
        return this.invoke(fc.fns ?? new Set([UNKNOWN_TARGET]), null, e.args, args, e, `${this.sh.valueText(e.receiver)}.${m}`, fr, false, fc);
      }
    }
    return this.builtinMethod(e, tname, recv, args, fr);
  }

  private capabilityCall(e: MethodCallExpr, cap: string, recv: Cell, args: Cell[], fr: Frame): Cell {
    const m = e.method.name;
    const key = `${cap}.${m}`;
    const sinkArgs = PUBLIC_SINKS.get(key);
    if (sinkArgs) {
      this.markRunsSink(fr);
      for (const i of sinkArgs) {
        const a = args[i];
        if (!a) continue;
        const l = this.whole(a);
        const span = e.args[i]!.value.span;
        const sinkWhat = STEP.reachesSink(key, i + 1);
        if (l.secret) {
          const hints = pathHints(l.secret, sinkWhat, span);
          if (fr.ctx.strict) this.rep.report(IFC.sinkLeak, span, [key, i + 1, SINK_EFFECT.capability], hints);
          else {
            this.rep.report(IFC.sinkLeakWarn, span, [key, i + 1, SINK_EFFECT.capability], hints);
            this.rep.unauditedSink(cap, span);
          }
        }
        this.recordParamHits(l, fr, (flow) => ({ flow, sinkWhat, sinkSpan: span, capabilities: new Set([cap]), dynamic: null }));
      }
      if (fr.ctx.strict && this.effectivePc(fr).secret) this.rep.report(IFC.strictPc, e.span, [key]);
    }
    if (SECRET_SOURCES.has(key)) {
      const c = this.fresh(secretLabel(origin(STEP.envGet(), e.span)), simpleTy("Option", [simpleTy("String")]));
      return c;
    }
    const l = join(this.whole(recv), joinLabels(args.map((a) => this.whole(a))));
    if (ATTENUATORS.has(m)) return this.fresh(l, simpleTy(cap));
    return this.fresh(l, this.tyOfExpr(e));
  }

  private builtinMethod(e: MethodCallExpr, tname: string | null, recv: Cell, args: Cell[], fr: Frame): Cell {
    const m = e.method.name;
    const key = tname ? `${tname}.${m}` : null;
    const mutKey = key ?? `${m === "push" ? "List" : m === "set" ? "Map" : "Set"}.${m}`;
    const mutArgs = CONTAINER_MUTATORS.get(mutKey);
    if (mutArgs && (tname === null || CONTAINER_MUTATORS.has(`${tname}.${m}`))) {
      let l = PUBLIC;
      for (const i of mutArgs) if (args[i]) l = join(l, this.whole(args[i]!));
      // a mutation under a secret condition changes the structure (length, membership) in every
      // tier: that is data a later `length()` reads; under @strict_ifc the elements take it too
      const pcNow = this.effectivePc(fr);
      this.noteParamMutated(recv, fr);
      if (!isPublic(pcNow)) {
        this.noteReturnDeps(pcNow, fr);
        recv.own = join(recv.own, via(pcNow, STEP.stored(this.sh.valueText(e.receiver), m), e.span));
      }
      if (fr.ctx.strict) l = join(l, pcNow);
      const rty = recv.ty;
      if (rty) {
        for (const i of mutArgs) {
          const a = args[i];
          const slot = rty.args[rty.name === "Map" ? i : 0];
          if (a && slot) this.checkClosureStore(slot, a, e.args[i]!.value.span, `stored into a ${rty.name}`, fr);
        }
      }
      const what = STEP.stored(this.sh.valueText(e.receiver), m);
      l = via(l, what, e.span);
      recv.own = join(recv.own, l);
      recv.elem = join(recv.elem, l);
      for (const i of mutArgs) {
        const fns = args[i]?.fns;
        if (fns) {
          recv.fields ??= new Map();
          const prev = recv.fields.get("#fn");
          const c = Cell.of(PUBLIC, null);
          c.fns = unionFns(prev?.fns ?? null, fns);
          c.ret = join(prev?.ret ?? PUBLIC, args[i]!.ret);
          recv.fields.set("#fn", c);
        }
      }
      return this.fresh(PUBLIC, simpleTy("Unit"));
    }
    if (key) this.ctMethod(e, key, recv, args, fr);

    // function arguments run on the elements (map, filter, fold, ...)
    const elemLabel = this.whole(recv);
    let fnRet = PUBLIC;
    let hadFn = false;
    // Whether (and how often) a callback runs is decided by the receiver's structure: a None, an
    // empty list. A secret structure therefore decides the callback's sinks, as a branch would.
    const savedPc = fr.pc;
    if (!isPublic(recv.own)) fr.pc = join(fr.pc, via(recv.own, STEP.branchCondition(), e.span));
    args.forEach((a) => {
      if (!a.fns) return;
      hadFn = true;
      const elemCell = this.fresh(elemLabel, elemTy(recv.ty));
      const r = this.invokeWith(a, [elemCell, ...args.filter((x) => !x.fns)], e, fr);
      fnRet = join(fnRet, this.whole(r));
    });
    fr.pc = savedPc;
    const plain = joinLabels(args.filter((a) => !a.fns).map((a) => this.whole(a)));
    const ty = this.tyOfExpr(e) ?? this.guessResultTy(m, recv.ty);
    if (STRUCTURE_ONLY.has(m) && recv.ty && STRUCTURE_TY.has(recv.ty.name)) return this.fresh(join(recv.own, plain), ty);
    if (ELEMENT_COMBINATORS.has(m) && recv.ty && STRUCTURE_TY.has(recv.ty.name)) {
      const c = this.fresh(join(recv.own, STRUCTURE_DECIDING.has(m) ? join(fnRet, plain) : plain), ty ?? recv.ty);
      c.elem = join(m === "filter" || m === "sorted_by" || m === "reverse" ? join(recv.elem, recv.own) : join(recv.own, recv.elem), hadFn ? fnRet : plain);
      if (m === "filter" || m === "sorted_by" || m === "reverse") c.elem = join(recv.elem, plain);
      return c;
    }
    const stored = recv.fields?.get("#fn");
    const c = this.fresh(join(join(this.whole(recv), plain), fnRet), ty);
    if (stored?.fns && ["get", "first", "last", "unwrap", "unwrap_or", "expect"].includes(m)) c.fns = stored.fns;
    return c;
  }

  private invokeWith(fn: Cell, values: Cell[], e: MethodCallExpr, fr: Frame): Cell {
    const argNodes: Arg[] = values.map(() => ({ name: null, value: e, span: e.span }));
    return this.invoke(fn.fns!, null, argNodes, values, e, `${e.method.name} callback`, fr, false, fn);
  }

  private guessResultTy(m: string, t: Ty | null): Ty | null {
    if (!t) return null;
    if (["unwrap", "unwrap_or", "expect", "unwrap_or_else"].includes(m)) return t.args[0] ?? null;
    if (["get", "first", "last", "find"].includes(m)) return simpleTy("Option", t.args.length ? [elemTy(t)!] : []);
    if (["map", "filter", "sorted_by", "reverse"].includes(m)) return t;
    return null;
  }

  // ───────────────────────── closures stored in public-returning slots ─────────────────────────

  /**
   * A closure that returns a secret, stored where the declared function type returns a public
   * value (a typed `let`/`var`, a reassigned slot, a struct field, a result, a container element):
   * whoever later calls the slot sees a public result that is in fact secret.
   */
  private checkClosureStore(slot: Ty | null, value: Cell, span: Span, where: string, fr: Frame): void {
    if (!slot || !this.secretClosureIn(slot, value)) return;
    this.rep.report(fr.ctx.strict ? IFC.closureStore : IFC.closureStoreWarn, span, [where]);
  }

  private secretClosureIn(slot: Ty, value: Cell): boolean {
    if (slot.isFun) return value.fns !== null && slot.args[0]?.label !== "secret" && value.ret.secret !== null;
    if (slot.name === "Tuple") return slot.args.some((a, i) => { const f = value.fields?.get(String(i)); return f !== undefined && this.secretClosureIn(a, f); });
    const held = value.fields?.get("#fn");
    return held !== undefined && slot.args.some((a) => this.secretClosureIn(a, held));
  }

  /** The slot type a `var` keeps for later assignments: its annotation, else its first value's type. */
  private noteSlot(name: string, annotation: Ty | null, value: Cell, fr: Frame): void {
    if (annotation) fr.ctx.slots.set(name, annotation);
    else if (value.fns) fr.ctx.slots.set(name, { name: "Fun", args: [{ name: "?", args: [], label: value.ret.secret ? "secret" : null, isFun: false }], label: null, isFun: true });
    else fr.ctx.slots.delete(name);
  }

  // ───────────────────────── @constant_time ─────────────────────────

  private ctBranch(l: Label, what: string, span: Span, fr: Frame): void {
    this.noteCtSensitive(l, fr);
    if (fr.ctx.ct && l.secret) this.rep.report(IFC.ctBranch, span, [what]);
  }

  /** Parameters whose data drives a variable-time operation: recorded whatever the annotation. */
  private noteCtSensitive(l: Label, fr: Frame): void {
    if (!l.params) return;
    for (const key of l.params.keys()) {
      for (let c: Ctx | null = fr.ctx; c; c = c.parent) {
        if (key >= c.keyBase && key < c.keyBase + KEY_SPAN) {
          c.summary.ctParams.add(key - c.keyBase);
          break;
        }
      }
    }
  }

  private ctBinary(op: string, a: Cell, b: Cell, span: Span, fr: Frame): void {
    const la = this.whole(a);
    const lb = this.whole(b);
    const bytewise = (c: Cell) => c.ty !== null && (c.ty.name === "String" || c.ty.name === "List");
    const variable = CT_VARIABLE_TIME_OPS.has(op) || (CT_COMPARE_OPS.has(op) && (bytewise(a) || bytewise(b)));
    if (!variable) return;
    this.noteCtSensitive(join(la, lb), fr);
    if (!fr.ctx.ct || !(la.secret || lb.secret)) return;
    if (CT_VARIABLE_TIME_OPS.has(op)) this.rep.report(IFC.ctArith, span, [op]);
    else this.rep.report(IFC.ctCompare, span, [op]);
  }

  private ctMethod(e: MethodCallExpr, key: string, recv: Cell, args: Cell[], fr: Frame): void {
    const lookup = CT_LOOKUPS.get(key);
    if (lookup) {
      const l = joinLabels(lookup.filter((i) => args[i]).map((i) => this.whole(args[i]!)));
      this.noteCtSensitive(l, fr);
      if (fr.ctx.ct && l.secret) {
        this.rep.report(IFC.ctLookup, e.span, [key]);
        return;
      }
    }
    const scan = CT_SCANS.get(key);
    if (scan) {
      const l = join(this.whole(recv), joinLabels(scan.filter((i) => args[i]).map((i) => this.whole(args[i]!))));
      this.noteCtSensitive(l, fr);
      if (fr.ctx.ct && l.secret) this.rep.report(IFC.ctScan, e.span, [key]);
    }
  }

  /** A @constant_time caller passing a secret to a callee parameter that drives variable-time work. */
  private ctCallArgs(summary: Summary, bound: readonly (Cell | undefined)[], paramNames: readonly string[], display: string, spans: readonly Span[], fr: Frame): void {
    for (const slot of summary.ctParams) {
      const cell = this.slotCell(summary, slot, bound);
      const i = FunctionAnalyzer.slotParam(summary, slot);
      if (!cell) continue;
      const l = this.whole(cell);
      this.noteCtSensitive(l, fr);
      if (fr.ctx.ct && l.secret) this.rep.report(IFC.ctCall, spans[i]!, [paramNames[i] ?? `${i + 1}`, display]);
    }
  }
}

function isPanic(e: Expr): boolean {
  return e.kind === "Call" && e.callee.kind === "Name" && e.callee.name === "panic";
}

/** Names read anywhere in a lambda (memoised: a lambda in a loop body is analysed repeatedly). */
const NAMES_USED = new WeakMap<LambdaExpr, ReadonlySet<string>>();
function namesUsed(e: LambdaExpr): ReadonlySet<string> {
  const hit = NAMES_USED.get(e);
  if (hit) return hit;
  const names = new Set<string>();
  const visitor = {
    expr: (x: Expr) => {
      if (x.kind === "Name") names.add(x.name);
    },
  };
  if (isBlock(e.body)) walkBlock(e.body, visitor);
  else walkExpr(e.body, visitor);
  NAMES_USED.set(e, names);
  return names;
}

/** Containers whose structure (length, membership) is tracked apart from their elements. */
const STRUCTURE_TY = new Set(["List", "Set", "Map", "Range"]);

function joinLabels(ls: Label[]): Label {
  let out = PUBLIC;
  for (const l of ls) out = join(out, l);
  return out;
}

function unionFns(a: ReadonlySet<Target> | null, b: ReadonlySet<Target> | null): ReadonlySet<Target> | null {
  if (!a) return b;
  if (!b || a === b) return a;
  return new Set([...a, ...b]);
}

/** Joins `l` into a cell and everything reachable through its fields (a mutated argument). */
function taintDeep(c: Cell, l: Label, seen: Set<Cell> = new Set()): void {
  if (seen.has(c)) return;
  seen.add(c);
  c.own = join(c.own, l);
  c.elem = join(c.elem, l);
  for (const f of c.fields?.values() ?? []) taintDeep(f, l, seen);
}
