import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failureLine } from "../../src/runtime/index.js";
import { mainWith, run } from "./support.js";

const PROGRAMS = join(import.meta.dirname, "programs");

describe("evaluator on small programs (expected output recorded from the reference)", () => {
  for (const name of readdirSync(PROGRAMS).filter((f) => f.endsWith(".capa"))) {
    it(name, () => {
      const src = readFileSync(join(PROGRAMS, name), "utf8");
      const expected = readFileSync(join(PROGRAMS, name.replace(/\.capa$/, ".out")), "utf8");
      const r = run(src, { file: name });
      expect(r.outcome.failure).toBeNull();
      expect(r.stdout).toBe(expected);
    });
  }
});

describe("evaluator semantics", () => {
  it("qualified variant constructors and constants (the reference crashes on these)", () => {
    const r = run(
      mainWith(
        `let s = Shape.Square(2.0)\nlet c = Color.Green\nlet t = match s\n    Shape.Square(x) -> "sq ${"${x}"}"\n    _ -> "other"\nstdio.println(t)\nstdio.println("${"${c == Green}"}")`,
        "type Shape =\n    Circle(Float)\n    Square(Float)\n\ntype Color =\n    Red\n    Green\n",
      ),
    );
    expect(r.stdout).toBe("sq 2.0\ntrue\n");
  });

  it("a name pattern is a binding unless it names a payload-less variant", () => {
    const r = run(
      mainWith(
        `for v in [Red, Green]\n    match v\n        Red -> stdio.println("red")\n        other -> stdio.println("bound")`,
        "type Color =\n    Red\n    Green\n",
      ),
    );
    expect(r.stdout).toBe("red\nbound\n");
  });

  it("runtime errors are data with the innermost position", () => {
    const r = run(mainWith(`stdio.println("before")\nlet xs = [1, 2, 3]\nlet i = 7\nstdio.println("${"${xs[i]}"}")`), { file: "idx.capa" });
    expect(r.stdout).toBe("before\n");
    expect(r.outcome.exitCode).toBe(1);
    const f = r.outcome.failure!;
    expect(failureLine(f)).toBe("IndexError: list index out of range: i=7, len=3");
    expect(f.span).toMatchObject({ file: "idx.capa", line: 6 });
  });

  it("a trait value destructured as the wrong implementor is a run-time error, not a silent read", () => {
    const src = [
      "trait Shape",
      "    fun area(self) -> Int",
      "type Circle { r: Int }",
      "type Square { s: Int }",
      "impl Shape for Circle",
      "    fun area(self) -> Int",
      "        return self.r",
      "impl Shape for Square",
      "    fun area(self) -> Int",
      "        return self.s",
      "fun radius(s: Shape) -> Int",
      "    let Circle { r } = s",
      "    return r",
      "fun main(stdio: Stdio)",
      '    stdio.println("${radius(Circle { r: 3 })}")',
      '    stdio.println("${radius(Square { s: 4 })}")',
      "",
    ].join("\n");
    const r = run(src, { file: "shape.capa" });
    expect(r.stdout).toBe("3\n");
    expect(r.outcome.exitCode).toBe(1);
    expect(failureLine(r.outcome.failure!)).toBe("RuntimeError: let pattern 'Circle' does not match a value of type 'Square'");
    expect(r.outcome.failure!.span).toMatchObject({ file: "shape.capa", line: 12, col: 9 });
  });

  it("overflow at the boundary aborts with the reference's message", () => {
    const r = run(mainWith(`var x = 9223372036854775806\nx += 1\nstdio.println("${"${x}"}")\nx += 1`));
    expect(r.stdout).toBe("9223372036854775807\n");
    expect(failureLine(r.outcome.failure!)).toBe(
      "OverflowError: Int addition overflows signed 64-bit: 9223372036854775807 + 1 = 9223372036854775808",
    );
  });

  it("unbounded recursion is a clean stack overflow, not a JS RangeError", () => {
    const r = run("fun f(n: Int) -> Int\n    return f(n + 1) + 1\n\nfun main(stdio: Stdio)\n    stdio.println(\"${f(0)}\")\n");
    expect(r.outcome.exitCode).toBe(1);
    expect(r.outcome.failure!.kind).toBe("RecursionError");
    expect(r.outcome.failure!.message).toContain("stack overflow");
  });

  it("recursion deeper than the reference's ~990-frame limit works on a default Node stack", () => {
    const r = run("fun depth(n: Int) -> Int\n    if n == 0\n        return 0\n    return 1 + depth(n - 1)\n\nfun main(stdio: Stdio)\n    stdio.println(\"${depth(1200)}\")\n");
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("1200\n");
  });

  it("panic is reported as a panic with exit 1", () => {
    const r = run(mainWith(`stdio.println("a")\npanic("boom ${"${1 + 1}"}")\nstdio.println("b")`));
    expect(r.stdout).toBe("a\n");
    expect(r.outcome.exitCode).toBe(1);
    expect(failureLine(r.outcome.failure!)).toBe("panic: boom 2");
  });

  it("main returning Err exits non-zero and reports the error", () => {
    const src = "fun main(stdio: Stdio) -> Result<(), IoError>\n    stdio.println(\"x\")\n    return Err(IoError(\"bad\", \"why\"))\n";
    const r = run(src);
    expect(r.stdout).toBe("x\n");
    expect(r.outcome).toMatchObject({ exitCode: 1, failure: null, mainError: "bad: why" });
  });

  it("binds main's parameters by declared type, not by name", () => {
    const r = run("fun main(out: Stdio, e: Env)\n    out.println(\"${e.args().length()}\")\n", { args: ["a", "b"] });
    expect(r.stdout).toBe("2\n");
  });

  it("stdout written before stderr keeps program order", () => {
    const r = run(mainWith(`stdio.println("one")\nstdio.eprintln("two")\nstdio.println("three")`));
    expect(r.host.events().map((e) => `${e.stream}:${e.text}`)).toEqual(["stdout:one\n", "stderr:two\n", "stdout:three\n"]);
  });

  it("converts values through the capability adapter (fake provider)", () => {
    const calls: unknown[][] = [];
    const fakeEnv = {
      capaType: "Env",
      get: (k: string) => (calls.push(["get", k]), k === "HOME" ? "/home/x" : null),
      args: () => ["p", "q"],
    };
    const fakeRandom = {
      capaType: "Random",
      int_range: (lo: bigint, hi: bigint) => (calls.push(["int_range", lo, hi]), lo + 1n),
      float_unit: () => 0.5,
    };
    const fakeFs = {
      capaType: "Fs",
      read: (p: string) => (p === "/ok" ? { ok: true, value: "data" } : { ok: false, error: { message: "failed to read", cause: null } }),
      restrict_to: () => fakeFs,
    };
    const roots: Record<string, object> = { Env: fakeEnv, Random: fakeRandom, Fs: fakeFs, Stdio: {
      capaType: "Stdio",
      println: (s: string) => void calls.push(["println", s]),
    } };
    const provider = () => ({ root: (t: string) => roots[t] ?? null });
    const src = [
      "fun main(stdio: Stdio, env: Env, rnd: Random, fs: Fs)",
      "    let home = env.get(\"HOME\").unwrap_or(\"none\")",
      "    let nope = env.get(\"NOPE\").is_none()",
      "    let n = rnd.int_range(10, 20) + 1",
      "    let f = rnd.float_unit() * 2.0",
      "    let narrowed = fs.restrict_to(\"/x\")",
      "    let good = narrowed.read(\"/ok\").unwrap_or(\"?\")",
      "    let bad = match fs.read(\"/bad\")",
      "        Ok(_) -> \"ok\"",
      "        Err(e) -> \"${e}\"",
      "    stdio.println(\"${home} ${nope} ${n} ${f} ${good} ${bad} ${env.args().length()}\")",
      "",
    ].join("\n");
    const r = run(src, { provider });
    expect(r.outcome.failure).toBeNull();
    expect(calls).toContainEqual(["int_range", 10n, 20n]);
    expect(calls).toContainEqual(["println", "/home/x true 12 1.0 data failed to read 2"]);
  });

  it("reports a capability this runtime cannot provide", () => {
    const r = run("fun main(db: Db)\n    let _x = 1\n", { provider: () => ({ root: () => null }) });
    expect(r.outcome.failure!.message).toBe("capability 'Db' is not available in this runtime");
  });

  it("Int and Float stay distinct at run time for display", () => {
    const r = run(mainWith(`let a = 25\nlet b = 25.0\nstdio.println("${"${a} ${b} ${to_float(a)} ${1e16} ${-0.0}"}")`));
    expect(r.stdout).toBe("25 25.0 25.0 1e+16 -0.0\n");
  });

  it("user to_string methods are used in interpolation", () => {
    const r = run(mainWith(`let m = Money { cents: 1250 }\nstdio.println("total: ${"${m}"}")`, "type Money { cents: Int }\n\nimpl Money\n    fun to_string(self) -> String\n        return \"USD ${self.cents / 100}.${self.cents % 100}\"\n"));
    expect(r.stdout).toBe("total: USD 12.50\n");
  });
});
