// Shadows that the language rejects because its readings diverge: a binding inside a lambda that
// shadows a binding from outside the lambda (or a module constant/function the lambda reads), and
// a binding in a function body that shadows a module constant/function the function also reads.
// A closure or an earlier read would see one binding on one backend and the other on another, so
// the reference refuses both shapes; so do we. (Shadowing within one function's blocks is the
// type checker's E2015.)
// Invariant: reads the typed program only; its own scope stack, one walk per function.

import { DiagnosticBag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Block, Expr, FunDecl, MatchArm, Pattern, Program, Span, Stmt } from "../syntax/ast.js";
import { forEachChild, walkBlock, walkExpr } from "./capabilities/walk.js";
import { M } from "./messages.js";
import type { TypeCheckResult } from "./typecheck/index.js";

interface ModuleItem {
  readonly kind: "constant" | "function";
  readonly span: Span;
}

/** One lexical scope: names bound in it, and whether it is the parameter scope of a lambda. */
interface Frame {
  /** Created on the first binding: most blocks bind nothing. */
  names: Map<string, Span> | null;
  /** For a lambda's parameter scope: its body, whose module reads are computed on first need. */
  readonly lambda: { readonly body: Expr | Block; reads: ReadonlyMap<string, Span> | null } | null;
}

export function checkShadowing(program: Program, typing: TypeCheckResult): Diagnostic[] {
  const bag = new DiagnosticBag();
  const items = new Map<string, ModuleItem>();
  for (const item of program.items) {
    if (item.kind === "Const") items.set(item.name.name, { kind: "constant", span: item.span });
    else if (item.kind === "Fun") items.set(item.name.name, { kind: "function", span: item.span });
  }
  for (const item of program.items) {
    const fns: FunDecl[] = item.kind === "Fun" ? [item] : item.kind === "Impl" ? [...item.methods] : [];
    for (const fn of fns) new FunctionShadows(typing, items, bag).check(fn);
  }
  return bag.sorted();
}

class FunctionShadows {
  private readonly frames: Frame[] = [];
  private readonly visitChild = (c: Expr): void => this.expr(c);
  /** Indices in `frames` of the open lambdas' parameter scopes, innermost last. */
  private readonly lambdas: number[] = [];
  /** Module items this function reads, with the first read's position (computed on first need:
   * most functions bind no name that a module item has). */
  private functionReads: ReadonlyMap<string, Span> | null = null;
  private body: Block | null = null;

  constructor(
    private readonly typing: TypeCheckResult,
    private readonly items: ReadonlyMap<string, ModuleItem>,
    private readonly bag: DiagnosticBag,
  ) {}

  check(fn: FunDecl): void {
    this.functionReads = null;
    this.body = fn.body;
    this.frames.push({ names: new Map(fn.params.map((p) => [p.name, this.typing.paramBinding(p)?.span ?? p.span])), lambda: null });
    this.block(fn.body);
  }

