// Flow rules (aliasing within a call, mandatory use), the aliasing tricks the reference misses,
// consumption and linear/typestate obligations: rejects with message and line, near misses accepted.

import { describe, expect, it } from "vitest";
import { capErrors, LOGGER } from "./support.js";

const alias = (path: string, role: string, first: string, inside = ""): string =>
  `capability '${path}' appears as ${role} but was already used as ${first} of the same call${inside}; capabilities cannot be aliased (each call uses each capability at most once)`;


describe("aliasing within one call", () => {
  it("rejects a capability passed twice and accepts two distinct ones", () => {
    expect(capErrors(`
      fun two(a: Stdio, b: Stdio)
          a.println("x")
          b.println("y")
      fun main(stdio: Stdio, other: Stdio)
          two(stdio, stdio)
          two(stdio, other)
    `)).toEqual([`5:16: ${alias("stdio", "argument 2", "argument 1")}`]);
  });

  it("counts the receiver", () => {
    expect(capErrors(LOGGER, `
      fun main(stdio: Stdio)
          let l = make(stdio)
          l.log("a")
    `)).toEqual([]);
  });

  it("rejects a capability captured by a lambda and also passed directly", () => {
    expect(capErrors(`
      fun two(a: Stdio, b: Fun() -> ())
          a.println("x")
          b()
      fun main(stdio: Stdio)
          two(stdio, fun () => stdio.println("y"))
    `)).toEqual([`5:16: ${alias("stdio", "argument 2 (captured by a lambda)", "argument 1")}`]);
  });

  it("rejects a capability through a generic T", () => {
    const errs = capErrors(`
      fun pair<A, B>(a: A, b: B)
          return
      fun main(stdio: Stdio)
          pair(stdio, stdio)
    `);
    expect(errs).toContain("4:10: call to pair: argument 1 substitutes capability 'Stdio' into a generic type parameter; the function's signature does not declare it as a capability flow (capabilities must appear by name in the signature)");
    expect(errs).toContain(`4:17: ${alias("stdio", "argument 2", "argument 1")}`);
  });

  it("rejects a capability through a tuple and through Option<Fs>", () => {
    const errs = capErrors(`
      fun tw(a: Stdio, _t: (Stdio, Int))
          a.println("x")
      fun main(stdio: Stdio, fs: Fs)
          tw(stdio, (stdio, 1))
          let o = Some(fs)
    `);
    expect(errs.some((e) => e.startsWith("4:15: capability 'Stdio' cannot be used here"))).toBe(true);
    expect(errs).toContain("5:18: call to Some: argument 1 substitutes capability 'Fs' into a generic type parameter; the function's signature does not declare it as a capability flow (capabilities must appear by name in the signature)");
  });

  it("rejects a cap-bearing struct passed twice, and its field next to it", () => {
    expect(capErrors(LOGGER, `
      fun ll(a: L, b: L)
          a.log("x")
          b.log("y")
      fun ls(a: L, b: Stdio)
          a.log("x")
          b.println("y")
      fun main(stdio: Stdio)
          let l = make(stdio)
          ll(l, l)
          ls(l, l.out)
    `)).toEqual([`17:11: ${alias("l", "argument 2", "argument 1")}`, `18:11: ${alias("l.out", "argument 2", "argument 1", " (inside 'l')")}`]);
  });

  it("rejects a let copy of a struct whose field holds a cap-bearing value", () => {
    expect(capErrors(LOGGER, `
      type W { l: L, n: Int }
      fun main(stdio: Stdio)
          let w = W { l: make(stdio), n: 1 }
          let w2 = w
    `)).toEqual(["12:5: capability 'L' cannot appear in a 'let' binding; capabilities only flow through function parameters"]);
  });
});

describe("mandatory use", () => {
  it("rejects an unused capability parameter, counting containers, not user capabilities", () => {
    expect(capErrors(`
      capability Logger
          fun log(self, m: String)
      fun f(net: Net, _quiet: Fs, l: Logger)
          return
      fun main()
          return
    `)).toEqual(["3:7: capability parameter 'net' is declared but never used; prefix the name with '_' to silence this check"]);
  });

  it("counts passing a capability on and capturing it in a lambda as use", () => {
    expect(capErrors(`
      fun g(s: Stdio)
          let f = fun () => s.println("x")
          f()
      fun main(stdio: Stdio)
          g(stdio)
    `)).toEqual([]);
  });
});

