// Closure compiler: turns AST statements and expressions into JS closures over frame slots, once,
// before the program runs. It never evaluates user code itself and never throws for control flow.
import type { Arg, AssignStmt, Block, Expr, ForStmt, LambdaExpr, MatchExpr, MethodCallExpr, CallExpr, Stmt, Span, TypeExpr } from "../../syntax/ast.js";
import { CMap, CSet } from "../collections.js";
import { display } from "../display.js";
import { abort, withSpan } from "../errors.js";
import { R } from "../messages.js";
import { CFloat, CRange, CStruct, CTuple, CVariant, PyObjectRef, normInt, typeNameOf, type Value } from "../values.js";
import { callCapability, isCapabilityValue } from "../capabilityAdapter.js";
import { callWrapped, wrap, WRAPPER_METHODS, WrappedCapability } from "../capabilities/wrappers/wrapped.js";
import { makeWrapperHost, type InterpreterWrapperHost } from "./wrapper-host.js";
import { BUILTIN_CONSTANTS, FREE_FUNCTIONS } from "../stdlib/free.js";
import { builtinMethod, LIST_METHODS, MAP_METHODS, OPTION_METHODS, SET_METHODS, STRING_METHODS } from "../stdlib/index.js";
import { codePoints } from "../stdlib/strings.js";
import { makeRange } from "../stdlib/ranges.js";
import { checkableShape, describeValue, fitsShape } from "../python/expected-type.js";
import { mayAbrupt, blockMayAbrupt } from "./abrupt.js";
import { BINARY, opAdd, opEq, opNeg, type BinFn } from "./operators.js";
import { compilePattern, plainBinding, type Matcher } from "./patterns.js";
import type { FnCode, ProgramInfo } from "./programInfo.js";
import type { AuthorityRecorder } from "../authority.js";
import { FunctionScope } from "./scope.js";
import type { Budget } from "./budget.js";
import {
  BREAK,
  CONTINUE,
  NORMAL,
  RETURN,
  SIG_RETURN,
  isSignal,
  signalFor,
  type ExprFn,
  newFrame,
  type Frame,
  type StmtFn,
} from "./signals.js";

/** Per-run mutable state shared by the compiled closures (never module-global). */
export interface RunContext {
  depth: number;
  readonly maxDepth: number;
  /** Present only under `--observe-authority`: told of every named function entered and left. */
  readonly authority?: AuthorityRecorder;
  /** Steps, time and heap; every statement and lambda call passes through it. */
  readonly budget: Budget;
}

/** The checker's binding of named arguments: for each written argument, the parameter it fills. */
export type ArgumentSlots = ReadonlyMap<CallExpr | MethodCallExpr, readonly number[]>;

const NO_SLOTS: ArgumentSlots = new Map();

const SAFE = 9007199254740991;
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Runs a compiled function on a prepared frame, counting depth so runaway recursion is an abort. */
export function invoke(rt: RunContext, code: FnCode, frame: Frame): Value {
  if (++rt.depth > rt.maxDepth) throw abort("RecursionError", R.stackOverflow, rt.maxDepth);
  if (rt.authority !== undefined) return invokeObserved(rt, rt.authority, code, frame);
  const c = code.body(frame);
  rt.depth--;
  return c === RETURN ? frame[0] : undefined;
}

/** `invoke` with the function kept on the recorder's stack (by its manifest name) while it runs. */
function invokeObserved(rt: RunContext, recorder: AuthorityRecorder, code: FnCode, frame: Frame): Value {
  recorder.enter(code.manifestName);
  try {
    const c = code.body(frame);
    rt.depth--;
    return c === RETURN ? frame[0] : undefined;
  } finally {
    recorder.leave();
  }
}

export class Compiler {
  private scope = new FunctionScope(null);
  private readonly fnValues = new Map<FnCode, Value>();
  /** Declared return type of the function being compiled (for checking Python results). */
  private returnType: TypeExpr | null = null;

  constructor(
    private readonly info: ProgramInfo,
    private readonly rt: RunContext,
    /** Free functions with per-run state (the Python bridge's `py_import`, ...), looked up before the built-ins. */
    private readonly hostFunctions: Readonly<Record<string, (...args: Value[]) => Value>> = {},
    private readonly argumentSlots: ArgumentSlots = NO_SLOTS,
  ) {}

  // ───────────────────────────── functions ─────────────────────────────

  compileFunction(code: FnCode): void {
    const saved = this.scope;
    this.returnType = code.decl.returnType;
    this.scope = new FunctionScope(null);
    for (const p of code.decl.params) this.scope.declare(p.isSelf ? "self" : p.name);
    const body = this.blockInScope(code.decl.body);
    code.body = body;
    code.nslots = this.scope.size;
    this.scope = saved;
  }

  /**
   * For the REPL (src/runtime/session.ts): compiles `code`'s whole body, so every binding has the
   * slot it has in the full function, but returns only its statements from `first` on. When the
   * last of those is an expression statement (not a `match`), `value` evaluates it instead.
   */
  compileTail(code: FnCode, first: number): { run: StmtFn; value: ((f: Frame) => Value) | null } {
    const saved = this.scope;
    this.returnType = code.decl.returnType;
    this.scope = new FunctionScope(null);
    for (const p of code.decl.params) this.scope.declare(p.isSelf ? "self" : p.name);
    const stmts = code.decl.body.stmts;
    const last = stmts.length > first ? stmts[stmts.length - 1]! : null;
    const valued = last !== null && last.kind === "ExprStmt" && last.expr.kind !== "Match" ? last : null;
    const fns = stmts.map((s) => (s === valued ? null : this.stmt(s)));
    const value = valued === null ? null : this.expr(valued.expr);
    code.nslots = this.scope.size;
    this.scope = saved;
    const end = valued === null ? stmts.length : stmts.length - 1;
    const run = steppedSequence(fns.slice(first, end) as StmtFn[], stmts.slice(first, end).map((s) => s.span), this.rt.budget);
    return { run, value };
  }

  /** Compiles a const initialiser in an empty frame. */
  compileConst(e: Expr): () => Value {
    const saved = this.scope;
    this.scope = new FunctionScope(null);
    const fn = this.expr(e);
    const size = this.scope.size;
    this.scope = saved;
    return () => fn(newFrame(size));
  }

  /** Calls a user method with `self` and arguments. */
  callMethod(code: FnCode, self: Value, args: readonly Value[]): Value {
    const fr: Frame = newFrame(code.nslots);
    let i = 1;
    if (code.hasSelf) fr[i++] = self;
    for (const a of args) fr[i++] = a;
    return invoke(this.rt, code, fr);
  }

