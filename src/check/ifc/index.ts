// Information-flow control entry point: summaries to a fixpoint (callee-first worklist), then one
// reporting pass. Returns diagnostics and audit facts; never mutates the AST or prints.

import { walkBlock } from "../capabilities/walk.js";
import type { Diagnostic, Span } from "../../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../../diagnostics/diagnostic.js";
import type { ConstDecl, Expr, FunDecl, Program } from "../../syntax/ast.js";
import type { DeclassificationFact, ModuleDeclassificationFact, SecretSinkFact } from "../model.js";
import type { TypeCheckResult } from "../typecheck/result.js";
import { FunctionAnalyzer, type Reporter, type Shared } from "./analyzer.js";
import { Cell, LabelReader } from "./cells.js";
import { join, origin, secretLabel, type Flow } from "./labels.js";
import { STEP } from "./messages.js";
import { type FunEntry, type ProgramIndex, indexProgram, tyOf } from "./program-index.js";
import { type Summary, emptySummary, settled, summaryKey } from "./summary.js";
import { exprText, printExpr } from "./source-text.js";

export interface IfcOptions {
  /** Source text of `program.file`, for the verbatim `value` of declassification facts. */
  readonly source?: string;
  /** Hears the label of every `let`/`var`/pattern binding as it is bound (the language server's
   * hover); called again when a fixpoint pass re-binds it. Absent: nothing is computed for it. */
  readonly onBinding?: (span: Span, secret: Flow | null) => void;
}

export interface IfcResult {
  readonly diagnostics: Diagnostic[];
  /** Recorded declassify sites per function or method (lambdas count for their enclosing one). */
  readonly declassifications: Map<FunDecl, DeclassificationFact[]>;
  /** Warn-tier secrets reaching a sink, per function (deduplicated, sorted by position). */
  readonly unauditedSecretSinks: Map<FunDecl, SecretSinkFact[]>;
  /** Declassify sites inside constant initialisers. */
  readonly moduleDeclassifications: ModuleDeclassificationFact[];
  /** Final per-callable summaries (for tests and tools). */
  readonly summaries: Map<FunDecl, Summary>;
}

