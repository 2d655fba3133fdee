// Catalogue of every user-visible capability message (IoError text and runtime aborts); nothing else may spell them.
import type { IoErrorValue } from "./ioResult.js";

/** Python-style repr of a list of strings, as the reference prints restriction sets. */
export function pyListRepr(items: readonly string[]): string {
  return `[${items.map(pyStrRepr).join(", ")}]`;
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), `\\${quote}`);
  return `${quote}${body}${quote}`;
}

const err = (message: string, cause: string | null = null): IoErrorValue => ({ message, cause });

export const stdioMessages = {
  endOfInput: () => err("end of input"),
  readFailed: (osMessage: string) => err("read failed", osMessage),
};

export type FsOp = "read" | "write" | "mkdir" | "list_dir";

/** Verb the reference uses in "failed to <verb> '<p>'" messages. */
const fsFailureVerb: Record<FsOp, string> = { read: "read", write: "write", mkdir: "mkdir", list_dir: "list" };

export const fsMessages = {
  denied: (op: FsOp, path: string, prefixes: readonly string[]) =>
    err(`Fs capability does not permit ${op} on '${path}'`, `current allowed prefixes: ${pyListRepr(prefixes)}`),
  failed: (op: FsOp, path: string, osMessage: string) => err(`failed to ${fsFailureVerb[op]} '${path}'`, osMessage),
  osError: (errno: number | null, text: string, path: string) =>
    errno === null ? `${text}: '${path}'` : `[Errno ${errno}] ${text}: '${path}'`,
  hardLinked: (links: number) =>
    `the file has ${links} hard links; its other names may lie outside the allowed prefixes, so it is not written`,
  nulByte: "the path contains a NUL byte",
  notRegular: (kind: string) => `the path names a ${kind}, not a regular file; Fs reads and writes regular files only`,
  tooLarge: (limit: number) => `the file is larger than the ${limit}-byte limit on one Fs.read`,
  notUtf8: "the file is not valid UTF-8 text",
};

export const netMessages = {
  deniedScheme: (scheme: string) =>
    err(`Net capability does not permit scheme '${scheme}'`, "a Net capability speaks http/https only"),
  deniedHost: (host: string, restrictions: readonly string[] | null) =>
    err(`Net capability does not permit access to host '${host}'`, netRestrictionText(restrictions)),
  refusedRedirect: (host: string, restrictions: readonly string[] | null, url: string) =>
    err(
      `Net capability does not permit access to host '${host}'`,
      `${netRestrictionText(restrictions)}; refused redirect to '${url}'`,
    ),
  invalidUrl: (cause: string) => err("invalid URL", cause),
  forbiddenCharacter: "the URL contains a backslash, whitespace or a control character",
  userinfo: "credentials (user@host) are not accepted in a Net URL",
  ambiguousAuthority: (whatwgHost: string, rfcHost: string) =>
    `the URL's authority is ambiguous: a WHATWG parser reads host '${whatwgHost}' but RFC 3986 reads '${rfcHost}'`,
  timedOut: (deadlineMs: number) =>
    err("request timed out", `exceeded the ${formatSeconds(deadlineMs)}s wall-clock bound on a single Net request`),
  failed: (method: "GET" | "POST", cause: string) => err(`HTTP ${method} failed`, cause),
  httpStatus: (status: number, reason: string) => `HTTP Error ${status}: ${reason}`,
  redirectLoop: (status: number, reason: string) =>
    `HTTP Error ${status}: The HTTP server returned a redirect error that would lead to an infinite loop.\nThe last 30x error message was:\n${reason}`,
  bodyTooLarge: (cap: number) =>
    `response body exceeded the result cap (${cap} bytes); pass a larger max_bytes to raise the ${cap}-byte default limit`,
  connectionError: (errno: number | null, text: string) =>
    errno === null ? `<urlopen error ${text}>` : `<urlopen error [Errno ${errno}] ${text}>`,
  workerFailed: (text: string) => `<urlopen error ${text}>`,
  badProxy: (variable: string, value: string) =>
    `<urlopen error ${variable}=${JSON.stringify(value)} is not a proxy this runtime can use (give http://[user:pass@]host[:port])>`,
};

function netRestrictionText(restrictions: readonly string[] | null): string {
  return restrictions === null ? "current restrictions: unrestricted" : `current restrictions: ${pyListRepr(restrictions)}`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : String(Number(s.toFixed(3)));
}

/** Messages of runtime aborts (the interpreter reports them as uncatchable runtime errors). */
export const abortMessages = {
  intRangeBounds: (lo: bigint, hi: bigint) => `int_range bounds must satisfy low < high; got low=${lo}, high=${hi}`,
  intRangeSpan: (lo: bigint, hi: bigint) => `int_range span must not exceed 2^64; got low=${lo}, high=${hi}`,
  negativeSleep: () => "sleep length must be non-negative",
  notACapabilityArgument: (method: string, expected: string) => `${method} expects ${expected}`,
};

