// Run-time results that once differed silently from the reference (issue 14, items 0-3).
import { describe, expect, it } from "vitest";
import { mainWith, run } from "./support.js";

const SHAPES = "type Shape =\n    Circle(Int)\n    Square(Int)\n";

describe("lambda bodies", () => {
  it("item 0: a block-bodied lambda whose body is a match returns the arm's value", () => {
    const r = run(
      mainWith(
        [
          "let side = fun (s: Shape) -> Int =>",
          "    match s",
          "        Circle(r) -> r * 2",
          "        Square(a) ->",
          "            let twice = a + a",
          "            twice + 1",
          'stdio.println("${side(Circle(4))} ${side(Square(5))}")',
        ].join("\n"),
        SHAPES,
      ),
    );
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("8 11\n");
  });

  it("item 0: an expression lambda whose body is a match (inline and indented arms)", () => {
    const r = run(
      mainWith(
        [
          "let name = fun (n: Int) -> String => match n { 0 -> \"none\", _ -> \"some\" }",
          "let kind = fun (s: Shape) -> String => match s",
          '    Circle(_) -> "round"',
          '    Square(_) -> "square"',
          'stdio.println(name(0) + " " + name(3) + " " + kind(Square(1)))',
        ].join("\n"),
        SHAPES,
      ),
    );
    expect(r.stdout).toBe("none some square\n");
  });

  it("item 1: a block-bodied lambda returns the value of its last expression line", () => {
    const r = run(
      mainWith(
        [
          "let scale = fun (x: Int) -> Int =>",
          "    let y = x + 1",
          "    y * 10",
          "let clamp = fun (x: Int) -> Int =>",
          "    if x < 0",
          "        return 0",
          "    x * 3",
          'stdio.println("${scale(4)} ${clamp(-7)} ${clamp(2)}")',
        ].join("\n"),
      ),
    );
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("50 0 6\n");
  });

  it("a block-bodied lambda whose last line is a statement still returns Unit", () => {
    const r = run(mainWith(['let say = fun (x: Int) =>', '    stdio.println("x=${x}")', "let u = say(2)", 'stdio.println("${u}")'].join("\n")));
    expect(r.stdout).toBe("x=2\n()\n");
  });
});

describe("to_json", () => {
  it("item 2: negative zero keeps its sign (-0.0); integral floats print as ints", () => {
    const r = run(
      mainWith(
        [
          "stdio.println(to_json(JNum(-0.0)))",
          "stdio.println(to_json(JArr([JNum(0.0), JNum(-0.0), JNum(4.0), JNum(0.25)])))",
          'match parse_json("[-0.0, -0]")',
          "    Ok(v) -> stdio.println(to_json(v))",
          "    Err(e) -> stdio.println(e)",
        ].join("\n"),
      ),
    );
    expect(r.stdout).toBe("-0.0\n[0, -0.0, 4, 0.25]\n[-0.0, 0]\n");
  });
});

describe("String.bytes", () => {
  it("item 3: a lone surrogate is encoded as WTF-8 (three bytes), not as U+FFFD", () => {
    const r = run(mainWith(['let s = "x\\u{DFFF}\\u{D800}é😀"', 'stdio.println("${s.bytes()}")'].join("\n")));
    expect(r.stdout).toBe("[120, 237, 191, 191, 237, 160, 128, 195, 169, 240, 159, 152, 128]\n");
  });
});
