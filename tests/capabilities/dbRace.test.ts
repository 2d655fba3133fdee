// Db TOCTOU: a second thread keeps replacing a directory inside the prefix with a symlink to an
// outside directory holding a database of the same name, while we write through the prefix.
// The outside database must never change, whichever side of the race each call lands on.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPathSwapper } from "./support/pathSwapper.js";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { createDb } from "../../src/runtime/capabilities/db.js";


let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-dbrace-")));
  mkdirSync(join(root, "data", "real"), { recursive: true });
  mkdirSync(join(root, "outside"));
  const db = createDb(createCapturingHost());
  db.exec(join(root, "data", "real", "x.db"), "CREATE TABLE t(v TEXT)");
  db.exec(join(root, "outside", "x.db"), "CREATE TABLE t(v TEXT); INSERT INTO t VALUES ('SECRET')");
  symlinkSync(join(root, "outside"), join(root, "data", "link-parked"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("never reads or writes the outside database while the path is being swapped", async () => {
  const outsideBefore = readFileSync(join(root, "outside", "x.db"));
  const db = createDb(createCapturingHost()).restrict_to(join(root, "data"));
  const swapper = startPathSwapper(join(root, "data"));
  const outcomes = { ok: 0, denied: 0, other: 0 };
  try {
    for (let i = 0; i < 600; i++) {
      const q = db.query(join(root, "data", "real", "x.db"), "SELECT v FROM t");
      expect(q.ok && q.value.includes("SECRET")).toBe(false);
      const w = db.exec(join(root, "data", "real", "x.db"), "INSERT INTO t VALUES ('inside')");
      for (const r of [q, w]) {
        if (r.ok) outcomes.ok++;
        else if (r.error.message.startsWith("Db capability does not permit")) outcomes.denied++;
        else outcomes.other++;
      }
    }
  } finally {
    await swapper.stop();
  }
  expect(readFileSync(join(root, "outside", "x.db"))).toEqual(outsideBefore);
  expect(outcomes.ok).toBeGreaterThan(0);
  expect(outcomes.denied).toBeGreaterThan(0);
}, 60_000);

it("a swap between our check and SQLite's own open is denied, and nothing outside is touched", async () => {
  const { openSqlite } = await import("../../src/runtime/capabilities/sqliteEngine.js");
  const { renameSync } = await import("node:fs");
  const dir = join(root, "swap");
  mkdirSync(join(dir, "data", "real"), { recursive: true });
  mkdirSync(join(dir, "outside"));
  const plain = createDb(createCapturingHost());
  plain.exec(join(dir, "data", "real", "x.db"), "CREATE TABLE t(v TEXT)");
  plain.exec(join(dir, "outside", "x.db"), "CREATE TABLE t(v TEXT); INSERT INTO t VALUES ('SECRET')");
  const outsideBefore = readFileSync(join(dir, "outside", "x.db"));
  // The attacker wins the race at the worst moment: after the descriptor check, before SQLite opens.
  const racingOpener = (filename: string) => {
    renameSync(join(dir, "data", "real"), join(dir, "data", "parked"));
    symlinkSync(join(dir, "outside"), join(dir, "data", "real"));
    return openSqlite(filename);
  };
  const db = createDb(createCapturingHost(), racingOpener).restrict_to(join(dir, "data"));
  const r = db.exec(join(dir, "data", "real", "x.db"), "INSERT INTO t VALUES ('written')");
  expect(r).toEqual({
    ok: false,
    error: { message: `Db capability does not permit exec on path '${join(dir, "data", "real", "x.db")}'`, cause: `current restrictions: ['${join(dir, "data")}']` },
  });
  expect(readFileSync(join(dir, "outside", "x.db"))).toEqual(outsideBefore);
});
