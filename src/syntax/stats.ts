// Size figures of a parsed program for `capa --check`'s one-line summary. Read-only walk.

import type { Program } from "./ast.js";

const EXPRESSION_KINDS = new Set([
  "Int", "Float", "String", "Interp", "Char", "Bool", "Unit", "Name", "Self", "Tuple", "List", "StructLit",
  "Field", "Index", "Call", "MethodCall", "Try", "Unary", "Binary", "Range", "Lambda", "IfExpr", "Match", "Become",
]);

export interface ProgramCounts {
  readonly items: number;
  readonly expressions: number;
  readonly bindings: number;
}

/**
 * Counted as the reference counts them: "expressions typed" are expression nodes except the name
 * a direct call is made through (`f` in `f(x)`); "bindings" are name uses (`Name` and `self`)
 * that resolve to a declaration.
 */
export function countProgram(program: Program): ProgramCounts {
  let expressions = 0;
  let bindings = 0;
  const visit = (node: unknown, isCallee: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, false);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const kind = (node as { kind?: unknown }).kind;
    if (typeof kind === "string") {
      if (EXPRESSION_KINDS.has(kind) && !(isCallee && kind === "Name")) expressions++;
      if (kind === "Name" || kind === "Self") bindings++;
    }
    // `for...in` over the node's own keys: no entries array per node (this runs on every --check)
    const record = node as Record<string, unknown>;
    for (const key in record) if (key !== "span" && typeof record[key] === "object") visit(record[key], kind === "Call" && key === "callee");
  };
  visit(program.items, false);
  return { items: program.items.filter((i) => i.kind !== "Import").length, expressions, bindings };
}
