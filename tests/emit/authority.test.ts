// The manifest never claims less authority than a run exercises: one regression fixture per
// soundness bug found (tests/emit/fixtures/authority/), each run under the authority oracle, plus
// the manifest fields those bugs got wrong, the summary's meaning, and the CLI surface
// (`--run --observe-authority`, `--provenance --observed`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FunctionFacts } from "../../src/check/model.js";
import { summarize } from "../../src/emit/facts.js";
import { auditObservedAuthority, parseObservedAuthority, validateObserved } from "../../src/emit/index.js";
import { runAuthorityOracle } from "../oracles/harness.js";

const ROOT = join(__dirname, "../..");
const FIXTURES = join(__dirname, "fixtures/authority");

function oracle(name: string) {
  const path = `tests/emit/fixtures/authority/${name}`;
  const r = runAuthorityOracle(readFileSync(join(ROOT, path), "utf8"), path);
  expect(r.errors).toEqual([]);
  expect(r.outcome!.failure).toBeNull();
  const fn = (q: string): FunctionFacts => r.front.checked!.model.functions.find((f) => f.qualifiedName === q)!;
  const observed = new Map(r.outcome!.observedAuthority!.functions.map((f) => [f.name, f.capabilities]));
  return { r, fn, observed };
}

describe("regression fixtures under the authority oracle", () => {
  it("every fixture runs with no violation", () => {
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".capa"));
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect({ name, violations: oracle(name).r.violations }).toEqual({ name, violations: [] });
  });

  it("callbacks taken from a struct field: nothing excluded, their capabilities reached", () => {
    const { fn, observed } = oracle("callbacks_in_struct.capa");
    expect(observed.get("run_all")).toEqual(["Fs", "Net", "Stdio"]);
    expect(fn("run_all")).toMatchObject({
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      transitivelyReachableCapabilities: ["Fs", "Net", "Stdio"],
    });
  });

  it("a trait value returned from a function and then called reaches Stdio", () => {
    const { fn, observed } = oracle("trait_returned_closure.capa");
    expect(observed.get("greet_bob")).toEqual(["Stdio"]);
    for (const q of ["greet_bob", "Callback::greet", "make"]) {
      expect(fn(q).transitivelyReachableCapabilities).toContain("Stdio");
      expect(fn(q).provablyExcludedCapabilities).toEqual([]);
    }
  });

  it("a plain trait reaches what its implementors hold, as the reference reports", () => {
    const { fn } = oracle("trait_implementors.capa");
    expect(fn("describe").transitivelyReachableCapabilities).toEqual(["Logger", "Stdio"]);
    expect(fn("make_named").transitivelyReachableCapabilities).toEqual(["Logger", "Stdio"]);
    expect(fn("describe").provablyExcludedCapabilities).not.toContain("Stdio");
  });

  it("function values in a Map value and a sum payload", () => {
    const { fn, observed } = oracle("closures_in_containers.capa");
    expect(observed.get("run_named")).toEqual(["Stdio"]);
    expect(observed.get("run_action")).toEqual(["Clock"]);
    expect(fn("run_action").provablyExcludedCapabilities).toEqual([]);
    expect(fn("run_action").transitivelyReachableCapabilities).toEqual(expect.arrayContaining(["Clock", "Stdio"]));
  });

  it("a returned closure and a function value handed to a built-in", () => {
    const { fn } = oracle("returned_closure.capa");
    expect(fn("apply").transitivelyReachableCapabilities).toContain("Env");
    expect(fn("count_each").transitivelyReachableCapabilities).toContain("Random");
    // Lambdas of other arities do not count: `apply` calls one-argument values only.
    expect(fn("make_reader").provablyExcludedCapabilities).toEqual([]);
  });

  it("interpolating a generic value may run any to_string", () => {
    const { fn, observed } = oracle("generic_to_string.capa");
    expect(observed.get("show")).toEqual(["Stdio"]);
    expect(fn("show").transitivelyReachableCapabilities).toEqual(["Stdio"]);
    expect(fn("show").provablyExcludedCapabilities).not.toContain("Stdio");
  });
});

