// The interpreter's fast paths (issue #20) must compute exactly what the generic operators and
// matchers compute: inlined `*`, `/`, `%` on safe Ints, the local-op-constant shapes, struct
// patterns through their inline cache, variant payloads bound without a matcher call, and frames
// created in one elements kind.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { display } from "../../src/runtime/display.js";
import { failureLine } from "../../src/runtime/index.js";
import { BINARY } from "../../src/runtime/interp/operators.js";
import { mainWith, run } from "./support.js";

const OPS = ["*", "/", "%", "+", "-"] as const;
const SAFE = 9007199254740991;
const VALUES = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 1000, -1000, 94906265, -94906265, SAFE, -SAFE, 4611686018427387904n, -4611686018427387904n];
const DIVISORS = VALUES.filter((v) => v !== 0);

/** What the generic operator gives (or the abort it raises), as the program prints it. */
function generic(op: (typeof OPS)[number], a: number | bigint, b: number | bigint): string {
  try {
    return display(BINARY[op](a, b));
  } catch {
    return "abort";
  }
}

describe("inlined Int operators agree with the generic ones", () => {
  for (const op of OPS) {
    it(`${op} over safe, boundary and 64-bit operands`, () => {
      const rights = op === "/" || op === "%" ? DIVISORS : VALUES;
      const fits = (a: number | bigint, b: number | bigint): boolean => generic(op, a, b) !== "abort";
      // Overflowing pairs abort the run; they are covered by the generic tests, so skip them here.
      const pairs = VALUES.flatMap((a) => rights.filter((b) => fits(a, b)).map((b) => [a, b] as const));
      const src = mainWith(
        pairs
          .map(([a, b]) => {
            const lit = (v: number | bigint): string => (v < 0 ? `(0 - ${-v})` : `${v}`);
            const k = b < 0 ? `b` : `${b}`;
            return `if true\n    let a = ${lit(a)}\n    let b = ${lit(b)}\n    stdio.println("\${a ${op} b} \${a ${op} ${k}} \${(a + 0) ${op} (b + 0)}")`;
          })
          .join("\n"),
      );
      const r = run(src);
      expect(r.outcome.failure).toBeNull();
      const want = pairs.map(([a, b]) => {
        const g = generic(op, a, b);
        return `${g} ${g} ${g}`;
      });
      expect(r.stdout.trimEnd().split("\n")).toEqual(want);
    });
  }

  it("a zero divisor still aborts on every shape", () => {
    for (const expr of ["a % b", "a % 0", "a / b", "a / 0", "(a + 0) % (b + 0)", "(a + 0) / (b + 0)"]) {
      const r = run(mainWith(`let a = 7\nlet b = 0\nstdio.println("\${${expr}}")`));
      expect(r.outcome.failure, expr).not.toBeNull();
      expect(failureLine(r.outcome.failure!)).toMatch(/^ZeroDivisionError: /);
    }
  });

  it("a product is never -0 and a product past 2^63 still aborts", () => {
    const r = run(mainWith(`let a = 0\nlet b = 0 - 5\nstdio.println("\${a * b} \${a * 3} \${(0 - 3) * a}")`));
    expect(r.stdout).toBe("0 0 0\n");
    const big = run(mainWith(`let a = 4611686018427387904\nstdio.println("\${a * 2}")`));
    expect(failureLine(big.outcome.failure!)).toMatch(/^OverflowError: /);
  });
});

describe("patterns without matcher calls", () => {
  const prelude = [
    "type P { x: Int, y: Int }",
    "type Q { y: Int, x: Int }",
    "type S =",
    "    One(Int)",
    "    Two(Int, P)",
    "    Zero",
  ].join("\n");

  it("struct patterns bind, test literals and nested patterns, and tell same-shaped types apart", () => {
    const body = [
      "let ps = [P { x: 0, y: 0 }, P { x: 0, y: 4 }, P { x: 3, y: 0 }, P { x: -1, y: 2 }]",
      "for p in ps",
      "    let s = match p",
      '        P { x: 0, y: 0 } -> "origin"',
      '        P { x: 0, y } -> "y${y}"',
      '        P { x, y: 0 } -> "x${x}"',
      '        P { x: _, y } if y > 1 -> "high${y}"',
      '        _ -> "other"',
      "    stdio.println(s)",
      "let q = Q { y: 1, x: 2 }",
      "match q",
      '    Q { x, y } -> stdio.println("${x} ${y}")',
    ].join("\n");
    const r = run(mainWith(body, prelude));
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("origin\ny4\nx3\nhigh2\n2 1\n");
  });

  it("variant payloads bind directly, through wildcards and through nested struct patterns", () => {
    const body = [
      "let xs = [One(5), Two(7, P { x: 1, y: 2 }), Zero, Two(0, P { x: 9, y: 9 })]",
      "for v in xs",
      "    let s = match v",
      '        One(n) -> "one${n}"',
      '        Two(0, _) -> "two-zero"',
      '        Two(n, P { x, y }) -> "two${n}:${x},${y}"',
      '        Zero -> "zero"',
      "    stdio.println(s)",
    ].join("\n");
    const r = run(mainWith(body, prelude));
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("one5\ntwo7:1,2\nzero\ntwo-zero\n");
  });
});

describe("frames", () => {
  const signals = join(import.meta.dirname, "..", "..", "dist", "runtime", "interp", "signals.js");
  it.skipIf(!existsSync(signals))("are created in V8's generic elements kind, so an Int, a Float or a struct never changes it", () => {
    // V8's own predicates, available only under --allow-natives-syntax (hence a child process on the build).
    const script = [
      `import { newFrame } from ${JSON.stringify(signals)};`,
      "const f = newFrame(4);",
      "const before = %HasObjectElements(f) && !%HasSmiElements(f);",
      "f[1] = 1; f[2] = 1.5; f[3] = {};",
      "console.log(before, %HasObjectElements(f), %HasDoubleElements(f));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(out.trim()).toBe("true true false");
  });
});

describe("Map, Set and Option methods called without the table lookup", () => {
  it("give the built-in results, and a user method of the same name on a user type stays the user's", () => {
    const prelude = ["type Bag { n: Int }", "impl Bag", "    fun get(self, k: Int) -> Int", "        return self.n + k", "    fun contains(self, k: Int) -> Bool", "        return k == self.n"].join("\n");
    const body = [
      "let m: Map<Int, Int> = new_map()",
      "m.set(1, 10)",
      "let s: Set<Int> = new_set()",
      "s.add(3)",
      "let b = Bag { n: 3 }",
      "let none: Option<Int> = None",
      'stdio.println("${m.get(1).unwrap_or(0)} ${m.get(2).unwrap_or(-1)} ${m.length()} ${m.contains_key(1)}")',
      'stdio.println("${s.contains(3)} ${s.contains(4)} ${s.length()}")',
      'stdio.println("${b.get(4)} ${b.contains(3)} ${b.contains(4)}")',
      'stdio.println("${Some(5).unwrap_or(0)} ${none.unwrap_or(7)} ${none.is_none()}")',
    ].join("\n");
    const r = run(mainWith(body, prelude));
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("10 -1 1 true\ntrue false 1\n7 true false\n5 7 true\n");
  });
});
