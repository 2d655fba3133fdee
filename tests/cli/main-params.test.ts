// `main` with a parameter the host cannot supply: `--check` accepts it with a note (the language's
// own tests use such a parameter to stand for an unknown input); `--run` refuses it before any
// constant is evaluated or any statement runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
function capa(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PROGRAM = [
  "fun noisy(out: Stdio) -> Int",
  "    out.println(\"side effect\")",
  "    return 1",
  "",
  "fun main(stdio: Stdio, limit: Int)",
  "    stdio.println(\"limit ${limit}\")",
  "",
].join("\n");

describe("main parameters that are not capabilities", () => {
  const dir = mkdtempSync(join(tmpdir(), "capa-main-"));
  const file = join(dir, "input.capa");
  writeFileSync(file, PROGRAM);

  it("--check accepts the program with a note, exit 0", () => {
    const r = capa(["--check", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}:5:24: note: parameter 'limit' of 'main' has type Int, which \`--run\` cannot supply`);
    expect(r.stderr).toContain("hint: to run it, read the value at run time instead");
    expect(r.stderr).not.toContain("error");
  });

  it("--run refuses it with a positioned error and runs nothing", () => {
    const r = capa(["--run", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${file}:5:24: runtime error`);
    expect(r.stderr).toContain("main parameter 'limit' has type Int, which is not a built-in capability");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
