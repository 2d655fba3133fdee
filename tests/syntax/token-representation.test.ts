// How the front end represents tokens and positions in memory, which the size and speed of a
// long file's parse depend on (bench/check/phases.mjs): one token shape, integer positions,
// and no token array kept by the shared parser once a parse is over.

import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { createTokenInstance } from "../../src/syntax/chevrotain.js";
import { DiagnosticBag } from "../../src/diagnostics/diagnostic.js";
import { layout, type LaidToken } from "../../src/syntax/layout.js";
import { lexRaw } from "../../src/syntax/lexer.js";
import { parseSource } from "../../src/syntax/index.js";
import { parseTokens } from "../../src/syntax/parser.js";
import { tokCol, tokLine } from "../../src/syntax/parser-base.js";
import * as T from "../../src/syntax/tokens.js";

const PROGRAM = [
  "/// documented",
  "fun main(stdio: Stdio)",
  '    let s = "a ${1 + 2} b"',
  "    if s == \"x\"",
  "        stdio.println(s)",
  "",
].join("\n");

function laid(text: string): LaidToken[] {
  return layout(lexRaw(text, "t.capa", new DiagnosticBag()), text, "t.capa", new DiagnosticBag());
}

describe("token representation", () => {
  it("builds every token of the stream, synthesised or lexed, with the same keys in the same order", () => {
    const tokens = laid(PROGRAM);
    const kinds = new Set(tokens.map((t) => t.tokenType));
    for (const synthesised of [T.Newline, T.Indent, T.Dedent]) expect(kinds.has(synthesised)).toBe(true);
    const keys = new Set(tokens.map((t) => Object.keys(t).join(",")));
    expect([...keys]).toHaveLength(1);
  });

  it("does not share the key order of chevrotain's own tokens, whose positions may be NaN", () => {
    const [key] = new Set(laid(PROGRAM).map((t) => Object.keys(t).join(",")));
    const theirs = Object.keys(createTokenInstance(T.Identifier, "x", NaN, NaN, NaN, NaN, NaN, NaN)).join(",");
    expect(key!.startsWith(theirs.split(",")[0]!)).toBe(false);
  });

  it("gives integer span positions even for chevrotain's NaN-positioned recording-phase tokens", () => {
    // one NaN stored in a span would make V8 box the numbers of every span as doubles
    const recording = createTokenInstance(T.Identifier, "x", NaN, NaN, NaN, NaN, NaN, NaN) as LaidToken;
    expect(Number.isInteger(tokLine(recording))).toBe(true);
    expect(Number.isInteger(tokCol(recording))).toBe(true);
    expect(tokLine({ ...recording, startLine: 7 })).toBe(7);
    expect(tokCol({ ...recording, startColumn: 12 })).toBe(12);
  });

  it("parses to the same program as before the representation changed (positions included)", () => {
    const { program, diagnostics } = parseSource(PROGRAM, "t.capa");
    expect(diagnostics).toEqual([]);
    const fn = program.items[0]!;
    expect(fn.span).toEqual({ file: "t.capa", line: 2, col: 1, endLine: 5, endCol: 26 });
    expect(fn.kind === "Fun" && fn.doc).toBe("documented");
  });

  it("lets the token array go once the parse is over (the parser object is shared)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const text = "fun main(stdio: Stdio)\n    stdio.println(\"no splice\")\n"; // a splice's parse would replace the array
    let tokens: LaidToken[] | null = laid(text);
    const ref = new WeakRef(tokens);
    parseTokens(tokens, "t.capa", new DiagnosticBag(), text);
    tokens = null;
    await new Promise((resolve) => setTimeout(resolve, 0)); // a WeakRef keeps its target alive until the job ends
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});
