// The `borrow` parameter modifier: a function-typed parameter the callee may only invoke. It may
// be called (`cb(...)`) or handed on to a `borrow` parameter of a top-level function; any other
// use — stored, returned, aliased, passed elsewhere, captured by a lambda — lets the callback
// outlive the call, and the manifest's promise that the callee adds no authority would be false.
// Invariant: reads the typed program only; one walk per function.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Expr, FunDecl, NameExpr, Span } from "../../syntax/ast.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import { prune } from "../types.js";
import { CAP } from "./messages.js";
import { within } from "./paths.js";
import { walkBlock } from "./walk.js";

export function checkBorrowParams(fn: FunDecl, typing: TypeCheckResult, bag: DiagnosticBag): void {
  const borrowed = new Set<number>();
  for (const p of fn.params) {
    if (p.mode !== "borrow") continue;
    const b = typing.paramBinding(p);
    if (b === undefined || prune(b.type).kind !== "Fun") {
      bag.report(CAP.borrowOnNonFunction, p.span, [p.name]);
      continue;
    }
    borrowed.add(b.id);
  }
  if (borrowed.size === 0) return;
  const isBorrowed = (e: Expr): e is NameExpr => {
    if (e.kind !== "Name") return false;
    const b = typing.resolve(e);
    return b?.kind === "param" && borrowed.has(b.id);
  };

  // Uses that keep the callback inside the call: invoking it, or lending it on to a `borrow` slot.
  // A use inside a lambda is a capture, whatever its shape. (The walk is pre-order, so a lambda
  // is seen before anything in its body.)
  const allowed = new Set<Expr>();
  const lambdas: Span[] = [];
  const visitCalls = (e: Expr): void => {
    if (e.kind === "Lambda") lambdas.push(e.span);
    if (e.kind !== "Call" || lambdas.some((l) => within(e.span, l))) return;
    if (isBorrowed(e.callee)) allowed.add(e.callee);
    const target = typing.callTarget(e);
    if (target?.kind !== "user" || target.fn.container !== null) return;
    const params = target.fn.params.filter((p) => !p.isSelf);
    e.args.forEach((a, i) => {
      const param = a.name === null ? params[i] : params.find((p) => p.name === a.name!.name);
      if (param?.mode === "borrow" && isBorrowed(a.value)) allowed.add(a.value);
    });
  };
  walkBlock(fn.body, {
    expr: (e) => {
      visitCalls(e);
      if (isBorrowed(e) && !allowed.has(e)) bag.report(CAP.borrowEscapes, e.span, [e.name]);
    },
  });
}
