// A generator of `@strict_ifc()` functions over two @secret strings: public and secret Int
// variables, updates, branches / loops with break and continue / matches over secrets, early
// returns, closures in a list, a helper with a @secret parameter, public sinks and declassify.
// Some statements leak on purpose (explicit, implicit, through break or an early return): a sound
// checker rejects those units, so what it accepts must print the same for any two secrets.
// The two secrets the harness feeds always have the same length and differ in content, so a value
// that depends only on lengths may be declassified without making the runs differ.

import fc from "fast-check";

export const SECRET_ENV = ["CAPA_SECRET_A", "CAPA_SECRET_B"] as const;
/** Two inputs per secret: same lengths, different contents. */
export const SECRET_VALUES: readonly Record<string, string>[] = [
  { CAPA_SECRET_A: "apple", CAPA_SECRET_B: "kiwi-7" },
  { CAPA_SECRET_A: "zebra", CAPA_SECRET_B: "plum-2" },
];

/** Public ints p0..p2; secret ints q0 (from lengths), q1 (from content), q2 (both). */
const P = ["p0", "p1", "p2"];
const Q = ["q0", "q1", "q2"];

export type IfcStmt =
  | { kind: "pubAdd"; p: number; n: number }
  | { kind: "secAdd"; q: number; from: "p" | "q"; j: number }
  | { kind: "ifSecretSetSecret"; q: number; n: number; target: number }
  | { kind: "ifSecretSetPublic"; q: number; n: number; target: number }
  | { kind: "printPublic"; p: number }
  | { kind: "printSecret"; q: number }
  | { kind: "printDeclassifiedLength"; n: number }
  | { kind: "loopBreakOnSecret"; q: number; target: number }
  | { kind: "loopContinuePublic"; p: number; n: number }
  | { kind: "matchSecret"; q: number; target: "p" | "q"; t: number }
  | { kind: "earlyReturnOnSecret"; q: number; n: number }
  | { kind: "closures"; target: "p" | "q"; t: number; n: number }
  | { kind: "helper"; q: number }
  | { kind: "printIfPublic"; p: number; n: number };

const idx = fc.integer({ min: 0, max: 2 });
const small = fc.integer({ min: 0, max: 6 });

/** Statements a sound checker accepts weigh more than the deliberate leaks, so most units check. */
export const stmtArb: fc.Arbitrary<IfcStmt> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("pubAdd" as const), p: idx, n: small }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("secAdd" as const), q: idx, from: fc.constantFrom("p" as const, "q" as const), j: idx }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("ifSecretSetSecret" as const), q: idx, n: small, target: idx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("ifSecretSetPublic" as const), q: idx, n: small, target: idx }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("printPublic" as const), p: idx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("printSecret" as const), q: idx }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("printDeclassifiedLength" as const), n: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("loopBreakOnSecret" as const), q: idx, target: idx }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("loopContinuePublic" as const), p: idx, n: small }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("matchSecret" as const), q: idx, target: fc.constantFrom("p" as const, "q" as const, "q" as const), t: idx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("earlyReturnOnSecret" as const), q: idx, n: small }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("closures" as const), target: fc.constantFrom("p" as const, "q" as const), t: idx, n: small }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("helper" as const), q: idx }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("printIfPublic" as const), p: idx, n: small }) },
);

export const unitArb: fc.Arbitrary<IfcStmt[]> = fc.array(stmtArb, { minLength: 1, maxLength: 6 });

const ind = (lines: readonly string[]): string[] => lines.map((l) => "    " + l);

