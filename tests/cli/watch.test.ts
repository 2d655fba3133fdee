// `--watch`: runs --check or --run again when the file or a module it imports changes, with
// timestamped status lines; Ctrl-C (SIGINT) stops it with exit 0.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";

const ROOT = join(__dirname, "../..");
const CAPA = join(ROOT, "bin/capa.js");

/** Starts `capa ARGS` in `cwd`, collecting its output; `until` waits (bounded) for text to appear. */
function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CAPA, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  onTestFinished(() => void child.kill("SIGKILL")); // a failed test leaves nothing running
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const until = async (test: () => boolean, what: string, ms = 20_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, until, out: () => stdout, err: () => stderr };
}

const count = (s: string, part: string) => s.split(part).length - 1;
const STATUS = /^\[\d\d:\d\d:\d\d\] /;

describe("capa --watch", () => {
  it("--check: checks again when the file changes, prints the second report, and exits 0 on Ctrl-C", async () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-watch-"));
    writeFileSync(join(dir, "app.capa"), 'fun main(stdio: Stdio)\n    stdio.println("one")\n');
    const w = start(["--check", "--watch", "app.capa"], dir);
    await w.until(() => w.err().includes("for changes"), "the first round");
    expect(w.out()).toMatch(/^app\.capa: ok \(/);
    writeFileSync(join(dir, "app.capa"), 'fun main(stdio: Stdio)\n    stdio.println(1 + "x")\n');
    await w.until(() => count(w.err(), "for changes") === 2, "the second round");
    expect(w.err()).toContain("incompatible operand types Int and String");
    expect(w.err()).toContain("app.capa changed");
    const status = w.err().split("\n").filter((l) => STATUS.test(l));
    expect(status.map((l) => l.replace(STATUS, ""))).toEqual([
      "capa --check app.capa",
      "exit 0; watching 1 file for changes (Ctrl-C to stop)",
      "app.capa changed",
      "capa --check app.capa",
      "exit 1; watching 1 file for changes (Ctrl-C to stop)",
    ]);
    w.child.kill("SIGINT");
    expect(await w.exited).toBe(0);
  }, 60_000);

  it("--run: runs again when an imported module changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-watch-"));
    writeFileSync(join(dir, "words.capa"), 'pub fun word() -> String\n    return "first"\n');
    writeFileSync(join(dir, "app.capa"), "import words\n\nfun main(stdio: Stdio)\n    stdio.println(words.word())\n");
    const w = start(["--run", "--watch", "app.capa"], dir);
    await w.until(() => w.err().includes("watching 2 files"), "the first run");
    expect(w.out()).toBe("first\n");
    writeFileSync(join(dir, "words.capa"), 'pub fun word() -> String\n    return "second"\n');
    await w.until(() => w.out() === "first\nsecond\n", "the second run's output");
    expect(w.err()).toContain("words.capa changed");
    w.child.kill("SIGINT");
    expect(await w.exited).toBe(0);
  }, 60_000);

  it("--run: a change while the program still runs restarts it; Ctrl-C ends the program too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-watch-"));
    const name = `server_${process.pid}_${Date.now()}.capa`; // unique, to find its processes
    const looping = (label: string) => `fun main()\n    var n = 0\n    while true\n        n += 1\n    panic("${label}")\n`;
    writeFileSync(join(dir, name), looping("v1"));
    const w = start(["--run", "--watch", name], dir);
    await w.until(() => w.err().includes(`capa --run ${name}`), "the first start");
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(join(dir, name), looping("v2"));
    await w.until(() => count(w.err(), `capa --run ${name}`) === 2, "the restart");
    // the first run was ended, not waited for: no exit line between the change and the restart
    expect(w.err().split("\n").filter((l) => STATUS.test(l)).map((l) => l.replace(STATUS, ""))).toEqual([`capa --run ${name}`, `${name} changed`, `capa --run ${name}`]);
    w.child.kill("SIGINT");
    expect(await w.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const ps = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
    expect(ps.split("\n").filter((l) => l.includes(name))).toEqual([]);
  }, 60_000);

  it("applies only to --check and --run, and needs a file", () => {
    const capa = (args: string[]) => spawnSync(process.execPath, [CAPA, ...args], { cwd: ROOT, encoding: "utf8", input: "" });
    expect(capa(["--watch", "--manifest", "examples/hello.capa"])).toMatchObject({ status: 2, stderr: "capa: --watch applies only to --check and --run\n" });
    expect(capa(["--watch", "--check", "--stdin"])).toMatchObject({ status: 2, stderr: "capa: --watch needs a file to watch, not --stdin\n" });
    expect(capa(["--watch", "--check", "no-such-file.capa"])).toMatchObject({ status: 2, stderr: "capa: no-such-file.capa: no such file\n" });
    expect(capa(["--help"]).stdout).toContain("--watch");
  });
});
