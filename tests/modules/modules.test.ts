// `import a.b (as X)`: resolution order, visibility, cycles, diagnostics inside modules, and the
// capability, IFC and artefact stages seeing through imports, through the real `capa` command.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const APP = "tests/modules/fixtures/app";
const EXTRA = join(ROOT, "tests/modules/fixtures/extra");

function capa(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CAPA_PATH: EXTRA, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("modules", () => {
  it("runs a program using bare, qualified and aliased names from a sibling module, CAPA_PATH and std", () => {
    const r = capa(["--run", `${APP}/main.capa`]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("BARE!\nQUALIFIED!\nALIASED!\n003\nhello from CAPA_PATH\n[note] done\n");
  });

  it("searches CAPA_PATH: without it the module is not found, and the message lists every place tried", () => {
    const r = capa(["--check", `${APP}/main.capa`], { CAPA_PATH: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${APP}/main.capa:4:1: error: cannot resolve 'import shared.config': tried ${join(ROOT, APP, "shared/config.capa")}, `);
    expect(r.stderr).toContain(join(ROOT, "stdlib", "shared/config.capa"));
  });

  it("refuses a module-qualified call of a function the module does not have, with a suggestion", () => {
    const r = capa(["--check", `${APP}/unknown_member.capa`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${APP}/unknown_member.capa:4:24: error: module 'util.text' has no function 'shoutt'; did you mean 'shout'?`);
  });

  it("reports a missing module at its import", () => {
    const r = capa(["--check", `${APP}/missing.capa`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${APP}/missing.capa:1:1: error: cannot resolve 'import util.nowhere': tried ${join(ROOT, APP, "util/nowhere.capa")}, ${join(EXTRA, "util/nowhere.capa")}, ${join(ROOT, "vendor/util/nowhere.capa")}, ${join(ROOT, "libraries/util/nowhere.capa")}, ${join(ROOT, "stdlib/util/nowhere.capa")}`);
  });

  it("hides items that are not pub, naming the module", () => {
    const r = capa(["--check", `${APP}/private_use.capa`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${APP}/private_use.capa:4:19: error: undefined name 'decorate' (private to module 'text'; mark it 'pub' to expose)`);
  });

  it("hides types that are not pub, in annotations and literals", () => {
    const r = capa(["--check", `${APP}/private_type.capa`]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split("\n").filter((l) => l.includes(": error: "));
    expect(errors).toEqual([
      `${APP}/private_type.capa:3:13: error: undefined type 'Hidden' (private to module 'shapes'; mark it 'pub' to expose)`,
      `${APP}/private_type.capa:8:13: error: undefined type 'Hidden' (private to module 'shapes'; mark it 'pub' to expose)`,
    ]);
  });

  it("keeps private helpers of the same name in different modules apart", () => {
    const r = capa(["--run", `${APP}/same_private_names.capa`]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("left helper\nright helper\nmain helper\n");
    const m = capa(["--manifest", `${APP}/same_private_names.capa`]);
    const fns = (JSON.parse(m.stdout) as { functions: { name: string; source_name: string; source_module_index: number | null }[] }).functions;
    expect(fns.filter((f) => f.source_name === "helper").map((f) => [f.name, f.source_module_index])).toEqual([
      ["_capa_m1__helper", 1],
      ["_capa_m2__helper", 2],
      ["helper", null],
    ]);
  });

  it("rejects an import cycle, naming it", () => {
    const r = capa(["--check", `${APP}/cycle.capa`]);
    expect(r.code).toBe(1);
    const a = join(ROOT, APP, "cyc/a.capa");
    const b = join(ROOT, APP, "cyc/b.capa");
    expect(r.stderr.split("\n")[0]).toBe(`${b}:1:1: error: cyclic import: ${a} -> ${b} -> ${a}`);
  });

  it("points an error inside a module at that module's file, with its source line", () => {
    const r = capa(["--check", `${APP}/error_in_module.capa`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${APP}/broken/m.capa:2:5: error: return: expected Int, got String\n   2 |     return "x"\n`);
  });

  it("requires an imported function's capability parameters", () => {
    const r = capa(["--check", `${APP}/capability_required.capa`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${APP}/capability_required.capa:5:5: error: call to 'announce': expected 2 arguments, got 1 (signature: fun(Stdio, String) -> ())`);
  });

  it("follows a secret into an imported function that sinks it (IFC summary across modules)", () => {
    const r = capa(["--check", `${APP}/secret_through_import.capa`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${APP}/secret_through_import.capa:5:21: warning: information-flow: a @secret value is passed to 'announce' as msg, which reaches a public sink inside 'announce'`);
    // The path hint names the other module's file where the secret is printed.
    expect(r.stderr).toContain(`= hint: sink ${APP}/util/text.capa:11:17: reaches Stdio.println (argument 1) inside 'announce'`);
  });

  it("lists imported functions in the manifest with their own file positions", () => {
    const r = capa(["--manifest", `${APP}/main.capa`]);
    expect(r.code).toBe(0);
    const fns = (JSON.parse(r.stdout) as { functions: { name: string; source_name: string; pos: string; is_pub: boolean; declared_capabilities: string[] }[] }).functions;
    const byName = new Map(fns.map((f) => [f.source_name, f]));
    // Like the reference: positions relative to the root file's directory (the root by its name).
    expect(byName.get("shout")).toMatchObject({ pos: "util/text.capa:2:5", is_pub: true });
    // A private function is renamed per module, as the reference does; source_name keeps its name.
    expect(byName.get("decorate")).toMatchObject({ name: "_capa_m1__decorate", pos: "util/text.capa:5:1", is_pub: false });
    expect(byName.get("announce")).toMatchObject({ declared_capabilities: ["Stdio"] });
    expect(byName.get("pad_left")?.pos).toMatch(/stdlib\/std\/strings\.capa:\d+:5$/);
    expect(byName.get("main")?.pos).toBe("main.capa:6:1");
  });

  it("digests every module file in the provenance statement", () => {
    const r = capa(["--provenance", "--validate", `${APP}/main.capa`]);
    expect(r.code).toBe(0);
    const names = (JSON.parse(r.stdout) as { subject: { name: string }[] }).subject.map((x) => x.name);
    expect(names.some((n) => n.endsWith("util/text.capa"))).toBe(true);
    expect(names.some((n) => n.endsWith("stdlib/std/strings.capa"))).toBe(true);
    expect(names.some((n) => n.endsWith("main.capa"))).toBe(true);
  });
});