/** Why a run-time wrapper (spec/capabilities.md, "Run-time wrappers") refused a call. */
export type WrapperRefusalKind = "revoked" | "expired" | "spent";

const refusalHeads: Record<WrapperRefusalKind, string> = {
  revoked: "has been revoked",
  expired: "has expired",
  spent: "was single-use and has been used",
};

export const wrapperMessages = {
  reason: (kind: WrapperRefusalKind) => refusalHeads[kind],
  /** The `Err` of a refused call: `<Cap> capability has been revoked` / `refused <Cap>.<method> before any system call`. */
  denied: (capability: string, method: string, kind: WrapperRefusalKind) =>
    err(`${capability} capability ${refusalHeads[kind]}`, `refused ${capability}.${method} before any system call`),
  /** One line of an AuditLog. */
  logAllowed: (capability: string, method: string) => `${capability}.${method}: allowed`,
  logDenied: (capability: string, method: string, kind: WrapperRefusalKind) => `${capability}.${method}: denied (${refusalHeads[kind]})`,
};

/** Python's `repr` of a str, escapes included (the reference shows a child's stderr this way). */
export function pyStrReprFull(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\" || ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function restrictionsText(restrictions: readonly string[] | null): string {
  return `current restrictions: ${restrictions === null ? "unrestricted" : pyListRepr(restrictions)}`;
}

export type DbOp = "exec" | "query";

export const dbMessages = {
  denied: (op: DbOp, path: string, restrictions: readonly string[] | null) =>
    err(`Db capability does not permit ${op} on path ${pyStrReprFull(path)}`, restrictionsText(restrictions)),
  failed: (op: DbOp, cause: string) => err(`SQLite ${op} failed`, cause),
  /** SQLite's own wording for a statement its authorizer refused (ATTACH, DETACH, load_extension). */
  notAuthorized: "not authorized",
  /** SQLite's wording when VACUUM INTO's internal attach is refused. */
  authorizationDenied: "authorization denied",
  oneStatement: "You can only execute one statement at a time.",
  hardLinked: (links: number) =>
    `the database file has ${links} hard links; its other names may lie outside the allowed prefixes, so it is not opened`,
  notRegular: (kind: string) => `the path names a ${kind}, not a regular file`,
};

export const procMessages = {
  denied: (cmd: string, restrictions: readonly string[] | null) =>
    err(`Proc capability does not permit exec of ${pyStrReprFull(cmd)}`, restrictionsText(restrictions)),
  badArgs: (cause: string) => err("Proc.exec args_json parse failed", cause),
  argsNotStrings: "expected a JSON array of strings",
  spawnFailed: (cause: string) => err("Proc.exec spawn failed", cause),
  notFound: (cmd: string) => `[Errno 2] No such file or directory: ${pyStrReprFull(cmd)}`,
  nulByte: "embedded null byte",
  timedOut: (deadlineMs: number) => err("timed out", `${formatSeconds(deadlineMs)}s elapsed`),
  outputTooLarge: (cap: number) => err("output too large", `the command wrote more than the ${cap}-byte limit on one Proc.exec`),
  nonZeroExit: (code: number, stderr: string) => err("non-zero exit", `code=${code} stderr=${pyStrReprFull(stderr)}`),
};

export const serveMessages = {
  denied: (addr: string, port: number, rules: readonly string[] | null) =>
    err(`Serve capability does not permit listening on ${pyStrReprFull(addr)} port ${port}`, restrictionsText(rules)),
  invalidPort: (port: bigint) => err(`invalid port ${port}`, "a port must be an integer in 0-65535 (0 asks the OS for an ephemeral port)"),
  alreadyListening: () => err("Serve is already listening", "call stop() before listening on another address"),
  notListening: () => err("Serve is not listening", "call listen(addr, port) first"),
  listenFailed: (addr: string, port: number, cause: string) => err(`failed to listen on ${pyStrReprFull(addr)} port ${port}`, cause),
  portUnreadable: (cause: string) => err("failed to read the bound port", cause),
  oneConnection: () => err("Serve handles one connection at a time", "close the open connection before accepting another"),
  acceptTimedOut: (seconds: number) => err("accept timed out", `${formatSeconds(seconds * 1000)}s elapsed with no inbound connection`),
  acceptFailed: (cause: string) => err("accept failed", cause),
  unknownConnection: (conn: bigint) => err("unknown connection", `no open connection with id ${conn}`),
  readSizeNotPositive: (n: bigint) => err("read size must be positive", `got ${n}`),
  readTimedOut: (seconds: number) => err("read timed out", `${formatSeconds(seconds * 1000)}s elapsed with no data`),
  readFailed: (cause: string) => err("read failed", cause),
  sendTimedOut: (seconds: number) =>
    err("send timed out", `${formatSeconds(seconds * 1000)}s elapsed; the number of bytes already transmitted is unspecified`),
  sendFailed: (cause: string) => err("send failed", `${cause}; the number of bytes already transmitted is unspecified`),
  workerFailed: (text: string) => `the socket worker failed: ${text}`,
};
