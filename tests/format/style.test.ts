// The canonical style of spec/style.md, one rule at a time, and the guarantees around it:
// flow labels are never dropped, every comment stays where it was, and a program with a syntax
// error is never rewritten.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/index.js";
import { parseSource } from "../../src/syntax/index.js";

function fmt(source: string): string {
  const r = formatSource(source, "t.capa");
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.text;
}

const lines = (...ls: string[]) => ls.join("\n") + "\n";

describe("canonical layout", () => {
  it("indents four spaces a level and spaces operators, commas and colons", () => {
    const messy = lines("fun f( a :Int,b:Int )->Int", "  var x=a+b*2", "  if x>=3", "     x+=1", "  return x");
    expect(fmt(messy)).toBe(lines("fun f(a: Int, b: Int) -> Int", "    var x = a + b * 2", "    if x >= 3", "        x += 1", "    return x"));
  });

  it("keeps at most one blank line inside a block and puts exactly one between items", () => {
    const messy = lines("fun a()", "", "    f()", "", "", "", "    g()", "fun b()", "    h()", "import x", "import y", "", "", "import z");
    expect(fmt(messy)).toBe(lines("fun a()", "    f()", "", "    g()", "", "fun b()", "    h()", "", "import x", "import y", "", "import z"));
  });

  it("breaks a long argument list one argument a line with a trailing comma, and joins a short one", () => {
    const long = lines("fun f()", "    let result = compute(first_argument_value, second_argument_value, third_argument_value, fourth_value)");
    expect(fmt(long)).toBe(
      lines("fun f()", "    let result = compute(", "        first_argument_value,", "        second_argument_value,", "        third_argument_value,", "        fourth_value,", "    )"),
    );
    expect(fmt(lines("fun f()", "    g(", "        1,", "        2,", "    )"))).toBe(lines("fun f()", "    g(1, 2)"));
  });

  it("keeps a call whose only argument is a long string on one line", () => {
    const src = lines("fun f(stdio: Stdio)", `    stdio.println("${"x".repeat(100)} \${1 + 2}")`);
    expect(fmt(src)).toBe(src);
  });

  it("puts parentheses back where precedence needs them and keeps the ones written around an operand", () => {
    const src = lines("fun f()", "    let a = (x + y) * z", "    let b = x + (y * z)", "    let c = -(-x)", "    let d = (not p) == q", "    let e = (fun (v) => v)(1)");
    const out = fmt(src);
    expect(out).toContain("let a = (x + y) * z");
    expect(out).toContain("let b = x + (y * z)");
    expect(out).toContain("let c = -(-x)");
    expect(out).toContain("let d = (not p) == q");
    expect(out).toContain("let e = (fun (v) => v)(1)");
  });

  it("parenthesises a struct literal in a block header, where `{` would open the block", () => {
    const src = lines("type P { x: Int }", "", "fun f(p: P)", "    if p == (P { x: 1 })", "        return");
    expect(fmt(src)).toContain("    if p == (P { x: 1 })\n");
  });

  it("keeps a struct written one field a line broken, and a one-line struct on one line", () => {
    const src = lines("type A {", "  x: Int,", "  y: Int }", "type B {x:Int, y:Int}");
    expect(fmt(src)).toBe(lines("type A {", "    x: Int,", "    y: Int,", "}", "", "type B { x: Int, y: Int }"));
  });

  it("breaks a long method chain before each `.`", () => {
    const src = lines("fun f(xs: List<Int>)", "    let t = xs.map(fun (x) => x * 2000000).filter(fun (x) => x > 1000000).fold(0, fun (a, b) => a + b)");
    expect(fmt(src)).toBe(
      lines("fun f(xs: List<Int>)", "    let t = xs", "        .map(fun (x) => x * 2000000)", "        .filter(fun (x) => x > 1000000)", "        .fold(0, fun (a, b) => a + b)"),
    );
  });

  it("writes a one-statement match arm on the arm's line when it fits", () => {
    const src = lines("fun f(n: Int) -> Int", "    match n", "        0 ->", "            return 1", "        _ ->", "            return n");
    expect(fmt(src)).toBe(lines("fun f(n: Int) -> Int", "    match n", "        0 -> return 1", "        _ -> return n"));
  });

  it("prints literals exactly as written", () => {
    const src = lines("fun f()", '    let s = "a\\tb ${x + 1} $$"', "    let n = 0xFF_FF + 1_000 + 0b1010", "    let c = '\\u{1F600}'", '    let r = r"C:\\path"', "    let g = 1.5e3");
    expect(fmt(src)).toBe(src);
  });

  it("ends the file with exactly one newline and no trailing blanks", () => {
    expect(fmt("fun f()   \n    g()   \n\n\n")).toBe("fun f()\n    g()\n");
  });
});

