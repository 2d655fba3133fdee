// Source text of an expression as recorded in audit facts: the verbatim slice when the source is
// known (whitespace runs collapsed), else a canonical re-print of the AST. Pure string handling.

import type { Arg, Expr } from "../../syntax/ast.js";

export function exprText(raw: string): string {
  return raw.replace(/\s*\n\s*/g, " ").trim();
}

const args = (as: readonly Arg[]) => as.map((a) => (a.name ? `${a.name.name}: ` : "") + printExpr(a.value)).join(", ");

/** Re-prints an expression in surface syntax (used when no source text is available). */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "Int":
    case "Float":
      return e.raw;
    case "String":
      return JSON.stringify(e.value);
    case "Char":
      return `'${e.value}'`;
    case "Bool":
      return e.value ? "true" : "false";
    case "Unit":
      return "()";
    case "Interp":
      return `"${e.parts.map((p) => (p.kind === "Text" ? p.value : `\${${printExpr(p.expr)}}`)).join("")}"`;
    case "Name":
      return e.name;
    case "Self":
      return "self";
    case "Tuple":
      return `(${e.elements.map(printExpr).join(", ")}${e.elements.length === 1 ? "," : ""})`;
    case "List":
      return `[${e.elements.map(printExpr).join(", ")}]`;
    case "StructLit":
      return `${e.name.name} { ${e.fields.map((f) => `${f.name.name}: ${printExpr(f.value)}`).join(", ")} }`;
    case "Field":
      return `${printExpr(e.object)}.${e.name.name}`;
    case "Index":
      return `${printExpr(e.object)}[${printExpr(e.index)}]`;
    case "Call":
      return `${printExpr(e.callee)}(${args(e.args)})`;
    case "MethodCall":
      return `${printExpr(e.receiver)}.${e.method.name}(${args(e.args)})`;
    case "Try":
      return `${printExpr(e.expr)}?`;
    case "Unary":
      return e.op === "not" ? `not ${printExpr(e.operand)}` : `-${printExpr(e.operand)}`;
    case "Binary":
      return `${printExpr(e.left)} ${e.op} ${printExpr(e.right)}`;
    case "Range":
      return `${printExpr(e.start)}${e.inclusive ? "..=" : ".."}${printExpr(e.end)}`;
    case "IfExpr":
      return `if ${printExpr(e.cond)} then ${printExpr(e.then)} else ${printExpr(e.else)}`;
    case "Become":
      return `become(${printExpr(e.value)}, ${e.state.name})`;
    case "Lambda":
      return "fun (...) => ...";
    case "Match":
      return `match ${printExpr(e.scrutinee)} ...`;
  }
}