describe("consume", () => {
  const EAT = `
    fun eat(consume s: Stdio)
        s.println("bye")
  `;

  it("poisons the argument path", () => {
    expect(capErrors(EAT, `
      fun main(stdio: Stdio)
          eat(stdio)
          stdio.println("again")
    `)).toEqual(["5:5: capability 'stdio' was consumed earlier and cannot be used again"]);
  });

  it("refuses to consume a capability the function only borrowed (stricter than the reference)", () => {
    expect(capErrors(EAT, `
      fun relay(stdio: Stdio)
          eat(stdio)
      fun main(stdio: Stdio)
          relay(stdio)
          stdio.println("still here")
    `)).toEqual(["4:9: cannot consume borrowed capability 'stdio'; the caller keeps using it after this call -- declare the parameter `consume` to take ownership"]);
  });

  it("unions poison at joins but leaves out arms that return", () => {
    expect(capErrors(EAT, `
      fun a(consume stdio: Stdio, c: Bool)
          if c
              eat(stdio)
          stdio.println("x")
      fun b(consume stdio: Stdio, c: Bool)
          if c
              eat(stdio)
              return
          stdio.println("x")
      fun main()
          return
    `)).toEqual(["6:5: capability 'stdio' was consumed earlier and cannot be used again"]);
  });

  it("rejects consumption inside a loop and of a closure capture; a lambda may consume its own parameter", () => {
    expect(capErrors(EAT, `
      fun main(stdio: Stdio, out: Stdio)
          while true
              eat(stdio)
          let f = fun (s: Stdio) => eat(s)
          let g = fun () => eat(out)
    `)).toEqual([
      "5:13: capability 'stdio' was consumed earlier and cannot be used again",
      "7:27: cannot consume capability 'out' captured from enclosing scope; closures may be invoked multiple times, but a capability can only be consumed once",
    ]);
  });
});

describe("linear and typestate", () => {
  const H = `
    linear type H { id: Int }
    impl H
        fun close(consume self)
            return
        fun peek(self) -> Int
            return self.id
    fun open() -> H
        return H { id: 1 }
  `;

  it("rejects drops, discards, overwrites and use after a move", () => {
    expect(capErrors(H, `
      fun main()
          let h = open()
          let _ = open()
          open()
          var g = open()
          g = open()
          g.close()
          let z = open()
          let w = z
          z.peek()
          w.close()
    `)).toEqual([
      "10:5: linear value 'h' is dropped without being consumed; a `linear type` value must be passed to a consuming function (e.g. a `consume self` method like `close`) or returned before it goes out of scope",
      "11:5: linear value is dropped without being consumed; a `linear type` / typestate value must be passed to a consuming function (e.g. a `consume self` method like `close`), transitioned with `become`, or returned -- it cannot be discarded into `_` or a bare expression statement",
      "12:5: linear value is dropped without being consumed; a `linear type` / typestate value must be passed to a consuming function (e.g. a `consume self` method like `close`), transitioned with `become`, or returned -- it cannot be discarded into `_` or a bare expression statement",
      "14:5: linear value 'g' is dropped without being consumed; re-assigning to it overwrites the old value, which a `linear type` / typestate value cannot be -- consume the current value (e.g. a `consume self` method like `close`, or `become`) before re-assigning",
      "18:5: linear value 'z' was consumed earlier and cannot be used again",
    ]);
  });

  it("requires consumption on every path, accepts it in both branches or by return", () => {
    expect(capErrors(H, `
      fun one(c: Bool)
          let q = open()
          if c
              q.close()
      fun both(c: Bool)
          let q = open()
          if c
              q.close()
          else
              q.close()
      fun give() -> H
          let h = open()
          return h
      fun main()
          return
    `)).toEqual([
      "10:5: linear value 'q' is dropped without being consumed; a `linear type` value must be passed to a consuming function (e.g. a `consume self` method like `close`) or returned before it goes out of scope",
    ]);
  });

  it("treats an early return as a drop of what is still live", () => {
    expect(capErrors(H, `
      fun early(c: Bool)
          let h = open()
          if c
              return
          h.close()
      fun main()
          return
    `)).toEqual([
      "10:5: linear value 'h' is dropped without being consumed; a `linear type` value must be passed to a consuming function (e.g. a `consume self` method like `close`) or returned before it goes out of scope",
    ]);
  });

  it("tracks typestate values through become", () => {
    expect(capErrors(`
      typestate Door { id: Int }
          Closed
          Open
      impl Door[Open]
          fun shut(consume self)
              return
      fun main()
          let e = Door[Closed] { id: 2 }
          let e2 = become(e, Open)
          e2.shut()
          let k = become(e, Open)
          k.shut()
    `)).toEqual(["11:20: linear value 'e' was consumed earlier and cannot be used again"]);
  });
});
