// A generator of well-typed Capa programs that move authority around: capabilities passed down
// call chains, closures capturing them stored in lists, struct fields, maps and sum payloads,
// trait objects, user capabilities, returned closures, function values handed to built-ins and
// to `to_string` through a generic interpolation; effects wrapped in loops with break/continue,
// early returns and matches. Every unit is self-contained (its names carry a `uN_` prefix) so a
// program is any list of units plus a `main` that runs them.

import fc from "fast-check";

export const CAPABILITIES = ["Stdio", "Fs", "Env", "Clock", "Random", "Net", "Db", "Proc", "Serve"] as const;
export type Cap = (typeof CAPABILITIES)[number];

export const MECHANISMS = [
  "direct",
  "chain",
  "closureList",
  "structField",
  "mapValue",
  "sumPayload",
  "traitObject",
  "userCapability",
  "returnedClosure",
  "builtinHof",
  "genericToString",
] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const WRAPPERS = ["none", "ifAbove", "forBreakContinue", "whileContinue", "earlyReturn", "matchInt"] as const;
export type Wrapper = (typeof WRAPPERS)[number];

/** A run-time capability wrapper `main` puts around the capability before handing it to the unit
 * (spec/capabilities.md, "Run-time wrappers"); none of them refuses within a generated run, so
 * the operations still happen, now through a wrapped copy. */
export const GUARDS = ["none", "revocable", "logged", "expiring", "stacked"] as const;
export type GuardKind = (typeof GUARDS)[number];

export interface UnitSpec {
  readonly mechanism: Mechanism;
  readonly cap: Cap;
  readonly wrapper: Wrapper;
  readonly guard: GuardKind;
  /** The Int `main` passes (drives the wrapper's branches). */
  readonly n: number;
  readonly threshold: number;
  /** Whether the path that carries authority is the one taken (trait objects, sums). */
  readonly pick: boolean;
}

export const unitArb: fc.Arbitrary<UnitSpec> = fc.record({
  mechanism: fc.constantFrom(...MECHANISMS),
  cap: fc.constantFrom(...CAPABILITIES),
  wrapper: fc.constantFrom(...WRAPPERS),
  guard: fc.constantFrom(...GUARDS),
  n: fc.integer({ min: 0, max: 5 }),
  threshold: fc.integer({ min: 0, max: 4 }),
  pick: fc.boolean(),
});

export const programArb: fc.Arbitrary<UnitSpec[]> = fc.array(unitArb, { minLength: 1, maxLength: 3 });

const PARAM: Record<Cap, string> = { Stdio: "stdio", Fs: "fs", Env: "env", Clock: "clock", Random: "random", Net: "net", Db: "db", Proc: "proc", Serve: "serve" };

const indent = (lines: readonly string[], depth = 1): string[] => lines.map((l) => "    ".repeat(depth) + l);

/** One capability operation on `v`, as statements (fresh names from `tag`). */
function effect(cap: Cap, v: string, tag: string): string[] {
  switch (cap) {
    case "Stdio":
      return [`${v}.println("${tag}")`];
    case "Fs":
      return [`let ${tag}_fs = ${v}.exists("/nonexistent/capa-gen/${tag}")`];
    case "Env":
      return [`let ${tag}_env = ${v}.get("CAPA_GEN_${tag.toUpperCase()}")`];
    case "Clock":
      return [`let ${tag}_clock = ${v}.now_secs()`];
    case "Random":
      return [`let ${tag}_rnd = ${v}.int_range(0, 10)`];
    case "Net":
      return [`let ${tag}_net = ${v}.restrict_to("allowed.invalid").get("http://denied.invalid/${tag}")`];
    // Denied by their gates before any file, process or socket exists.
    case "Db":
      return [`let ${tag}_db = ${v}.restrict_to("/nonexistent/capa-gen").query("/nonexistent/capa-gen-other/${tag}.db", "SELECT 1")`];
    case "Proc":
      return [`let ${tag}_proc = ${v}.restrict_to("capa-gen-none").exec("capa-gen-${tag}", "[]")`];
    case "Serve":
      return [`let ${tag}_serve = ${v}.restrict_to("127.0.0.1:1").listen("127.0.0.1", 2)`];
  }
}

/** The effect under the unit's control flow, for a body (of a Unit function or lambda) with `n: Int`. */
function wrapped(u: UnitSpec, body: string[], tag: string): string[] {
  switch (u.wrapper) {
    case "none":
      return body;
    case "ifAbove":
      return [`if n > ${u.threshold}`, ...indent(body), "else", ...indent([`let ${tag}_skip = n`])];
    case "forBreakContinue":
      return [
        `for ${tag}_i in 0..n`,
        ...indent([`if ${tag}_i == ${u.threshold}`, ...indent(["break"]), `if ${tag}_i % 2 == 1`, ...indent(["continue"]), ...body]),
      ];
    case "whileContinue":
      return [
        `var ${tag}_w = 0`,
        `while ${tag}_w < n`,
        ...indent([`${tag}_w += 1`, `if ${tag}_w == ${u.threshold}`, ...indent(["continue"]), ...body]),
      ];
    case "earlyReturn":
      return [`if n < ${u.threshold}`, ...indent(["return"]), ...body];
    case "matchInt":
      return [`match n % 3`, ...indent([`${u.threshold % 3} ->`, ...indent(body), `_ ->`, ...indent([`let ${tag}_other = n`])])];
  }
}