  /** The user's `to_string` display for structs/variants (used by interpolation). */
  readonly toStringHook = (v: CStruct | CVariant): string | null => {
    const code = this.info.method(v instanceof CStruct ? v.info.name : v.type, "to_string");
    return code ? (this.callMethod(code, v, []) as string) : null;
  };

  /** A top-level function as a first-class value. */
  functionValue(code: FnCode): Value {
    let fv = this.fnValues.get(code);
    if (fv === undefined) {
      const rt = this.rt;
      fv = (...args: Value[]) => {
        const fr: Frame = newFrame(code.nslots);
        for (let i = 0; i < args.length; i++) fr[i + 1] = args[i];
        return invoke(rt, code, fr);
      };
      this.fnValues.set(code, fv);
    }
    return fv;
  }

  /** `py_invoke(...)` bound or returned under a declared type: the converted value must fit it. */
  private pythonChecked(e: Expr, declared: TypeExpr | null, value: ExprFn): ExprFn {
    const shape = checkableShape(declared);
    if (shape === null || e.kind !== "Call" || e.callee.kind !== "Name" || e.callee.name !== "py_invoke") return value;
    if (this.scope.lookup("py_invoke") >= 0) return value;
    const expected = declared!.kind === "NamedType" && declared!.args.length === 0 ? declared!.name : shape;
    const span = e.span;
    return (f) => {
      const v = value(f);
      if (isSignal(v) || fitsShape(v, shape)) return v;
      throw withSpan(abort("RuntimeError", R.pythonResultType, expected, describeValue(v)), span);
    };
  }

  // ───────────────────────────── statements ─────────────────────────────

  private blockInScope(b: Block): StmtFn {
    return this.steps(b.stmts);
  }

  /** Statements run in order, each one step of the budget (see budget.ts). */
  private steps(stmts: readonly Stmt[]): StmtFn {
    return steppedSequence(stmts.map((s) => this.stmt(s)), stmts.map((s) => s.span), this.rt.budget);
  }

  private block(b: Block): StmtFn {
    this.scope.push();
    const fn = this.blockInScope(b);
    this.scope.pop();
    return fn;
  }

  private stmt(s: Stmt): StmtFn {
    const fn = this.stmtInner(s);
    const span = s.span;
    // Expressions attach their own spans to aborts; only assignments (compound operators, field and
    // index stores) and destructuring lets need the statement's position.
    if (!(s.kind === "Assign" || (s.kind === "Let" && s.pattern.kind !== "NamePat"))) return fn;
    return (f) => {
      try {
        return fn(f);
      } catch (e) {
        throw withSpan(e, span);
      }
    };
  }

  private stmtInner(s: Stmt): StmtFn {
    switch (s.kind) {
      case "Let": {
        const value = this.pythonChecked(s.value, s.type, this.expr(s.value));
        const abrupt = mayAbrupt(s.value);
        const name = plainBinding(s.pattern, this.info);
        if (name !== null) {
          const slot = this.scope.declare(name);
          if (!abrupt)
            return (f) => {
              f[slot] = value(f);
              return NORMAL;
            };
          return (f) => {
            const v = value(f);
            if (isSignal(v)) return v.code;
            f[slot] = v;
            return NORMAL;
          };
        }
        const m = compilePattern(s.pattern, this.scope, this.info);
        const span = s.pattern.span;
        // the checker lets a trait value be destructured as one of its implementors: a value of
        // another type is an error here, never a silent read
        const shape = s.pattern.kind === "StructPat" || s.pattern.kind === "CtorPat" ? s.pattern.name.name : "(..)";
        return (f) => {
          const v = value(f);
          if (abrupt && isSignal(v)) return v.code;
          if (!m(v, f)) throw withSpan(abort("RuntimeError", R.letPatternMismatch, shape, typeNameOf(v)), span);
          return NORMAL;
        };
      }
      case "Var": {
        const value = this.expr(s.value);
        const slot = this.scope.declare(s.name.name);
        if (!mayAbrupt(s.value))
          return (f) => {
            f[slot] = value(f);
            return NORMAL;
          };
        return (f) => {
          const v = value(f);
          if (isSignal(v)) return v.code;
          f[slot] = v;
          return NORMAL;
        };
      }
      case "Assign":
        return this.assign(s);
      case "If": {
        const conds = s.branches.map((b) => this.expr(b.cond));
        const bodies = s.branches.map((b) => this.block(b.body));
        const elseBody = s.elseBody ? this.block(s.elseBody) : null;
        const condAbrupt = s.branches.some((b) => mayAbrupt(b.cond));
        if (conds.length === 1 && !condAbrupt) {
          const c0 = conds[0];
          const b0 = bodies[0];
          if (elseBody === null) return (f) => (c0(f) === true ? b0(f) : NORMAL);
          return (f) => (c0(f) === true ? b0(f) : elseBody(f));
        }
        return (f) => {
          for (let i = 0; i < conds.length; i++) {
            const c = conds[i](f);
            if (condAbrupt && isSignal(c)) return c.code;
            if (c === true) return bodies[i](f);
          }
          return elseBody === null ? NORMAL : elseBody(f);
        };
      }
      case "While": {
        const cond = this.expr(s.cond);
        const body = this.block(s.body);
        const condAbrupt = mayAbrupt(s.cond);
        return (f) => {
          for (;;) {
            const c = cond(f);
            if (c !== true) {
              if (condAbrupt && isSignal(c)) return c.code;
              return NORMAL;
            }
            const r = body(f);
            if (r !== NORMAL) {
              if (r === BREAK) return NORMAL;
              if (r === RETURN) return RETURN;
            }
          }
        };
      }
      case "For":
        return this.forStmt(s);
      case "Return": {
        if (s.value === null)
          return (f) => {
            f[0] = undefined;
            return RETURN;
          };
        const value = this.pythonChecked(s.value, this.returnType, this.expr(s.value));
        if (!mayAbrupt(s.value))
          return (f) => {
            f[0] = value(f);
            return RETURN;
          };
        return (f) => {
          const v = value(f);
          if (isSignal(v)) return v === SIG_RETURN ? RETURN : v.code; // a `?` already stored the value
          f[0] = v;
          return RETURN;
        };
      }
      case "Break":
        return () => BREAK;
      case "Continue":
        return () => CONTINUE;
      case "ExprStmt": {
        const e = s.expr.kind === "Match" ? this.matchExpr(s.expr) : this.expr(s.expr);
        if (!mayAbrupt(s.expr))
          return (f) => {
            e(f);
            return NORMAL;
          };
        return (f) => {
          const v = e(f);
          return isSignal(v) ? v.code : NORMAL;
        };
      }
    }
  }

