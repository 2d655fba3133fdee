// The wire shapes between the Python child's grant pieces and the parent's dispatcher: op names and
// replies, all plain JSON. Denials are not replies: the dispatcher throws them (see HostCall).

/** What a path is, as far as the granted Fs lets Python know (`missing` also covers "not a file or directory"). */
export type FsKind = "dir" | "file" | "missing";

export interface FsStat {
  readonly kind: FsKind;
  /** UTF-8 byte length of a readable text file; 0 for directories, missing and unreadable files. */
  readonly size: number;
}

/** A failure that is not a denial (missing file, not UTF-8, HTTP error...), with a POSIX errno name. */
export interface GrantFailure {
  readonly errno: string;
  readonly message: string;
}

export type GrantReply<T> = { readonly ok: T } | { readonly error: GrantFailure };

/**
 * Ops the dispatcher serves (args in brackets):
 * - `fs.lookup [path]` → FsKind (no file content is read)
 * - `fs.stat [path]` → FsStat
 * - `fs.list_dir [path]` → string[] (sorted names)
 * - `fs.read [path]` → string (UTF-8 text)
 * - `fs.write [path, text]` → null (creates or overwrites)
 * - `fs.mkdir [path]` → null (parents too; Ok when present)
 * - `net.get [url]`, `net.post [url, body]` → string (response body)
 * Python filesystem calls the Fs capability has no method for (`fs.unlink`, `fs.rmdir`, `fs.rename`,
 * `fs.symlink`, `fs.readlink`, `fs.truncate`...) are sent too, and refused by the dispatcher.
 */
export const FS_OPS = ["fs.lookup", "fs.stat", "fs.list_dir", "fs.read", "fs.write", "fs.mkdir"] as const;
export const NET_OPS = ["net.get", "net.post"] as const;

/** What the child must install for the grants made so far (JSON, handed from parent to child). */
export interface GrantPlan {
  /** Absolute directories to mount with the capa FS type, outermost first. */
  readonly fsMountPoints: readonly string[];
  /** Whether the `capa_net` module is available. */
  readonly net: boolean;
}
