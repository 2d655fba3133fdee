// Projects (spec/projects.md): capa.toml parsing and its positioned errors, `capa init`, the entry
// point used when no file is named, and imports of declared path dependencies, through `capa`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { capa, FIXTURES, tree as writeTree } from "./helpers.js";

const GREETER = join(FIXTURES, "greeter");
const scratch = mkdtempSync(join(tmpdir(), "capa-projects-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tree = (name: string, files: Record<string, string>): string => writeTree(join(scratch, name), files);

const PKG = '[package]\nname = "p"\nversion = "0.1.0"\n';
const MAIN = { "src/main.capa": "fun main(stdio: Stdio)\n    stdio.println(\"p\")\n" };

describe("capa init", () => {
  it("writes a starter project that --check (no file) accepts, --run runs, and whose test imports the package by name", () => {
    const dir = join(scratch, "fresh-app");
    const init = capa(["init", dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("created package 'fresh_app'");
    expect(readFileSync(join(dir, "capa.toml"), "utf8")).toContain('name = "fresh_app"');
    const check = capa(["--check"], dir);
    expect(check.stderr).toBe("");
    expect(check.stdout).toMatch(/^src\/main\.capa: ok /);
    expect(check.code).toBe(0);
    expect(capa(["--run"], dir).stdout).toBe("Hello, world!\n");
    const test = capa(["--run", "tests/test_main.capa"], dir);
    expect([test.code, test.stdout]).toEqual([0, "ok\n"]);
  });

  it("refuses to overwrite a project, and refuses options", () => {
    const dir = tree("existing", { "capa.toml": PKG });
    const again = capa(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`capa: ${join(dir, "capa.toml")} already exists; capa init does not overwrite a project\n`);
    expect(readFileSync(join(dir, "capa.toml"), "utf8")).toBe(PKG);
    expect(capa(["init", "--force"]).code).toBe(2);
  });
});

describe("entry point and dependencies", () => {
  it("--run and --check with no file use [package] entry, found from the working folder upward", () => {
    expect(capa(["--run"], GREETER)).toEqual({ code: 0, stdout: "HELLO, PROJECT!\n", stderr: "" });
    expect(capa(["--run"], join(GREETER, "src")).stdout).toBe("HELLO, PROJECT!\n");
    expect(capa(["--check"], GREETER).stdout).toMatch(/^src\/main\.capa: ok /);
  });

  it("resolves `import dep.m` in the declared dependency's folder, and `import root.m` in the entry's folder", () => {
    expect(capa(["--run", "tests/test_main.capa"], GREETER)).toEqual({ code: 0, stdout: "test_main: ok\n", stderr: "" });
  });

  it("outside a project the dependency is not found, and a file-less --check is a usage error", () => {
    const dir = tree("no-project", { "main.capa": "import text.shout\n\nfun main()\n    return\n" });
    const r = capa(["--check", "main.capa"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot resolve 'import text.shout'");
    expect(capa(["--check"], dir)).toMatchObject({ code: 2, stderr: "capa: no input file (try 'capa --help')\n" });
  });

  it("a dependency name reads only its own folder: a same-named folder beside the file is not used", () => {
    const dir = tree("decoy", {
      "capa.toml": `${PKG}\n[dependencies]\nlib = { path = "vendor/lib" }\n`,
      "src/main.capa": "import lib.m\n\nfun main(stdio: Stdio)\n    stdio.println(m.which())\n",
      "src/lib/m.capa": 'pub fun which() -> String\n    return "decoy"\n',
      "vendor/lib/m.capa": 'pub fun which() -> String\n    return "declared"\n',
    });
    expect(capa(["--run"], dir).stdout).toBe("declared\n");
  });
});

describe("capa.toml errors: positioned, exit 2, no stack trace", () => {
  const bad = (name: string, toml: string, files: Record<string, string> = MAIN) => {
    const dir = tree(name, { "capa.toml": toml, ...files });
    const r = capa(["--check"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    return r.stderr;
  };

  it("malformed TOML", () => {
    expect(bad("malformed", '[package]\nname = "p\nversion = "1"\n')).toMatch(/^capa\.toml:2:\d+: error: capa\.toml is not valid TOML: /);
  });

  it("unknown keys, at the key, in every table", () => {
    const err = bad("unknown-keys", `${PKG}licence = "MIT"\n\n[dependencies]\nu = { path = "src", tag = "v1" }\n\n[capabilities]\nmax = ["Stdio"]\nmxa = 1\n\n[extra]\n`);
    expect(err).toContain("capa.toml:4:1: error: unknown key 'licence' in [package] (known: name, version, license, authors, supplier, description, entry)");
    expect(err).toContain("capa.toml:7:21: error: unknown key 'tag' in [dependencies].u (known: path)");
    expect(err).toContain("capa.toml:11:1: error: unknown key 'mxa' in [capabilities] (known: max, pure, allow_unknown)");
    expect(err).toContain("capa.toml:13:1: error: unknown key 'extra' in capa.toml");
  });

  it("missing and mistyped keys, names, licences and ceilings", () => {
    expect(bad("no-version", '[package]\nname = "p"\n')).toContain("capa.toml:1:1: error: [package] needs 'version'");
    expect(bad("bad-authors", `${PKG}authors = "me"\n`)).toContain("capa.toml:4:1: error: [package].authors must be a list of strings");
    expect(bad("bad-name", '[package]\nname = "my-app"\nversion = "1"\n')).toContain("'my-app' is not a valid package name");
    expect(bad("bad-license", `${PKG}license = "MIT OR"\n`)).toContain("license 'MIT OR' is not an SPDX license expression");
    expect(bad("bad-license2", `${PKG}license = "MIT and Apache-2.0"\n`)).toContain("unexpected 'and' (join licences with AND or OR)");
    expect(bad("bad-cap", `${PKG}[capabilities]\nmax = ["Net", "Unsafe"]\n`)).toContain("capa.toml:5:1: error: 'Unsafe' is not a capability a ceiling can allow");
    expect(bad("conflict", `${PKG}[capabilities]\npure = true\nmax = ["Net"]\n`)).toContain("[capabilities] conflict: pure = true allows no capability, but max lists some");
    expect(bad("empty-ceiling", `${PKG}[capabilities]\nallow_unknown = true\n`)).toContain("capa.toml:4:1: error: [capabilities] sets no ceiling");
    expect(bad("bad-entry", `${PKG}entry = "../outside.capa"\n`)).toContain("entry '../outside.capa' must be a relative path");
  });

  it("a missing dependency folder, at its declaration", () => {
    expect(bad("missing-dep", `${PKG}\n[dependencies]\nutil = { path = "deps/util" }\n`)).toContain(
      "capa.toml:6:1: error: dependency 'util': no directory deps/util",
    );
  });

  it("a dependency cycle", () => {
    const err = bad("cycle", `${PKG}\n[dependencies]\na = { path = "a" }\n`, {
      ...MAIN,
      "a/capa.toml": '[package]\nname = "a"\nversion = "1"\n[dependencies]\nb = { path = "../b" }\n',
      "b/capa.toml": '[package]\nname = "b"\nversion = "1"\n[dependencies]\na = { path = "../a" }\n',
    });
    expect(err).toMatch(/b[/\\]capa\.toml:5:1: error: dependency cycle: a -> b -> a\n/);
  });

  it("a broken dependency manifest is reported in its own file", () => {
    const err = bad("broken-dep", `${PKG}\n[dependencies]\na = { path = "a" }\n`, { ...MAIN, "a/capa.toml": "[package\n" });
    expect(err).toMatch(/^a[/\\]capa\.toml:1:\d+: error: capa\.toml is not valid TOML/);
  });

  it("--format json carries the positions", () => {
    const dir = tree("json-err", { "capa.toml": `${PKG}colour = 1\n`, ...MAIN });
    const r = capa(["--check", "--format", "json"], dir);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject([{ code: "P0002", file: "capa.toml", line: 4, col: 1 }]);
  });
});
