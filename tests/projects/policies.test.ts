// capa-policy.toml (spec/projects.md): `--check-policies` judges the composed product against an
// organisation's rules, naming package, capability and edge; UNKNOWN authority fails closed unless
// the policy allows it; `--conformance-report` is canonical and content-addressed; a malformed
// policy file is a positioned error, exit 2.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { capa, FIXTURES, ROOT, tree } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "capa-policies-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SHOP = join(FIXTURES, "compliance");

const ajv = new Ajv({ strict: true });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, "spec/schemas/content-integrity.schema.json"), "utf8")));
const validReport = ajv.compile(JSON.parse(readFileSync(join(ROOT, "spec/schemas/conformance-report.schema.json"), "utf8")));

/** A scratch product with `policy` as its capa-policy.toml: root 'app' (Stdio) over 'fmt' (pure). */
function product(name: string, policy: string, extra: Record<string, string> = {}) {
  return tree(join(scratch, name), {
    "capa.toml": '[package]\nname = "app"\nversion = "1.0.0"\n[dependencies]\nfmt = { path = "fmt" }\n',
    "src/main.capa": "import fmt.pad\n\nfun main(stdio: Stdio)\n    stdio.println(pad.left(\"x\"))\n",
    "fmt/capa.toml": '[package]\nname = "fmt"\nversion = "1.0.0"\n',
    "fmt/pad.capa": 'pub fun left(s: String) -> String\n    return " ${s}"\n',
    "capa-policy.toml": policy,
    ...extra,
  });
}