  private forStmt(s: ForStmt): StmtFn {
    const name = plainBinding(s.pattern, this.info);
    // Fast path: `for i in a..b` over Ints without materialising a Range.
    if (s.iterable.kind === "Range" && name !== null && !mayAbrupt(s.iterable)) {
      const start = this.expr(s.iterable.start);
      const end = this.expr(s.iterable.end);
      const inclusive = s.iterable.inclusive;
      this.scope.push();
      const slot = this.scope.declare(name);
      const body = this.block(s.body);
      this.scope.pop();
      const general = this.loopOver(body, (v, f) => {
        f[slot] = v;
        return true;
      });
      return (f) => {
        const a = start(f);
        const b = end(f);
        if (typeof a === "number" && typeof b === "number" && b < SAFE) {
          const stop = inclusive ? b + 1 : b;
          for (let i = a; i < stop; i++) {
            f[slot] = i;
            const r = body(f);
            if (r !== NORMAL) {
              if (r === BREAK) return NORMAL;
              if (r === RETURN) return RETURN;
            }
          }
          return NORMAL;
        }
        return general(makeRange(a as number | bigint, b as number | bigint, inclusive), f);
      };
    }
    const iterable = this.expr(s.iterable);
    const abrupt = mayAbrupt(s.iterable);
    this.scope.push();
    let bind: Matcher;
    if (name !== null) {
      const slot = this.scope.declare(name);
      bind = (v, f) => {
        f[slot] = v;
        return true;
      };
    } else {
      bind = compilePattern(s.pattern, this.scope, this.info);
    }
    const body = this.block(s.body);
    this.scope.pop();
    const loop = this.loopOver(body, bind);
    return (f) => {
      const it = iterable(f);
      if (abrupt && isSignal(it)) return it.code;
      return loop(it, f);
    };
  }

  private loopOver(body: StmtFn, bind: Matcher): (it: Value, f: Frame) => number {
    const run = (items: readonly Value[], f: Frame): number => {
      for (let i = 0; i < items.length; i++) {
        bind(items[i], f);
        const r = body(f);
        if (r !== NORMAL) {
          if (r === BREAK) return NORMAL;
          if (r === RETURN) return RETURN;
        }
      }
      return NORMAL;
    };
    return (it, f) => {
      if (Array.isArray(it)) return run(it, f); // live length: pushes during the loop are seen
      if (it instanceof CRange) {
        if (typeof it.start === "number" && typeof it.stop === "number") {
          for (let i = it.start; i < it.stop; i++) {
            bind(i, f);
            const r = body(f);
            if (r !== NORMAL) {
              if (r === BREAK) return NORMAL;
              if (r === RETURN) return RETURN;
            }
          }
          return NORMAL;
        }
        for (let i = BigInt(it.start); i < BigInt(it.stop); i++) {
          bind(normInt(i), f);
          const r = body(f);
          if (r !== NORMAL) {
            if (r === BREAK) return NORMAL;
            if (r === RETURN) return RETURN;
          }
        }
        return NORMAL;
      }
      if (typeof it === "string") return run(codePoints(it), f);
      if (it instanceof CSet) return run([...it.values()], f);
      if (it instanceof CMap) return run([...it.keys()], f);
      throw abort("RuntimeError", R.noMethod, typeNameOf(it), "iter");
    };
  }

  private assign(s: AssignStmt): StmtFn {
    const value = this.expr(s.value);
    const op: BinFn | null = s.op === "=" ? null : BINARY[s.op.slice(0, -1) as "+"];
    const abrupt = mayAbrupt(s.value);
    const t = s.target;
    if (t.kind === "Name") {
      const slot = this.scope.lookup(t.name);
      if (slot < 0) return () => { throw abort("RuntimeError", R.undefinedName, t.name); };
      if (op === null)
        return (f) => {
          const v = value(f);
          if (abrupt && isSignal(v)) return v.code;
          f[slot] = v;
          return NORMAL;
        };
      if (op === opAdd)
        return (f) => {
          const v = value(f);
          if (abrupt && isSignal(v)) return v.code;
          const cur = f[slot];
          if (typeof cur === "number" && typeof v === "number") {
            const r = cur + v;
            if (r <= SAFE && r >= -SAFE) {
              f[slot] = r;
              return NORMAL;
            }
          }
          f[slot] = opAdd(cur, v);
          return NORMAL;
        };
      return (f) => {
        const v = value(f);
        if (abrupt && isSignal(v)) return v.code;
        f[slot] = op(f[slot], v);
        return NORMAL;
      };
    }
    if (t.kind === "Field") {
      const obj = this.expr(t.object);
      const field = t.name.name;
      return (f) => {
        const o = obj(f);
        if (isSignal(o)) return o.code;
        const v = value(f);
        if (abrupt && isSignal(v)) return v.code;
        if (!(o instanceof CStruct)) throw abort("RuntimeError", R.noField, typeNameOf(o), field);
        const slot = o.info.slotOf.get(field);
        if (slot === undefined) throw abort("RuntimeError", R.noField, o.info.name, field);
        o.fields[slot] = op === null ? v : op(o.fields[slot], v);
        return NORMAL;
      };
    }
    if (t.kind === "Index") {
      const obj = this.expr(t.object);
      const index = this.expr(t.index);
      return (f) => {
        const o = obj(f);
        if (isSignal(o)) return o.code;
        const i = index(f);
        if (isSignal(i)) return i.code;
        const v = value(f);
        if (abrupt && isSignal(v)) return v.code;
        const xs = o as Value[];
        if (typeof i !== "number" || i < 0 || i >= xs.length) throw abort("IndexError", R.listIndex, i, xs.length);
        xs[i] = op === null ? v : op(xs[i], v);
        return NORMAL;
      };
    }
    return () => { throw abort("RuntimeError", R.unsupported, "assignment target"); };
  }

  // ───────────────────────────── expressions ─────────────────────────────

