// Information-flow control entry point: summaries to a fixpoint (callee-first worklist), then one
// reporting pass. Returns diagnostics and audit facts; never mutates the AST or prints.

import type { Diagnostic, Span } from "../../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../../diagnostics/diagnostic.js";
import type { ConstDecl, Expr, FunDecl, Program } from "../../syntax/ast.js";
import type { DeclassificationFact, ModuleDeclassificationFact, SecretSinkFact } from "../model.js";
import type { TypeCheckResult } from "../typecheck/result.js";
import { FunctionAnalyzer, type Reporter, type Shared } from "./analyzer.js";
import { Cell, LabelReader } from "./cells.js";
import { join, origin, secretLabel } from "./labels.js";
import { STEP } from "./messages.js";
import { type FunEntry, indexProgram, tyOf } from "./program-index.js";
import { type Summary, summaryKey } from "./summary.js";
import { exprText, printExpr } from "./source-text.js";

export interface IfcOptions {
  /** Source text of `program.file`, for the verbatim `value` of declassification facts. */
  readonly source?: string;
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

  const diagnostics = new Map<string, Diagnostic>();
  const declassifications = new Map<FunDecl, DeclassificationFact[]>();
  const sinks = new Map<FunDecl, Map<string, SecretSinkFact>>();
  const moduleDeclassifications: ModuleDeclassificationFact[] = [];

  let current: { fn: FunDecl | null; constDecl: ConstDecl | null } = { fn: null, constDecl: null };
  const silent: Reporter = { active: false, report() {}, declassified() {}, unauditedSink() {} };
  const loud: Reporter = {
    active: true,
    report(entry, span, args, hints = []) {
      const key = `${span.line}:${span.col}:${entry.code}`;
      if (!diagnostics.has(key)) diagnostics.set(key, makeDiagnostic(entry, span, args, hints));
    },
    declassified(fact) {
      if (current.constDecl) {
        moduleDeclassifications.push({ ...fact, ownerKind: "const", owner: current.constDecl.name.name });
      } else if (current.fn) {
        const list = declassifications.get(current.fn) ?? [];
        if (!list.some((f) => samePos(f.span, fact.span))) list.push(fact);
        declassifications.set(current.fn, list);
      }
    },
    unauditedSink(capability, span) {
      if (!current.fn) return;
      const m = sinks.get(current.fn) ?? new Map<string, SecretSinkFact>();
      m.set(`${capability}@${span.line}:${span.col}`, { capability, span });
      sinks.set(current.fn, m);
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
      constCells.set(name, c);
      return c;
    },
  };

  // constants first, with reporting on: their initialisers are analysed exactly once
  constAnalyzer = new FunctionAnalyzer(shared, loud);
  for (const name of index.consts.keys()) shared.evalConst(name);

  // summaries: every callable once in source order, then re-run the callers of changed ones
  const quiet = new FunctionAnalyzer(shared, silent);
  const keys = new Map<FunDecl, string>();
  const byDecl = new Map<FunDecl, FunEntry>(index.entries.map((e) => [e.decl, e]));
  const queue: FunEntry[] = [...index.entries];
  const queued = new Set<FunDecl>(queue.map((e) => e.decl));
  const budget = index.entries.length * 8 + 64;
  for (let steps = 0; queue.length > 0 && steps < budget; steps++) {
    const entry = queue.shift()!;
    queued.delete(entry.decl);
    const s = quiet.analyzeFunction(entry);
    const key = summaryKey(s);
    summaries.set(entry.decl, s);
    if (keys.get(entry.decl) === key) continue;
    const first = !keys.has(entry.decl);
    keys.set(entry.decl, key);
    if (first && key === summaryKey(emptyKeyProbe)) continue;
    for (const caller of callers.get(entry.decl) ?? []) {
      const ce = byDecl.get(caller);
      if (ce && !queued.has(caller)) {
        queue.push(ce);
        queued.add(caller);
      }
    }
  }

  // reporting pass over stable summaries
  const reporting = new FunctionAnalyzer(shared, loud);
  for (const entry of index.entries) {
    current = { fn: entry.decl, constDecl: null };
    reporting.analyzeFunction(entry);
  }

  const unauditedSecretSinks = new Map<FunDecl, SecretSinkFact[]>();
  for (const [fn, m] of sinks) {
    unauditedSecretSinks.set(fn, [...m.values()].sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col));
  }
  for (const list of declassifications.values()) list.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return { diagnostics: [...diagnostics.values()], declassifications, unauditedSecretSinks, moduleDeclassifications, summaries };
}

const emptyKeyProbe: Summary = { sinkParams: new Map(), returnSecret: null, returnClean: true, runsSink: false };

function samePos(a: Span, b: Span): boolean {
  return a.line === b.line && a.col === b.col;
}

/** Slices source text by span; falls back to an empty string when the source is not given. */
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

