// Summaries as the IFC result keeps them: a callable's empty fact collections are one shared,
// read-only empty collection (a large program's summaries were mostly empty Maps and Sets),
// while collections with facts are kept as they are.

import { describe, expect, it } from "vitest";
import { checkInformationFlow } from "../../src/check/ifc/index.js";
import { settled, emptySummary } from "../../src/check/ifc/summary.js";
import * as b from "./ast.js";

describe("settled IFC summaries", () => {
  it("share one empty collection between callables without facts", () => {
    const f = b.fn("f", [b.P("x", b.T("Int"))], [b.ret(b.n("x"))], { ret: b.T("Int") });
    const g = b.fn("g", [], [b.ex(b.int(1))]);
    const r = checkInformationFlow(b.program(f, g), null);
    const sf = r.summaries.get(f)!;
    const sg = r.summaries.get(g)!;
    expect(sf.sinkParams).toBe(sg.sinkParams);
    expect(sf.places).toBe(sg.places);
    expect(sf.ctParams).toBe(sg.ctParams);
    expect(sf.returnParams.has(0)).toBe(true); // a fact is kept
    expect(sg.returnParams.size).toBe(0);
  });

  it("keeps collections that have facts and refuses writes to the shared empty ones", () => {
    const s = emptySummary();
    s.returnParams.add(2);
    const kept = settled(s);
    expect(kept.returnParams).toBe(s.returnParams);
    expect(() => kept.sinkParams.set(0, undefined as never)).toThrow();
    expect(() => kept.mutatesParams.add(1)).toThrow();
  });

  it("reports the same as before for a sink reached through a call", () => {
    const sink = b.fn("sink", [b.stdio(), b.P("z", b.T("String"))], [b.ex(b.println(b.n("z")))]);
    const secretArg = b.envSecret();
    const main = b.fn("main", [b.stdio(), b.envP()], [b.ex(b.call("sink", b.n("stdio"), secretArg))]);
    const r = checkInformationFlow(b.program(main, sink), null);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.summaries.get(sink)!.sinkParams.has(1)).toBe(true);
  });
});
