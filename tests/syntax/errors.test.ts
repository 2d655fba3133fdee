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
  ["underscore right after a base prefix", main("    let x = 0x_FF"), "2:15: expected hexadecimal digit"],
  ["hex prefix followed by a non-digit", main("    let x = 0xG"), "2:15: expected hexadecimal digit"],
  ["underscore starting an exponent", main("    let x = 1e_5"), "2:15: expected digit in exponent"],
  ["exponent sign without digits", main("    let x = 1e+"), "2:16: expected digit in exponent"],
  ["trailing underscore in a fraction", main("    let x = 1.5_"), "2:17: numeric literal cannot end with underscore"],
  ["integer above 2^63", main("    let x = 99999999999999999999"), "2:13: integer literal '99999999999999999999' is out of range for Int (signed 64-bit; max magnitude 9223372036854775808)"],
  ["hex integer above 2^63", main("    let x = 0xFFFFFFFFFFFFFFFF"), "2:13: integer literal '0xFFFFFFFFFFFFFFFF' is out of range for Int (signed 64-bit; max magnitude 9223372036854775808)"],
  ["binary literal stops at a non-binary digit", main("    let x = 0b12"), "2:16: expected newline after let binding"],
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
  ["chained range: no range message, the statement just ends", main("    let r = 1..2..3"), "2:17: expected newline after let binding"],
  ["missing operand", main("    let x = 1 +"), "2:16: expected expression, got NEWLINE '\\n'"],
  ["keyword as name", main("    let borrow = 3"), "2:9: expected pattern, got KW_BORROW"],
  ["doc on const", "/// dangling\nconst X: Int = 1\n", "2:1: doc comments (`///`) are not valid on 'const' (v1 supports them on fun / type / trait / capability). Use a plain comment (`//`) for a constant-level note, or move the doc above the next declaration."],
  ["doc on impl", "/// doc\nimpl Foo\n    fun f(self)\n        return\n", "2:1: doc comments (`///`) are not valid on 'impl' (attach to its methods instead, or use a plain comment `//` for an impl-block-level note)."],
  ["doc at end of file", "fun f()\n    return\n/// nothing follows\n", "4:1: expected top-level declaration (import / const / type / trait / capability / impl / fun), got EOF"],
  ["attribute on type", "@vex(cve: \"x\")\ntype P { x: Int }\n", "2:1: attributes are not valid on 'type' (v1 supports them on 'fun' only)"],
  ["attribute on const", "@vex(cve: \"x\")\nconst X: Int = 1\n", "2:1: attributes are not valid on 'const' (v1 supports them on 'fun' only)"],
  ["attribute value not a string", "@vex(cve: 3)\nfun f()\n    return\n", "1:11: attribute argument 'cve' must be a string literal; got INT_LIT '3'"],
  ["semicolon", main("    let x = 3;"), "2:14: expected newline after let binding"],
  ["assignment to a sum", main("    1 + 1 = 2"), "2:14: invalid assignment target (must be name, field, or index)"],
  ["compound assignment to a call", main("    f() += 2"), "2:13: invalid assignment target (must be name, field, or index)"],
  ["if-expression without else", main("    let x = if true then 1"), "2:27: expected 'else' in if-expression; got NEWLINE '\\n'"],
  ["reserved future word", main("    let x = await"), "2:13: expected expression, got KW_AWAIT 'await'"],
  ["missing operand at the end of a file without a final newline", "fun main(stdio: Stdio)\n    let x = 1 +", "2:16: expected expression, got NEWLINE"],
  ["dot starting an expression", main("    let x = .5"), "2:13: expected expression, got DOT '.'"],
  ["field name missing after a dot", main("    let x = 1.5e3.2"), "2:19: expected field or method name; got INT_LIT '2'"],
  ["junk after a complete let", main("    let x = 12abc"), "2:15: expected newline after let binding"],
  ["python keyword at top level", "def f()\n    return\n", "1:1: expected top-level declaration (import / const / type / trait / capability / impl / fun), got IDENT (Capa uses 'fun' here; did you mean that?)"],
  ["indented first line", "    fun f()\n        return\n", "1:1: expected top-level declaration (import / const / type / trait / capability / impl / fun), got INDENT"],
  ["parameter without a type", "fun f(x Int)\n    return\n", "1:9: expected ':' after parameter name 'x'; got IDENT 'Int'"],
  ["junk after a one-element parenthesis", main("    let x = (a \"x\")"), "2:16: expected ')' or ',' in parenthesized expression; got STRING_LIT '\"x\"'"],
  ["junk after a tuple element", main("    let x = (a, b \"x\")"), "2:19: expected ')' to close tuple; got STRING_LIT '\"x\"'"],
  ["impl target that is no type name", "trait T\n    fun f(self)\nimpl T for (Int, Int)\n    fun f(self)\n        return\n", "3:12: expected target type name; got LPAREN '('"],
  ["`let` as a match arm body on the arm's line", main("    match 1\n        1 -> let y = 2\n        _ -> 3"), "3:14: expected expression, got KW_LET 'let'"],
  ["`if` block as a match arm body on the arm's line", main("    match 1\n        1 -> if true\n        _ -> 3"), "3:21: expected 'then' in if-expression; got NEWLINE '\\n'"],
  ["junk after a match arm body", main("    match 1\n        1 -> c d\n        _ -> 3"), "3:16: expected newline after match arm body"],
  ["junk after an assignment in a match arm", main("    match 1\n        1 -> y = 3 z\n        _ -> 3"), "3:20: expected newline after assignment '=' in match arm"],
  ["an emoji is no identifier character", main("    let 🐍 = 1"), "2:9: unexpected character: '🐍'"],
  ["a symbol is no identifier character", main("    let a×b = 1"), "2:10: unexpected character: '×'"],
  ["columns count code points after an emoji", main("    let x = \"🐍\" + 🐍"), "2:19: unexpected character: '🐍'"],
  ["bad escape in a splice: the outer string's", main("    stdio.println(\"${x\\q}\")"), "2:24: unknown escape sequence: \\q"],
  ["bad escape in a string nested in a splice: the splice's", main("    stdio.println(\"${\"a\\qb\"}\")"), "2:30: error parsing interpolation: unknown escape sequence: \\q"],
  ["doc comment after code on its line", main("    let x = 1 /// trailing doc\n    stdio.println(\"x\")"), "2:15: expected newline after let binding"],
  ["doc comment inside a statement", main("    let x /// doc"), "2:11: expected '=' in let binding; got DOC_COMMENT '/// doc'"],
  ["block doc comment where an expression goes", main("    stdio.println(/** d */ \"x\")"), "2:19: expected expression, got DOC_COMMENT '/** d */'"],
  ["doc comment on its own line inside brackets", main("    stdio.println(\n        /// d\n        \"x\")"), "3:9: expected expression, got DOC_COMMENT '/// d'"],
  ["doc comment after a function header", "fun f() /// d\n    return\n", "1:9: expected newline before block; got DOC_COMMENT '/// d'"],
  ["doc comment eating a splice's closing bracket", main("    stdio.println(\"${f(1, a///cc + n)}\")"), "2:40: error parsing interpolation: Unclosed '(' (opened at line 2, col 23)"],
  ["a stray character inside the indentation: the indentation first", main("    let a = 1\n  \\  let b = 2"), "3:1: inconsistent indentation: indent does not match any outer level"],
  ["lambda without its parameter list", main("    let f = fun x => x"), "2:17: expected '(' for lambda parameters; got IDENT 'x'"],
  ["lambda parameters not closed", main("    let f = fun (x y) => x"), "2:20: expected ')' after lambda parameters; got IDENT 'y'"],
  ["NEWLINE after trailing spaces and a comment", main("    let x = 1 +   // trailing"), "2:30: expected expression, got NEWLINE '\\n'"],
  ["NEWLINE of a CRLF line after trailing spaces", "fun main(stdio: Stdio)\r\n    let x = 1 +   \r\n", "2:19: expected expression, got NEWLINE '\\n'"],
  ["one-line sum type (the reference has none)", "type S = A | B\n", "1:10: expected newline after '=' in sum type; got IDENT 'A'"],
  ["pub on a field", "type P { pub x: Int }\n", "1:10: expected field name; got KW_PUB 'pub'"],
  ["struct literal field without a colon", main("    let p = P { x }"), "2:19: expected ':' in struct literal field; got RBRACE '}'"],
  ["extern without component", "extern foo\n", "1:8: expected 'component' after 'extern' (the only 'extern' form is 'extern component Name from \"artifact.wasm\"')"],
  ["impl without a name", "impl\n    fun f()\n        return\n", "1:5: expected type or trait name; got NEWLINE '\\n'"],
  ["fat arrow in a match arm", main("    match 1\n        1 => 2"), "3:11: expected '->' in match arm; got FAT_ARROW '=>'"],
  ["become without a comma", main("    let x = become(d Open)"), "2:22: expected ',' between the value and the target state in become(value, State); got IDENT 'Open'"],
  ["bad token in an interpolation, reported after the string", main('    let x = "a ${1 +} tail text"'), "2:33: error parsing interpolation: expected expression, got NEWLINE"],
  ["two expressions in an interpolation", main('    let x = "a ${1 2}"'), "2:23: error parsing interpolation: unexpected token after interpolation expression; an interpolation must contain exactly one expression"],
  ["empty interpolation", main('    let x = "a ${}"'), "2:20: error parsing interpolation: expected expression, got EOF"],
  ["lexical error inside an interpolation", main('    let x = "a ${a # b} tail"'), "2:30: error parsing interpolation: unexpected character: '#'"],
  ["stray character", main("    let x = 1 # 2"), "2:15: unexpected character: '#'"],
  ["stray backtick, only the first lexical error", main("    let x = `a`"), "2:13: unexpected character: '`'"],
  ["lone '!' inside an expression", main("    let x = 1 ! 2"), "2:15: unexpected '!'; for logical negation, use 'not'; for inequality, use '!='"],
  ["string cut by the end of the file", "fun main(stdio: Stdio)\n    let x = \"abc", "2:13: unterminated string literal"],
  ["raw string cut by a newline", main("    let x = r\"abc"), "2:13: unterminated raw string literal (newline before closing quote)"],
  ["raw string cut by the end of the file", "fun main(stdio: Stdio)\n    let x = r\"abc", "2:13: unterminated raw string literal"],
  ["backslash before the line end", main("    let x = \"abc\\"), "2:18: unknown escape sequence: \\\n"],
  ["backslash at the end of the file", "fun main(stdio: Stdio)\n    let x = \"abc\\", "2:18: unterminated escape sequence"],
  ["octal escape", main("    let x = \"\\01\""), "2:16: octal escape '\\01...' is not supported; use '\\u{HEX}' for arbitrary code points, or '\\0' alone for NUL"],
  ["unicode escape without a brace", main("    let x = \"\\u41\""), "2:16: expected '{' after \\u in unicode escape sequence"],
  ["unicode escape with a non-hex digit", main("    let x = \"\\u{zz}\""), "2:17: invalid hex digit in unicode escape: 'z'"],
  ["unicode escape cut by the closing quote", main("    let x = \"\\u{41\""), "2:19: invalid hex digit in unicode escape: '\"'"],
  ["two characters in a char literal", main("    let x = 'ab'"), "2:15: expected closing quote in character literal (character literals contain a single character)"],
  ["char literal cut by a newline after its character", main("    let x = 'a"), "2:15: expected closing quote in character literal (character literals contain a single character)"],
  ["lone quote at the end of a line", main("    let x = '"), "2:13: unterminated character literal (newline before closing quote)"],
  ["lone quote at the end of the file", "fun main(stdio: Stdio)\n    let x = '", "2:13: unterminated character literal"],
  ["unknown escape in a char literal", main("    let x = '\\q'"), "2:15: unknown escape sequence: \\q"],
  ["unterminated doc block comment", main("    /** never closed"), "2:5: unterminated doc block comment"],
  ["tab after leading spaces, at the tab's column", main("    \tlet x = 1"), "2:5: tabs are not allowed at the start of a line; use spaces only (4 by convention)"],
  ["tab at the start of a comment-only line", main("\t// note\n    let x = 1"), "2:1: tabs are not allowed at the start of a line; use spaces only (4 by convention)"],
  ["innermost unclosed bracket", main("    let x = f(a, [1,"), "2:18: Unclosed '[' (opened at line 2, col 18)"],
  ["a stray character beats an earlier unclosed bracket", main("    let x = f(1,\n    # 2"), "3:5: unexpected character: '#'"],
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

