// The formatter's last line of defence: before its output is used, it is re-parsed and compared
// with the input. Output that would be another program, lose a comment or not parse is refused.
import { describe, expect, it } from "vitest";
import { differenceFrom } from "../../src/format/index.js";
import { parseSource } from "../../src/syntax/index.js";

const SOURCE = "fun main(stdio: Stdio)\n    // say it\n    stdio.println(1 + 2 * 3)\n";
const program = parseSource(SOURCE, "t.capa").program;

describe("the output check", () => {
  it("accepts the same program laid out differently", () => {
    expect(differenceFrom(program, SOURCE, "fun main( stdio : Stdio )\n  // say it\n  stdio.println(1 + (2 * 3))\n", "t.capa")).toBeNull();
  });

  it("refuses another program (different grouping)", () => {
    expect(differenceFrom(program, SOURCE, "fun main(stdio: Stdio)\n    // say it\n    stdio.println((1 + 2) * 3)\n", "t.capa")).toMatch(/another program/);
  });

  it("refuses a dropped flow label", () => {
    const labelled = "fun f(x: @secret Int) -> Int\n    return 0\n";
    const p = parseSource(labelled, "t.capa").program;
    expect(differenceFrom(p, labelled, "fun f(x: Int) -> Int\n    return 0\n", "t.capa")).toMatch(/another program/);
  });

  it("refuses a lost or reordered comment", () => {
    expect(differenceFrom(program, SOURCE, "fun main(stdio: Stdio)\n    stdio.println(1 + 2 * 3)\n", "t.capa")).toMatch(/comment at 2:5 was lost/);
  });

  it("refuses output that does not parse", () => {
    expect(differenceFrom(program, SOURCE, "fun main(stdio: Stdio)\n// say it\nstdio.println(1 + 2 * 3)\n", "t.capa")).toMatch(/does not parse/);
  });
});
