// SQLite for the Db capability: node-sqlite3-wasm (SQLite compiled to WebAssembly, synchronous,
// files through Node's fs), loaded on first use. Pure JS + Wasm from the npm registry: nothing to
// compile and no binary to download, which a native binding (better-sqlite3) would need.
// It decides nothing about authority: the Db gate has already approved the path and the SQL.
//
// Rows are read through the package's statement internals (`_ptr`, `_step`, `_getRow`) and the
// exported C functions, because its public API returns rows as objects keyed by column name,
// which loses a column whose name repeats and cannot tell an integral REAL from an INTEGER. The
// version is pinned exactly in package.json for that reason; tests/capabilities/db.test.ts pins both.
import { createRequire } from "node:module";

interface WasmStatement {
  readonly _ptr: number;
  _bind(values: undefined): void;
  _step(): boolean;
  _getRow(columns: readonly string[], expand: false): Record<string, unknown>;
  finalize(): void;
}

interface WasmDatabase {
  exec(sql: string): void;
  prepare(sql: string): WasmStatement;
  close(): void;
}

interface WasmModule {
  Database: new (filename: string, options?: { fileMustExist?: boolean }) => WasmDatabase;
  _sqlite3_column_count(stmt: number): number;
  _sqlite3_column_type(stmt: number, column: number): number;
}

/** How long a call waits for a database another connection has locked. */
const BUSY_TIMEOUT_MS = 5000;

export const SQLITE_INTEGER = 1;
export const SQLITE_FLOAT = 2;
export const SQLITE_TEXT = 3;
export const SQLITE_BLOB = 4;

export interface Cell {
  type: number;
  value: unknown;
}

export interface SqliteConnection {
  /** Runs a script of statements (each commits unless inside an explicit transaction). */
  execScript(sql: string): void;
  /** Runs one statement and returns its rows, each cell with its SQLite storage class. */
  queryRows(sql: string): Cell[][];
  close(): void;
}

/** Opens `filename` (a verified real path, or ":memory:"); throws SQLite's error on failure. */
export function openSqlite(filename: string): SqliteConnection {
  // Node's module cache keeps the one instance; the Wasm is compiled on the first Db call only.
  const wasm = createRequire(import.meta.url)("node-sqlite3-wasm") as WasmModule;
  const db = new wasm.Database(filename);
  // Wait for another connection's lock as Python's sqlite3 does (its default timeout is 5 s).
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return {
    execScript: (sql) => db.exec(sql),
    queryRows(sql) {
      const stmt = db.prepare(sql);
      try {
        const columns = Array.from({ length: wasm._sqlite3_column_count(stmt._ptr) }, (_, i) => String(i));
        stmt._bind(undefined);
        const rows: Cell[][] = [];
        while (stmt._step()) {
          const types = columns.map((_, i) => wasm._sqlite3_column_type(stmt._ptr, i));
          const row = stmt._getRow(columns, false);
          rows.push(columns.map((key, i) => ({ type: types[i]!, value: row[key] })));
        }
        return rows;
      } finally {
        stmt.finalize();
      }
    },
    close: () => db.close(),
  };
}
