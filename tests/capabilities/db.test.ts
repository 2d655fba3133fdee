// Db: SQLite through the WebAssembly engine, rows in the reference's JSON shape, and every escape
// from a restriction refused before SQLite (or our own open) touches a file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { createDb } from "../../src/runtime/capabilities/db.js";
import { refusal, splitStatements, tokenizeSql } from "../../src/runtime/capabilities/sqlGuard.js";
import { pyBytesRepr } from "../../src/runtime/capabilities/dbRows.js";

let root: string;
let data: string;
const gates: Array<[string, string, boolean]> = [];
const host = () => {
  const h = createCapturingHost({ cwd: root });
  return { ...h, observeGate: (c: string, m: string, a: boolean) => void gates.push([c, m, a]) };
};

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-db-")));
  data = join(root, "data");
  mkdirSync(data);
  gates.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("Db operations", () => {
  it("exec runs a script and query returns every cell as Python's str(), NULL as \"null\"", () => {
    const db = createDb(host()).restrict_to(data);
    const file = join(data, "a.db");
    expect(db.exec(file, "CREATE TABLE t(id INTEGER, name TEXT, v REAL, b BLOB); INSERT INTO t VALUES (1, 'a', 1.5, x'41'); INSERT INTO t VALUES (2, NULL, 2.0, x'00275c')")).toEqual({ ok: true, value: undefined });
    const rows = db.query(file, "SELECT id, name, v, b, 10000000000000000000, 9007199254740993 FROM t ORDER BY id");
    expect(rows).toEqual({
      ok: true,
      value: `[["1", "a", "1.5", "b'A'", "1e+19", "9007199254740993"], ["2", "null", "2.0", "b\\"\\\\x00'\\\\\\\\\\"", "1e+19", "9007199254740993"]]`,
    });
  });

  it("keeps a repeated column name and escapes non-ASCII text as json.dumps does", () => {
    const db = createDb(host());
    expect(db.query(":memory:", "SELECT 1, 1, 'é☃', char(127), 1e308*10, -0.0, 0.1+0.2")).toEqual({
      ok: true,
      value: '[["1", "1", "\\u00e9\\u2603", "\\u007f", "inf", "-0.0", "0.30000000000000004"]]',
    });
    expect(db.query(":memory:", "SELECT 1 WHERE 0")).toEqual({ ok: true, value: "[]" });
    expect(db.query(":memory:", "  -- nothing\n")).toEqual({ ok: true, value: "[]" });
  });

  it("reports SQLite's own errors with the reference's messages", () => {
    const db = createDb(host());
    expect(db.query(":memory:", "SELEC 1")).toEqual({ ok: false, error: { message: "SQLite query failed", cause: 'near "SELEC": syntax error' } });
    expect(db.query(":memory:", "SELECT 1; SELECT 2")).toEqual({ ok: false, error: { message: "SQLite query failed", cause: "You can only execute one statement at a time." } });
    expect(db.exec(":memory:", "INSERT INTO nope VALUES (1)")).toEqual({ ok: false, error: { message: "SQLite exec failed", cause: "no such table: nope" } });
  });

  it("a query's INSERT is not committed (the reference never commits a query)", () => {
    const db = createDb(host());
    const file = join(data, "q.db");
    db.exec(file, "CREATE TABLE t(x)");
    expect(db.query(file, "INSERT INTO t VALUES (1)")).toEqual({ ok: true, value: "[]" });
    expect(db.query(file, "SELECT count(*) FROM t")).toEqual({ ok: true, value: '[["0"]]' });
  });

  it("a trigger body's semicolons do not split the statement", () => {
    const db = createDb(host());
    const file = join(data, "t.db");
    expect(db.exec(file, "CREATE TABLE t(x); CREATE TABLE log(x); CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.x); END; INSERT INTO t VALUES (7)").ok).toBe(true);
    expect(db.query(file, "SELECT x FROM log")).toEqual({ ok: true, value: '[["7"]]' });
  });
});

