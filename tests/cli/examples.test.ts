// Examples that record their stderr (`X.err`) or exit code (`X.exit`) must describe what
// `capa --run X.capa` does now (issue 14, item 17): the files are documentation users read.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const EXAMPLES = join(ROOT, "examples");
const recorded = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".capa"))
  .map((f) => f.slice(0, -".capa".length))
  .filter((b) => existsSync(join(EXAMPLES, `${b}.err`)) || existsSync(join(EXAMPLES, `${b}.exit`)));

it("some examples record stderr or an exit code", () => expect(recorded.length).toBeGreaterThan(0));

for (const base of recorded) {
  it(`examples/${base}: stdout, stderr and exit code as recorded`, () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--run", `examples/${base}.capa`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
    const read = (ext: string) => (existsSync(join(EXAMPLES, `${base}.${ext}`)) ? readFileSync(join(EXAMPLES, `${base}.${ext}`), "utf8") : null);
    expect(r.stdout).toBe(read("out") ?? "");
    expect(r.stderr).toBe(read("err") ?? "");
    expect(r.status).toBe(Number((read("exit") ?? "0").trim()));
  });
}