  expr(e: Expr): ExprFn {
    switch (e.kind) {
      case "Int": {
        const v = normInt(e.value);
        return () => v;
      }
      case "Float": {
        const v = new CFloat(e.value);
        return () => v;
      }
      case "String":
      case "Char":
      case "Bool": {
        const v = e.value;
        return () => v;
      }
      case "Unit":
        return () => undefined;
      case "Name":
        return this.name(e.name);
      case "Self": {
        const slot = this.scope.lookup("self");
        return (f) => f[slot];
      }
      case "Interp":
        return this.interp(e);
      case "Tuple": {
        const parts = e.elements.map((x) => this.expr(x));
        return this.strict(e.elements, parts, (vs) => new CTuple(vs));
      }
      case "List": {
        const parts = e.elements.map((x) => this.expr(x));
        return this.strict(e.elements, parts, (vs) => vs);
      }
      case "StructLit":
        return this.structLit(e);
      case "Field":
        return this.field(e);
      case "Index": {
        const obj = this.expr(e.object);
        const idx = this.expr(e.index);
        const span = e.span;
        const at = (o: Value, i: Value): Value => {
          if (Array.isArray(o) && typeof i === "number" && i >= 0 && i < o.length) return o[i];
          try {
            return indexValue(o, i);
          } catch (x) {
            throw withSpan(x, span);
          }
        };
        return this.strict([e.object, e.index], [obj, idx], (vs) => at(vs[0], vs[1]), (f) => at(obj(f), idx(f)));
      }
      case "Call":
        return this.call(e);
      case "MethodCall":
        return this.methodCall(e);
      case "Try": {
        const inner = this.expr(e.expr);
        const abrupt = mayAbrupt(e.expr);
        return (f) => {
          const v = inner(f);
          if (abrupt && isSignal(v)) return v;
          const r = v as CVariant;
          if (r.tag === "Some" || r.tag === "Ok") return r.payload[0];
          f[0] = r; // None / Err(e) is returned as is
          return SIG_RETURN;
        };
      }
      case "Unary": {
        if (e.op === "-" && e.operand.kind === "Int") {
          const v = normInt(-e.operand.value);
          return () => v;
        }
        if (e.op === "-" && e.operand.kind === "Float") {
          const v = new CFloat(-e.operand.value);
          return () => v;
        }
        const x = this.expr(e.operand);
        if (e.op === "not") return this.strict([e.operand], [x], (vs) => !vs[0], (f) => !x(f));
        const span = e.span;
        const neg = (v: Value): Value => {
          if (typeof v === "number") return 0 - v;
          try {
            return opNeg(v);
          } catch (x) {
            throw withSpan(x, span);
          }
        };
        return this.strict([e.operand], [x], (vs) => neg(vs[0]), (f) => neg(x(f)));
      }
      case "Binary":
        return this.binary(e);
      case "Range": {
        const a = this.expr(e.start);
        const b = this.expr(e.end);
        const inclusive = e.inclusive;
        return this.strict([e.start, e.end], [a, b], (vs) => makeRange(vs[0] as number, vs[1] as number, inclusive));
      }
      case "Lambda":
        return this.lambda(e);
      case "IfExpr": {
        const c = this.expr(e.cond);
        const t = this.expr(e.then);
        const el = this.expr(e.else);
        const abrupt = mayAbrupt(e.cond);
        return (f) => {
          const v = c(f);
          if (abrupt && isSignal(v)) return v;
          return v === true ? t(f) : el(f);
        };
      }
      case "Match":
        return this.matchExpr(e);
      case "Become": {
        const v = this.expr(e.value);
        const state = e.state.name;
        return this.strict([e.value], [v], (vs) => {
          const s = vs[0] as CStruct;
          return new CStruct(s.info, s.fields, state);
        });
      }
    }
  }

  /**
   * An expression whose children are all evaluated, left to right, before `apply`. When a child can
   * complete abruptly, its signal is passed up instead of applying; otherwise `fast` (or a plain
   * loop) runs with no checks.
   */
  private strict(children: readonly Expr[], fns: ExprFn[], apply: (vs: Value[]) => Value, fast?: ExprFn): ExprFn {
    if (!children.some(mayAbrupt)) {
      if (fast) return fast;
      const n = fns.length;
      if (n === 0) return () => apply([]);
      if (n === 1) {
        const a = fns[0];
        return (f) => apply([a(f)]);
      }
      if (n === 2) {
        const a = fns[0];
        const b = fns[1];
        return (f) => apply([a(f), b(f)]);
      }
      return (f) => {
        const vs = new Array<Value>(n);
        for (let i = 0; i < n; i++) vs[i] = fns[i](f);
        return apply(vs);
      };
    }
    return (f) => {
      const vs = new Array<Value>(fns.length);
      for (let i = 0; i < fns.length; i++) {
        const v = fns[i](f);
        if (isSignal(v)) return v;
        vs[i] = v;
      }
      return apply(vs);
    };
  }

  private name(name: string): ExprFn {
    const slot = this.scope.lookup(name);
    if (slot >= 0) return (f) => f[slot];
    const cell = this.info.consts.get(name);
    if (cell) return () => cell.value;
    const code = this.info.functions.get(name);
    if (code) {
      const fv = this.functionValue(code);
      return () => fv;
    }
    const variant = this.info.variants.get(name);
    if (variant) {
      if (variant.constant) {
        const c = variant.constant;
        return () => c;
      }
      const ctor = (...args: Value[]) => new CVariant(variant.type, variant.tag, args);
      return () => ctor;
    }
    if (hasOwn(BUILTIN_CONSTANTS, name)) {
      const c = BUILTIN_CONSTANTS[name];
      return () => c;
    }
    if (hasOwn(this.hostFunctions, name)) {
      const fv = this.hostFunctions[name]!;
      return () => fv;
    }
    if (hasOwn(FREE_FUNCTIONS, name)) {
      const fn = FREE_FUNCTIONS[name];
      const budget = this.rt.budget;
      const fv = (a: Value, b: Value) => budget.sized(fn(a, b));
      return () => fv;
    }
    return () => {
      throw abort("RuntimeError", R.undefinedName, name);
    };
  }

  private interp(e: Extract<Expr, { kind: "Interp" }>): ExprFn {
    const hook = this.toStringHook;
    const parts = e.parts.map((p) => {
      if (p.kind === "Text") {
        const t = p.value;
        return () => t;
      }
      const x = this.expr(p.expr);
      return x;
    });
    const isText = e.parts.map((p) => p.kind === "Text");
    const abrupt = mayAbrupt(e);
    return (f) => {
      let out = "";
      for (let i = 0; i < parts.length; i++) {
        const v = parts[i](f);
        if (isText[i]) {
          out += v as string;
          continue;
        }
        if (abrupt && isSignal(v)) return v;
        out += typeof v === "string" ? v : display(v, hook);
      }
      return out;
    };
  }

