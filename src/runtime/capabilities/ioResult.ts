// Plain-JS shapes of Capa's Result<T, IoError>, the runtime-abort error, and OS-error text; no I/O here.
import { constants as osConstants } from "node:os";

export interface IoErrorValue {
  message: string;
  cause: string | null;
}

export type IoResult<T> = { ok: true; value: T } | { ok: false; error: IoErrorValue };

export const ok = <T>(value: T): IoResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: IoErrorValue): IoResult<T> => ({ ok: false, error });

/**
 * Thrown for errors the language treats as aborts rather than `Err` values (e.g. `int_range(5, 5)`).
 * The interpreter turns it into its runtime-error report; `capaMessage` is the text to show.
 */
export class CapabilityAbort extends Error {
  constructor(readonly capaMessage: string) {
    super(capaMessage);
    this.name = "CapabilityAbort";
  }
}

/** Linux strerror text for the codes the capabilities can meet (the reference prints Python's OSError text). */
const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EEXIST: "File exists",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
  ENOSPC: "No space left on device",
  EROFS: "Read-only file system",
  EMFILE: "Too many open files",
  EBUSY: "Device or resource busy",
  EINVAL: "Invalid argument",
  EIO: "Input/output error",
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by peer",
  EHOSTUNREACH: "No route to host",
  ENETUNREACH: "Network is unreachable",
  ETIMEDOUT: "Connection timed out",
  EPIPE: "Broken pipe",
  ENXIO: "No such device or address",
  EAGAIN: "Resource temporarily unavailable",
  EADDRINUSE: "Address already in use",
  EADDRNOTAVAIL: "Cannot assign requested address",
};

/** Resolver failures that Python reports with negative getaddrinfo codes. */
const GAI: Record<string, [number, string]> = {
  ENOTFOUND: [-2, "Name or service not known"],
  EAI_AGAIN: [-3, "Temporary failure in name resolution"],
};

export interface OsErrorText {
  errno: number | null;
  text: string;
}

/** Errno number and strerror-like text for a Node system error (falls back to Node's own message). */
export function describeOsError(e: unknown): OsErrorText {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === "string") {
    const gai = GAI[code];
    if (gai) return { errno: gai[0], text: gai[1] };
    const errno = (osConstants.errno as Record<string, number | undefined>)[code];
    const text = STRERROR[code];
    if (errno !== undefined && text !== undefined) return { errno, text };
  }
  return { errno: null, text: e instanceof Error ? e.message : String(e) };
}
