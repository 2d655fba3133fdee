// In a project, the CycloneDX and SPDX documents name the product as capa.toml does (name,
// version, supplier, licence, purl) and still pass their official schemas (--validate).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capa, FIXTURES } from "./helpers.js";
import { VERSION } from "../../src/version.js";

const GREETER = join(FIXTURES, "greeter");

describe("project identity in the SBOMs", () => {
  it("CycloneDX: metadata.component is the product", () => {
    const r = capa(["--cyclonedx", "--validate", "src/main.capa"], GREETER);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout).metadata.component).toEqual({
      "bom-ref": "capa:program:main.capa",
      type: "application",
      name: "greeter",
      version: "1.2.0",
      supplier: { name: "Example Org" },
      author: "Greeter Authors <greeter@example.org>",
      description: "Prints a loud greeting",
      licenses: [{ expression: "Apache-2.0 OR MIT" }],
      purl: "pkg:generic/greeter@1.2.0",
    });
  });

  it("SPDX: the described package is the product", () => {
    const r = capa(["--spdx", "--validate", "src/main.capa"], GREETER);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout).packages[0]).toMatchObject({
      name: "greeter",
      versionInfo: "1.2.0",
      supplier: "Organization: Example Org",
      licenseDeclared: "Apache-2.0 OR MIT",
      externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:generic/greeter@1.2.0" }],
    });
  });

  it("a project without supplier or licence says NOASSERTION / nothing, and still validates", () => {
    const r = capa(["--spdx", "--validate", "src/main.capa"], join(FIXTURES, "netleak"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).packages[0]).toMatchObject({ name: "netleak", versionInfo: "0.1.0", supplier: "NOASSERTION", licenseDeclared: "NOASSERTION" });
    const cdx = capa(["--cyclonedx", "--validate", "src/main.capa"], join(FIXTURES, "netleak"));
    expect(JSON.parse(cdx.stdout).metadata.component).toMatchObject({ name: "netleak", version: "0.1.0", supplier: { name: "capa-build" }, licenses: [] });
  });

  it("outside a project the program is named by its file and the tool version, as before", () => {
    const r = capa(["--cyclonedx", "tests/projects/diff/v1/main.capa"]);
    expect(JSON.parse(r.stdout).metadata.component).toMatchObject({ name: "main.capa", version: VERSION, licenses: [] });
  });
});
