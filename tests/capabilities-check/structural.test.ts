// Structural rule, `main` parameters and attribute validation: each reject names the message and
// line; each near miss is accepted.

import { describe, expect, it } from "vitest";
import { capErrors, LOGGER } from "./support.js";

const BARE = "a capability may only flow as a bare, top-level value (a direct function parameter), never packed inside a list, set, map, or tuple";

describe("structural placement", () => {
  it("rejects capabilities in fields, payloads, typestate fields and constants", () => {
    const errs = capErrors(`
      type Box { s: Stdio }
      type Sh =
          A(Fs)
          B
      typestate Door { n: Int, c: Net }
          Open
      fun main()
          return
    `);
    expect(errs).toEqual([
      "1:12: capability 'Stdio' cannot appear in struct field 's'; capabilities only flow through function parameters",
      "3:5: capability 'Fs' cannot appear in payload of variant 'A'; capabilities only flow through function parameters",
      "5:26: capability 'Net' cannot appear in typestate field 'c'; capabilities only flow through function parameters",
    ]);
  });

  it("lets a cap-bearing struct hold a built-in capability and be returned from a factory", () => {
    expect(capErrors(LOGGER, `
      fun main(stdio: Stdio)
          let l = make(stdio)
          l.log("x")
    `)).toEqual([]);
  });

  it("rejects built-in capabilities in return types and packed parameter types", () => {
    const errs = capErrors(`
      fun g(o: Option<Net>) -> Option<Stdio>
          return None
      fun main()
          return
    `);
    expect(errs).toContain("1:1: capability 'Stdio' cannot appear in return type of function 'g'; built-in capabilities only flow through function parameters");
    expect(errs).toContain(`1:1: capability 'Stdio' cannot appear in the return type of function 'g'; ${BARE}`);
    expect(errs).toContain(`1:7: capability 'Net' cannot appear in the type of parameter 'o'; ${BARE}`);
  });

  it("rejects a let/var copy of a capability but accepts a fresh call result", () => {
    const errs = capErrors(`
      fun main(stdio: Stdio, net: Net)
          let api = net.restrict_to("a.com")
          api.allows("a.com")
          let s = stdio
          var v = stdio
    `);
    expect(errs).toEqual([
      "4:5: capability 'Stdio' cannot appear in a 'let' binding; capabilities only flow through function parameters",
      "5:5: capability 'Stdio' cannot appear in a 'var' binding; capabilities only flow through function parameters",
    ]);
  });

  it("rejects containers of capabilities wherever they are built", () => {
    const errs = capErrors(`
      fun main(fs: Fs)
          let xs = [fs]
    `);
    expect(errs).toContain(`2:14: capability 'Fs' cannot be used here: this value is a container of capabilities, and ${BARE}`);
  });
});

describe("main", () => {
  it("notes (without failing) a parameter that is not a host capability", () => {
    expect(capErrors(`
      fun main(stdio: Stdio, n: Int)
          stdio.println("a")
    `)).toEqual([
      "1:24: parameter 'n' of 'main' has type Int, which `--run` cannot supply; main receives only host capabilities (Clock, Db, Env, Fs, Net, Proc, Random, Serve, Stdio, Unsafe), bound by type",
    ]);
  });

  it("applies mandatory use to main and accepts an underscore name", () => {
    expect(capErrors(`
      fun main(stdio: Stdio, net: Net, _fs: Fs)
          stdio.println("a")
    `)).toEqual(["1:24: capability parameter 'net' is declared but never used; prefix the name with '_' to silence this check"]);
  });
});

describe("attributes", () => {
  it("reports unknown attributes, unknown and repeated keys, repeated attributes", () => {
    expect(capErrors(`
      @foo(x: "1")
      @security(cve: "a", cve: "b", zzz: "c")
      @security(cve: "x")
      fun main()
          return
    `)).toEqual([
      "1:1: unknown attribute '@foo'; known attributes are: audited, constant_time, deprecated, security, strict_ifc, vex",
      "2:1: key 'cve' appears more than once in '@security'",
      "2:1: unknown key 'zzz' in '@security'; allowed keys are: cve, cwe, description, fixed_in, severity",
      "3:1: attribute '@security' appears more than once on function 'main'",
    ]);
  });

  it("accepts @vex values outside CycloneDX 1.5 (the VEX emitters map them and warn)", () => {
    const errs = capErrors(`
      @vex(cve: "CVE-1", status: "affected", justification: "nope")
      fun main()
          return
    `);
    expect(errs).toEqual([]);
  });

  it("accepts a valid @vex and key-less attributes", () => {
    expect(capErrors(`
      @vex(cve: "CVE-1", status: "not_affected", justification: "code_not_reachable")
      @strict_ifc()
      @constant_time()
      fun main()
          return
    `)).toEqual([]);
  });
});