  private block(b: Block): void {
    this.frames.push({ names: null, lambda: null });
    for (const s of b.stmts) this.stmt(s);
    this.frames.pop();
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case "Let":
        this.expr(s.value);
        this.bindPattern(s.pattern, s.pattern.span, s.span);
        return;
      case "Var":
        this.expr(s.value);
        this.bind(s.name.name, s.name.span, s.span, s.span);
        return;
      case "Assign":
        this.expr(s.target);
        this.expr(s.value);
        return;
      case "If":
        for (const br of s.branches) {
          this.expr(br.cond);
          this.block(br.body);
        }
        if (s.elseBody) this.block(s.elseBody);
        return;
      case "While":
        this.expr(s.cond);
        this.block(s.body);
        return;
      case "For":
        this.expr(s.iterable);
        this.frames.push({ names: null, lambda: null });
        this.bindPattern(s.pattern, s.pattern.span, s.pattern.span);
        this.block(s.body);
        this.frames.pop();
        return;
      case "Return":
        if (s.value) this.expr(s.value);
        return;
      case "ExprStmt":
        this.expr(s.expr);
        return;
      case "Break":
      case "Continue":
        return;
    }
  }

  private expr(e: Expr): void {
    forEachChild(e, this.visitChild);
    if (e.kind === "Lambda") {
      this.lambdas.push(this.frames.length);
      this.frames.push({ names: new Map(e.params.map((p) => [p.name, p.span])), lambda: { body: e.body, reads: null } });
      if (e.body.kind === "Block") this.block(e.body);
      else this.expr(e.body);
      this.frames.pop();
      this.lambdas.pop();
    } else if (e.kind === "Match") {
      for (const arm of e.arms) this.arm(arm);
    }
  }

  private arm(arm: MatchArm): void {
    this.frames.push({ names: null, lambda: null });
    for (const p of arm.patterns) this.bindPattern(p, p.span, p.span);
    if (arm.guard) this.expr(arm.guard);
    if (arm.body.kind === "Block") this.block(arm.body);
    else this.expr(arm.body);
    this.frames.pop();
  }

  /** Every name a pattern binds, reported (if at all) at `at`, where the reference points. */
  private bindPattern(p: Pattern, at: Span, statement: Span): void {
    for (const b of this.typing.bindingsOf(p)) this.bind(b.name, b.span, at, statement);
  }

  /** `statement`: the binding's whole statement, whose initialiser may read the shadowed item. */
  private bind(name: string, declared: Span, at: Span, statement: Span): void {
    this.report(name, at, statement);
    const frame = this.frames[this.frames.length - 1]!;
    (frame.names ??= new Map()).set(name, declared);
  }

  private report(name: string, at: Span, statement: Span): void {
    const lambdaIndex = this.lambdas.length === 0 ? -1 : this.lambdas[this.lambdas.length - 1]!;
    if (lambdaIndex >= 0) {
      // Inside a lambda: any binding visible from outside it, or a module item the lambda reads.
      for (let i = lambdaIndex - 1; i >= 0; i--) {
        const outer = this.frames[i]!.names?.get(name);
        if (outer !== undefined) {
          this.bag.report(M.shadowsEnclosing, at, [name, outer.line, outer.col]);
          return;
        }
      }
      const item = this.items.get(name);
      const lambda = this.frames[lambdaIndex]!.lambda!;
      // Only a read before the binding: a sibling branch's read after it sees the module item on
      // every backend (the reference accepts it).
      const read = item === undefined ? undefined : (lambda.reads ??= this.moduleReads(lambda.body)).get(name);
      if (item !== undefined && read !== undefined && startsBefore(read, statement)) {
        this.bag.report(M.shadowsEnclosing, at, [name, item.span.line, item.span.col]);
      }
      return;
    }
    const item = this.items.get(name);
    if (item === undefined) return;
    const read = (this.functionReads ??= this.moduleReads(this.body!)).get(name);
    if (read !== undefined) {
      this.bag.report(M.shadowsModuleItem, at, [name, item.kind, item.span.line, item.span.col, read.line, read.col]);
    }
  }

  /** Names in `body` that resolve to a module constant or function, with their first position. */
  private moduleReads(body: Expr | Block): Map<string, Span> {
    const reads = new Map<string, Span>();
    const visitor = {
      expr: (e: Expr): void => {
        if (e.kind !== "Name" || reads.has(e.name)) return;
        const b = this.typing.resolve(e);
        if (b?.kind === "const" || b?.kind === "function") reads.set(e.name, e.span);
      },
    };
    if (body.kind === "Block") walkBlock(body, visitor);
    else walkExpr(body, visitor);
    return reads;
  }
}

/** `a` starts before `b` ends: a read in the binding's own initialiser counts (`let S = S`). */
const startsBefore = (a: Span, b: Span): boolean => a.line < b.endLine || (a.line === b.endLine && a.col < b.endCol);
