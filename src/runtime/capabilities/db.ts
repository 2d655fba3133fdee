// The Db capability: SQLite files confined to real-path prefixes (a set that attenuation
// intersects, as the reference); every call passes `gate` before SQLite is given anything.
//
// Order of a call: (1) the path's real path must lie in a prefix (`..`, symlinks resolved as the
// kernel would); (2) the SQL must not open a second file (ATTACH, DETACH, VACUUM INTO,
// load_extension; sqlGuard.ts); (3) the file is opened by us with O_NOFOLLOW and the descriptor's
// real path re-checked, and a regular file with more than one hard link is refused (its other
// names may lie outside); (4) SQLite opens the verified real path while we still hold ours, and
// the descriptor it opened must be the same file (device and inode), so a swap in between is
// denied. Each call uses a fresh connection. Residuals: SQLite's side files (`-journal`, `.lock`)
// are named after the path and sit beside the database (a directory swapped during a
// transaction could put a journal outside); without /proc only the pre-open check stands.
import { closeSync, constants, fstatSync, openSync, readdirSync, readlinkSync } from "node:fs";
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { describeOsError, fail, ok, type IoErrorValue, type IoResult } from "./ioResult.js";
import { dbMessages, type DbOp } from "./messages.js";
import { isInside, resolveRealPath } from "./fsPaths.js";
import { leadingKeyword, refusal, splitStatements, tokenizeSql } from "./sqlGuard.js";
import { openSqlite, type SqliteConnection } from "./sqliteEngine.js";
import { rowsJson } from "./dbRows.js";

