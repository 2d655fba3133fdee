// `--compose-sbom` and `--manifest-digest` (spec/projects.md): the product SBOM attributes
// functions to packages, rolls surfaces up the dependency graph, labels UNKNOWN (which dominates);
// both are canonical and content-addressed, byte for byte the same on every run; the composed
// documents feed `--capability-diff`, which then also compares the product.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { capa, FIXTURES, ROOT, tree } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "capa-compose-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An independent canonical form (sorted keys, no whitespace) to check the tool's against. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

function expectContentAddressed(text: string) {
  const doc = JSON.parse(text);
  expect(text).toBe(canonical(doc) + "\n");
  const { content_integrity, ...body } = doc;
  expect(content_integrity).toEqual({
    algorithm: "sha256",
    canonicalization: "RFC8785-JCS",
    digest: createHash("sha256").update(canonical(body)).digest("hex"),
  });
  return doc;
}

const ajv = new Ajv({ strict: true });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, "spec/schemas/content-integrity.schema.json"), "utf8")));
const validComposed = ajv.compile(JSON.parse(readFileSync(join(ROOT, "spec/schemas/composed-sbom.schema.json"), "utf8")));

describe("--compose-sbom", () => {
  it("attributes every function to its package and rolls capabilities up the dependency edge; byte-reproducible", () => {
    const first = capa(["--compose-sbom"], join(FIXTURES, "netleak"));
    const second = capa(["--compose-sbom"], join(FIXTURES, "netleak"));
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(second.stdout).toBe(first.stdout);
    const doc = expectContentAddressed(first.stdout);
    expect(validComposed(doc), JSON.stringify(validComposed.errors)).toBe(true);
    expect(doc.product).toEqual({ name: "netleak", version: "0.1.0", license: null, supplier: null, capabilities: ["Net", "Stdio"], authority: "bounded", unknown_because: null });
    const [root, fetch] = doc.packages;
    expect(root).toMatchObject({ name: "netleak", path: ".", depends_on: ["fetch"], capabilities: ["Net", "Stdio"], authority: "bounded" });
    expect(root.functions.map((f: { name: string; pos: string }) => [f.name, f.pos])).toEqual([["main", "src/main.capa:3:1"]]);
    expect(fetch).toMatchObject({ name: "fetch", path: "deps/fetch", version: "0.4.0", attributed_capabilities: ["Net"], capabilities: ["Net"] });
    expect(fetch.functions.map((f: { name: string; pos: string }) => [f.name, f.pos])).toEqual([["body", "deps/fetch/http.capa:1:5"]]);
    expect(doc.edges).toEqual([{ from: "netleak", to: "fetch" }]);
    expect(doc.unresolved_dependencies).toEqual([]);
  });

  it("composes a dependency without capa.toml or source as UNKNOWN, which dominates the product and says why", () => {
    const r = capa(["--compose-sbom"], join(FIXTURES, "opaque"));
    expect(r.code).toBe(0);
    const doc = expectContentAddressed(r.stdout);
    expect(validComposed(doc), JSON.stringify(validComposed.errors)).toBe(true);
    expect(doc.product.authority).toBe("UNKNOWN");
    expect(doc.product.capabilities).toEqual(["Stdio"]); // what is known is still listed
    expect(doc.product.unknown_because).toBe("dependency opaque -> native: dependency 'native' (deps/native) has no readable capa.toml and no Capa source");
    expect(doc.packages[1]).toMatchObject({ name: "native", authority: "UNKNOWN", version: null, functions: [] });
    expect(doc.unresolved_dependencies).toEqual([{ name: "native", path: "deps/native", declared_by: ["opaque"], reason: "no readable capa.toml and no Capa source" }]);
  });

  it("does not depend on the working folder: run from a sub-folder with the entry named, the bytes are the same", () => {
    const here = capa(["--compose-sbom"], join(FIXTURES, "greeter"));
    const below = capa(["--compose-sbom", "../src/main.capa"], join(FIXTURES, "greeter/tests"));
    expect(below.code).toBe(0);
    expect(below.stdout).toBe(here.stdout);
  });

  it("needs a project (exit 2), and a program that checks (exit 1)", () => {
    const bare = tree(join(scratch, "bare"), { "main.capa": "fun main()\n    return\n" });
    expect(capa(["--compose-sbom", "main.capa"], bare)).toMatchObject({ code: 2, stderr: `capa: no capa.toml in ${bare} or any folder above it (create one with 'capa init')\n` });
    const broken = tree(join(scratch, "broken"), { "capa.toml": '[package]\nname = "b"\nversion = "1"\n', "src/main.capa": "fun main(\n" });
    expect(capa(["--compose-sbom"], broken).code).toBe(1);
    const badToml = tree(join(scratch, "badtoml"), { "capa.toml": '[package]\nname = "b"\nversion = 1\n', "src/main.capa": "fun main()\n    return\n" });
    expect(capa(["--compose-sbom"], badToml)).toMatchObject({ code: 2, stderr: expect.stringContaining("capa.toml:3:1: error: [package].version must be a string") });
  });
});