export function checkInformationFlow(program: Program, typing: TypeCheckResult | null, options: IfcOptions = {}): IfcResult {
  const index = indexProgram(program);
  const summaries = new Map<FunDecl, Summary>();
  const callers = new Map<FunDecl, Set<FunDecl>>();
  const sourceText = makeSourceText(options.source);
  const valueText = (e: Expr) => (options.source === undefined ? printExpr(e) : sourceText(e.span));
  const constCells = new Map<string, Cell>();

  // each callable's findings from its latest analysis: the last run of each one sees final summaries,
  // because any change to a callee's summary re-queues all its callers
  interface Bucket {
    diagnostics: Map<string, Diagnostic>;
    declassifications: DeclassificationFact[];
    sinks: Map<string, SecretSinkFact>;
  }
  const newBucket = (): Bucket => ({ diagnostics: new Map(), declassifications: [], sinks: new Map() });
  const buckets = new Map<FunDecl | ConstDecl, Bucket>();
  const moduleDeclassifications: ModuleDeclassificationFact[] = [];

  let current: { fn: FunDecl | null; constDecl: ConstDecl | null } = { fn: null, constDecl: null };
  let bucket = newBucket();
  const reporter: Reporter = {
    active: true,
    report(entry, span, args, hints = []) {
      const key = `${span.line}:${span.col}:${entry.code}`;
      if (!bucket.diagnostics.has(key)) bucket.diagnostics.set(key, makeDiagnostic(entry, span, args, hints));
    },
    declassified(fact) {
      if (current.constDecl) {
        moduleDeclassifications.push({ ...fact, ownerKind: "const", owner: current.constDecl.name.name });
      } else if (!bucket.declassifications.some((f) => samePos(f.span, fact.span))) {
        bucket.declassifications.push(fact);
      }
    },
    unauditedSink(capability, span) {
      bucket.sinks.set(`${capability}@${span.line}:${span.col}`, { capability, span });
    },
  };

  const evaluating = new Set<string>();
  let constAnalyzer: FunctionAnalyzer | null = null;
  const shared: Shared = {
    index,
    typing,
    labels: new LabelReader(index),
    summaries,
    callers,
    sourceText,
    valueText,
    constCells,
    ...(options.onBinding === undefined ? {} : { onBinding: options.onBinding }),
    evalConst(name) {
      const hit = constCells.get(name);
      if (hit) return hit;
      const decl = index.consts.get(name);
      if (!decl || evaluating.has(name) || !constAnalyzer) return null;
      evaluating.add(name);
      const saved = current;
      current = { fn: null, constDecl: decl };
      const v = constAnalyzer.analyzeConst(decl.value);
      current = saved;
      evaluating.delete(name);
      const declared = tyOf(decl.type, null);
      const own = declared?.label === "secret" ? join(v.own, secretLabel(origin(STEP.secretConst(name), decl.type.span))) : v.own;
      const c = Cell.of(own, declared ?? v.ty);
      c.elem = v.elem;
      c.fields = v.fields;
      c.konst = v.konst;
      constCells.set(name, c);
      return c;
    },
  };

  // constants first: their initialisers are analysed exactly once
  const analyzer = new FunctionAnalyzer(shared, reporter);
  constAnalyzer = analyzer;
  for (const decl of index.consts.values()) {
    if (constCells.has(decl.name.name)) continue;
    const saved = bucket;
    bucket = newBucket();
    buckets.set(decl, bucket);
    shared.evalConst(decl.name.name);
    bucket = saved;
  }

  // callables callee-first, then re-run the callers of any whose summary changed
  const keys = new Map<FunDecl, string>();
  const byDecl = new Map<FunDecl, FunEntry>(index.entries.map((e) => [e.decl, e]));
  const queue: FunEntry[] = calleeFirst(index);
  const queued = new Set<FunDecl>(queue.map((e) => e.decl));
  const budget = index.entries.length * 8 + 64;
  for (let steps = 0, head = 0; head < queue.length && steps < budget; steps++) {
    const entry = queue[head++]!;
    queued.delete(entry.decl);
    current = { fn: entry.decl, constDecl: null };
    bucket = newBucket();
    buckets.set(entry.decl, bucket);
    const s = settled(analyzer.analyzeFunction(entry));
    const key = summaryKey(s);
    summaries.set(entry.decl, s);
    if (keys.get(entry.decl) === key) continue;
    const first = !keys.has(entry.decl);
    keys.set(entry.decl, key);
    if (first && key === EMPTY_KEY) continue;
    for (const caller of callers.get(entry.decl) ?? []) {
      const ce = byDecl.get(caller);
      if (ce && !queued.has(caller)) {
        queue.push(ce);
        queued.add(caller);
      }
    }
  }

  const diagnostics: Diagnostic[] = [];
  const declassifications = new Map<FunDecl, DeclassificationFact[]>();
  const unauditedSecretSinks = new Map<FunDecl, SecretSinkFact[]>();
  for (const [owner, bk] of buckets) {
    diagnostics.push(...bk.diagnostics.values());
    if (owner.kind !== "Fun") continue;
    if (bk.declassifications.length) declassifications.set(owner, bk.declassifications.sort(byPos));
    if (bk.sinks.size) unauditedSecretSinks.set(owner, [...bk.sinks.values()].sort(byPos));
  }
  return { diagnostics, declassifications, unauditedSecretSinks, moduleDeclassifications, summaries };
}

const EMPTY_KEY = summaryKey(emptySummary());

const byPos = (a: { span: Span }, b: { span: Span }) => a.span.line - b.span.line || a.span.col - b.span.col;

/** Source-ordered callables rearranged so that directly named callees come before their callers. */
function calleeFirst(index: ProgramIndex): FunEntry[] {
  const out: FunEntry[] = [];
  const state = new Map<FunEntry, 1 | 2>();
  const visit = (root: FunEntry) => {
    // iterative DFS: deep call chains must not overflow the stack
    const stack: [FunEntry, FunEntry[] | null][] = [[root, null]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top[1] === null) {
        if (state.has(top[0])) {
          stack.pop();
          continue;
        }
        state.set(top[0], 1);
        top[1] = [...namedCallees(top[0].decl)].map((n) => index.functions.get(n)).filter((e): e is FunEntry => !!e);
      }
      const next = top[1].pop();
      if (next) {
        if (!state.has(next)) stack.push([next, null]);
      } else {
        state.set(top[0], 2);
        out.push(top[0]);
        stack.pop();
      }
    }
  };
  for (const e of index.entries) visit(e);
  return out;
}

/** Names called directly (`f(...)`) anywhere in a body. */
function namedCallees(decl: FunDecl): Set<string> {
  const names = new Set<string>();
  walkBlock(decl.body, {
    expr: (e) => {
      if (e.kind === "Call" && e.callee.kind === "Name") names.add(e.callee.name);
    },
  });
  return names;
}

function samePos(a: Span, b: Span): boolean {
  return a.line === b.line && a.col === b.col;
}

/** Slices source text by span; empty when the source is not given. */
function makeSourceText(source: string | undefined): (span: Span) => string {
  if (source === undefined) return () => "";
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (span: Span) => {
    const a = (starts[span.line - 1] ?? 0) + span.col - 1;
    const b = (starts[span.endLine - 1] ?? 0) + span.endCol - 1;
    return exprText(source.slice(a, Math.max(a, b)));
  };
}
