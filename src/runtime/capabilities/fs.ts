// The Fs capability: file access confined to a conjunctive set of real-path prefixes; every op passes `gate` first.
//
// Defence in depth against races (TOCTOU): after the gate approves a path, the file is opened with
// O_NOFOLLOW and the *opened descriptor's* real path (/proc/self/fd/N) is checked again before any
// byte is read or the file is truncated. Residuals (see README.md): `mkdir` can only re-check after
// creating directories, so a parent swapped for a symlink mid-call may leave empty directories
// outside; a write racing such a swap may create (then removes) an empty file outside; reads of
// multiply-hard-linked files are allowed (see fsPaths.ts).
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { describeOsError, fail, ok, type IoErrorValue, type IoResult } from "./ioResult.js";
import { fsMessages, pyListRepr, type FsOp } from "./messages.js";
import { compareCodePoints, isInside, resolveRealPath } from "./fsPaths.js";
import { FS_READ_CHUNK_BYTES, FS_READ_LIMIT_BYTES } from "./fsLimits.js";

export interface FsCapability {
  restrict_to(prefix: string): FsCapability;
  allows(path: string): boolean;
  read(path: string): IoResult<string>;
  write(path: string, content: string): IoResult<undefined>;
  exists(path: string): boolean;
  is_dir(path: string): boolean;
  mkdir(path: string): IoResult<undefined>;
  list_dir(path: string): IoResult<string[]>;
}