describe("what the reference accepts", () => {
  it("identifiers of Unicode letters, with numbers after the first character", () => {
    for (const name of ["é", "a²b", "中文", "x々", "𝑥", "nⅫ", "n①"]) {
      expect(parseSource(main(`    let ${name} = 1`), "t.capa").diagnostics, name).toEqual([]);
    }
  });
  it("a variant named Some parses (the checker rejects it, as the reference does)", () => {
    expect(parseSource("type T =\n    Some(Int)\n    Other\n", "t.capa").diagnostics).toEqual([]);
  });
  it("a tab before a line that continues a method chain", () => {
    expect(parseSource(main('    stdio\n\t.println("x")'), "t.capa").diagnostics).toEqual([]);
  });
});

describe("recovery", () => {
  it("reports only the first lexical error: the rest of the file is not trusted after it", () => {
    const { diagnostics } = parseSource(main("    let a = 1 +\n    let b = 'xy'\n    let c = #"), "t.capa");
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`)).toEqual([
      "3:15: expected closing quote in character literal (character literals contain a single character)",
    ]);
  });

  it("reports only the first syntax error, as the reference: later ones are cascades or repeats (issue 14, item 11)", () => {
    const src = main("    adopt(consume stdio)\n    let b = 2 *\n    consume(stdio)\n    let c = 2");
    const { program, diagnostics } = parseSource(src, "t.capa");
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`)).toEqual(["2:11: expected expression, got KW_CONSUME 'consume'"]);
    // Recovery still parsed the statements after the error.
    const body = program.items.find((i) => i.kind === "Fun")!;
    expect(body.kind === "Fun" && body.body.stmts.some((st) => st.kind === "Let" && st.pattern.kind === "NamePat" && st.pattern.name === "c")).toBe(true);
  });
});