describe("--check-policies", () => {
  it("passes and fails each kind of policy on the fixture product, naming package, capability and edge", () => {
    const r = capa(["--check-policies"], SHOP);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "FAIL no-exfiltration-shape (exclusion)",
        "pass product-envelope (product-subset)",
        "pass format-is-pure (purity)",
        "pass storage-offline (forbid-capability)",
        "FAIL shop-without-format (forbid-dependency)",
        "pass all-vendored (no-unresolved-dependencies)",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain(
      "src/main.capa:4:1: error: policy 'no-exfiltration-shape' (exclusion) fails: package 'shop' holds Fs and Net at once: " +
        "Fs via shop:main (src/main.capa:4:1) -> storage:load (deps/storage/notes.capa:1:5); Net via shop:main (src/main.capa:4:1) -> telemetry:send (deps/telemetry/ping.capa:3:5)\n",
    );
    expect(r.stderr).toContain("capa.toml:11:1: error: policy 'shop-without-format' (forbid-dependency) fails: package 'shop' depends on 'format': shop -> telemetry -> format\n");
    expect(r.stderr).toContain("policies: 2 of 6 not satisfied\n");
  });

  it("fails product-subset, purity and forbid-capability with the edge into the dependency", () => {
    const dir = product(
      "caps",
      '[[policy]]\nkind = "product-subset"\nmax = []\n\n[[policy]]\nid = "pure-app"\nkind = "purity"\npackage = "app"\n\n[[policy]]\nkind = "forbid-capability"\ncapability = "Stdio"\n',
    );
    const r = capa(["--check-policies"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("src/main.capa:3:1: error: policy 'product-subset-1' (product-subset) fails: the product 'app' reaches Stdio, outside []: app:main (src/main.capa:3:1)\n");
    expect(r.stderr).toContain("policy 'pure-app' (purity) fails: package 'app' is not pure: it reaches Stdio: app:main (src/main.capa:3:1)\n");
    expect(r.stderr).toContain("policy 'forbid-capability-3' (forbid-capability) fails: package 'app' reaches the forbidden Stdio: app:main (src/main.capa:3:1)\n");
    expect(r.stderr).not.toContain("package 'fmt'"); // fmt is pure
  });

  it("fails closed over a dependency whose authority is UNKNOWN, unless the policy sets allow_unknown", () => {
    const policy = '[[policy]]\nid = "no-net"\nkind = "forbid-capability"\ncapability = "Net"\n\n[[policy]]\nid = "vendored"\nkind = "no-unresolved-dependencies"\n';
    const dir = product("unknown", policy, { "fmt/capa.toml": "" });
    rmSync(join(dir, "fmt/capa.toml"));
    const r = capa(["--check-policies"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("UNKNOWN no-net (forbid-capability)\nFAIL vendored (no-unresolved-dependencies)\n");
    expect(r.stderr).toContain(
      "capa-policy.toml:1:1: error: policy 'no-net' (forbid-capability) cannot be proven: package 'app' has authority UNKNOWN (fails closed; set allow_unknown = true on the policy to accept it): dependency app -> fmt: dependency 'fmt' (fmt) has no readable capa.toml\n",
    );
    expect(r.stderr).toContain("capa.toml:5:1: error: policy 'vendored' (no-unresolved-dependencies) fails: dependency 'fmt' (fmt) cannot be analysed (no readable capa.toml), declared by 'app'\n");
    const waived = product("waived", policy.replace('capability = "Net"\n', 'capability = "Net"\nallow_unknown = true\n').replace(/\[\[policy\]\]\nid = "vendored"[^]*/, ""), {});
    rmSync(join(waived, "fmt/capa.toml"));
    expect(capa(["--check-policies"], waived)).toMatchObject({ code: 0, stdout: "pass no-net (forbid-capability)\npolicies: all 1 satisfied\n" });
  });

  it("with no capa-policy.toml there is nothing to verify (exit 0); outside a project exit 2", () => {
    expect(capa(["--check-policies"], join(FIXTURES, "netleak"))).toEqual({ code: 0, stdout: "policies: no capa-policy.toml at the project root; nothing to verify\n", stderr: "" });
    const bare = tree(join(scratch, "bare"), { "main.capa": "fun main()\n    return\n" });
    expect(capa(["--check-policies", "main.capa"], bare).code).toBe(2);
  });

  it("reports a malformed capa-policy.toml at its line and column, exit 2", () => {
    const cases: [string, string][] = [
      ['[[policy]]\nkind = "purity"\npackage = \n', "capa-policy.toml:3:11: error: capa-policy.toml is not valid TOML"],
      ['[[policy]]\nkind = "purity"\npakage = "fmt"\n', "capa-policy.toml:3:1: error: unknown key 'pakage' in policy 1 (purity) (known: kind, id, description, allow_unknown, package)"],
      ['[[policy]]\nkind = "forbid-everything"\n', "capa-policy.toml:2:1: error: unknown policy kind 'forbid-everything' (one of: exclusion, product-subset, purity, forbid-capability, forbid-dependency, no-unresolved-dependencies)"],
      ['[[policy]]\nkind = "exclusion"\ncapabilities = ["Net"]\n', "capa-policy.toml:3:1: error: policy 1.capabilities must be a list of at least 2 capability names"],
      ['[[policy]]\nkind = "forbid-capability"\ncapability = "Network"\n', "capa-policy.toml:3:1: error: 'Network' is not a capability a policy can name"],
      ['[[policy]]\nkind = "forbid-dependency"\npackage = "app"\n', "capa-policy.toml:1:1: error: policy 1 (forbid-dependency) needs 'forbidden'"],
      ['[[policy]]\nid = "a"\nkind = "purity"\n[[policy]]\nid = "a"\nkind = "purity"\n', "capa-policy.toml:5:1: error: policy id 'a' is already used at line 2"],
      ['[[policy]]\nkind = "purity"\npackage = "nope"\n', "capa-policy.toml:3:1: error: policy 'purity-1' names package 'nope', which the product does not have (packages: app, fmt)"],
      ['policies = 1\n', "capa-policy.toml:1:1: error: unknown key 'policies' in capa-policy.toml (known: policy)"],
    ];
    cases.forEach(([text, message], i) => {
      const r = capa(["--check-policies"], product(`bad${i}`, text));
      expect(r.stderr, text).toContain(message);
      expect(r.code, text).toBe(2);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:/);
    });
  });

  it("--format json prints the report (schema-valid) and the diagnostics on stderr", () => {
    const r = capa(["--check-policies", "--format", "json"], SHOP);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(validReport(doc), JSON.stringify(validReport.errors)).toBe(true);
    expect(doc.summary).toEqual({ pass: 4, fail: 2, unknown: 0 });
    expect(doc.policies[0].violations[0]).toMatchObject({ package: "shop", capability: null, pos: "src/main.capa:4:1" });
    expect(JSON.parse(r.stderr).map((d: { code: string }) => d.code)).toEqual(["G0021", "G0021"]);
  });
});

describe("--conformance-report", () => {
  it("is canonical and content-addressed, names the composed SBOM and policy file it judged, the same bytes twice", () => {
    const a = capa(["--conformance-report"], SHOP);
    expect(a.code).toBe(0);
    expect(capa(["--conformance-report", "../../src/main.capa"], join(SHOP, "deps/storage")).stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(validReport(doc), JSON.stringify(validReport.errors)).toBe(true);
    const { content_integrity, ...body } = doc;
    expect(content_integrity.digest).toBe(createHash("sha256").update(JSON.stringify(sortKeys(body))).digest("hex"));
    expect(doc.policy_file).toEqual({ path: "capa-policy.toml", sha256: createHash("sha256").update(readFileSync(join(SHOP, "capa-policy.toml"))).digest("hex") });
    const composed = JSON.parse(capa(["--compose-sbom"], SHOP).stdout);
    expect(doc.composed_sbom_sha256).toBe(composed.content_integrity.digest);
    expect(doc.ok).toBe(false);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
