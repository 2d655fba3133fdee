// `--capability-diff OLD.json NEW.json` (spec/projects.md) over two `--manifest` outputs of the
// tests/projects/diff fixtures: a moved function and a moved declassification are no change; a
// gained capability and a new declassification site widen; bad inputs exit 2, positioned.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { capa, FIXTURES, ROOT } from "./helpers.js";

const DIFF = join(FIXTURES, "diff");
const scratch = mkdtempSync(join(tmpdir(), "capa-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const OLD = join(scratch, "old.json");
const NEW = join(scratch, "new.json");

beforeAll(() => {
  expect(capa(["--manifest", "v1/main.capa", "-o", OLD], DIFF).code).toBe(0);
  expect(capa(["--manifest", "v2/main.capa", "-o", NEW], DIFF).code).toBe(0);
});

const diff = (...args: string[]) => capa(["--capability-diff", ...args], scratch);

describe("--capability-diff", () => {
  it("lists per function the capabilities gained and lost and the declassification sites added; moved code is no change", () => {
    const r = diff("old.json", "new.json");
    expect(r).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "capability diff old.json -> new.json",
        "+ audit (added)",
        "- legacy (removed): -Stdio",
        "~ main (changed): +Net",
        "~ save (changed): +Net",
        "~ token_hint (changed)",
        '    + declassify token.substring(0, 1) (reason: "first character for support") at 14:19',
        "widening: 2 gained, 1 lost, 0 became unknown, 1 declassification site(s) added, 0 removed; 1 function(s) added, 1 removed",
        "",
      ].join("\n"),
    });
  });

  it("the reverse diff loses what the forward one gained and removes the declassification site", () => {
    const r = diff("new.json", "old.json");
    expect(r.stdout).toContain("~ save (changed): -Net\n");
    expect(r.stdout).toContain('    - declassify token.substring(0, 1) (reason: "first character for support") at 14:19\n');
    expect(r.stdout).toContain("- audit (removed)\n");
    expect(r.stdout).toContain("+ legacy (added): +Stdio\n"); // a function that comes back with authority widens
    expect(diff("new.json", "old.json", "--fail-on-widening").code).toBe(1);
  });

  it("--fail-on-widening exits 1 on a widening, naming the count, and 0 when nothing widens", () => {
    const r = diff("old.json", "new.json", "--fail-on-widening");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("capa: capability diff widens authority (3 changes); failing because of --fail-on-widening\n");
    const same = diff("old.json", "old.json", "--fail-on-widening");
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no change in authority\nno widening: 0 gained");
  });

  it("a declassification site removed alone is not a widening; one added alone is", () => {
    const manifest = JSON.parse(readFileSync(NEW, "utf8"));
    const hint = manifest.functions.find((f: { name: string }) => f.name === "token_hint");
    hint.declassifications = hint.declassifications.slice(0, 1);
    writeFileSync(join(scratch, "fewer.json"), JSON.stringify(manifest));
    const narrowing = diff("new.json", "fewer.json", "--fail-on-widening");
    expect(narrowing.code).toBe(0);
    expect(narrowing.stdout).toContain('    - declassify token.substring(0, 1) (reason: "first character for support") at 14:19\n');
    expect(narrowing.stdout).toContain("no widening: 0 gained, 0 lost, 0 became unknown, 0 declassification site(s) added, 1 removed");
    expect(diff("fewer.json", "new.json", "--fail-on-widening")).toMatchObject({ code: 1, stderr: "capa: capability diff widens authority (1 change); failing because of --fail-on-widening\n" });
  });

  it("a function whose authority the types no longer bound is a widening, even with no capability gained", () => {
    const manifest = JSON.parse(readFileSync(OLD, "utf8"));
    const greet = manifest.functions.find((f: { name: string }) => f.name === "greet");
    greet.authority_provable_from_types = false;
    greet.provably_excluded_capabilities = ["Unsafe"];
    writeFileSync(join(scratch, "opaque.json"), JSON.stringify(manifest));
    const r = diff("old.json", "opaque.json", "--fail-on-widening");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("~ greet (changed): no longer provably excludes Clock, Db, Env, Fs, Net, Proc, Random, Serve; authority no longer bounded by its types (unknown)\n");
    expect(r.stdout).toContain("widening: 0 gained, 0 lost, 1 became unknown,");
    expect(diff("opaque.json", "old.json").stdout).toContain("~ greet (changed): authority now bounded by its types\n");
  });

  it("--format json prints the diff document", () => {
    const r = diff("old.json", "new.json", "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: "capa-capability-diff", version: 1, old: "old.json", new: "new.json", widening: true });
    expect(doc.summary).toEqual({
      functions_added: 1,
      functions_removed: 1,
      capabilities_gained: 2,
      capabilities_lost: 1,
      guarantees_lost: 2,
      became_unknown: 0,
      declassifications_added: 1,
      declassifications_removed: 0,
    });
    expect(doc.functions.find((f: { function: string }) => f.function === "save")).toMatchObject({ gained: ["Net"], guarantees_lost: ["Net"], authority: "unchanged" });
    expect(doc.functions.find((f: { function: string }) => f.function === "token_hint")).toEqual({
      function: "token_hint",
      status: "changed",
      gained: [],
      lost: [],
      guarantees_lost: [],
      authority: "unchanged",
      declassifications_added: [{ reason: "first character for support", value: "token.substring(0, 1)", pos: "14:19" }],
      declassifications_removed: [],
    });
    expect(doc.functions.map((f: { function: string }) => f.function)).not.toContain("greet");
    const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, "spec/schemas/capability-diff.schema.json"), "utf8")));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...doc, widening: "yes" })).toBe(false);
  });

  it("bad inputs exit 2 with a positioned error, never a stack trace", () => {
    writeFileSync(join(scratch, "broken.json"), '{\n  "functions": [,]\n}\n');
    writeFileSync(join(scratch, "other.json"), '{"bomFormat": "CycloneDX"}\n');
    const broken = diff("old.json", "broken.json");
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.json:2:17: error: broken\.json: not valid JSON: unexpected ","\n/);
    writeFileSync(join(scratch, "cut.json"), '{"functions": [');
    expect(diff("cut.json", "new.json").stderr).toMatch(/^cut\.json:1:16: error: cut\.json: not valid JSON: the text ends too early\n/);
    expect(diff("other.json", "new.json")).toMatchObject({ code: 2, stderr: "capa: other.json: not a capability manifest (capa --manifest, --manifest-digest or --compose-sbom): no 'functions' list\n" });
    expect(diff("missing.json", "new.json")).toMatchObject({ code: 2, stderr: "capa: missing.json: no such file\n" });
    expect(diff("old.json")).toMatchObject({ code: 2, stderr: "capa: --capability-diff takes two manifests, OLD.json NEW.json (got 1)\n" });
    expect(capa(["--fail-on-widening", "x.capa"])).toMatchObject({ code: 2, stderr: "capa: --fail-on-widening applies only to --capability-diff\n" });
  });
});