function stmt(s: IfcStmt, k: number, i: number): string[] {
  const tag = `u${k}s${i}`;
  switch (s.kind) {
    case "pubAdd":
      return [`${P[s.p]} += ${s.n}`];
    case "secAdd":
      return [`${Q[s.q]} += ${s.from === "p" ? P[s.j] : Q[s.j]}`];
    case "ifSecretSetSecret":
      return [`if ${Q[s.q]} > ${s.n}`, ...ind([`${Q[s.target]} += 1`])];
    case "ifSecretSetPublic":
      return [`if ${Q[s.q]} > ${s.n}`, ...ind([`${P[s.target]} += 1`])];
    case "printPublic":
      return [`stdio.println("${tag} ${"$"}{${P[s.p]}}")`];
    case "printSecret":
      return [`stdio.println("${tag} ${"$"}{${Q[s.q]}}")`];
    case "printDeclassifiedLength":
      return [`let ${tag}_len = declassify(a.length() + b.length() + ${s.n}, reason: "lengths are public")`, `stdio.println("${tag} ${"$"}{${tag}_len}")`];
    case "loopBreakOnSecret":
      return [`for ${tag}_i in 0..4`, ...ind([`if ${Q[s.q]} % 4 == ${tag}_i`, ...ind(["break"]), `${P[s.target]} += 1`])];
    case "loopContinuePublic":
      return [`for ${tag}_i in 0..4`, ...ind([`if ${tag}_i == ${s.n % 4}`, ...ind(["continue"]), `${P[s.p]} += ${tag}_i`])];
    case "matchSecret": {
      const target = s.target === "p" ? P[s.t] : Q[s.t];
      return [`match ${Q[0]} % 2 == 0 and ${Q[1]} > 1`, ...ind(["true ->", ...ind([`${target} += 2`]), "false ->", ...ind([`${target} += 1`])])];
    }
    case "earlyReturnOnSecret":
      return [`if ${Q[s.q]} == ${s.n}`, ...ind(["return"])];
    case "closures": {
      const target = s.target === "p" ? P[s.t] : Q[s.t];
      return [
        `let ${tag}_fs = [fun (x: Int) -> Int => x + ${s.n}, fun (x: Int) -> Int => x * 2]`,
        `for ${tag}_f in ${tag}_fs`,
        ...ind([`${target} = ${tag}_f(${target})`]),
      ];
    }
    case "helper":
      return [`${Q[s.q]} = u${k}_helper(${Q[s.q]})`];
    case "printIfPublic":
      return [`if ${P[s.p]} > ${s.n}`, ...ind([`stdio.println("${tag} big")`])];
  }
}

export interface RenderedIfcUnit {
  readonly lines: string[];
}

/** One strict unit `u<k>(stdio, a, b)` and its helper. */
export function renderIfcUnit(stmts: readonly IfcStmt[], k: number): string[] {
  return [
    `fun u${k}_helper(x: @secret Int) -> @secret Int`,
    ...ind(["if x > 3", ...ind(["return x * 2"]), "return x + 1"]),
    "",
    "@strict_ifc()",
    `fun u${k}(stdio: Stdio, a: @secret String, b: @secret String)`,
    ...ind([
      "var p0 = 1",
      "var p1 = 2",
      "var p2 = 3",
      "var q0 = a.length() + b.length()",
      'var q1 = if a.starts_with("a") then 1 else 0',
      "var q2 = q0 + q1",
      ...stmts.flatMap((s, i) => stmt(s, k, i)),
      `stdio.println("u${k} end ${"$"}{p0} ${"$"}{p1} ${"$"}{p2}")`,
    ]),
    "",
  ];
}

/** A program running the given units in order; `main` reads both secrets from the environment. */
export function renderIfcProgram(units: readonly { readonly k: number; readonly stmts: readonly IfcStmt[] }[]): string {
  return renderIfcBatch(units).text;
}

/** The program and, per unit, the 1-based line range its declarations occupy. */
export function renderIfcBatch(units: readonly { readonly k: number; readonly stmts: readonly IfcStmt[] }[]): {
  text: string;
  ranges: { k: number; from: number; to: number }[];
} {
  const ranges: { k: number; from: number; to: number }[] = [];
  const body: string[] = [];
  for (const u of units) {
    const lines = renderIfcUnit(u.stmts, u.k);
    ranges.push({ k: u.k, from: body.length + 1, to: body.length + lines.length });
    body.push(...lines);
  }
  const lines = [
    ...body,
    "fun main(stdio: Stdio, env: Env)",
    ...ind([
      `let a = env.get("${SECRET_ENV[0]}").unwrap_or("")`,
      `let b = env.get("${SECRET_ENV[1]}").unwrap_or("")`,
      ...units.map((u) => `u${u.k}(stdio, a, b)`),
    ]),
  ];
  return { text: lines.join("\n") + "\n", ranges };
}