describe("Db attenuation", () => {
  it("restrict_to intersects real paths: a second, narrower restriction admits nothing", () => {
    const db = createDb(host());
    const d = db.restrict_to(data);
    expect(d.allows(join(data, "a.db"))).toBe(true);
    expect(d.allows(data)).toBe(true);
    expect(d.allows(`${data}_evil/a.db`)).toBe(false);
    const narrowed = d.restrict_to(join(data, "sub"));
    expect(narrowed.allows(join(data, "sub", "a.db"))).toBe(false);
    expect(narrowed.query(join(data, "sub", "a.db"), "SELECT 1")).toEqual({
      ok: false,
      error: { message: `Db capability does not permit query on path '${join(data, "sub", "a.db")}'`, cause: "current restrictions: []" },
    });
    expect(d.restrict_to(`${data}/../data`).allows(join(data, "a.db"))).toBe(true);
  });

  it("`:memory:` is allowed unrestricted, and denied by a restriction that does not hold the working directory", () => {
    expect(createDb(host()).query(":memory:", "SELECT 1 + 1").ok).toBe(true);
    expect(createDb(host()).restrict_to(data).query(":memory:", "SELECT 1")).toEqual({
      ok: false,
      error: { message: "Db capability does not permit query on path ':memory:'", cause: `current restrictions: ['${data}']` },
    });
  });
});

