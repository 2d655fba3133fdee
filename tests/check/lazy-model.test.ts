// The capability model is built on first use (a large program's `--check` never reads it), and
// the dead-Unsafe lint that reads it still runs whenever a parameter could be a dead token.

import { describe, expect, it } from "vitest";
import { mayHaveDeadUnsafe } from "../../src/check/dead-unsafe.js";
import type { FunDecl } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/index.js";
import { checkSource } from "./support.js";

const funs = (source: string): FunDecl[] => parseSource(source, "t.capa").program.items.filter((i): i is FunDecl => i.kind === "Fun");

describe("the capability model on demand", () => {
  it("is a getter on the check result, and the same model on every read", () => {
    const { result } = checkSource("fun main(stdio: Stdio)\n    stdio.println(\"hi\")\n");
    expect(typeof Object.getOwnPropertyDescriptor(result!, "model")!.get).toBe("function");
    expect(result!.model).toBe(result!.model);
    expect(result!.model.functions.map((f) => f.name)).toEqual(["main"]);
  });

  it("still gives the dead-Unsafe warning, which reads the model", () => {
    const { lines } = checkSource("fun score(_u: Unsafe, n: Int) -> Int\n    return n * 2\n\nfun main(stdio: Stdio)\n    stdio.println(\"x\")\n");
    expect(lines.filter((l) => l.includes("warning"))).toHaveLength(1);
    expect(lines[0]).toMatch(/^1:11: warning: parameter '_u: Unsafe' of 'score' is never exercised/);
  });

  it("needs the model for the lint only when a parameter is written as Unsafe", () => {
    expect(mayHaveDeadUnsafe(funs("fun f(x: Int, s: Stdio) -> Int\n    return x\n"))).toBe(false);
    expect(mayHaveDeadUnsafe(funs("fun f(u: Unsafe)\n    return\n"))).toBe(true);
  });
});