  private structLit(e: Extract<Expr, { kind: "StructLit" }>): ExprFn {
    const info = this.info.structs.get(e.name.name);
    const name = e.name.name;
    if (!info) return () => { throw abort("RuntimeError", R.undefinedName, name); };
    const slots = e.fields.map((fi) => info.slotOf.get(fi.name.name) ?? -1);
    const fns = e.fields.map((fi) => this.expr(fi.value));
    const n = info.fields.length;
    const state = e.state;
    return this.strict(
      e.fields.map((fi) => fi.value),
      fns,
      (vs) => {
        const fields = new Array<Value>(n);
        for (let i = 0; i < vs.length; i++) if (slots[i] >= 0) fields[slots[i]] = vs[i];
        return new CStruct(info, fields, state);
      },
    );
  }

  private field(e: Extract<Expr, { kind: "Field" }>): ExprFn {
    const fieldName = e.name.name;
    // `Color.Red` / `Shape.Circle` on a sum type name (when not shadowed by a local).
    if (e.object.kind === "Name" && this.scope.lookup(e.object.name) < 0) {
      const variants = this.info.sumTypes.get(e.object.name);
      const v = variants?.get(fieldName);
      if (v) {
        if (v.constant) {
          const c = v.constant;
          return () => c;
        }
        const ctor = (...args: Value[]) => new CVariant(v.type, v.tag, args);
        return () => ctor;
      }
    }
    const obj = this.expr(e.object);
    let cachedInfo: unknown = null;
    let cachedSlot = 0;
    const read = (o: Value): Value => {
      if (o instanceof CStruct) {
        if (o.info === cachedInfo) return o.fields[cachedSlot];
        const slot = o.info.slotOf.get(fieldName);
        if (slot !== undefined) {
          cachedInfo = o.info;
          cachedSlot = slot;
          return o.fields[slot];
        }
      } else if (o instanceof PyObjectRef) {
        // Attribute access on an untyped Python value is dynamic (spec/python.md).
        try {
          return o.owner.getattr(o, fieldName);
        } catch (x) {
          throw withSpan(x, e.span);
        }
      }
      throw withSpan(abort("RuntimeError", R.noField, typeNameOf(o), fieldName), e.span);
    };
    if (!mayAbrupt(e.object)) return (f) => read(obj(f));
    return (f) => {
      const o = obj(f);
      return isSignal(o) ? o : read(o);
    };
  }