export interface DbCapability {
  restrict_to(path: string): DbCapability;
  allows(path: string): boolean;
  exec(path: string, sql: string): IoResult<undefined>;
  query(path: string, sql: string): IoResult<string>;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_CLOEXEC = (constants as Record<string, number | undefined>).O_CLOEXEC ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const MEMORY = ":memory:";

/** Statements whose effects the reference leaves uncommitted in a query (Python's implicit transaction). */
const DML = new Set(["INSERT", "UPDATE", "DELETE", "REPLACE"]);

type Target = { kind: "memory" } | { kind: "file"; real: string };
type Verdict = { allowed: true; target: Target } | { allowed: false; error: IoErrorValue };

/** Where an open descriptor points, per the kernel; null without /proc. */
function descriptorPath(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/** Identity (device:inode) of every open descriptor of the process, or null without /proc. */
function openDescriptors(): Map<string, string> | null {
  let names: string[];
  try {
    names = readdirSync("/proc/self/fd");
  } catch {
    return null;
  }
  const out = new Map<string, string>();
  for (const name of names) {
    try {
      const st = fstatSync(Number(name));
      out.set(name, `${st.dev}:${st.ino}`);
    } catch {
      // the listing's own descriptor, already closed
    }
  }
  return out;
}

/** Whether a descriptor that is new since `before` (or now names another file) is the file `held` is. */
function openedSameFile(held: number, before: ReadonlyMap<string, string>): boolean {
  const st = fstatSync(held);
  const want = `${st.dev}:${st.ino}`;
  const now = openDescriptors();
  if (now === null) return true; // no /proc: cannot tell (documented residual)
  for (const [name, identity] of now) if (identity === want && before.get(name) !== want) return true;
  return false;
}

function closeQuietly(connection: SqliteConnection): void {
  try {
    connection.close();
  } catch {
    // closing after a failed statement cannot make the call's outcome worse
  }
}

/** Opens a SQLite connection on a file name; injected so tests can stand between our check and SQLite's open. */
export type SqliteOpener = (filename: string) => SqliteConnection;

/** `null` prefixes means unrestricted. Prefixes are real paths. */
function makeDb(host: Host, prefixes: readonly string[] | null, openSqlite: SqliteOpener): DbCapability {
  const within = (real: string): boolean => prefixes === null || prefixes.some((p) => isInside(real, p));
  const shown = (): string[] | null => (prefixes === null ? null : [...prefixes].sort());

  const realOf = (path: string): string | null => {
    const r = resolveRealPath(host.cwd, path);
    return r.kind === "real" ? r.path : null;
  };

  const allowsPath = (path: string): boolean => {
    if (prefixes === null) return true;
    const real = realOf(path);
    return real !== null && within(real);
  };

  /** Steps (1) and (2): nothing is opened here. */
  const decide = (op: DbOp, path: string, sql: string): Verdict => {
    if (!allowsPath(path)) return { allowed: false, error: dbMessages.denied(op, path, shown()) };
    const statements = splitStatements(tokenizeSql(sql));
    // A query runs its first statement only, and says so about the rest before running anything.
    for (const stmt of op === "query" ? statements.slice(0, 1) : statements) {
      const why = refusal(stmt);
      if (why !== null) {
        return { allowed: false, error: dbMessages.failed(op, why === "not-authorized" ? dbMessages.notAuthorized : dbMessages.authorizationDenied) };
      }
    }
    if (op === "query" && statements.length > 1) return { allowed: false, error: dbMessages.failed(op, dbMessages.oneStatement) };
    if (path === MEMORY || path === "") return { allowed: true, target: { kind: "memory" } };
    const real = realOf(path);
    if (real !== null) return { allowed: true, target: { kind: "file", real } };
    // An unrestricted Db lets SQLite report what it cannot open; a restricted one denies it.
    if (prefixes === null) return { allowed: true, target: { kind: "file", real: path.startsWith("/") ? path : `${host.cwd}/${path}` } };
    return { allowed: false, error: dbMessages.denied(op, path, shown()) };
  };

  const gate = (op: DbOp, path: string, sql: string): Verdict => {
    const verdict = decide(op, path, sql);
    host.observeGate?.("Db", op, verdict.allowed);
    return verdict;
  };

  /** Step (3): opens the file ourselves and checks where the descriptor really points; on success
   * the descriptor stays open (the caller closes it) so SQLite's own open can be compared with it. */
  const openVerified = (op: DbOp, path: string, real: string): { fd: number } | { error: IoErrorValue } => {
    let fd: number;
    try {
      fd = openSync(real, constants.O_RDWR | constants.O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644);
    } catch (e) {
      if ((e as { code?: string }).code === "ELOOP") return { error: dbMessages.denied(op, path, shown()) }; // swapped for a symlink
      const { errno, text } = describeOsError(e);
      return { error: dbMessages.failed(op, errno === null ? text : `[Errno ${errno}] ${text}: '${path}'`) };
    }
    const problem = ((): IoErrorValue | null => {
      const opened = descriptorPath(fd) ?? real; // no /proc: the pre-open check stands (documented residual)
      if (!opened.startsWith("/") || opened.endsWith(" (deleted)") || !within(opened)) return dbMessages.denied(op, path, shown());
      const stat = fstatSync(fd);
      if (!stat.isFile()) return dbMessages.failed(op, dbMessages.notRegular(stat.isDirectory() ? "directory" : "special file"));
      if (stat.nlink > 1) return { ...dbMessages.denied(op, path, shown()), cause: dbMessages.hardLinked(stat.nlink) };
      return null;
    })();
    if (problem === null) return { fd };
    closeSync(fd);
    return { error: problem };
  };

  /** Steps (3) and (4), then `use` on a fresh connection that is always closed. */
  const withConnection = <T>(op: DbOp, path: string, sql: string, use: (c: SqliteConnection) => T): IoResult<T> => {
    const verdict = gate(op, path, sql);
    if (!verdict.allowed) return fail(verdict.error);
    const target = verdict.target;
    const guarded = target.kind === "file" && prefixes !== null;
    let held: number | null = null;
    if (guarded) {
      const verified = openVerified(op, path, target.real);
      if ("error" in verified) return fail(verified.error);
      held = verified.fd;
    }
    let connection: SqliteConnection;
    try {
      const before = guarded ? openDescriptors() : null;
      try {
        connection = openSqlite(target.kind === "memory" ? MEMORY : target.real);
      } catch (e) {
        return fail(dbMessages.failed(op, e instanceof Error ? e.message : String(e)));
      }
      // SQLite must have opened the very file we verified: the path could have been swapped since.
      if (held !== null && before !== null && !openedSameFile(held, before)) {
        closeQuietly(connection);
        return fail(dbMessages.denied(op, path, shown()));
      }
    } finally {
      if (held !== null) closeSync(held);
    }
    try {
      return ok(use(connection));
    } catch (e) {
      return fail(dbMessages.failed(op, e instanceof Error ? e.message : String(e)));
    } finally {
      closeQuietly(connection);
    }
  };

  return sealCapability(
    "Db",
    {
      restrict_to(path: string): DbCapability {
        // An unresolvable prefix still narrows: it admits nothing.
        const real = realOf(path) ?? `\0${path}`;
        const next = prefixes === null ? [real] : prefixes.filter((p) => p === real);
        return makeDb(host, next, openSqlite);
      },

      allows(path: string): boolean {
        const verdict = allowsPath(path);
        host.observeGate?.("Db", "allows", verdict);
        return verdict;
      },

      exec: (path: string, sql: string): IoResult<undefined> =>
        withConnection("exec", path, sql, (c) => {
          c.execScript(sql);
          return undefined;
        }),

      query: (path: string, sql: string): IoResult<string> =>
        withConnection("query", path, sql, (c) => {
          const statements = splitStatements(tokenizeSql(sql));
          if (statements.length === 0) return "[]";
          // The reference runs a DML query inside an implicit transaction it never commits.
          const dml = DML.has(leadingKeyword(statements[0]!) ?? "");
          if (dml) c.execScript("BEGIN");
          try {
            return rowsJson(c.queryRows(sql));
          } finally {
            if (dml) c.execScript("ROLLBACK");
          }
        }),
    },
    () => `Db(${prefixes === null ? "unrestricted" : JSON.stringify(shown())})`,
  );
}

/** A fresh, unrestricted Db bound to `host`. */
export function createDb(host: Host, opener: SqliteOpener = openSqlite): DbCapability {
  return makeDb(host, null, opener);
}
