// The checker driver runs IFC after the type checker: its diagnostics and facts reach CheckResult.

import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/index.js";
import * as b from "./ast.js";

describe("checkProgram composes information-flow control", () => {
  it("reports IFC warnings beside type diagnostics and exposes the facts", () => {
    const shout = b.fn("shout", [b.stdio(), b.P("msg", b.T("String"))], [b.ex(b.println(b.m("msg", "to_upper")))]);
    const passed = b.n("key");
    const main = b.fn("main", [b.stdio(), b.envP()], [
      b.let_("key", b.envSecret()),
      b.ex(b.call("shout", b.n("stdio"), passed)),
      b.ex(b.println(b.call("declassify", b.n("key"), b.named("reason", b.str("audited"))))),
    ]);
    const r = checkProgram(b.program(main, shout), { filename: "t.capa" });
    const ifc = r.diagnostics.filter((d) => d.code.startsWith("E5"));
    expect(ifc.map((d) => [d.code, d.severity])).toEqual([["E5003", "warning"]]);
    expect(ifc[0]!.span).toBe(passed.span);
    expect(r.ifc.declassifications.get(main)?.map((f) => [f.reason, f.value])).toEqual([["audited", "key"]]);
    expect(r.ifc.unauditedSecretSinks.get(main)?.map((f) => f.capability)).toEqual(["Stdio"]);
  });
});
