// IFC unit tests over hand-built ASTs (no parser needed): explicit flows, sinks and tiers,
// summaries, implicit flows, declassify, lambdas, aliasing, constant-time.

import { beforeAll, describe, expect, it } from "vitest";
import { checkInformationFlow } from "../../src/check/ifc/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type * as A from "../../src/syntax/ast.js";
import { typecheck } from "../../src/check/typecheck/index.js";
import * as b from "./ast.js";

// Each case runs twice: on the bare AST (IFC's own type inference) and with the type checker's facts.
let withTyping = false;
const run = (...items: A.Item[]) => {
  const p = b.program(...items);
  return checkInformationFlow(p, withTyping ? typecheck(p) : null);
};
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`);
const at = (ds: Diagnostic[], node: { span: A.Span }) => ds.filter((d) => d.span === node.span);

function P2(name: string, type: string) {
  return b.P(name, b.T(type));
}

for (const typed of [false, true]) {
describe(typed ? "with the type checker's facts" : "on the bare AST", () => {
  beforeAll(() => {
    withTyping = typed;
  });
  describe("explicit flows to sinks", () => {
    it("warns when Env.get data reaches println, at the argument, with the path as hints", () => {
      const arg = b.interp("user ", b.n("user"));
      const r = run(b.fn("main", [b.stdio(), b.envP()], [b.let_("user", b.envSecret()), b.ex(b.println(arg))]));
      expect(codes(r.diagnostics)).toEqual(["E5001:warning"]);
      const d = r.diagnostics[0]!;
      expect(d.span).toBe(arg.span);
      expect(d.message).toBe(
        'information-flow: a @secret value reaches Stdio.println (argument 1), a public sink that sends data out of the program. Route it through declassify(value, reason: "...") if this disclosure is intended.',
      );
      expect(d.hints[0]).toMatch(/^source \d+:1: Env.get returns a @secret value$/);
      expect(d.hints.some((h) => h.includes("bound to 'user'"))).toBe(true);
      expect(d.hints.at(-1)).toMatch(/^sink .*reaches Stdio.println \(argument 1\)$/);
    });

    it("is an error inside @strict_ifc and records no unaudited sink there", () => {
      const main = b.fn("report", [b.stdio(), b.P("token", b.secret("String"))], [b.ex(b.println(b.n("token")))], { attrs: ["strict_ifc"] });
      const r = run(main);
      expect(codes(r.diagnostics)).toEqual(["E5002:error"]);
      expect(r.unauditedSecretSinks.get(main) ?? []).toEqual([]);
    });

    it("records warn-tier leaks as unaudited secret sinks of the function", () => {
      const main = b.fn("main", [b.stdio(), b.envP()], [b.ex(b.println(b.envSecret()))]);
      const r = run(main);
      expect(r.unauditedSecretSinks.get(main)?.map((f) => f.capability)).toEqual(["Stdio"]);
    });

    it("keeps public data public: literals, public params, a public struct sibling", () => {
      const acct = b.struct("Account", [["owner", b.T("String")], ["pin", b.secret("String")]]);
      const main = b.fn("main", [b.stdio()], [
        b.let_("a", b.lit("Account", [["owner", b.str("ada")], ["pin", b.str("1")]])),
        b.ex(b.println(b.field("a", "owner"))),
        b.ex(b.println(b.str("hi"))),
      ]);
      expect(run(acct, main).diagnostics).toEqual([]);
    });

    it("treats a @secret field as secret when read or destructured", () => {
      const acct = b.struct("Account", [["owner", b.T("String")], ["pin", b.secret("String")]]);
      const readArg = b.field("a", "pin");
      const destructured = b.n("pin");
      const ownerUse = b.n("owner");
      const main = b.fn("main", [b.stdio()], [
        b.let_("a", b.lit("Account", [["owner", b.str("ada")], ["pin", b.str("1")]])),
        b.ex(b.println(readArg)),
        b.letPat(b.structPat("Account", ["owner", "pin"]), b.n("a")),
        b.ex(b.println(destructured)),
        b.ex(b.println(ownerUse)),
      ]);
      const r = run(acct, main);
      expect(at(r.diagnostics, readArg)).toHaveLength(1);
      expect(at(r.diagnostics, destructured)).toHaveLength(1);
      expect(at(r.diagnostics, ownerUse)).toHaveLength(0);
    });

    it("propagates through operators, ternaries, lists and the for variable", () => {
      const a1 = b.n("t");
      const a2 = b.n("x");
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("s", b.envSecret()),
        b.let_("t", b.ifx(b.bin("==", b.n("s"), b.str("a")), b.int(1), b.int(2))),
        b.ex(b.println(a1)),
        b.for_("x", b.list(b.str("p"), b.bin("+", b.n("s"), b.str("!"))), [b.ex(b.println(a2))]),
      ]);
      const r = run(main);
      expect(at(r.diagnostics, a1)).toHaveLength(1);
      expect(at(r.diagnostics, a2)).toHaveLength(1);
    });

    it("reaches panic as a sink with the reference wording", () => {
      const arg = b.n("s");
      const r = run(b.fn("main", [b.envP()], [b.let_("s", b.envSecret()), b.ex(b.call("panic", arg))]));
      expect(at(r.diagnostics, arg)[0]?.message).toContain("reaches panic (argument 1), a public sink that writes the message to stderr");
    });

    it("checks every sink position of Net.post and Fs.write", () => {
      const url = b.n("s");
      const body = b.n("s");
      const r = run(b.fn("main", [P2("net", "Net"), b.envP()], [b.let_("s", b.envSecret()), b.ex(b.m("net", "post", url, body))]));
      expect(r.diagnostics.map((d) => d.message.match(/argument (\d)/)![1])).toEqual(["1", "2"]);
    });
  });


  describe("containers and aliasing", () => {
    it("a secret pushed through a field chain taints the container but not a sibling field", () => {
      const bag = b.struct("Bag", [["items", b.T("List", null, [b.T("String")])], ["name", b.T("String")]]);
      const lenArg = b.interp(b.m(b.field("bag", "items"), "length"));
      const nameArg = b.field("bag", "name");
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("bag", b.lit("Bag", [["items", b.list()], ["name", b.str("n")]])),
        b.ex(b.m(b.field("bag", "items"), "push", b.envSecret())),
        b.ex(b.println(nameArg)),
        b.ex(b.println(lenArg)),
      ]);
      const r = run(bag, main);
      expect(at(r.diagnostics, lenArg)).toHaveLength(1);
      expect(at(r.diagnostics, nameArg)).toHaveLength(0);
    });

    it("sees a push through an alias (var b2 = bag) when the original is printed", () => {
      const bag = b.struct("Bag", [["items", b.T("List", null, [b.T("String")])]]);
      const lenArg = b.interp(b.m(b.field("bag", "items"), "length"));
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("bag", b.lit("Bag", [["items", b.list()]])),
        b.var_("b2", b.n("bag")),
        b.ex(b.m(b.field("b2", "items"), "push", b.envSecret())),
        b.ex(b.println(lenArg)),
      ]);
      expect(at(run(bag, main).diagnostics, lenArg)).toHaveLength(1);
    });

    it("keeps structure apart from elements across map: length stays public", () => {
      const lenArg = b.interp(b.m("ys", "length"));
      const elemArg = b.interp(b.m(b.m("ys", "first"), "unwrap_or", b.str("")));
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("s", b.envSecret()),
        b.let_("xs", b.list(b.str("a"))),
        b.let_("ys", b.m("xs", "map", b.lambda([b.P("x", null)], b.bin("+", b.n("x"), b.n("s"))))),
        b.ex(b.println(lenArg)),
        b.ex(b.println(elemArg)),
      ]);
      const r = run(main);
      expect(at(r.diagnostics, lenArg)).toHaveLength(0);
      expect(at(r.diagnostics, elemArg)).toHaveLength(1);
    });
  });

  describe("across functions", () => {
    it("reports a secret passed to a parameter that reaches a sink inside the callee", () => {
      const shout = b.fn("shout", [b.stdio(), b.P("msg", b.T("String"))], [b.ex(b.println(b.m("msg", "to_upper")))]);
      const arg = b.n("key");
      const main = b.fn("main", [b.stdio(), b.envP()], [b.let_("key", b.envSecret()), b.ex(b.call("shout", b.n("stdio"), arg))]);
      const r = run(main, shout); // callee after caller: needs the fixpoint
      expect(codes(r.diagnostics)).toEqual(["E5003:warning"]);
      expect(r.diagnostics[0]!.span).toBe(arg.span);
      expect(r.diagnostics[0]!.message).toContain("is passed to 'shout' as msg, which reaches a public sink inside 'shout'");
      expect(r.diagnostics[0]!.hints.some((h) => h.includes("passed to 'shout' as msg"))).toBe(true);
    });

    it("follows chains of calls to a fixpoint and is silent for public arguments", () => {
      const c = b.fn("c", [b.stdio(), b.P("z", b.T("String"))], [b.ex(b.println(b.n("z")))]);
      const bb = b.fn("bb", [b.stdio(), b.P("y", b.T("String"))], [b.ex(b.call("c", b.n("stdio"), b.n("y")))]);
      const a = b.fn("a", [b.stdio(), b.P("x", b.T("String"))], [b.ex(b.call("bb", b.n("stdio"), b.n("x")))]);
      const secretArg = b.envSecret();
      const main = b.fn("main", [b.stdio(), b.envP()], [b.ex(b.call("a", b.n("stdio"), b.str("pub"))), b.ex(b.call("a", b.n("stdio"), secretArg))]);
      const r = run(main, a, bb, c);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]!.span).toBe(secretArg.span);
      expect(r.summaries.get(a)!.sinkParams.has(1)).toBe(true);
    });

    it("unions over implementations for a trait-typed receiver", () => {
      const tr = b.trait("Show", ["show"]);
      const quiet = b.fn("show", [b.SelfP(), b.stdio(), b.P("m", b.T("String"))], [b.ex(b.println(b.str("x")))]);
      const loud = b.fn("show", [b.SelfP(), b.stdio(), b.P("m", b.T("String"))], [b.ex(b.println(b.n("m")))]);
      const sA = b.struct("Qa", []);
      const sB = b.struct("Lb", []);
      const arg = b.envSecret();
      const user = b.fn("use", [b.P("v", b.T("Show")), b.stdio(), b.envP()], [b.ex(b.m("v", "show", b.n("stdio"), arg))]);
      const r = run(tr, sA, sB, b.impl("Qa", [quiet], "Show"), b.impl("Lb", [loud], "Show"), user);
      expect(at(r.diagnostics, arg)).toHaveLength(1);
    });

    it("a call result is public when the callee returns a declassified value", () => {
      const check = b.fn("check", [b.P("s", b.T("String"))], [b.ret(b.call("declassify", b.bin("==", b.n("s"), b.str("x")), b.named("reason", b.str("ok"))))], { ret: b.T("Bool") });
      const arg = b.interp(b.call("check", b.envSecret()));
      const r = run(check, b.fn("main", [b.stdio(), b.envP()], [b.ex(b.println(arg))]));
      expect(at(r.diagnostics, arg)).toHaveLength(0);
    });

    it("a call result joins the arguments otherwise (even behind an implicit flow)", () => {
      const mask = b.fn("mask", [b.P("s", b.T("String"))], [
        b.var_("out", b.str("")),
        b.for_("i", { kind: "Range", start: b.int(0), end: b.m("s", "length"), inclusive: false, span: b.str("").span }, [b.assign(b.n("out"), b.str("*"), "+=")]),
        b.ret(b.n("out")),
      ], { ret: b.T("String") });
      const arg = b.call("mask", b.envSecret());
      const r = run(mask, b.fn("main", [b.stdio(), b.envP()], [b.ex(b.println(arg))]));
      expect(at(r.diagnostics, arg)).toHaveLength(1);
    });
  });

  describe("lambdas and function values", () => {
    it("reports a secret passed to a let-bound lambda that sinks its parameter", () => {
      const arg = b.n("s");
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("s", b.envSecret()),
        b.let_("g", b.lambda([b.P("v", b.T("String"))], b.println(b.n("v")))),
        b.ex(b.call("g", arg)),
      ]);
      const r = run(main);
      expect(at(r.diagnostics, arg)[0]?.message).toContain("passed to 'g' as v");
    });

    it("is conservative for a Fun parameter of unknown target, but refines at the call site", () => {
      const apply = b.fn("apply", [b.P("f", b.FunT([b.T("String")], b.T("Unit"))), b.P("x", b.T("String"))], [b.ex(b.call("f", b.n("x")))]);
      const pureArg = b.envSecret();
      const sinkArg = b.envSecret();
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("pure", b.lambda([b.P("v", b.T("String"))], b.m("v", "length"))),
        b.let_("loud", b.lambda([b.P("v", b.T("String"))], b.println(b.n("v")))),
        b.ex(b.call("apply", b.n("pure"), pureArg)),
        b.ex(b.call("apply", b.n("loud"), sinkArg)),
      ]);
      const r = run(apply, main);
      expect(at(r.diagnostics, pureArg)).toHaveLength(0);
      expect(at(r.diagnostics, sinkArg)[0]?.code).toBe("E5003");
    });

    it("reports a call through a closure stored in a struct field", () => {
      const h = b.struct("Handler", [["cb", b.FunT([b.T("String")], b.T("Unit"))]]);
      const arg = b.envSecret();
      const run1 = b.fn("fire", [b.P("h", b.T("Handler")), b.envP()], [b.ex(b.m("h", "cb", arg))]);
      const r = run(h, run1);
      expect(at(r.diagnostics, arg)[0]?.code).toBe("E5005");
    });

    it("a closure capturing a secret taints what it returns", () => {
      const arg = b.call("g");
      const main = b.fn("main", [b.stdio(), b.envP()], [
        b.let_("s", b.envSecret()),
        b.let_("g", b.lambda([], b.n("s"))),
        b.ex(b.println(arg)),
      ]);
      expect(at(run(main).diagnostics, arg)).toHaveLength(1);
    });
  });

  describe("implicit flows under @strict_ifc", () => {
    it("errors on a sink under a secret branch, taints assignments, and raises pc after an early return", () => {
      const inBranch = b.println(b.str("long"));
      const nArg = b.interp(b.n("n"));
      const afterReturn = b.println(b.str("after"));
      const f = b.fn("f", [b.stdio(), b.P("t", b.secret("String"))], [
        b.if_(b.bin(">", b.m("t", "length"), b.int(3)), [b.ex(inBranch)]),
        b.var_("n", b.int(0)),
        b.while_(b.bin(">", b.m("t", "length"), b.n("n")), [b.assign(b.n("n"), b.int(1), "+=")]),
        b.ex(b.println(nArg)),
        b.if_(b.bin("==", b.n("t"), b.str("x")), [b.ret(null)]),
        b.ex(afterReturn),
      ], { attrs: ["strict_ifc"] });
      const r = run(f);
      expect(at(r.diagnostics, inBranch).map((d) => d.code)).toEqual(["E5007"]);
      expect(at(r.diagnostics, nArg).map((d) => d.code)).toEqual(["E5002"]);
      expect(at(r.diagnostics, afterReturn).map((d) => d.code)).toEqual(["E5007"]);
    });

    it("does not report implicit flows outside strict functions", () => {
      const f = b.fn("f", [b.stdio(), b.P("t", b.secret("String"))], [b.if_(b.bin(">", b.m("t", "length"), b.int(3)), [b.ex(b.println(b.str("x")))])]);
      expect(run(f).diagnostics).toEqual([]);
    });
  });

  describe("declassify", () => {
    it("clears the label and records the site with its reason", () => {
      const main = b.fn("main", [b.stdio(), b.envP()], [b.ex(b.println(b.call("declassify", b.envSecret(), b.named("reason", b.str("ok")))))]);
      const r = run(main);
      expect(r.diagnostics).toEqual([]);
      expect(r.declassifications.get(main)?.map((f) => f.reason)).toEqual(["ok"]);
    });

    it("warns on a public value and does not record it", () => {
      const c = b.call("declassify", b.int(42), b.named("reason", b.str("x")));
      const main = b.fn("main", [], [b.let_("h", c)]);
      const r = run(main);
      expect(codes(r.diagnostics)).toEqual(["E5014:warning"]);
      expect(r.diagnostics[0]!.span).toBe(c.span);
      expect(r.declassifications.get(main) ?? []).toEqual([]);
    });

    it("rejects other shapes", () => {
      const s = b.envSecret();
      const r = run(b.fn("main", [b.envP()], [
        b.let_("a", b.call("declassify", b.envSecret())),
        b.let_("b", b.call("declassify", b.envSecret(), b.named("reason", b.n("s")))),
        b.let_("c", b.call("declassify", b.named("value", s), b.named("reason", b.str("x")))),
        b.let_("d", b.call("declassify", b.envSecret(), b.named("why", b.str("x")))),
      ]));
      expect(r.diagnostics.map((d) => d.code).sort()).toEqual(["E5010", "E5011", "E5012", "E5013"]);
    });

    it("a user function named declassify is an ordinary call", () => {
      const user = b.fn("declassify", [b.P("v", b.T("String")), b.P("reason", b.T("String"))], [b.ret(b.n("v"))], { ret: b.T("String") });
      const arg = b.call("declassify", b.envSecret(), b.named("reason", b.str("x")));
      const r = run(user, b.fn("main", [b.stdio(), b.envP()], [b.ex(b.println(arg))]));
      expect(at(r.diagnostics, arg)).toHaveLength(1);
    });

    it("records a declassify inside a constant as a module declassification", () => {
      const c = b.constDecl("K", b.T("Int"), b.call("declassify", b.int(1), b.named("reason", b.str("r"))));
      const sc = b.constDecl("S", b.secret("Int"), b.int(7));
      const d = b.constDecl("D", b.T("Int"), b.call("declassify", b.n("S"), b.named("reason", b.str("fine"))));
      const r = run(c, sc, d);
      expect(r.moduleDeclassifications.map((f) => [f.owner, f.reason])).toEqual([["D", "fine"]]);
      expect(codes(r.diagnostics)).toEqual(["E5014:warning"]);
    });
  });

  describe("@constant_time", () => {
    it("rejects branching, indexing, division and byte-wise compares on secrets; allows add", () => {
      const cond = b.bin("==", b.n("s"), b.str("x"));
      const idx = b.index(b.n("xs"), b.n("i"));
      const div = b.bin("/", b.n("i"), b.int(3));
      const add = b.bin("+", b.n("i"), b.int(3));
      const g = b.fn("g", [b.P("s", b.secret("String")), b.P("xs", b.T("List", null, [b.T("Int")])), b.P("i", b.secret("Int"))], [
        b.if_(cond, [b.ret(b.int(1))]),
        b.let_("a", idx),
        b.let_("q", div),
        b.let_("z", add),
        b.ret(b.int(0)),
      ], { attrs: ["constant_time"], ret: b.T("Int") });
      const r = run(g);
      expect(at(r.diagnostics, cond).map((d) => d.code).sort()).toEqual(["E5020", "E5024"]);
      expect(at(r.diagnostics, idx).map((d) => d.code)).toEqual(["E5021"]);
      expect(at(r.diagnostics, div).map((d) => d.code)).toEqual(["E5023"]);
      expect(at(r.diagnostics, add)).toEqual([]);
    });
  });
});
}