describe("Db escapes are refused before any file is opened", () => {
  const outside = () => join(root, "secret.db");

  it("`..` out of the prefix", () => {
    const db = createDb(host()).restrict_to(data);
    const r = db.exec(`${data}/../secret.db`, "CREATE TABLE t(x)");
    expect(r).toEqual({ ok: false, error: { message: `Db capability does not permit exec on path '${data}/../secret.db'`, cause: `current restrictions: ['${data}']` } });
    expect(existsSync(outside())).toBe(false);
    expect(gates).toContainEqual(["Db", "exec", false]);
  });

  it("a symlink inside the prefix that points outside", () => {
    createDb(host()).exec(outside(), "CREATE TABLE s(x); INSERT INTO s VALUES ('top secret')");
    const before = readFileSync(outside());
    symlinkSync(outside(), join(data, "link.db"));
    const db = createDb(host()).restrict_to(data);
    expect(db.query(join(data, "link.db"), "SELECT * FROM s").ok).toBe(false);
    expect(db.exec(join(data, "link.db"), "DELETE FROM s").ok).toBe(false);
    expect(readFileSync(outside())).toEqual(before);
    expect(existsSync(`${outside()}-journal`)).toBe(false);
  });

  it("a hard link inside the prefix to a database outside", () => {
    createDb(host()).exec(outside(), "CREATE TABLE s(x); INSERT INTO s VALUES ('top secret')");
    const before = readFileSync(outside());
    linkSync(outside(), join(data, "hard.db"));
    const db = createDb(host()).restrict_to(data);
    const r = db.exec(join(data, "hard.db"), "DELETE FROM s");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.cause).toContain("2 hard links");
    expect(db.query(join(data, "hard.db"), "SELECT * FROM s").ok).toBe(false);
    expect(readFileSync(outside())).toEqual(before);
  });

  it.each([
    ["ATTACH DATABASE '/x/secret.db' AS evil", "not authorized"],
    ["attach '/x/secret.db' as evil", "not authorized"],
    ["/* hi */ EXPLAIN ATTACH '/x/secret.db' AS e", "not authorized"],
    ["DETACH evil", "not authorized"],
    ["VACUUM INTO '/x/secret.db'", "authorization denied"],
    ["VACUUM main INTO '/x/secret.db'", "authorization denied"],
    ["SELECT load_extension('/x/evil.so')", "not authorized"],
    ['SELECT "load_extension"(\'/x/evil.so\')', "not authorized"],
  ])("%s", (sql, cause) => {
    const target = join(data, "a.db");
    const statement = sql.replace(/\/x\//g, `${root}/`);
    const db = createDb(host()).restrict_to(data);
    expect(db.exec(target, statement)).toEqual({ ok: false, error: { message: "SQLite exec failed", cause } });
    expect(db.query(target, statement)).toEqual({ ok: false, error: { message: "SQLite query failed", cause } });
    // Nothing was opened: neither the file outside nor even the database inside.
    expect(existsSync(outside())).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it("exec refuses a script with ATTACH anywhere, before its earlier statements run", () => {
    const db = createDb(host()).restrict_to(data);
    const target = join(data, "a.db");
    expect(db.exec(target, `CREATE TABLE t(x); ATTACH '${outside()}' AS e`)).toEqual({ ok: false, error: { message: "SQLite exec failed", cause: "not authorized" } });
    expect(existsSync(target)).toBe(false);
  });

  it("a query with a second statement is refused as the reference does, whatever that statement is", () => {
    const db = createDb(host()).restrict_to(data);
    const r = db.query(join(data, "a.db"), `SELECT 1; ATTACH '${outside()}' AS e`);
    expect(r).toEqual({ ok: false, error: { message: "SQLite query failed", cause: "You can only execute one statement at a time." } });
    expect(existsSync(join(data, "a.db"))).toBe(false);
  });

  it("words that only look like ATTACH are not refused", () => {
    const db = createDb(host());
    expect(db.query(":memory:", "SELECT 'ATTACH' AS attach, 'VACUUM INTO' AS v")).toEqual({ ok: true, value: '[["ATTACH", "VACUUM INTO"]]' });
  });
});

describe("SQL guard", () => {
  it("splits statements as SQLite reads them (strings, quoted names, comments)", () => {
    const split = (s: string) => splitStatements(tokenizeSql(s)).length;
    expect(split("SELECT ';'; SELECT \"a;b\"; -- ;\nSELECT [c;d] /* ; */")).toBe(3);
    expect(split(";;  ;")).toBe(0);
    expect(refusal(splitStatements(tokenizeSql("select 'attach'"))[0]!)).toBeNull();
  });

  it("prints BLOBs as Python's bytes repr", () => {
    expect(pyBytesRepr(new Uint8Array([0x41, 0x27]))).toBe(`b"A'"`);
    expect(pyBytesRepr(new Uint8Array([0x0a, 0xff, 0x22, 0x27]))).toBe(`b'\\n\\xff"\\''`);
  });
});

describe("Db file handling", () => {
  it("waits for a database another process has locked, as Python's sqlite3 does", () => {
    const file = join(data, "busy.db");
    createDb(host()).exec(file, "CREATE TABLE t(x)");
    const holder = `const m = require("node-sqlite3-wasm"); const db = new m.Database(${JSON.stringify(file)});
      db.exec("BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)"); console.log("locked");
      setTimeout(() => { db.exec("COMMIT"); db.close(); }, 700);`;
    const child = spawn(process.execPath, ["-e", holder], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    // Block this thread until the child holds the lock (the synchronous capability would block its output otherwise).
    const deadline = Date.now() + 10_000;
    while (!existsSync(`${file}.lock`) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    expect(existsSync(`${file}.lock`)).toBe(true);
    expect(createDb(host()).exec(file, "INSERT INTO t VALUES (2)")).toEqual({ ok: true, value: undefined });
    expect(createDb(host()).query(file, "SELECT x FROM t ORDER BY x")).toEqual({ ok: true, value: '[["1"], ["2"]]' });
    child.kill();
  });

  it("creates a new database inside the prefix and refuses a directory", () => {
    const db = createDb(host()).restrict_to(data);
    expect(db.exec(join(data, "new.db"), "CREATE TABLE t(x)").ok).toBe(true);
    expect(statSync(join(data, "new.db")).isFile()).toBe(true);
    expect(db.exec(data, "CREATE TABLE t(x)").ok).toBe(false);
    writeFileSync(join(data, "not-a-db"), "hello, this is not SQLite at all, just text....................................................................");
    const r = db.query(join(data, "not-a-db"), "SELECT 1 FROM sqlite_master");
    expect(r.ok).toBe(false);
  });
});