  private binary(e: Extract<Expr, { kind: "Binary" }>): ExprFn {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    const span = e.span;
    if (e.op === "and" || e.op === "or") {
      const isAnd = e.op === "and";
      const abrupt = mayAbrupt(e.left);
      return (f) => {
        const a = l(f);
        if (abrupt && isSignal(a)) return a;
        if (isAnd ? a !== true : a === true) return a;
        return r(f);
      };
    }
    const op = BINARY[e.op];
    const slow = (a: Value, b: Value): Value => {
      try {
        return op(a, b);
      } catch (x) {
        throw withSpan(x, span);
      }
    };
    if (mayAbrupt(e.left) || mayAbrupt(e.right)) {
      return (f) => {
        const a = l(f);
        if (isSignal(a)) return a;
        const b = r(f);
        if (isSignal(b)) return b;
        return slow(a, b);
      };
    }
    const special = this.binarySpecial(e, slow);
    if (special !== null) return special;
    switch (e.op) {
      case "+":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const x = a + b;
            if (x <= SAFE && x >= -SAFE) return x;
          }
          return slow(a, b);
        };
      case "-":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const x = a - b;
            if (x <= SAFE && x >= -SAFE) return x;
          }
          return slow(a, b);
        };
      case "<":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" ? a < b : slow(a, b);
        };
      case "<=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" ? a <= b : slow(a, b);
        };
      case ">":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" ? a > b : slow(a, b);
        };
      case ">=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" ? a >= b : slow(a, b);
        };
      case "*":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const x = a * b;
            if (x <= SAFE && x >= -SAFE) return x + 0; // exact; `+ 0` turns -0 into 0
          }
          return slow(a, b);
        };
      case "%":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" && b !== 0 ? floorMod(a, b) : slow(a, b);
        };
      case "/":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return typeof a === "number" && typeof b === "number" && b !== 0 ? floorDiv(a, b) : slow(a, b);
        };
      case "==":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return (typeof a === "object" ? opEq(a, b) : a === b);
        };
      case "!=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          return !((typeof a === "object" ? opEq(a, b) : a === b));
        };
      default:
        return (f) => slow(l(f), r(f));
    }
  }

  /** Fast closures for `local op IntConst` and `local op local`, the shapes of loop counters,
   * recursion arguments and comparisons; null when the operands have other shapes. */
  private binarySpecial(e: Extract<Expr, { kind: "Binary" }>, slow: (a: Value, b: Value) => Value): ExprFn | null {
    if (e.left.kind !== "Name") return null;
    const ls = this.scope.lookup(e.left.name);
    if (ls < 0) return null;
    if (e.right.kind === "Int") {
      const k = normInt(e.right.value);
      if (typeof k !== "number") return null;
      // Past 2^53 the local is a bigint: hand the generic operator the constant as one too, so
      // it is not converted again on every evaluation.
      const kb = BigInt(k);
      switch (e.op) {
        case "+":
          return (f) => {
            const a = f[ls];
            if (typeof a === "number") {
              const x = a + k;
              if (x <= SAFE && x >= -SAFE) return x;
            }
            return slow(a, typeof a === "bigint" ? kb : k);
          };
        case "-":
          return (f) => {
            const a = f[ls];
            if (typeof a === "number") {
              const x = a - k;
              if (x <= SAFE && x >= -SAFE) return x;
            }
            return slow(a, typeof a === "bigint" ? kb : k);
          };
        case "<":
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? a < k : slow(a, k);
          };
        case "<=":
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? a <= k : slow(a, k);
          };
        case ">":
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? a > k : slow(a, k);
          };
        case ">=":
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? a >= k : slow(a, k);
          };
        case "%":
          if (k === 0) return null;
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? floorMod(a, k) : slow(a, typeof a === "bigint" ? kb : k);
          };
        case "/":
          if (k === 0) return null;
          return (f) => {
            const a = f[ls];
            return typeof a === "number" ? floorDiv(a, k) : slow(a, typeof a === "bigint" ? kb : k);
          };
        case "*":
          return (f) => {
            const a = f[ls];
            if (typeof a === "number") {
              const x = a * k;
              if (x <= SAFE && x >= -SAFE) return x + 0;
            }
            return slow(a, typeof a === "bigint" ? kb : k);
          };
        case "==":
          return (f) => f[ls] === k;
        case "!=":
          return (f) => f[ls] !== k;
        default:
          return null;
      }
    }
    if (e.right.kind !== "Name") return null;
    const rs = this.scope.lookup(e.right.name);
    if (rs < 0) return null;
    switch (e.op) {
      case "+":
        return (f) => {
          const a = f[ls];
          const b = f[rs];
          if (typeof a === "number" && typeof b === "number") {
            const x = a + b;
            if (x <= SAFE && x >= -SAFE) return x;
          }
          return slow(a, b);
        };
      case "<":
        return (f) => {
          const a = f[ls];
          const b = f[rs];
          return typeof a === "number" && typeof b === "number" ? a < b : slow(a, b);
        };
      default:
        return null;
    }
  }

  private lambda(e: LambdaExpr): ExprFn {
    const saved = this.scope;
    const savedReturn = this.returnType;
    this.returnType = e.returnType;
    const scope = new FunctionScope(saved);
    this.scope = scope;
    const nparams = e.params.length;
    for (const p of e.params) scope.declare(p.name);
    let run: (fr: Frame) => Value;
    if (e.body.kind === "Block") {
      // A block body's value is its last line when that is an expression (a `match` too), as in
      // the reference; an explicit `return` anywhere wins.
      const stmts = e.body.stmts;
      const last = stmts[stmts.length - 1];
      const valued = last !== undefined && last.kind === "ExprStmt";
      const prefix = this.steps(valued ? stmts.slice(0, -1) : stmts);
      const tail = valued ? this.expr(last.expr) : null;
      run = (fr) => {
        if (prefix(fr) === RETURN) return fr[0];
        if (tail === null) return undefined;
        const v = tail(fr);
        return v === SIG_RETURN ? fr[0] : v;
      };
    } else {
      const body = this.expr(e.body);
      run = (fr) => {
        const v = body(fr);
        return v === SIG_RETURN ? fr[0] : v;
      };
    }
    this.scope = saved;
    this.returnType = savedReturn;
    const captures = scope.captures;
    const rt = this.rt;
    const budget = rt.budget;
    const cell = budget.position.cell;
    const span = e.span;
    const id = budget.position.register(span);
    const size = scope.size;
    return (f) => {
      const snapshot = captures.map(([outer]) => f[outer]); // captured by value, now
      return (...args: Value[]) => {
        const fr: Frame = newFrame(size);
        for (let i = 0; i < captures.length; i++) fr[captures[i][1]] = snapshot[i];
        for (let i = 0; i < nparams; i++) fr[i + 1] = args[i];
        // A lambda call is a step: `(0..n).map(fun (x) => ...)` runs no statement of its own.
        cell[0] = id;
        if (++budget.steps >= budget.nextCheck) budget.checkpoint(span);
        if (++rt.depth > rt.maxDepth) throw abort("RecursionError", R.stackOverflow, rt.maxDepth);
        const v = run(fr);
        rt.depth--;
        return v;
      };
    };
  }

  // ───────────────────────────── match ─────────────────────────────

  private matchExpr(e: MatchExpr): ExprFn {
    const scrut = this.expr(e.scrutinee);
    const abrupt = mayAbrupt(e.scrutinee);
    // One flat list of patterns (an arm of `A | B` contributes two), each with its arm's guard and
    // body: one loop and plain array reads per match instead of objects of arrays.
    const tests: Matcher[] = [];
    const guards: (ExprFn | null)[] = [];
    const bodies: ExprFn[] = [];
    for (const arm of e.arms) {
      this.scope.push();
      const matchers = arm.patterns.map((p) => compilePattern(p, this.scope, this.info));
      const guard = arm.guard ? this.expr(arm.guard) : null;
      const body = arm.body.kind === "Block" ? this.valueBlock(arm.body) : this.expr(arm.body);
      this.scope.pop();
      for (const m of matchers) {
        tests.push(m);
        guards.push(guard);
        bodies.push(body);
      }
    }
    const n = tests.length;
    return (f) => {
      const v = scrut(f);
      if (abrupt && isSignal(v)) return v;
      for (let i = 0; i < n; i++) {
        if (!tests[i]!(v, f)) continue;
        const guard = guards[i]!;
        if (guard !== null) {
          const g = guard(f);
          if (g !== true) {
            if (isSignal(g)) return g;
            continue;
          }
        }
        return bodies[i]!(f);
      }
      return undefined; // a statement match over an open domain may match nothing
    };
  }

  /** A block used as a value: its last bare expression is the value; return/break/continue signal. */
  private valueBlock(b: Block): ExprFn {
    const stmts = b.stmts;
    const last = stmts[stmts.length - 1];
    const init = last && last.kind === "ExprStmt" ? stmts.slice(0, -1) : stmts;
    const prefix = this.steps(init);
    const tail = last && last.kind === "ExprStmt" ? this.expr(last.expr) : null;
    const abrupt = blockMayAbrupt({ ...b, stmts: init });
    return (f) => {
      if (init.length > 0) {
        const c = prefix(f);
        if (abrupt && c !== NORMAL) return signalFor(c);
      }
      return tail === null ? undefined : tail(f);
    };
  }

  // ───────────────────────────── calls ─────────────────────────────

  private args(args: readonly Arg[]): ExprFn[] {
    return args.map((a) => this.expr(a.value));
  }

  /**
   * Where each written argument goes when the call names its arguments: the checker's binding, so
   * `f(b: x, a: y)` delivers `y` as `a` (values are still evaluated in written order). Null when
   * the written order is the parameter order; "unbound" when a named call reaches the run without
   * the checker's binding.
   */
  private slotsOf(e: CallExpr | MethodCallExpr): readonly number[] | null | "unbound" {
    if (!e.args.some((a) => a.name !== null)) return null;
    const slots = this.argumentSlots.get(e);
    if (slots === undefined) return "unbound";
    return slots.every((s, i) => s === i) ? null : slots;
  }

  private unboundNamedArguments(span: Span): ExprFn {
    return () => {
      throw withSpan(abort("RuntimeError", R.unboundNamedArguments), span);
    };
  }

  private call(e: CallExpr): ExprFn {
    const slots = this.slotsOf(e);
    if (slots === "unbound") return this.unboundNamedArguments(e.span);
    if (slots !== null) return this.namedCall(e, slots);
    const args = this.args(e.args);
    const argExprs = e.args.map((a) => a.value);
    const abrupt = argExprs.some(mayAbrupt) || mayAbrupt(e.callee);
    const span = e.span;
    if (e.callee.kind === "Name" && this.scope.lookup(e.callee.name) < 0) {
      const name = e.callee.name;
      const code = this.info.functions.get(name);
      if (code) return this.directCall(code, args, argExprs);
      const variant = this.info.variants.get(name);
      if (variant) return this.strict(argExprs, args, (vs) => new CVariant(variant.type, variant.tag, vs));
      if (hasOwn(this.hostFunctions, name)) {
        const fn = this.hostFunctions[name]!;
        const guarded = (vs: Value[]): Value => {
          try {
            return fn(...vs);
          } catch (x) {
            throw withSpan(x, span);
          }
        };
        return this.strict(argExprs, args, guarded);
      }
      if (hasOwn(FREE_FUNCTIONS, name)) {
        const fn = FREE_FUNCTIONS[name];
        const budget = this.rt.budget;
        const guarded = (vs: Value[]): Value => {
          try {
            return budget.sized(fn(vs[0], vs[1]));
          } catch (x) {
            throw withSpan(x, span);
          }
        };
        return this.strict(argExprs, args, guarded);
      }
    }
    const callee = this.expr(e.callee);
    if (!abrupt && args.length === 1) {
      const a0 = args[0];
      return (f) => {
        const fn = callee(f);
        const v0 = a0(f);
        if (typeof fn !== "function") throw withSpan(abort("RuntimeError", R.notCallable, typeNameOf(fn)), span);
        return (fn as (x: Value) => Value)(v0);
      };
    }
    return this.strict([e.callee, ...argExprs], [callee, ...args], (vs) => {
      const fn = vs[0];
      if (typeof fn !== "function") throw withSpan(abort("RuntimeError", R.notCallable, typeNameOf(fn)), span);
      return (fn as (...xs: Value[]) => Value)(...vs.slice(1));
    });
  }

  /** `f(b: x, a: y)`: the checker binds names only for user functions, so this is a direct call. */
  private namedCall(e: CallExpr, slots: readonly number[]): ExprFn {
    const code = e.callee.kind === "Name" && this.scope.lookup(e.callee.name) < 0 ? this.info.functions.get(e.callee.name) : undefined;
    if (code === undefined) return this.unboundNamedArguments(e.span);
    return this.namedDirectCall(code, e.args, slots);
  }

  private namedDirectCall(code: FnCode, written: readonly Arg[], slots: readonly number[]): ExprFn {
    const rt = this.rt;
    return this.strict(written.map((a) => a.value), this.args(written), (vs) => {
      const fr: Frame = newFrame(code.nslots);
      for (let i = 0; i < vs.length; i++) fr[slots[i]! + 1] = vs[i];
      return invoke(rt, code, fr);
    });
  }

  private directCall(code: FnCode, args: ExprFn[], argExprs: readonly Expr[]): ExprFn {
    const rt = this.rt;
    if (!argExprs.some(mayAbrupt)) {
      switch (args.length) {
        case 0:
          return () => invoke(rt, code, newFrame(code.nslots));
        case 1: {
          const a0 = args[0];
          return (f) => {
            const v0 = a0(f);
            const fr: Frame = newFrame(code.nslots);
            fr[1] = v0;
            return invoke(rt, code, fr);
          };
        }
        case 2: {
          const a0 = args[0];
          const a1 = args[1];
          return (f) => {
            const v0 = a0(f);
            const v1 = a1(f);
            const fr: Frame = newFrame(code.nslots);
            fr[1] = v0;
            fr[2] = v1;
            return invoke(rt, code, fr);
          };
        }
        case 3: {
          const a0 = args[0];
          const a1 = args[1];
          const a2 = args[2];
          return (f) => {
            const v0 = a0(f);
            const v1 = a1(f);
            const v2 = a2(f);
            const fr: Frame = newFrame(code.nslots);
            fr[1] = v0;
            fr[2] = v1;
            fr[3] = v2;
            return invoke(rt, code, fr);
          };
        }
      }
    }
    return this.strict(argExprs, args, (vs) => {
      const fr: Frame = newFrame(code.nslots);
      for (let i = 0; i < vs.length; i++) fr[i + 1] = vs[i];
      return invoke(rt, code, fr);
    });
  }

  private methodCall(e: MethodCallExpr): ExprFn {
    const method = e.method.name;
    const slots = this.slotsOf(e);
    if (slots === "unbound") return this.unboundNamedArguments(e.span);
    const args = this.args(e.args);
    const argExprs = e.args.map((a) => a.value);
    const span = e.span;
    // Qualified forms on a type name: `Shape.Circle(r)`, `Point.origin()`.
    if (e.receiver.kind === "Name" && this.scope.lookup(e.receiver.name) < 0) {
      const typeName = e.receiver.name;
      const variant = this.info.sumTypes.get(typeName)?.get(method);
      if (variant && slots === null) return this.strict(argExprs, args, (vs) => new CVariant(variant.type, variant.tag, vs));
      const staticCode = this.info.method(typeName, method);
      if (staticCode && !staticCode.hasSelf) return slots === null ? this.directCall(staticCode, args, argExprs) : this.namedDirectCall(staticCode, e.args, slots);
      if (this.info.modules.has(typeName) && !this.info.consts.has(typeName) && !this.info.functions.has(typeName)) {
        // `strings.shout(x)`: imported modules are merged into the program, so this is `shout(x)`.
        const code = this.info.functions.get(method);
        if (code) return slots === null ? this.directCall(code, args, argExprs) : this.namedDirectCall(code, e.args, slots);
        return () => {
          throw withSpan(abort("RuntimeError", R.unsupported, `module-qualified call '${typeName}.${method}'`), span);
        };
      }
    }
    const recv = this.expr(e.receiver);
    const dispatch = this.dispatcher(method, span);
    const abrupt = mayAbrupt(e.receiver) || argExprs.some(mayAbrupt);
    const userOwned = this.info.methodOwners.get(method);
    const strFast = !userOwned?.has("String") && hasOwn(STRING_METHODS, method) ? STRING_METHODS[method] : null;
    const listFast = !userOwned?.has("List") && hasOwn(LIST_METHODS, method) ? LIST_METHODS[method] : null;
    // Maps, Sets and Options too skip the per-call table lookup and argument array (no user impl
    // of this method on that type, as `dispatch` would find first).
    const mapFast = !userOwned?.has("Map") && hasOwn(MAP_METHODS, method) ? MAP_METHODS[method] : null;
    const setFast = !userOwned?.has("Set") && hasOwn(SET_METHODS, method) ? SET_METHODS[method] : null;
    const optionFast = !userOwned?.has("Option") && hasOwn(OPTION_METHODS, method) ? OPTION_METHODS[method] : null;
    if (slots !== null) {
      // Values in written order, delivered in the order of the parameters they name.
      return this.strict([e.receiver, ...argExprs], [recv, ...args], (vs) => {
        const ordered = new Array<Value>(slots.length);
        for (let i = 0; i < slots.length; i++) ordered[slots[i]!] = vs[i + 1];
        return dispatch(vs[0], ordered);
      });
    }
    if (!abrupt && args.length <= 2) {
      const budget = this.rt.budget;
      const a0 = args[0];
      const a1 = args[1];
      const n = args.length;
      return (f) => {
        const r = recv(f);
        const v0 = n > 0 ? a0(f) : undefined;
        const v1 = n > 1 ? a1(f) : undefined;
        try {
          if (typeof r === "string" && strFast !== null) return budget.sized(strFast(r, v0, v1));
          if (listFast !== null && Array.isArray(r)) return budget.sized(listFast(r, v0, v1));
          if (typeof r === "object") {
            if (mapFast !== null && r instanceof CMap) return budget.sized(mapFast(r, v0, v1));
            if (setFast !== null && r instanceof CSet) return budget.sized(setFast(r, v0, v1));
            if (optionFast !== null && r instanceof CVariant && r.type === "Option") return optionFast(r, v0, v1);
          }
        } catch (x) {
          throw withSpan(x, span);
        }
        return dispatch(r, n === 0 ? [] : n === 1 ? [v0] : [v0, v1]);
      };
    }
    return this.strict([e.receiver, ...argExprs], [recv, ...args], (vs) => dispatch(vs[0], vs.slice(1)));
  }

  /** How run-time capability wrappers reach the capability they guard (spec/capabilities.md). */
  private wrapperHost: InterpreterWrapperHost | null = null;
  private get wrappers(): InterpreterWrapperHost {
    this.wrapperHost ??= makeWrapperHost(this.info.program, (t, m) => this.info.method(t, m), (code, self, args) => this.callMethod(code, self, args));
    return this.wrapperHost;
  }

  /** Method dispatch for one call site: user impls by type name, built-ins, capabilities. */
  private dispatcher(method: string, span: Span): (recv: Value, args: Value[]) => Value {
    const owners = this.info.methodOwners.get(method);
    const budget = this.rt.budget;
    let cacheType: string | null = null;
    let cacheCode: FnCode | undefined;
    return (recv, args) => {
      try {
        // Before user dispatch: a wrapped capability's guards must see every call.
        if (recv instanceof WrappedCapability) return callWrapped(recv, method, args, this.wrappers);
        if (owners !== undefined) {
          const tn = typeNameOf(recv);
          if (tn !== cacheType) {
            cacheType = tn;
            cacheCode = owners.has(tn) ? this.info.method(tn, method) : undefined;
          }
          if (cacheCode !== undefined) return this.callMethod(cacheCode, recv, args);
        }
        const builtin = builtinMethod(recv, method);
        if (builtin !== null) return budget.sized(builtin(recv, args[0], args[1]));
        if (WRAPPER_METHODS.has(method) && this.wrappers.wrappable(recv)) return wrap(recv, method, args, this.wrappers);
        if (isCapabilityValue(recv)) return budget.sized(callCapability(recv, method, args));
        if (recv instanceof CStruct) {
          const slot = recv.info.slotOf.get(method);
          const fn = slot === undefined ? undefined : recv.fields[slot];
          if (typeof fn === "function") return (fn as (...xs: Value[]) => Value)(...args);
        }
        throw abort("RuntimeError", R.noMethod, typeNameOf(recv), method);
      } catch (x) {
        throw withSpan(x, span);
      }
    };
  }
}