export interface RenderedUnit {
  readonly decls: string[];
  /** Statements of `main` (capability parameters named as in `PARAM`). */
  readonly main: string[];
}

/** A block lambda `let name = fun (n: Int) -> Unit =>` doing the unit's effect on `v`. */
function effectLambda(u: UnitSpec, name: string, v: string, tag: string): string[] {
  return [`let ${name} = fun (n: Int) -> Unit =>`, ...indent(wrapped(u, effect(u.cap, v, tag), tag))];
}

/** `main`'s statements with the unit's capability replaced by a wrapped copy bound first. */
function guarded(u: UnitSpec, k: number, r: RenderedUnit): RenderedUnit {
  if (u.guard === "none") return r;
  const c = PARAM[u.cap];
  const name = `u${k}_cap`;
  // The deadline's Clock is a derived copy: `clock.expires_after(clock, ..)` would alias the capability.
  const clockCopy = `u${k}_clk`;
  const wrap: Record<Exclude<GuardKind, "none">, string> = {
    revocable: `${c}.revocable(new_revoker())`,
    logged: `${c}.logged(new_audit_log())`,
    expiring: `${c}.expires_after(${clockCopy}, 3600.0)`,
    stacked: `${c}.logged(new_audit_log()).revocable(new_revoker()).expires_after(${clockCopy}, 3600.0)`,
  };
  const setup = u.guard === "expiring" || u.guard === "stacked" ? [`let ${clockCopy} = clock.restrict_to_after(0.0)`] : [];
  const use = new RegExp(`\\b${c}\\b`, "g");
  return { decls: r.decls, main: [...setup, `let ${name} = ${wrap[u.guard]}`, ...r.main.map((l) => l.replace(use, name))] };
}

export function renderUnit(u: UnitSpec, k: number): RenderedUnit {
  return guarded(u, k, renderBareUnit(u, k));
}

