// The capability model: used capabilities per function, pure functions carry none, call-graph
// edges with attenuation flows, the reachable fixpoint (recursion, trait dispatch), exclusions.

import { describe, expect, it } from "vitest";
import { fn, model } from "./support.js";

const PROGRAM = `
  capability Logger
      fun log(self, m: String)
  type L { out: Stdio }
  impl Logger for L
      fun log(self, m: String)
          self.out.println(m)
  fun make(stdio: Stdio) -> L
      return L { out: stdio }
  fun pure(x: Int) -> Int
      return x + 1
  fun helper(net: Net, n: Int) -> Int
      let r = net.restrict_to("a.com")
      r.get("http://a.com/\${n}")
      return pure(n)
  fun viaL(l: Logger)
      l.log("x")
  fun ping(net: Net, n: Int)
      if n > 0
          pong(net, n - 1)
  fun pong(net: Net, n: Int)
      net.allows("h")
      ping(net, n)
  @vex(cve: "CVE-1", status: "not_affected")
  fun main(stdio: Stdio, net: Net, _fs: Fs)
      let api = net.restrict_to("api.example.com").restrict_to("x")
      helper(api, pure(2))
      viaL(make(stdio))
`;

describe("capability model", () => {
  const m = model(PROGRAM);

  it("records each capability a function's body uses, and none for a pure function", () => {
    expect(fn(m, "helper").usedCapabilities).toEqual(["Net"]);
    expect(fn(m, "L::log").usedCapabilities).toEqual(["Stdio"]);
    expect(fn(m, "viaL").usedCapabilities).toEqual(["Logger"]);
    const pure = fn(m, "pure");
    expect(pure.usedCapabilities).toEqual([]);
    expect(pure.declaredCapabilities).toEqual([]);
    expect(pure.transitivelyReachableCapabilities).toEqual([]);
    expect(pure.provablyExcludedCapabilities).toContain("Stdio");
  });

  it("declares capability parameters in order plus the implemented capability", () => {
    expect(fn(m, "main").declaredCapabilities).toEqual(["Stdio", "Net", "Fs"]);
    expect(fn(m, "L::log").declaredCapabilities).toEqual(["Logger"]);
    expect(fn(m, "L::log").container).toBe("L");
  });

  it("records calls in pre-order with argument text, targets and attenuation flows", () => {
    const calls = fn(m, "main").calls.map((c) => ({ kind: c.kind, callee: c.callee, pos: `${c.span.line}:${c.span.col}`, args: c.args, target: c.target }));
    expect(calls).toEqual([
      { kind: "method", callee: 'net.restrict_to("api.example.com").restrict_to', pos: "25:15", args: ['"x"'], target: null },
      { kind: "method", callee: "net.restrict_to", pos: "25:15", args: ['"api.example.com"'], target: null },
      { kind: "fn", callee: "helper", pos: "26:5", args: ["api", "pure(2)"], target: "helper" },
      { kind: "fn", callee: "pure", pos: "26:17", args: ["2"], target: "pure" },
      { kind: "fn", callee: "viaL", pos: "27:5", args: ["make(stdio)"], target: "viaL" },
      { kind: "fn", callee: "make", pos: "27:10", args: ["stdio"], target: "make" },
    ]);
    expect(fn(m, "main").calls[2]!.argsFlow).toEqual([
      { name: "api", attenuations: [{ method: "restrict_to", args: ['"api.example.com"'] }, { method: "restrict_to", args: ['"x"'] }] },
      null,
    ]);
    expect(fn(m, "helper").calls[1]!.args).toEqual(['"http://a.com/${...}"']);
  });

  it("computes reachable capabilities to a fixpoint through calls, recursion and trait dispatch", () => {
    expect(fn(m, "viaL").transitivelyReachableCapabilities).toEqual(["Logger", "Stdio"]);
    expect(fn(m, "make").transitivelyReachableCapabilities).toEqual(["Logger", "Stdio"]);
    // A user capability is reachable only through the function's own signature (as the reference):
    // main makes a Logger from its Stdio, so it reaches Stdio, not Logger.
    expect(fn(m, "main").transitivelyReachableCapabilities).toEqual(["Fs", "Net", "Stdio"]);
    expect(fn(m, "ping").transitivelyReachableCapabilities).toEqual(["Net"]);
    expect(fn(m, "main").provablyExcludedCapabilities).toEqual(["Clock", "Db", "Env", "Logger", "Proc", "Random", "Serve", "Unsafe"]);
  });

  it("keeps validated attributes and the user capability table", () => {
    expect(fn(m, "main").attributes.map((a) => [a.name, a.args])).toEqual([["vex", [{ key: "cve", value: "CVE-1" }, { key: "status", value: "not_affected" }]]]);
    expect([fn(m, "main").span.line, fn(m, "main").span.col]).toEqual([23, 1]); // its @vex line, as the reference positions an attributed function
    expect(m.userCapabilities.map((u) => [u.name, u.methods, u.implementors])).toEqual([["Logger", ["log"], ["L"]]]);
  });

  it("marks Unsafe and Fun parameters as unprovable and collects py_import modules", () => {
    const u = model(`
      fun h(u: Unsafe, k: Fun(Int) -> Int) -> Int
          let m = py_import(u, "math")
          return k(1)
      fun f(g: Fun(Int) -> Int) -> Int
          return g(1)
      fun main(unsafe: Unsafe)
          h(unsafe, fun (x: Int) -> Int => x)
    `);
    expect(fn(u, "h").hasUnsafe).toBe(true);
    expect(fn(u, "h").pythonModules).toEqual(["math"]);
    expect(fn(u, "h").authorityProvableFromTypes).toBe(false);
    expect(fn(u, "f").authorityProvableFromTypes).toBe(false);
    expect(fn(u, "f").provablyExcludedCapabilities).toEqual([]);
    expect(fn(u, "main").hasUnsafe).toBe(true);
  });

  it("records linear obligations and flags", () => {
    const l = model(`
      linear type H { id: Int }
      impl H
          fun close(consume self)
              return
      fun open() -> H
          return H { id: 1 }
      @constant_time()
      @strict_ifc()
      fun take(consume h: H)
          h.close()
      fun main()
          take(open())
    `);
    expect(fn(l, "open").linearObligations).toEqual({ consumes: [], producesLinear: true });
    expect(fn(l, "take").linearObligations).toEqual({ consumes: ["h"], producesLinear: false });
    expect(fn(l, "take").constantTime).toBe(true);
    expect(fn(l, "take").strictIfc).toBe(true);
    expect(fn(l, "take").params[0]).toMatchObject({ name: "h", type: "H", consuming: true, isLinear: true, isCapability: false });
  });
});
