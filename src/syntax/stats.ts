// Size figures of a parsed program for `capa --check`'s one-line summary. Read-only walk.

import type { Program } from "./ast.js";

const EXPRESSION_KINDS = new Set([
  "Int", "Float", "String", "Interp", "Char", "Bool", "Unit", "Name", "Self", "Tuple", "List", "StructLit",
  "Field", "Index", "Call", "MethodCall", "Try", "Unary", "Binary", "Range", "Lambda", "IfExpr", "Match", "Become",
]);
const BINDING_KINDS = new Set(["NamePat", "Var", "Param"]);

export interface ProgramCounts {
  readonly items: number;
  readonly expressions: number;
  readonly bindings: number;
}

export function countProgram(program: Program): ProgramCounts {
  let expressions = 0;
  let bindings = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const kind = (node as { kind?: unknown }).kind;
    if (typeof kind === "string") {
      if (EXPRESSION_KINDS.has(kind)) expressions++;
      else if (BINDING_KINDS.has(kind)) bindings++;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "span") visit(value);
  };
  visit(program.items);
  return { items: program.items.filter((i) => i.kind !== "Import").length, expressions, bindings };
}
