// The project stage's small parsers on their own: SPDX license expressions (capa.toml `license`)
// and the JSON error locator used by --capability-diff.
import { describe, expect, it } from "vitest";
import { spdxExpressionProblem } from "../../src/project/spdx-expression.js";
import { jsonErrorOffset } from "../../src/gates/json-position.js";
import { parseManifest } from "../../src/project/manifest.js";

describe("SPDX license expressions", () => {
  it.each(["MIT", "Apache-2.0 OR MIT", "(MIT AND BSD-3-Clause) OR GPL-2.0+", "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-Own", "DocumentRef-x:LicenseRef-y"])(
    "accepts %s",
    (e) => expect(spdxExpressionProblem(e)).toBeNull(),
  );
  it.each([
    ["", "it is empty"],
    ["MIT OR", "it ends where a licence identifier is expected"],
    ["(MIT", "a '(' is not closed"],
    ["MIT Apache-2.0", "unexpected 'Apache-2.0' (join licences with AND or OR)"],
    ["MIT WITH", "WITH must be followed by an exception identifier"],
    ["AND MIT", "'AND' is not a licence identifier"],
  ])("rejects %j: %s", (e, why) => expect(spdxExpressionProblem(e)).toBe(why));
});

describe("JSON error offsets", () => {
  it.each([
    ['{"a": 1}', null],
    ["[1, 2, ]", 7],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ["[1] x", 4],
    ['"\\q"', 2],
    ["", 0],
  ])("%j -> %j", (text, offset) => expect(jsonErrorOffset(text)).toBe(offset));

  it("agrees with JSON.parse on what is valid", () => {
    for (const text of ['{"k": [1.5e3, -0, true, null, "\\u00e9"]}', "01", "1.", '{"a":1,}', "[[]]", ' {"x":{}} ']) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === null, text).toBe(valid);
    }
  });
});

describe("capa.toml defaults", () => {
  it("a minimal manifest: default entry, no dependencies, no ceiling", () => {
    const r = parseManifest('[package]\nname = "p"\nversion = "1"\n', "capa.toml");
    expect(r).toEqual({
      ok: true,
      manifest: {
        path: "capa.toml",
        package: { name: "p", version: "1", license: null, authors: [], supplier: null, description: null, entry: "src/main.capa" },
        dependencies: [],
        ceiling: null,
      },
    });
  });

  it("pure = true is an empty max; max is sorted and deduplicated", () => {
    const pure = parseManifest('[package]\nname = "p"\nversion = "1"\n[capabilities]\npure = true\nallow_unknown = true\n', "capa.toml");
    expect(pure.ok && pure.manifest.ceiling).toEqual({ max: [], allowUnknown: true });
    const max = parseManifest('[package]\nname = "p"\nversion = "1"\n[capabilities]\nmax = ["Stdio", "Fs", "Stdio"]\n', "capa.toml");
    expect(max.ok && max.manifest.ceiling).toEqual({ max: ["Fs", "Stdio"], allowUnknown: false });
  });

  it("dependencies as [dependencies.name] sub-tables are read too, and their unknown keys located", () => {
    const r = parseManifest('[package]\nname = "p"\nversion = "1"\n\n[dependencies.util]\npath = "deps/util"\ngit = "x"\n', "capa.toml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.span?.line, p.span?.col, p.message])).toEqual([[7, 1, "unknown key 'git' in [dependencies].util (known: path)"]]);
  });
});
