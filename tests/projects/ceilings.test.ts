// `--check-capabilities` (spec/projects.md): each package of a fixture project against its
// capa.toml ceiling, with the package, the capability and the edge that brings it named.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { capa, FIXTURES, ROOT, tree } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "capa-ceilings-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const gate = (project: string, extra: string[] = []) => capa(["--check-capabilities", ...extra], join(FIXTURES, project));

describe("--check-capabilities", () => {
  it("passes a project whose packages stay within their ceilings, listing each surface", () => {
    const r = gate("greeter");
    expect(r).toEqual({
      code: 0,
      stdout: "greeter 1.2.0: reaches [Stdio], ceiling [Stdio]\ntext 0.3.1: reaches [], ceiling []\ncapabilities: every package within its ceiling\n",
      stderr: "",
    });
  });

  it("fails a pure dependency that reaches Stdio through a parameter whose type carries it", () => {
    const r = gate("journal");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "deps/audit/log.capa:11:5: error: package 'audit' reaches Stdio, beyond its ceiling [] (pure): audit:record (deps/audit/log.capa:11:5) through parameter sink: Logger\n",
    );
    expect(r.stderr).toContain("capabilities: 1 violation\n");
    expect(r.stdout).toContain("audit 2.0.0: reaches [Stdio], ceiling []\n");
  });

  it("fails the root when a call into a dependency brings a capability beyond its ceiling, naming the call edge", () => {
    const r = gate("netleak");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "src/main.capa:3:1: error: package 'netleak' reaches Net, beyond its ceiling [Stdio]: netleak:main (src/main.capa:3:1) -> fetch:body (deps/fetch/http.capa:1:5)\n",
    );
    expect(r.stdout).toContain("fetch 0.4.0: reaches [Net], ceiling [Net]\n"); // the dependency itself is within its own
  });

  it("fails closed on a dependency with no capa.toml and no Capa source, at the dependency edge", () => {
    const r = gate("opaque");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "capa.toml:7:1: error: package 'opaque' has authority UNKNOWN (fails closed; set allow_unknown = true under [capabilities] to accept it): dependency opaque -> native: dependency 'native' (deps/native) has no readable capa.toml and no Capa source\n",
    );
    expect(r.stdout).toContain("native: reaches [UNKNOWN], no ceiling\n");
  });

  it("accepts the same unknown dependency under allow_unknown = true", () => {
    const r = gate("opaque_allowed");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("opaque_allowed 0.1.0: reaches [Stdio, UNKNOWN], ceiling [Stdio]\n");
  });

  it("a dependency that crosses Unsafe is unknown too; a package without [capabilities] is not checked", () => {
    const dir = tree(join(scratch, "unsafe"), {
      "capa.toml": '[package]\nname = "app"\nversion = "1.0.0"\n[dependencies]\npy = { path = "py" }\n[capabilities]\nmax = ["Stdio"]\n',
      "src/main.capa": "import py.bridge\n\nfun main(stdio: Stdio, unsafe: Unsafe)\n    stdio.println(bridge.version(unsafe))\n",
      "py/capa.toml": '[package]\nname = "py"\nversion = "0.1.0"\n',
      "py/bridge.capa": 'pub fun version(unsafe: Unsafe) -> String\n    let sys = py_import(unsafe, "sys")\n    return "${sys}"\n',
    });
    const r = capa(["--check-capabilities"], dir);
    expect(r.stderr).toContain("package 'app' has authority UNKNOWN");
    expect(r.stderr).toContain("src/main.capa:3:1: error: package 'app' has authority UNKNOWN (fails closed; set allow_unknown = true under [capabilities] to accept it): app:main (src/main.capa:3:1) reaches Unsafe\n");
    expect(r.stdout).toContain("py 0.1.0: reaches [UNKNOWN], no ceiling\n");
    expect(r.stderr).not.toContain("package 'py'"); // py declares no ceiling
    expect(r.code).toBe(1);
  });

  it("--format json prints the report (schema-valid) on stdout and the diagnostics on stderr", () => {
    const r = gate("netleak", ["--format", "json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      kind: "capa-capability-ceilings",
      ok: false,
      packages: [
        { name: "netleak", path: ".", version: "0.1.0", capabilities: ["Net", "Stdio"], authority_unknown: false, ceiling: { max: ["Stdio"], allow_unknown: false } },
        { name: "fetch", path: "deps/fetch", capabilities: ["Net"], ceiling: { max: ["Net"] } },
      ],
      violations: [{ code: "G0001", file: "src/main.capa", line: 3, col: 1 }],
    });
    expect(JSON.parse(r.stderr)).toMatchObject([{ code: "G0001", file: "src/main.capa", line: 3, col: 1 }]);
    const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, "spec/schemas/capability-ceilings.schema.json"), "utf8")));
    for (const project of ["netleak", "opaque", "opaque_allowed", "greeter"]) {
      const report = JSON.parse(gate(project, ["--format", "json"]).stdout);
      expect(validate(report), `${project}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(JSON.parse(gate("opaque_allowed", ["--format", "json"]).stdout).packages[1]).toEqual({
      name: "native",
      path: "deps/native",
      version: null,
      capabilities: [],
      authority_unknown: true,
      ceiling: null,
    });
  });

  it("needs a project (exit 2) and a program that checks (exit 1)", () => {
    const bare = tree(join(scratch, "bare"), { "main.capa": "fun main()\n    return\n" });
    expect(capa(["--check-capabilities", "main.capa"], bare)).toMatchObject({ code: 2, stderr: `capa: no capa.toml in ${bare} or any folder above it (create one with 'capa init')\n` });
    expect(capa(["--check-capabilities"], bare).code).toBe(2);
    const broken = tree(join(scratch, "broken"), { "capa.toml": '[package]\nname = "b"\nversion = "1"\n', "src/main.capa": "fun main(\n" });
    expect(capa(["--check-capabilities"], broken).code).toBe(1);
  });
});
