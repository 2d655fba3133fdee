// Source-like text of call arguments and callees for the model's call records, in the reference's
// abbreviated style (`"a${...}b"`, `fun(...) => ...`, `if c then ... else ...`, `match e { ... }`),
// cut to 80 characters. Invariant: a pure re-print of the AST; never reads the source file.

import type { Arg, Expr, FunDecl, Span } from "../../syntax/ast.js";
import { floatRepr } from "../../syntax/float-repr.js";

export const MAX_ARG_TEXT = 80;

export function clip(text: string): string {
  return text.length <= MAX_ARG_TEXT ? text : `${text.slice(0, MAX_ARG_TEXT - 3)}...`;
}

/** A string's value as a double-quoted literal with the reference's four escapes (`\\ \" \n \t`). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

const args = (as: readonly Arg[]): string => as.map((a) => (a.name ? `${a.name.name}: ` : "") + exprText(a.value)).join(", ");

const PRECEDENCE: Record<string, number> = {
  or: 1, and: 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
  "|": 6, "^": 7, "&": 8, "<<": 9, ">>": 9, "+": 10, "-": 10, "*": 11, "/": 11, "%": 11,
};

function operand(e: Expr, parent: number, right: boolean): string {
  const text = exprText(e);
  if (e.kind !== "Binary") return text;
  const mine = PRECEDENCE[e.op] ?? 0;
  return mine < parent || (right && mine === parent) ? `(${text})` : text;
}

export function exprText(e: Expr): string {
  switch (e.kind) {
    // Literals by value, as the reference prints them: `0xFF` is 255, `0.0000000015` is 1.5e-09
    // (Python's float repr), and a raw string is the quoted literal of its value.
    case "Int":
      return e.value.toString();
    case "Float":
      return floatRepr(e.value);
    case "String":
      return quote(e.value);
    case "Interp":
      return quote(e.parts.map((p) => (p.kind === "Text" ? p.value : "\u0000")).join("")).replace(/\u0000/g, "${...}");
    case "Char":
      return `'${e.value}'`;
    case "Bool":
      return e.value ? "true" : "false";
    case "Unit":
      return "()";
    case "Name":
      return e.name;
    case "Self":
      return "self";
    case "Tuple":
      return `(${e.elements.map(exprText).join(", ")}${e.elements.length === 1 ? "," : ""})`;
    case "List":
      return `[${e.elements.map(exprText).join(", ")}]`;
    case "StructLit": {
      const head = [...e.qualifier, e.name.name].join(".") + (e.state !== null ? `[${e.state}]` : "");
      return `${head} { ${e.fields.map((f) => `${f.name.name}: ${exprText(f.value)}`).join(", ")} }`;
    }
    case "Field":
      return `${exprText(e.object)}.${e.name.name}`;
    case "Index":
      return `${exprText(e.object)}[${exprText(e.index)}]`;
    case "Call":
      return `${exprText(e.callee)}(${args(e.args)})`;
    case "MethodCall":
      return `${exprText(e.receiver)}.${e.method.name}(${args(e.args)})`;
    case "Try":
      return `${exprText(e.expr)}?`;
    case "Unary":
      return e.op === "not" ? `not ${exprText(e.operand)}` : `-${exprText(e.operand)}`;
    case "Binary": {
      const p = PRECEDENCE[e.op] ?? 0;
      return `${operand(e.left, p, false)} ${e.op} ${operand(e.right, p, true)}`;
    }
    case "Range":
      return `${exprText(e.start)}${e.inclusive ? "..=" : ".."}${exprText(e.end)}`;
    case "Lambda":
      return "fun(...) => ...";
    case "IfExpr":
      return `if ${exprText(e.cond)} then ... else ...`;
    case "Match":
      return `match ${exprText(e.scrutinee)} { ... }`;
    case "Become":
      return `become(${exprText(e.value)}, ${e.state.name})`;
  }
}

/**
 * Where a function is declared for position reports: its `fun` keyword (after any `pub`). The AST span
 * starts at the first attribute when there are any, so then the keyword is found from the name.
 */
export function funPosition(decl: FunDecl): Span {
  if (decl.attributes.length === 0 && !decl.isPub) return decl.span;
  // The reference points at the `fun` keyword: after `pub `, below any attributes.
  const n = decl.name.span;
  const col = Math.max(1, n.col - "fun ".length);
  return { file: n.file, line: n.line, col, endLine: n.line, endCol: col + 3 };
}
