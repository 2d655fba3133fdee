// Runs every attack program in tests/attacks/<category>/ through the built `capa` (npm test builds
// dist/ first) and checks the safe outcome its `.expect` file states (format in support.ts).
// Programs run with a scratch file tree as their working directory, so relative paths in them
// name files of that tree (see `makeTree`), and with a small fixed environment.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverAttacks, NEVER_IN_OUTPUT, type Attack } from "./support.js";
import { FS_READ_LIMIT_BYTES } from "../../src/runtime/capabilities/fsLimits.js";

const ROOT = join(import.meta.dirname, "..", "..");
const attacks = discoverAttacks(import.meta.dirname);
let tree = "";

/** What the attacks may rely on, relative to their working directory. */
function makeTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "capa-attacks-"));
  writeFileSync(join(dir, "host.txt"), "HOST-SECRET-0xC0FFEE\n");
  mkdirSync(join(dir, "sandbox"));
  writeFileSync(join(dir, "sandbox", "in.txt"), "inside the sandbox\n");
  symlinkSync("../host.txt", join(dir, "sandbox", "to-host"));
  // One byte over the read limit, sparse, so it costs no disk.
  writeFileSync(join(dir, "sandbox", "big.txt"), "");
  truncateSync(join(dir, "sandbox", "big.txt"), FS_READ_LIMIT_BYTES + 1);
  const fifo = spawnSync("mkfifo", [join(dir, "sandbox", "fifo")]);
  if (fifo.status !== 0) throw new Error("mkfifo failed: the FIFO attacks need it");
  mkdirSync(join(dir, "out"));
  return dir;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runCapa(a: Attack): Promise<Outcome> {
  const argv = [join(ROOT, "bin/capa.js"), `--${a.expect.mode}`, ...a.expect.flags, a.file, ...(a.expect.args.length > 0 ? ["--", ...a.expect.args] : [])];
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tree, NO_COLOR: "1", CAPA_ATTACK_SECRET: "env-secret-41", ...a.expect.env };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: tree, env, stdio: ["ignore", "pipe", "pipe"] });
    // An attack that floods its output must not flood the test: the first megabyte and the last
    // 64 KiB of each stream are kept, which is where the needles are.
    const stdout = new Kept();
    const stderr = new Kept();
    child.stdout.on("data", (d: Buffer) => stdout.add(d.toString()));
    child.stderr.on("data", (d: Buffer) => stderr.add(d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, a.expect.withinSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.text(), stderr: stderr.text(), timedOut });
    });
  });
}

/** The head and the tail of a stream. */
class Kept {
  private head = "";
  private tail = "";
  private dropped = false;
  add(chunk: string): void {
    if (this.head.length < 1 << 20) this.head += chunk;
    else {
      this.dropped = true;
      this.tail = (this.tail + chunk).slice(-(1 << 16));
    }
  }
  text(): string {
    return this.dropped ? `${this.head}\n[...]\n${this.tail}` : this.head;
  }
}

beforeAll(() => {
  tree = makeTree();
});
afterAll(() => {
  if (tree !== "") rmSync(tree, { recursive: true, force: true });
});

describe("attack catalogue", () => {
  it("has programs in at least six categories", () => {
    expect(new Set(attacks.map((a) => a.category)).size).toBeGreaterThanOrEqual(6);
  });

  it("every program has its expectation file and nothing else is stray", () => {
    for (const dir of readdirSync(import.meta.dirname, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const files = readdirSync(join(import.meta.dirname, dir.name));
      for (const f of files) expect(f.endsWith(".capa") || f.endsWith(".expect"), `${dir.name}/${f}`).toBe(true);
      for (const f of files.filter((f) => f.endsWith(".expect"))) expect(files, `${dir.name}/${f}`).toContain(f.replace(/\.expect$/, ".capa"));
    }
  });

  for (const a of attacks) {
    it.concurrent(`${a.category}/${a.name}`, { timeout: (a.expect.withinSeconds + 30) * 1000 }, async () => {
      const r = await runCapa(a);
      const shown = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
      expect(r.timedOut, `did not end within ${a.expect.withinSeconds} s\n${shown}`).toBe(false);
      expect(r.code, shown).toBe(a.expect.exit);
      for (const bad of NEVER_IN_OUTPUT) {
        for (const text of [r.stdout, r.stderr]) {
          if (typeof bad === "string") expect(text, shown).not.toContain(bad);
          else expect(text, shown).not.toMatch(bad);
        }
      }
      for (const s of a.expect.stdout) expect(r.stdout, shown).toContain(s);
      for (const s of a.expect.stderr) expect(r.stderr, shown).toContain(s);
      for (const s of a.expect.noStdout) expect(r.stdout, shown).not.toContain(s);
      for (const s of a.expect.noStderr) expect(r.stderr, shown).not.toContain(s);
    });
  }
});