describe("comments", () => {
  const source = lines(
    "// file header",
    "",
    "/// Documented.",
    "@deprecated(reason: \"old\")",
    "fun f(a: Int, // about a",
    "      b: Int) -> Int // after the signature",
    "    // before the first statement",
    "    let x = g(1,",
    "        // inside the arguments",
    "        2) /* after a statement */",
    "    if x > 1 // on the if line",
    "        return x",
    "        // at the end of the if block",
    "    // before else",
    "    else",
    "        return b",
    "    // at the end of the body",
    "",
    "/* between items */",
    "fun h(xs: List<Int>) -> Int",
    "    let total = xs",
    "        // between chain links",
    "        .fold(0, fun (acc, v) => acc + v)",
    "    return match total { 0 -> 1, /* inline arm */ _ -> total }",
    "// the end",
  );

  it("keeps every comment, in order, each next to the code it was next to", () => {
    expect(fmt(source)).toBe(
      lines(
        "// file header",
        "",
        "/// Documented.",
        '@deprecated(reason: "old")',
        "fun f(",
        "    a: Int, // about a",
        "    b: Int,",
        ") -> Int // after the signature",
        "    // before the first statement",
        "    let x = g(",
        "        1,",
        "        // inside the arguments",
        "        2,",
        "    ) /* after a statement */",
        "    if x > 1 // on the if line",
        "        return x",
        "        // at the end of the if block",
        "    // before else",
        "    else",
        "        return b",
        "    // at the end of the body",
        "",
        "/* between items */",
        "fun h(xs: List<Int>) -> Int",
        "    let total = xs",
        "        // between chain links",
        "        .fold(0, fun (acc, v) => acc + v)",
        "    return match total { 0 -> 1, /* inline arm */ _ -> total }",
        "// the end",
      ),
    );
  });

  it("keeps doc comments as the documentation of the same declarations", () => {
    const src = lines("/** Block doc", " * second line */", "trait T", "    /// method doc", "    fun m(self) -> Int", "", "///   spaced doc   ", "fun f()", "    g()");
    const before = parseSource(src, "t.capa").program;
    const after = parseSource(fmt(src), "t.capa").program;
    const docs = (p: typeof before) => p.items.map((i) => ("doc" in i ? i.doc : null));
    expect(docs(after)).toEqual(docs(before));
    expect(docs(before)).toEqual(["Block doc\nsecond line", "  spaced doc   "]);
  });
});

describe("flow labels", () => {
  it("keeps every @secret and @public of a program that uses them everywhere a type goes", () => {
    const src = lines(
      "type Account { owner: @public String, pin: @secret Int }",
      "fun f(k: @secret String, g: Fun(@secret Int) -> @public Int, t: (@secret Int, @public Int)) -> @secret List<@secret Int>",
      "    let x: @secret Int = 1",
      "    var y: @public Int = 2",
      "    let h = fun (v: @secret Int) -> @secret Int => v",
      "    return [x]",
    );
    const out = fmt(src);
    expect(out.match(/@secret/g)?.length).toBe(src.match(/@secret/g)?.length);
    expect(out.match(/@public/g)?.length).toBe(src.match(/@public/g)?.length);
  });

  // Random types with random labels at every level, in every place a type can be written.
  const label = fc.constantFrom("", "@secret ", "@public ");
  const typeArb: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.tuple(label, fc.constantFrom("Int", "String", "Bool")).map(([l, n]) => l + n),
      fc.tuple(label, tie("t")).map(([l, t]) => `${l}List<${t}>`),
      fc.tuple(label, tie("t"), tie("t")).map(([l, a, b]) => `${l}Map<${a}, ${b}>`),
      fc.tuple(label, tie("t"), tie("t")).map(([l, a, b]) => `${l}(${a}, ${b})`),
      fc.tuple(label, tie("t"), tie("t")).map(([l, a, b]) => `${l}Fun(${a}) -> ${b}`),
    ),
  })).t;

  it("never drops a label, whatever the type (property)", () => {
    fc.assert(
      fc.property(typeArb, typeArb, (a, b) => {
        const src = lines(`type S { f: ${a} }`, `fun f(p: ${a}, q:${b}) -> ${b}`, `    let x: ${a} = p`, "    return q");
        const out = fmt(src);
        for (const l of ["@secret", "@public"]) expect(out.split(l).length).toBe(src.split(l).length);
        const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === "span" ? undefined : x));
        expect(strip(parseSource(out, "t.capa").program)).toBe(strip(parseSource(src, "t.capa").program));
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe("a program with a syntax error", () => {
  it("is not formatted: the syntax error is the answer", () => {
    const r = formatSource(lines("fun f(", "    g()"), "t.capa");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toMatch(/^E1/);
  });
});
