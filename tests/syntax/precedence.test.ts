// Operator precedence and associativity, the expression ladder of notes §2 (loosest first: or,
// and, not, comparisons, ranges, |, ^, &, shifts, + -, * / %, unary minus, postfix), which the
// parser implements by precedence climbing. Trees are printed as S-expressions.
import { describe, expect, it } from "vitest";
import type * as A from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/index.js";

function sexp(e: A.Expr): string {
  switch (e.kind) {
    case "Binary":
      return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "Unary":
      return `(${e.op} ${sexp(e.operand)})`;
    case "Range":
      return `(${e.inclusive ? "..=" : ".."} ${sexp(e.start)} ${sexp(e.end)})`;
    case "Name":
      return e.name;
    case "Int":
      return e.raw;
    case "MethodCall":
      return `(.${e.method.name} ${sexp(e.receiver)}${e.args.map((a) => " " + sexp(a.value)).join("")})`;
    case "Try":
      return `(? ${sexp(e.expr)})`;
    default:
      return e.kind;
  }
}

/** The tree of `let r = <expr>`, or its first diagnostic as "col: message". */
function parsed(expr: string): string {
  const { program, diagnostics } = parseSource(`fun f()\n    let r = ${expr}\n`, "t.capa");
  if (diagnostics.length > 0) return `${diagnostics[0]!.span.col}: ${diagnostics[0]!.message}`;
  const fun = program.items[0] as A.FunDecl;
  return sexp((fun.body.stmts[0] as A.LetStmt).value);
}

const CASES: [string, string][] = [
  ["a or b and c", "(or a (and b c))"],
  ["a and b or c", "(or (and a b) c)"],
  ["not a and b", "(and (not a) b)"],
  ["not a == b", "(not (== a b))"],
  ["not not a or b", "(or (not (not a)) b)"],
  ["a and not b == c", "(and a (not (== b c)))"],
  ["a == b and c != d or e", "(or (and (== a b) (!= c d)) e)"],
  ["a - b - c", "(- (- a b) c)"],
  ["a % b / c", "(/ (% a b) c)"],
  ["a - b * c + d", "(+ (- a (* b c)) d)"],
  ["-a * b", "(* (- a) b)"],
  ["- -a", "(- (- a))"],
  ["a | b ^ c & d", "(| a (^ b (& c d)))"],
  ["a << b + c", "(<< a (+ b c))"],
  ["a + b << c", "(<< (+ a b) c)"],
  ["a == b .. c", "(== a (.. b c))"],
  ["a .. b == c", "(== (.. a b) c)"],
  ["a ..= b + 1", "(..= a (+ b 1))"],
  ["x.f(y)? * 2", "(* (? (.f x y)) 2)"],
];

describe("operator precedence and associativity", () => {
  for (const [expr, tree] of CASES) {
    it(expr, () => expect(parsed(expr)).toBe(tree));
  }
});

describe("operators that do not combine", () => {
  it("comparisons do not chain", () => {
    expect(parsed("a < b < c")).toBe("19: comparison operators are non-associative; use parentheses or boolean operators to combine");
  });
  it("a second range operator ends the expression", () => {
    expect(parsed("a .. b .. c")).toBe("20: expected newline after let binding");
  });
  it("`not` is no operand of a comparison", () => {
    expect(parsed("a == not b")).toBe("18: expected expression, got KW_NOT 'not'");
  });
});
