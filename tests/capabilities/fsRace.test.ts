// Fs TOCTOU: a second thread keeps replacing a directory inside the prefix with a symlink to outside while we use it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPathSwapper } from "./support/pathSwapper.js";
import { createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";


let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-race-")));
  mkdirSync(join(root, "data", "real"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "data", "real", "file.txt"), "inside");
  writeFileSync(join(root, "outside", "file.txt"), "SECRET");
  symlinkSync(join(root, "outside"), join(root, "data", "link-parked"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("never reads or truncates the outside file while the path is being swapped", async () => {
  const fs = createRootCapability("Fs", createCapturingHost()).restrict_to(join(root, "data"));
  const swapper = startPathSwapper(join(root, "data"));
  const outcomes = { inside: 0, denied: 0, other: 0 };
  let writesDenied = 0;
  try {
    for (let i = 0; i < 4000; i++) {
      const r = fs.read(join(root, "data", "real", "file.txt"));
      expect(r.ok && r.value === "SECRET").toBe(false);
      if (r.ok) outcomes.inside++;
      else if (r.error.message.startsWith("Fs capability does not permit")) outcomes.denied++;
      else outcomes.other++;
      const w = fs.write(join(root, "data", "real", "file.txt"), "inside");
      if (!w.ok && w.error.message.startsWith("Fs capability does not permit")) writesDenied++;
    }
  } finally {
    await swapper.stop();
  }
  expect(readFileSync(join(root, "outside", "file.txt"), "utf8")).toBe("SECRET");
  // Both branches of the race were exercised.
  expect(outcomes.inside).toBeGreaterThan(0);
  expect(outcomes.denied + writesDenied).toBeGreaterThan(0);
});