type GateOp = FsOp | "exists" | "is_dir" | "allows";
type Verdict = { allowed: true; real: string } | { allowed: false; error: IoErrorValue };

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;
const O_CLOEXEC = (constants as Record<string, number | undefined>).O_CLOEXEC ?? 0;
/** Opening a FIFO or a terminal must not wait for its other end; regular files ignore the flag. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** `null` prefixes means unrestricted. Prefixes are real paths, kept sorted and distinct. */
function makeFs(host: Host, prefixes: readonly string[] | null): FsCapability {
  const within = (real: string): boolean => prefixes === null || prefixes.every((p) => isInside(real, p));
  const deniedError = (op: GateOp, path: string): IoErrorValue =>
    fsMessages.denied(op === "exists" || op === "is_dir" || op === "allows" ? "read" : op, path, prefixes ?? []);

  /** The single gate: resolves the path and decides, before any system call that touches the target. */
  const gate = (op: GateOp, path: string): Verdict => {
    const verdict = decide(op, path);
    host.observeGate?.("Fs", op, verdict.allowed);
    return verdict;
  };

  const decide = (op: GateOp, path: string): Verdict => {
    const resolution = resolveRealPath(host.cwd, path);
    if (resolution.kind === "nul") return { allowed: false, error: { ...deniedError(op, path), cause: fsMessages.nulByte } };
    if (resolution.kind === "unresolvable") {
      // An unrestricted Fs lets the OS report the problem; a restricted one denies what it cannot resolve.
      if (prefixes === null) return { allowed: true, real: path.startsWith("/") ? path : `${host.cwd}/${path}` };
      return { allowed: false, error: deniedError(op, path) };
    }
    return within(resolution.path) ? { allowed: true, real: resolution.path } : { allowed: false, error: deniedError(op, path) };
  };

  /** Re-checks where an open descriptor really points; false when it escaped the prefixes. */
  const descriptorWithin = (fd: number, expectedReal: string): boolean => {
    if (prefixes === null) return true;
    let opened: string;
    try {
      opened = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      // No /proc: fall back to comparing the inode we hold with the one at the approved path.
      try {
        const held = fstatSync(fd);
        const named = statSync(expectedReal);
        return held.dev === named.dev && held.ino === named.ino;
      } catch {
        return false;
      }
    }
    return opened.startsWith("/") && !opened.endsWith(" (deleted)") && within(opened);
  };

  const osFailure = (op: FsOp, path: string, e: unknown): IoErrorValue => {
    const { errno, text } = describeOsError(e);
    return fsMessages.failed(op, path, fsMessages.osError(errno, text, path));
  };

  return sealCapability(
    "Fs",
    {
      restrict_to(prefix: string): FsCapability {
        const resolution = resolveRealPath(host.cwd, prefix);
        // An unresolvable prefix still narrows: it admits nothing, because no real path equals it.
        const real = resolution.kind === "real" ? resolution.path : `\0${prefix}`;
        const next = new Set([...(prefixes ?? []), real]);
        return makeFs(host, [...next].sort(compareCodePoints));
      },

      allows: (path: string) => gate("allows", path).allowed,

      read(path: string): IoResult<string> {
        const verdict = gate("read", path);
        if (!verdict.allowed) return fail(verdict.error);
        let fd: number;
        try {
          fd = openSync(verdict.real, constants.O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        } catch (e) {
          return fail(osFailure("read", path, e));
        }
        try {
          if (!descriptorWithin(fd, verdict.real)) return fail(deniedError("read", path));
          const stat = fstatSync(fd);
          const kind = nonRegularKind(stat);
          if (kind !== null) return fail(fsMessages.failed("read", path, fsMessages.notRegular(kind)));
          const bytes = stat.size > FS_READ_LIMIT_BYTES ? null : readBounded(fd, FS_READ_LIMIT_BYTES);
          if (bytes === null) return fail(fsMessages.failed("read", path, fsMessages.tooLarge(FS_READ_LIMIT_BYTES)));
          try {
            return ok(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
          } catch {
            return fail(fsMessages.failed("read", path, fsMessages.notUtf8));
          }
        } catch (e) {
          return fail(osFailure("read", path, e));
        } finally {
          closeSync(fd);
        }
      },

      write(path: string, content: string): IoResult<undefined> {
        const verdict = gate("write", path);
        if (!verdict.allowed) return fail(verdict.error);
        let fd: number;
        let created = true;
        try {
          // Never O_TRUNC here: truncation waits until the descriptor has been re-checked.
          fd = openSync(verdict.real, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o666);
        } catch (e) {
          if ((e as { code?: string }).code !== "EEXIST") return fail(osFailure("write", path, e));
          created = false;
          try {
            fd = openSync(verdict.real, constants.O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
          } catch (e2) {
            return fail(osFailure("write", path, e2));
          }
        }
        try {
          if (!descriptorWithin(fd, verdict.real)) {
            if (created) removeIfSameInode(fd);
            return fail(deniedError("write", path));
          }
          const stat = fstatSync(fd);
          const kind = nonRegularKind(stat);
          if (kind !== null) return fail(fsMessages.failed("write", path, fsMessages.notRegular(kind)));
          if (stat.isFile() && stat.nlink > 1) {
            return fail({ ...deniedError("write", path), cause: fsMessages.hardLinked(stat.nlink) });
          }
          ftruncateSync(fd, 0);
          const data = Buffer.from(content, "utf8");
          let offset = 0;
          while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
          return ok(undefined);
        } catch (e) {
          return fail(osFailure("write", path, e));
        } finally {
          closeSync(fd);
        }
      },

      exists(path: string): boolean {
        const verdict = gate("exists", path);
        if (!verdict.allowed) return false; // indistinguishable from absent
        try {
          statSync(verdict.real);
          return true;
        } catch {
          return false;
        }
      },

      is_dir(path: string): boolean {
        const verdict = gate("is_dir", path);
        if (!verdict.allowed) return false;
        try {
          return statSync(verdict.real).isDirectory();
        } catch {
          return false;
        }
      },

      mkdir(path: string): IoResult<undefined> {
        const verdict = gate("mkdir", path);
        if (!verdict.allowed) return fail(verdict.error);
        try {
          mkdirSync(verdict.real, { recursive: true });
          if (!statSync(verdict.real).isDirectory()) {
            return fail(osFailure("mkdir", path, Object.assign(new Error("exists"), { code: "EEXIST" })));
          }
        } catch (e) {
          return fail(osFailure("mkdir", path, e));
        }
        // Re-check what now exists at the path (a racing symlink swap shows up here).
        const after = resolveRealPath(host.cwd, path);
        if (after.kind !== "real" || !within(after.path)) return fail(deniedError("mkdir", path));
        return ok(undefined);
      },

      list_dir(path: string): IoResult<string[]> {
        const verdict = gate("list_dir", path);
        if (!verdict.allowed) return fail(verdict.error);
        let fd: number;
        try {
          fd = openSync(verdict.real, constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        } catch (e) {
          return fail(osFailure("list_dir", path, e));
        }
        try {
          if (!descriptorWithin(fd, verdict.real)) return fail(deniedError("list_dir", path));
          // List through the descriptor we checked, not through the (swappable) name.
          let names: string[];
          try {
            names = readdirSync(`/proc/self/fd/${fd}`);
          } catch {
            names = readdirSync(verdict.real);
          }
          return ok(names.sort(compareCodePoints));
        } catch (e) {
          return fail(osFailure("list_dir", path, e));
        } finally {
          closeSync(fd);
        }
      },
    },
    () => (prefixes === null ? "Fs(unrestricted)" : `Fs(prefixes: ${pyListRepr(prefixes)})`),
  );
}

/**
 * What an opened file is when Fs must not touch its contents (a FIFO would block, a device never
 * ends), else null. A directory is left to the read itself, which reports EISDIR as the OS does.
 */
function nonRegularKind(s: Stats): string | null {
  if (s.isFile() || s.isDirectory()) return null;
  if (s.isFIFO()) return "FIFO";
  if (s.isCharacterDevice()) return "character device";
  if (s.isBlockDevice()) return "block device";
  if (s.isSocket()) return "socket";
  return "special file";
}

/**
 * The whole file, read in chunks so a file whose size the kernel reports as 0 (`/proc`) or that
 * grows while it is read is still bounded; null when it holds more than `limit` bytes.
 */
function readBounded(fd: number, limit: number): Buffer | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(FS_READ_CHUNK_BYTES, limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) return null;
  }
}

/** Removes a file this call just created outside the prefixes, only if the name still denotes our inode. */
function removeIfSameInode(fd: number): void {
  try {
    const where = readlinkSync(`/proc/self/fd/${fd}`);
    const held = fstatSync(fd);
    const named = lstatSync(where);
    if (held.dev === named.dev && held.ino === named.ino && named.size === 0) unlinkSync(where);
  } catch {
    // Best effort: the empty file is the documented residual.
  }
}

export function createFs(host: Host): FsCapability {
  return makeFs(host, null);
}