/**
 * Statements in order, each a step: it publishes its position and, every so often, lets the
 * budget check the clock and the heap. Inlined here rather than wrapped around each statement,
 * which would cost a closure call per statement.
 */
function steppedSequence(stmts: StmtFn[], spans: Span[], budget: Budget): StmtFn {
  const n = stmts.length;
  const cell = budget.position.cell;
  const ids = spans.map((s) => budget.position.register(s));
  if (n === 0) return () => NORMAL;
  if (n === 1) {
    const [a] = stmts;
    const [ia] = ids;
    const [sa] = spans;
    return (f) => {
      cell[0] = ia;
      if (++budget.steps >= budget.nextCheck) budget.checkpoint(sa);
      return a(f);
    };
  }
  if (n === 2) {
    const [a, b] = stmts;
    const [ia, ib] = ids;
    const [sa, sb] = spans;
    return (f) => {
      cell[0] = ia;
      if (++budget.steps >= budget.nextCheck) budget.checkpoint(sa);
      const c = a(f);
      if (c !== NORMAL) return c;
      cell[0] = ib;
      if (++budget.steps >= budget.nextCheck) budget.checkpoint(sb);
      return b(f);
    };
  }
  return (f) => {
    for (let i = 0; i < n; i++) {
      cell[0] = ids[i];
      if (++budget.steps >= budget.nextCheck) budget.checkpoint(spans[i]);
      const c = stmts[i](f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

/** Int `%` on two safe-integer numbers, divisor non-zero: floor modulo (the divisor's sign). */
function floorMod(a: number, b: number): number {
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r + 0;
}

/** Int `/` on two safe-integer numbers, divisor non-zero: floor division (exact: a - r is a multiple of b). */
function floorDiv(a: number, b: number): number {
  const r = a % b;
  let q = (a - r) / b;
  if (r !== 0 && r < 0 !== b < 0) q -= 1;
  return q + 0;
}

function indexValue(o: Value, i: Value): Value {
  if (Array.isArray(o)) {
    if (typeof i === "number" && i >= 0 && i < o.length) return o[i];
    throw abort("IndexError", R.listIndex, i, o.length);
  }
  if (o instanceof CTuple) {
    if (typeof i === "number" && i >= 0 && i < o.items.length) return o.items[i];
    throw abort("IndexError", R.tupleIndex, i, o.items.length);
  }
  throw abort("RuntimeError", R.noMethod, typeNameOf(o), "index");
}
