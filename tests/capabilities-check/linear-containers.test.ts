// Linear/typestate values are never packed: codes, positions and the hint that says what to do
// instead (the fixture catalogue in tests/soundness compares first lines only).

import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import { typecheck } from "../../src/check/typecheck/index.js";
import { checkCapabilityRules } from "../../src/check/capabilities/index.js";
import { src } from "./support.js";

const HANDLE = `
  linear type Handle { fd: Int }
  impl Handle
      fun close(consume self)
          return
  fun open_handle(fd: Int) -> Handle
      return Handle { fd: fd }
`;

function diagnostics(body: string) {
  const { program } = parseSource(src(HANDLE).replace(/\n\s*$/, "") + "\n" + src(body), "t.capa");
  return checkCapabilityRules(program, typecheck(program)).map((d) => ({ at: `${d.span.line}:${d.span.col}`, code: d.code, hints: d.hints }));
}

describe("linear values and containers", () => {
  it("reports the container value and the stored argument, each with a hint", () => {
    const ds = diagnostics(`
      fun f()
          let xs: List<Handle> = []
          xs.push(open_handle(1))
    `);
    expect(ds.map((d) => `${d.at} ${d.code}`)).toEqual(["8:28 E4020", "9:5 E4020", "9:13 E4021"]);
    for (const d of ds) expect(d.hints.join(" ")).toContain("own binding");
  });

  it("rejects a linear value in a sum-type payload (stricter than the reference); a plain struct field makes a carrier", () => {
    const ds = diagnostics(`
      type Box { h: Handle }
      type W =
          Has(Handle)
          No
    `);
    expect(ds.map((d) => `${d.at} ${d.code}`)).toEqual(["9:5 E4023"]);
    expect(ds[0]!.hints[0]).toContain("a linear type");
  });

  it("accepts a bare linear value through a generic identity and plain values read from it", () => {
    expect(diagnostics(`
      fun id<T>(x: T) -> T
          return x
      fun f() -> Int
          let h = id(open_handle(1))
          let fds = [h.fd]
          h.close()
          return fds.length()
    `)).toEqual([]);
  });
});
