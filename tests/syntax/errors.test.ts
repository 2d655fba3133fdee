// Every lexical and syntax error of notes §1–§2: message and position, as the reference reports them.
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";

const main = (body: string) => `fun main(stdio: Stdio)\n${body}\n`;

/** [name, source, expected first diagnostic as "line:col: message"] */
const CASES: [string, string, string][] = [
  ["unterminated block comment", main("    /* never closed\n    stdio.println(\"x\")"), "2:5: unterminated block comment"],
  ["nested block comment stays open", main("    /* a /* b */ still open\n    stdio.println(\"x\")"), "2:5: unterminated block comment"],
  ["tab in indentation", main("\tstdio.println(\"x\")"), "2:1: tabs are not allowed at the start of a line; use spaces only (4 by convention)"],
  ["inconsistent dedent", main("        stdio.println(\"a\")\n      stdio.println(\"b\")"), "3:1: inconsistent indentation: indent does not match any outer level"],
  ["unmatched closer", main("    let x = 1)"), "2:14: unmatched closing ')' (no matching opener)"],
  ["mismatched closer", main("    let x = (1]"), "2:15: mismatched delimiter: expected closing match for '(', got ']'"],
  ["unclosed opener", main("    let x = (1 + 2\n    stdio.println(\"x\")"), "2:13: Unclosed '(' (opened at line 2, col 13)"],
  ["trailing underscore", main("    let x = 1_"), "2:15: numeric literal cannot end with underscore"],
  ["double underscore", main("    let x = 1__0"), "2:15: consecutive underscores in numeric literal"],
  ["leading underscore after prefix", main("    let x = 0x_FF"), "2:15: numeric literal cannot start with underscore"],
  ["empty exponent", main("    let x = 1e"), "2:15: expected digit in exponent"],
  ["hex prefix without digits", main("    let x = 0x"), "2:15: expected hexadecimal digit"],
  ["binary prefix without digits", main("    let x = 0b"), "2:15: expected binary digit"],
  ["octal digit out of range", main("    let x = 0o9"), "2:15: expected octal digit"],
  ["unterminated string", main("    stdio.println(\"abc"), "2:19: unterminated string literal (newline before closing quote)"],
  ["unknown escape", main("    stdio.println(\"\\q\")"), "2:21: unknown escape sequence: \\q"],
  ["empty unicode escape", main("    stdio.println(\"\\u{}\")"), "2:24: empty unicode escape sequence"],
  ["long unicode escape", main("    stdio.println(\"\\u{1234567}\")"), "2:31: unicode escape sequence too long (max 6 hex digits)"],
  ["unicode out of range", main("    stdio.println(\"\\u{110000}\")"), "2:30: unicode escape U+110000 out of range (max U+10FFFF)"],
  ["empty char", main("    let c = ''"), "2:13: empty character literal"],
  ["bang", main("    let b = !true"), "2:13: unexpected '!'; for logical negation, use 'not'; for inequality, use '!='"],
  ["chained comparison", main("    let b = 1 < 2 < 3"), "2:19: comparison operators are non-associative; use parentheses or boolean operators to combine"],
  ["chained range", main("    let r = 1..2..3"), "2:17: range operators are non-associative; use parentheses"],
  ["missing operand", main("    let x = 1 +"), "2:16: expected expression, got NEWLINE '\\n'"],
  ["keyword as name", main("    let borrow = 3"), "2:9: expected pattern, got KW_BORROW"],
  ["doc on const", "/// dangling\nconst X: Int = 1\n", "2:1: doc comments (`///`) are not valid on 'const' (v1 supports them on fun / type / trait / capability). Use a plain comment (`//`) for a constant-level note, or move the doc above the next declaration."],
  ["doc on impl", "/// doc\nimpl Foo\n    fun f(self)\n        return\n", "2:1: doc comments (`///`) are not valid on 'impl' (attach to its methods instead, or use a plain comment `//` for an impl-block-level note)."],
  ["doc at end of file", "fun f()\n    return\n/// nothing follows\n", "3:1: doc comment must be followed by a 'fun', 'type', 'trait', 'capability' or impl method"],
  ["reserved variant", "type T =\n    Some(Int)\n", "2:5: variant 'Some' is reserved (collides with the built-in Option::Some constructor). Rename this variant. Common alternatives: Present, Hit, Just, Filled."],
  ["attribute on type", "@vex(cve: \"x\")\ntype P { x: Int }\n", "2:1: attributes are not valid on 'type' (v1 supports them on 'fun' only)"],
  ["attribute on const", "@vex(cve: \"x\")\nconst X: Int = 1\n", "2:1: attributes are not valid on 'const' (v1 supports them on 'fun' only)"],
  ["attribute value not a string", "@vex(cve: 3)\nfun f()\n    return\n", "1:11: attribute arguments must be string literals (key: \"value\")"],
  ["semicolon", main("    let x = 3;"), "2:14: unexpected ';': Capa statements end at the end of the line"],
  ["if-expression without else", main("    let x = if true then 1"), "2:27: expected 'else' (an if-expression needs both branches), got NEWLINE '\\n'"],
  ["reserved future word", main("    let x = await"), "2:13: 'await' is a reserved word"],
  ["stray character", main("    let x = 1 # 2"), "2:15: unexpected character '#'"],
];

describe("lexical and syntax errors", () => {
  for (const [name, source, expected] of CASES) {
    it(name, () => {
      const { diagnostics } = parseSource(source, "t.capa");
      expect(diagnostics.length).toBeGreaterThan(0);
      const d = diagnostics[0]!;
      expect(`${d.span.line}:${d.span.col}: ${d.message}`).toBe(expected);
      expect(d.code).toMatch(/^E1\d{3}$/);
    });
  }
});

describe("nesting limit", () => {
  it("reports deep parentheses as a diagnostic, not a stack overflow", () => {
    const src = main(`    let x = ${"(".repeat(500)}1${")".repeat(500)}`);
    const { diagnostics } = parseSource(src, "t.capa");
    expect(diagnostics.map((d) => d.message)).toContain("expression nesting too deep (limit 40); simplify or split the expression");
  });
  it("reports deep unary chains", () => {
    const { diagnostics } = parseSource(main(`    let x = ${"-".repeat(2000)}1`), "t.capa");
    expect(diagnostics[0]!.message).toBe("expression nesting too deep (limit 40); simplify or split the expression");
  });
  it("accepts 39 nested parentheses and rejects 40 at the innermost operand, like the reference", () => {
    expect(parseSource(main(`    let x = ${"(".repeat(39)}1${")".repeat(39)}`), "t.capa").diagnostics).toEqual([]);
    const d = parseSource(main(`    let x = ${"(".repeat(40)}1${")".repeat(40)}`), "t.capa").diagnostics[0]!;
    expect(`${d.span.line}:${d.span.col}`).toBe("2:53");
  });
});

describe("recovery", () => {
  it("reports errors from several statements, sorted by position", () => {
    const src = main("    let a = 1 +\n    let b = !x\n    let c = 2");
    const { diagnostics } = parseSource(src, "t.capa");
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.col}`)).toEqual(["2:16", "3:13"]);
  });
});