describe("Python interop", () => {
  it("a function that reaches Unsafe reaches what the program grants to Python", async () => {
    const { analyse } = await import("../../src/pipeline.js");
    const text = [
      "fun grant(unsafe: Unsafe, fs: Fs)",
      '    py_grant(unsafe, fs.restrict_to("/tmp"))',
      "",
      "fun compute(unsafe: Unsafe) -> Int",
      '    let m = py_import(unsafe, "os")',
      "    return 1",
      "",
      "fun main(unsafe: Unsafe, fs: Fs)",
      "    grant(unsafe, fs)",
      "    let n = compute(unsafe)",
      "",
    ].join("\n");
    const model = analyse(text, "grants.capa").checked!.model;
    // Python code run by `compute` may use the Fs granted elsewhere.
    expect(model.functions.find((f) => f.qualifiedName === "compute")!.transitivelyReachableCapabilities).toEqual(["Fs", "Unsafe"]);
  });
});

describe("the summary", () => {
  it("functions_with_capabilities counts declared capabilities only, as the reference", () => {
    const { r } = oracle("trait_implementors.capa");
    const model = r.front.checked!.model;
    // Every function reaches Stdio; three name a capability in their signature.
    expect(model.functions.every((f) => f.transitivelyReachableCapabilities.includes("Stdio"))).toBe(true);
    expect(model.functions.filter((f) => f.declaredCapabilities.length > 0).map((f) => f.qualifiedName)).toEqual(["Console::log", "make_named", "main"]);
    expect(summarize(model).functions_with_capabilities).toBe(3);
  });
});

describe("the oracle's comparison", () => {
  it("reports an exclusion, a missing reach and an unknown function", () => {
    const { r } = oracle("callbacks_in_struct.capa");
    const model = r.front.checked!.model;
    const observed = {
      schema_version: 1,
      operations: [],
      dropped_operations: 0,
      functions: [
        { name: "main", capabilities: ["Clock", "Fs"] },
        { name: "run_all", capabilities: ["Env", "Stdio"] },
        { name: "nowhere", capabilities: ["Stdio"] },
      ],
    };
    expect(validateObserved("observed-authority", observed).valid).toBe(true);
    expect(auditObservedAuthority(model, observed)).toEqual([
      { function: "main", capability: "Clock", problem: "excluded" },
      { function: "run_all", capability: "Env", problem: "not-reachable" },
      { function: "nowhere", capability: "Stdio", problem: "unknown-function" },
    ]);
  });

  it("records denials, counts repeats and collapses direct recursion", () => {
    const text = [
      "fun down(fs: Fs, n: Int)",
      "    if n > 0",
      "        down(fs, n - 1)",
      "    else",
      '        let seen = fs.restrict_to("/nonexistent/capa-a").exists("/etc/hostname")',
      "",
      "fun main(fs: Fs, stdio: Stdio)",
      "    down(fs, 3)",
      "    for i in 0..2",
      '        stdio.println("x")',
      "",
    ].join("\n");
    const r = runAuthorityOracle(text, "rec.capa");
    expect(r.violations).toEqual([]);
    expect(r.outcome!.observedAuthority!.operations).toEqual([
      { capability: "Fs", method: "exists", outcome: "denied", stack: ["main", "down"], count: 1 },
      { capability: "Stdio", method: "println", outcome: "allowed", stack: ["main"], count: 2 },
    ]);
  });
});

describe("CLI", () => {
  const capa = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "0" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("--run --observe-authority writes the observation; --provenance --observed binds it to the sources", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-observed-"));
    const out = join(dir, "observed.json");
    const file = "tests/emit/fixtures/authority/trait_returned_closure.capa";
    expect(capa(["--run", "--observe-authority", out, file])).toMatchObject({ code: 0, stdout: "hello bob\nhello ann\n" });
    const parsed = parseObservedAuthority(readFileSync(out, "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.observed.functions.map((f) => f.name)).toEqual(["Callback::greet", "greet_bob", "main"]);

    const bundle = capa(["--provenance", "--validate", "--observed", out, file]);
    expect(bundle.stderr).toBe("");
    const [slsa, observed] = bundle.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(observed.predicateType).toBe("https://capa-ts.dev/observed-authority/v1");
    expect(observed.subject).toEqual(slsa.subject);
    expect(observed.predicate).toMatchObject({ consistentWithManifest: true, violations: [] });
    expect(observed.predicate.observed).toEqual(parsed.observed);
  });

  it("refuses misplaced flags and a file that is not an observation (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-observed-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"schema_version": 1}');
    const file = "examples/hello.capa";
    expect(capa(["--check", "--observe-authority", bad, file]).code).toBe(2);
    expect(capa(["--manifest", "--observed", bad, file]).code).toBe(2);
    const r = capa(["--provenance", "--observed", bad, file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not an observed-authority document");
  });
});
