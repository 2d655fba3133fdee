// What a lambda captures: the paths it reads from its enclosing scope whose type the caller cares
// about (capabilities and cap-bearing values; linear values). Shared by the aliasing rule (a lambda passed
// beside the capability it captures) and the linear flow (a lambda called after a capture was
// consumed). Invariant: pure; reads the typing result only.

import type { Expr, LambdaExpr } from "../../syntax/ast.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import type { Type } from "../types.js";
import { pathOf, within, type CapPath } from "./paths.js";
import { walkBlock, walkExpr } from "./walk.js";

export function lambdaCaptures(lambda: LambdaExpr, typing: TypeCheckResult, wanted: (t: Type | undefined) => boolean): CapPath[] {
  const out = new Map<string, CapPath>();
  const visit = (x: Expr): void => {
    const p = x.kind === "Name" || x.kind === "Self" || x.kind === "Field" ? pathOf(x, typing) : null;
    if (p === null || (p.rootSpan !== null && within(p.rootSpan, lambda.span))) return;
    if (wanted(typing.typeOf(x)) && !out.has(p.key)) out.set(p.key, p);
  };
  if (lambda.body.kind === "Block") walkBlock(lambda.body, { expr: visit });
  else walkExpr(lambda.body, { expr: visit });
  return [...out.values()];
}