describe("product artefact flags", () => {
  it("-o applies to them, --validate does not; an unwritable -o is exit 2", () => {
    const netleak = join(FIXTURES, "netleak");
    expect(capa(["--compose-sbom", "--validate"], netleak)).toMatchObject({ code: 2, stderr: expect.stringContaining("--validate only to the first five") });
    expect(capa(["--check-policies", "-o", join(scratch, "x.json")], netleak)).toMatchObject({ code: 2, stderr: expect.stringContaining("-o/--output applies only to an artefact") });
    expect(capa(["--compose-sbom", "-o", join(scratch, "no-such-dir", "x.json")], netleak)).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot write") });
    expect(capa(["--compose-sbom", "--check"], netleak)).toMatchObject({ code: 2, stderr: expect.stringContaining("choose one mode") });
  });
});

describe("--manifest-digest", () => {
  it("is the --manifest document, canonical, with a sha256 over its canonical bytes; the same bytes twice", () => {
    const dir = join(FIXTURES, "diff");
    const r = capa(["--manifest-digest", "v2/main.capa"], dir);
    expect(r.code).toBe(0);
    expect(capa(["--manifest-digest", "v2/main.capa"], dir).stdout).toBe(r.stdout);
    const { content_integrity: _, ...body } = expectContentAddressed(r.stdout);
    expect(body).toEqual(JSON.parse(capa(["--manifest", "v2/main.capa"], dir).stdout));
  });

  it("writes to -o, and a digest reads as a manifest for --capability-diff", () => {
    const dir = join(FIXTURES, "diff");
    expect(capa(["--manifest-digest", "v1/main.capa", "-o", join(scratch, "d1.json")], dir)).toMatchObject({ code: 0, stdout: "" });
    expect(capa(["--manifest-digest", "v2/main.capa", "-o", join(scratch, "d2.json")], dir).code).toBe(0);
    const r = capa(["--capability-diff", "d1.json", "d2.json"], scratch);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("~ save (changed): +Net\n");
  });
});

describe("--capability-diff over composed product SBOMs", () => {
  const release = join(FIXTURES, "release");
  it("names the product's gained capability and the new declassification site; --fail-on-widening exits 1", () => {
    for (const v of ["v1", "v2"]) expect(capa(["--compose-sbom", "-o", join(scratch, `${v}.json`)], join(release, v)).code).toBe(0);
    const text = capa(["--capability-diff", "v1.json", "v2.json"], scratch);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("~ frame (changed): +Net\n");
    expect(text.stdout).toContain('    + declassify pin.substring(0, 1) (reason: "first digit for support") at 6:19\n');
    expect(text.stdout).toContain("product: +Net\n");
    const json = JSON.parse(capa(["--capability-diff", "v1.json", "v2.json", "--format", "json"], scratch).stdout);
    expect(json.product).toEqual({ gained: ["Net"], lost: [], authority: "unchanged" });
    const schema = JSON.parse(readFileSync(join(ROOT, "spec/schemas/capability-diff.schema.json"), "utf8"));
    const valid = new Ajv({ strict: true }).compile(schema);
    expect(valid(json), JSON.stringify(valid.errors)).toBe(true);
    const gate = capa(["--capability-diff", "v1.json", "v2.json", "--fail-on-widening"], scratch);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe("capa: capability diff widens authority (5 changes); failing because of --fail-on-widening\n");
    expect(capa(["--capability-diff", "v2.json", "v2.json", "--fail-on-widening"], scratch)).toMatchObject({ code: 0, stdout: expect.stringContaining("product: no change\n") });
  });

  it("a product whose dependency loses its capa.toml becomes UNKNOWN, which widens", () => {
    const files = {
      "capa.toml": '[package]\nname = "app"\nversion = "1.0.0"\n[dependencies]\nfmt = { path = "fmt" }\n',
      "src/main.capa": "import fmt.pad\n\nfun main(stdio: Stdio)\n    stdio.println(pad.left(\"x\"))\n",
      "fmt/pad.capa": 'pub fun left(s: String) -> String\n    return " ${s}"\n',
    };
    const known = tree(join(scratch, "known"), { ...files, "fmt/capa.toml": '[package]\nname = "fmt"\nversion = "1.0.0"\n' });
    const unknown = tree(join(scratch, "unknown"), files);
    expect(capa(["--compose-sbom", "-o", join(scratch, "known.json")], known).code).toBe(0);
    expect(capa(["--compose-sbom", "-o", join(scratch, "unknown.json")], unknown).code).toBe(0);
    const r = capa(["--capability-diff", "known.json", "unknown.json", "--fail-on-widening"], scratch);
    expect(r.stdout).toContain("product: authority became UNKNOWN\n");
    expect(r.code).toBe(1);
    expect(capa(["--capability-diff", "unknown.json", "known.json"], scratch).stdout).toContain("product: authority no longer UNKNOWN\n");
  });

  it("a composed document without packages' functions is refused (exit 2)", () => {
    writeFileSync(join(scratch, "odd.json"), JSON.stringify({ kind: "capa-composed-sbom", packages: [{}], product: {} }));
    const r = capa(["--capability-diff", "odd.json", "odd.json"], scratch);
    expect(r).toMatchObject({ code: 2, stderr: "capa: odd.json: a composed SBOM whose 'packages' are not each a list of functions\n" });
  });
});
