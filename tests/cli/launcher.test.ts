// bin/capa, the command users run: it starts Node from the start-up snapshot that the build made
// for this Node version, and must behave exactly like the plain bundle (bin/capa.js) in every
// mode, output byte for byte, exit codes included; without a snapshot it falls back to the bundle.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const ENV = { ...process.env, NO_COLOR: "1", SOURCE_DATE_EPOCH: "1700000000", CAPA_NO_SNAPSHOT: "" };

function run(command: string[], input = "", env: NodeJS.ProcessEnv = ENV) {
  const r = spawnSync(command[0]!, command.slice(1), { cwd: ROOT, input, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const viaSnapshot = (args: string[], input = "") => run([join(ROOT, "bin/capa"), ...args], input);
const viaBundle = (args: string[], input = "") => run([process.execPath, join(ROOT, "bin/capa.js"), ...args], input);

describe("bin/capa (start-up snapshot)", () => {
  it("has a snapshot built for this Node version", () => {
    expect(existsSync(join(ROOT, "dist/snapshot", `capa-${process.version}.blob`))).toBe(true);
  });

  const goldens = readdirSync(join(ROOT, "tests/golden/check")).filter((f) => f.endsWith(".capa"));
  const cases: [string, string[]][] = [
    ["--version", ["--version"]],
    ["--help", ["--help"]],
    ["a missing file", ["--check", "no-such-file.capa"]],
    ["an unknown flag", ["--bogus", "examples/hello.capa"]],
    ["the token listing", ["examples/basics.capa"]],
    // Hundreds of kilobytes through a pipe: nothing may be lost, whatever the pipe's mode.
    ["a large --parse", ["--parse", "examples/basics.capa"]],
    ["--run", ["--run", "examples/closures.capa"]],
    ["--run with arguments", ["--run", "examples/hello.capa", "--", "a", "b"]],
    // The Python bridge spawns a sandboxed child process from the snapshot-started one.
    ["--run with Python", ["--run", "examples/python_math.capa"]],
    ["--manifest", ["--manifest", "examples/bank.capa"]],
    ["--cyclonedx --validate (packages loaded at run time)", ["--cyclonedx", "--validate", "examples/attenuation.capa"]],
    ["--spdx", ["--spdx", "examples/user_capabilities.capa"]],
    ...goldens.map((g): [string, string[]] => [`--check ${g}`, ["--check", `tests/golden/check/${g}`]]),
  ];
  for (const [name, args] of cases) {
    it(`matches the plain bundle: ${name}`, () => {
      const expected = viaBundle(args);
      expect(viaSnapshot(args)).toEqual(expected);
    });
  }

  it("writes all of a large output when stderr shares stdout's pipe (`capa ... 2>&1 | tool`)", () => {
    // Node makes the stderr pipe non-blocking; with `2>&1` that is stdout's pipe too, where a
    // plain writeSync then stops at the pipe's 64 KiB.
    const expected = viaBundle(["--parse", "examples/basics.capa"]).stdout;
    expect(expected.length).toBeGreaterThan(128 * 1024);
    const shared = run(["sh", "-c", '"$0" --parse examples/basics.capa 2>&1', join(ROOT, "bin/capa")]);
    expect(shared.stdout).toBe(expected);
  });

  it("matches the plain bundle on a program read from standard input", () => {
    const program = "fun main(stdio: Stdio)\n    stdio.println(\"from stdin\")\n";
    expect(viaSnapshot(["--run", "--stdin"], program)).toEqual(viaBundle(["--run", "--stdin"], program));
  });

  it("falls back to the plain bundle where no snapshot was built", () => {
    // A copy of the package layout without dist/snapshot.
    const dir = mkdtempSync(join(tmpdir(), "capa-launcher-"));
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "dist"));
    cpSync(join(ROOT, "bin/capa"), join(dir, "bin/capa"));
    cpSync(join(ROOT, "bin/capa.js"), join(dir, "bin/capa.js"));
    symlinkSync(join(ROOT, "dist/bundle"), join(dir, "dist/bundle"));
    const r = run([join(dir, "bin/capa"), "--check", join(ROOT, "examples/hello.capa")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ok");
  });
});
