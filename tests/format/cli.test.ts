// `capa --fmt`, `--fmt-check` and `--fmt --stdin` as a user runs them (the built CLI).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function capa(args: string[], input = "", cwd = ROOT) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), ...args], { cwd, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MESSY = "fun main( stdio:Stdio )\n  stdio.println( \"hi\" )  // greet\n";
const CANONICAL = 'fun main(stdio: Stdio)\n    stdio.println("hi") // greet\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "capa-fmt-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("capa --fmt", () => {
  it("--fmt --stdin prints the formatted program", () => {
    const r = capa(["--fmt", "--stdin"], MESSY);
    expect(r).toMatchObject({ code: 0, stdout: CANONICAL, stderr: "" });
  });

  it("--fmt rewrites the files it is given, and leaves canonical ones alone", () => {
    const dir = workspace({ "a.capa": MESSY, "b.capa": CANONICAL });
    const r = capa(["--fmt", "a.capa", "b.capa"], "", dir);
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "a.capa"), "utf8")).toBe(CANONICAL);
    expect(readFileSync(join(dir, "b.capa"), "utf8")).toBe(CANONICAL);
  });

  it("--fmt-check lists the files that are not canonical and exits 1, without rewriting them", () => {
    const dir = workspace({ "a.capa": MESSY, "b.capa": CANONICAL });
    const r = capa(["--fmt-check", "a.capa", "b.capa"], "", dir);
    expect(r).toMatchObject({ code: 1, stdout: "a.capa\n" });
    expect(readFileSync(join(dir, "a.capa"), "utf8")).toBe(MESSY);
    expect(capa(["--fmt-check", "b.capa"], "", dir)).toMatchObject({ code: 0, stdout: "" });
  });

  it("never rewrites a file with a syntax error: it reports the error and exits 1", () => {
    const broken = "fun main(stdio: Stdio\n    stdio.println(1)\n";
    const dir = workspace({ "bad.capa": broken });
    const r = capa(["--fmt", "bad.capa"], "", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.capa:\d+:\d+: error: /);
    expect(readFileSync(join(dir, "bad.capa"), "utf8")).toBe(broken);
  });

  it("reports a missing file as a usage error (exit 2)", () => {
    const r = capa(["--fmt", "no-such-file.capa"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-file.capa");
  });
});