function renderBareUnit(u: UnitSpec, k: number): RenderedUnit {
  const p = `u${k}`;
  const T = `U${k}`;
  const c = PARAM[u.cap];
  const unitFn = (name: string, params: string, v: string): string[] => [
    `fun ${name}(${params}, n: Int)`,
    ...indent(wrapped(u, effect(u.cap, v, `${p}e`), `${p}e`)),
  ];
  switch (u.mechanism) {
    case "direct":
      return { decls: unitFn(`${p}_f`, `${c}: ${u.cap}`, c), main: [`${p}_f(${c}, ${u.n})`] };
    case "chain":
      return {
        decls: [...unitFn(`${p}_f`, `${c}: ${u.cap}`, c), "", `fun ${p}_g(${c}: ${u.cap}, n: Int)`, ...indent([`${p}_f(${c}, n + 1)`])],
        main: [`${p}_g(${c}, ${u.n})`],
      };
    case "closureList":
      return {
        decls: [
          `fun ${p}_pure(n: Int)`,
          ...indent([`let ${p}_x = n * 2`]),
          "",
          `fun ${p}_run(hs: List<Fun(Int) -> Unit>, n: Int)`,
          ...indent(["for h in hs", ...indent(["h(n)"])]),
        ],
        main: [...effectLambda(u, `${p}_h`, c, `${p}l`), `${p}_run([${p}_pure, ${p}_h], ${u.n})`],
      };
    case "structField":
      return {
        decls: [`type ${T}Box { h: Fun(Int) -> Unit, tag: Int }`, "", `fun ${p}_call(b: ${T}Box, n: Int)`, ...indent(["let g = b.h", "g(n)"])],
        main: [...effectLambda(u, `${p}_h`, c, `${p}l`), `${p}_call(${T}Box { h: ${p}_h, tag: ${u.n} }, ${u.n})`],
      };
    case "mapValue":
      return {
        decls: [
          `fun ${p}_call(m: Map<String, Fun(Int) -> Unit>, key: String, n: Int)`,
          ...indent([`match m.get(key)`, ...indent(["Some(g) -> g(n)", "None -> ()"])]),
        ],
        main: [
          ...effectLambda(u, `${p}_h`, c, `${p}l`),
          `let ${p}_m: Map<String, Fun(Int) -> Unit> = new_map()`,
          `${p}_m.set("k", ${p}_h)`,
          `${p}_call(${p}_m, "${u.pick ? "k" : "absent"}", ${u.n})`,
        ],
      };
    case "sumPayload":
      return {
        decls: [
          `type ${T}Act =`,
          ...indent([`${T}Run(Fun(Int) -> Unit)`, `${T}Skip`]),
          "",
          `fun ${p}_call(a: ${T}Act, n: Int)`,
          ...indent(["match a", ...indent([`${T}Run(g) -> g(n)`, `${T}Skip -> ()`])]),
        ],
        main: [...effectLambda(u, `${p}_h`, c, `${p}l`), `${p}_call(${u.pick ? `${T}Run(${p}_h)` : `${T}Skip`}, ${u.n})`],
      };
    case "traitObject":
      return {
        decls: [
          `trait ${T}Go`,
          ...indent(["fun go(self, n: Int)"]),
          "",
          `type ${T}A { h: Fun(Int) -> Unit }`,
          "",
          `type ${T}B { k: Int }`,
          "",
          `impl ${T}Go for ${T}A`,
          ...indent(["fun go(self, n: Int)", ...indent(["let g = self.h", "g(n)"])]),
          "",
          `impl ${T}Go for ${T}B`,
          ...indent(["fun go(self, n: Int)", ...indent([`let ${p}_k = self.k + n`])]),
          "",
          `fun ${p}_make(h: Fun(Int) -> Unit, pick: Bool) -> ${T}Go`,
          ...indent(["if pick", ...indent([`return ${T}A { h: h }`]), `return ${T}B { k: 1 }`]),
          "",
          `fun ${p}_use(t: ${T}Go, n: Int)`,
          ...indent(["t.go(n)"]),
        ],
        main: [
          ...effectLambda(u, `${p}_h`, c, `${p}l`),
          `${p}_use(${p}_make(${p}_h, ${u.pick}), ${u.n})`,
          `${p}_make(${p}_h, ${!u.pick}).go(${u.n})`,
        ],
      };
    case "userCapability":
      return {
        decls: [
          `capability ${T}Cap`,
          ...indent(["fun act(self, n: Int)"]),
          "",
          `type ${T}Impl { inner: ${u.cap} }`,
          "",
          `impl ${T}Cap for ${T}Impl`,
          ...indent(["fun act(self, n: Int)", ...indent(wrapped(u, effect(u.cap, "self.inner", `${p}c`), `${p}c`))]),
          "",
          `fun ${p}_make(${c}: ${u.cap}) -> ${T}Impl`,
          ...indent([`return ${T}Impl { inner: ${c} }`]),
          "",
          `fun ${p}_use(x: ${T}Cap, n: Int)`,
          ...indent(["x.act(n)"]),
        ],
        main: [`${p}_use(${p}_make(${c}), ${u.n})`],
      };
    case "returnedClosure":
      return {
        decls: [
          `fun ${p}_mk(${c}: ${u.cap}) -> Fun(Int) -> Unit`,
          ...indent([...effectLambda(u, "h", c, `${p}r`), "return h"]),
          "",
          `fun ${p}_apply(f: Fun(Int) -> Unit, n: Int)`,
          ...indent(["f(n)"]),
        ],
        main: [`${p}_apply(${p}_mk(${c}), ${u.n})`],
      };
    case "builtinHof":
      return {
        decls: [`fun ${p}_each(g: Fun(Int) -> Int, n: Int) -> Int`, ...indent(["return [n, n + 1].map(g).length()"])],
        main: [
          `let ${p}_g = fun (n: Int) -> Int =>`,
          ...indent([...wrapped({ ...u, wrapper: u.wrapper === "earlyReturn" ? "ifAbove" : u.wrapper }, effect(u.cap, c, `${p}m`), `${p}m`), "return n"]),
          `let ${p}_len = ${p}_each(${p}_g, ${u.n})`,
        ],
      };
    case "genericToString":
      return {
        decls: [
          `type ${T}P { h: Fun(Int) -> Unit, n: Int }`,
          "",
          `impl ${T}P`,
          ...indent(["fun to_string(self) -> String", ...indent(["let g = self.h", "g(self.n)", 'return "p"'])]),
          "",
          `fun ${p}_show<T>(x: T) -> String`,
          ...indent(['return "${x}"']),
        ],
        main: [...effectLambda(u, `${p}_h`, c, `${p}l`), `let ${p}_s = ${p}_show(${T}P { h: ${p}_h, n: ${u.n} })`],
      };
  }
}

/** A whole program: the units' declarations, then `main` taking every capability they use. */
export function renderProgram(units: readonly UnitSpec[]): string {
  const rendered = units.map((u, i) => renderUnit(u, i));
  // An expiring guard reads the Clock, so `main` takes one even when no unit's effect uses it.
  const needsClock = (u: UnitSpec): boolean => u.guard === "expiring" || u.guard === "stacked";
  const caps = CAPABILITIES.filter((c) => units.some((u) => u.cap === c || (c === "Clock" && needsClock(u))));
  const params = caps.map((c) => `${PARAM[c]}: ${c}`).join(", ");
  const lines = [...rendered.flatMap((r) => [...r.decls, ""]), `fun main(${params})`, ...indent(rendered.flatMap((r) => r.main))];
  return lines.join("\n") + "\n";
}
