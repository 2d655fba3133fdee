// SBOMs of a project (spec/projects.md): functions carry their package's version, every source
// file its SHA-256, the Pyodide runtime is a component when Python is used, the standalone VEX has
// a serialNumber and BOM-Links into the SBOM; all still pass --validate; and, where the Python
// tools are installed, spdx-tools, ntia-conformance-checker and cyclonedx-python-lib accept them.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { capa, FIXTURES, ROOT } from "./helpers.js";

const EVIDENCE = join(FIXTURES, "evidence");
const scratch = mkdtempSync(join(tmpdir(), "capa-sbom-extras-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sha = (alg: string, path: string) => createHash(alg).update(readFileSync(path)).digest("hex");
const emitted = (format: string, dir = EVIDENCE) => {
  const r = capa([`--${format}`, "--validate", "src/main.capa"], dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const PYODIDE_VERSION = JSON.parse(readFileSync(join(ROOT, "node_modules/pyodide/package.json"), "utf8")).version;

describe("CycloneDX of a project", () => {
  const bom = emitted("cyclonedx");
  const byName = (name: string) => bom.components.find((c: { name: string }) => c.name === name);

  it("gives each function its package's version, and built-ins the tool's", () => {
    expect(byName("checksum")).toMatchObject({ version: "0.7.1", supplier: { name: "Example Org" }, properties: expect.arrayContaining([{ name: "capa:package", value: "crypt" }]) });
    expect(byName("main")).toMatchObject({ version: "4.2.0", properties: expect.arrayContaining([{ name: "capa:package", value: "ledger" }]) });
    expect(byName("Stdio")).toMatchObject({ version: "0.1.0", supplier: { name: "capa-build" } });
  });

  it("lists every source file with its SHA-256", () => {
    const files = bom.components.filter((c: { type: string }) => c.type === "file");
    expect(files.map((f: { name: string; version: string; hashes: unknown }) => [f.name, f.version, f.hashes])).toEqual([
      ["deps/crypt/hash.capa", "0.7.1", [{ alg: "SHA-256", content: sha("sha256", join(EVIDENCE, "deps/crypt/hash.capa")) }]],
      ["src/main.capa", "4.2.0", [{ alg: "SHA-256", content: sha("sha256", join(EVIDENCE, "src/main.capa")) }]],
    ]);
  });

  it("names the Pyodide runtime when the program uses Python, and only then", () => {
    expect(byName("pyodide")).toMatchObject({ type: "framework", version: PYODIDE_VERSION, purl: `pkg:npm/pyodide@${PYODIDE_VERSION}` });
    const pythonFn = bom.dependencies.find((d: { ref: string }) => d.ref.endsWith(":python_version"));
    expect(pythonFn.dependsOn).toContain("capa:runtime:pyodide");
    const plain = emitted("cyclonedx", join(FIXTURES, "greeter"));
    expect(plain.components.some((c: { name: string }) => c.name === "pyodide")).toBe(false);
  });
});

describe("SPDX of a project", () => {
  const doc = emitted("spdx");
  it("lists the files with SHA-1 and SHA-256, sums them in the verification code, and versions every package", () => {
    expect(doc.files.map((f: { fileName: string; checksums: unknown }) => [f.fileName, f.checksums])).toEqual([
      ["./deps/crypt/hash.capa", [{ algorithm: "SHA1", checksumValue: sha("sha1", join(EVIDENCE, "deps/crypt/hash.capa")) }, { algorithm: "SHA256", checksumValue: sha("sha256", join(EVIDENCE, "deps/crypt/hash.capa")) }]],
      ["./src/main.capa", [{ algorithm: "SHA1", checksumValue: sha("sha1", join(EVIDENCE, "src/main.capa")) }, { algorithm: "SHA256", checksumValue: sha("sha256", join(EVIDENCE, "src/main.capa")) }]],
    ]);
    const sha1s = doc.files.map((f: { checksums: { checksumValue: string }[] }) => f.checksums[0]!.checksumValue).sort().join("");
    expect(doc.packages[0]).toMatchObject({ name: "ledger", filesAnalyzed: true, packageVerificationCode: { packageVerificationCodeValue: createHash("sha1").update(sha1s).digest("hex") } });
    for (const p of doc.packages) expect(p.versionInfo, p.name).toBeTruthy();
    for (const p of doc.packages) expect(p.supplier, p.name).toMatch(/^Organization: /);
    expect(doc.packages.find((p: { name: string }) => p.name === "checksum").versionInfo).toBe("0.7.1");
    expect(doc.packages.find((p: { name: string }) => p.name === "pyodide")).toMatchObject({ versionInfo: PYODIDE_VERSION, licenseDeclared: "MPL-2.0" });
  });
});

describe("standalone VEX of a project", () => {
  it("has its own serialNumber and affects refs that are BOM-Links into the paired SBOM", () => {
    const vex = emitted("vex");
    const bom = emitted("cyclonedx");
    expect(vex.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(vex.serialNumber).not.toBe(bom.serialNumber);
    const serial = bom.serialNumber.replace("urn:uuid:", "");
    const refs = new Set(bom.components.map((c: { "bom-ref": string }) => c["bom-ref"]));
    const links = vex.vulnerabilities.flatMap((v: { affects: { ref: string }[] }) => v.affects.map((a) => a.ref));
    expect(links).toEqual([`urn:cdx:${serial}/1#capa:fn:main.capa:checksum`]);
    for (const l of links) expect(refs.has(l.split("#")[1])).toBe(true);
    expect(vex.metadata.component).toMatchObject({ name: "ledger", version: "4.2.0" });
  });

  it("outside a project the VEX keeps the reference's shape (no serialNumber, plain refs)", () => {
    const dir = mkdtempSync(join(scratch, "single-"));
    writeFileSync(join(dir, "v.capa"), '@vex(cve: "CVE-1", status: "affected")\nfun main(stdio: Stdio)\n    stdio.println("hi")\n');
    const vex = JSON.parse(capa(["--vex", "v.capa"], dir).stdout);
    expect(vex.serialNumber).toBeUndefined();
    expect(vex.vulnerabilities[0].affects).toEqual([{ ref: "capa:fn:v.capa:main" }]);
  });
});

/** A Python with the three checkers: CAPA_SBOM_PYTHON, else python3. */
function checkerPython(): { python: string } | { skip: string } {
  const python = process.env.CAPA_SBOM_PYTHON ?? "python3";
  const probe = spawnSync(python, ["-c", "import spdx_tools, ntia_conformance_checker, cyclonedx.validation.json"], { encoding: "utf8" });
  if (probe.error !== undefined || probe.status !== 0) {
    return { skip: `${python} lacks spdx-tools / ntia-conformance-checker / cyclonedx-python-lib[json-validation] (set CAPA_SBOM_PYTHON to a Python that has them)` };
  }
  return { python };
}
const tools = checkerPython();
if ("skip" in tools) console.warn(`sbom-extras: skipping the Python SBOM tools check: ${tools.skip}`);

describe("the ecosystem's SBOM tools", () => {
  it.skipIf("skip" in tools)("spdx-tools, ntia-conformance-checker and cyclonedx-python-lib accept the project's SBOMs", () => {
    for (const format of ["spdx", "cyclonedx", "vex"]) writeFileSync(join(scratch, `${format}.json`), capa([`--${format}`, "src/main.capa"], EVIDENCE).stdout);
    const r = spawnSync((tools as { python: string }).python, [join(ROOT, "tests/projects/tools/sbom_conformance.py"), ...["spdx", "cyclonedx", "vex"].map((f) => join(scratch, `${f}.json`))], { encoding: "utf8" });
    expect(r.stdout).not.toContain("FAIL");
    expect(r.stdout.trim().split("\n")).toHaveLength(5);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
