// Parent side of the Python grants: holds the Fs/Net capabilities handed over with py_grant and
// answers the child's HostCall ops by calling those capabilities' own methods (so their gates decide).
// Never touches the file system or the network itself; refuses unknown ops and ops with no grant.
import { constants as osConstants } from "node:os";
import { capabilityTypeName, type FsCapability, type IoErrorValue, type IoResult, type NetCapability } from "../../capabilities/index.js";
import { isInside } from "../../capabilities/fsPaths.js";
import { fsMessages, netMessages } from "../../capabilities/messages.js";
import type { HostCall } from "../host-call.js";
import { fsMountPoint } from "./fs-mount-point.js";
import { grantMessages } from "./messages.js";
import { WrappedCapability } from "../../capabilities/wrappers/wrapped.js";
import type { FsKind, FsStat, GrantPlan, GrantReply } from "./protocol.js";

export type GrantResult = { ok: true; plan: GrantPlan } | { ok: false; reason: string };

export interface GrantDispatcher {
  /** Hands a capability to Python (py_grant); returns the plan the child must now install. */
  grant(capability: unknown): GrantResult;
  /** The current plan (empty before any grant). */
  plan(): GrantPlan;
  /** Answers one child op; throws an Error carrying the gate's denial (or the refusal). */
  readonly call: HostCall;
}

interface FsGrant {
  readonly mountPoint: string;
  readonly fs: FsCapability;
}

/** IoError display form, as Capa prints it: `message` or `message: cause`. */
const display = (e: IoErrorValue): string => (e.cause === null ? e.message : `${e.message}: ${e.cause}`);

/** The fixed start of a catalogue message, found by filling its variable part with a NUL. */
const templateHead = (message: string): string => message.slice(0, message.indexOf("\u0000"));
const FS_DENIAL_HEADS = (["read", "write", "mkdir", "list_dir"] as const).map((op) => templateHead(fsMessages.denied(op, "\u0000", []).message));
const NET_DENIAL_HEADS = [templateHead(netMessages.deniedHost("\u0000", null).message), templateHead(netMessages.deniedScheme("\u0000").message)];

const isFsDenial = (e: IoErrorValue): boolean => FS_DENIAL_HEADS.some((h) => e.message.startsWith(h));
const isNetDenial = (e: IoErrorValue): boolean => NET_DENIAL_HEADS.some((h) => e.message.startsWith(h));

const ERRNO_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(osConstants.errno as Record<string, number>).map(([name, n]) => [n, name]),
);

/** POSIX errno name of a non-denial Fs failure, from the OS text the capability carries. */
function fsErrno(e: IoErrorValue): string {
  if (e.cause === fsMessages.notUtf8) return "EILSEQ";
  const n = /\[Errno (\d+)\]/.exec(e.cause ?? "")?.[1];
  return (n !== undefined && ERRNO_NAMES.get(Number(n))) || "EIO";
}

class Denied extends Error {}

export function createGrantDispatcher(): GrantDispatcher {
  const fsGrants: FsGrant[] = [];
  const netGrants: NetCapability[] = [];

  const plan = (): GrantPlan => ({
    fsMountPoints: [...new Set(fsGrants.map((g) => g.mountPoint))].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)),
    net: netGrants.length > 0,
  });

  /** The Fs whose mount point holds `path` most closely; the gate of that Fs then decides. */
  const fsFor = (op: string, path: unknown): { fs: FsCapability; path: string } => {
    if (typeof path !== "string" || !path.startsWith("/")) throw new Denied(grantMessages.badArguments(op));
    if (fsGrants.length === 0) throw new Denied(grantMessages.notGranted("Fs", op));
    let best: FsGrant | undefined;
    for (const g of fsGrants) if (isInside(path, g.mountPoint) && (best === undefined || g.mountPoint.length > best.mountPoint.length)) best = g;
    if (best === undefined) throw new Denied(grantMessages.noFsCovers(path, plan().fsMountPoints));
    return { fs: best.fs, path };
  };

  /** Unwraps a capability result: denials throw, other failures become a reply. */
  const fsReply = <T>(r: IoResult<T>, map: (v: T) => unknown = (v) => v): GrantReply<unknown> => {
    if (r.ok) return { ok: map(r.value) };
    if (isFsDenial(r.error)) throw new Denied(display(r.error));
    return { error: { errno: fsErrno(r.error), message: display(r.error) } };
  };

  /** The kind of `path`; a denied path throws the gate's message (read's denial explains it). */
  const kindOf = (fs: FsCapability, path: string): FsKind => {
    if (!fs.allows(path)) {
      const r = fs.read(path);
      throw new Denied(r.ok ? grantMessages.noFsCovers(path, plan().fsMountPoints) : display(r.error));
    }
    if (fs.is_dir(path)) return "dir";
    return fs.exists(path) ? "file" : "missing";
  };

  const fsOp = (op: string, args: unknown[]): unknown => {
    const { fs, path } = fsFor(op, args[0]);
    switch (op) {
      case "fs.lookup":
        return { ok: kindOf(fs, path) };
      case "fs.stat": {
        const kind = kindOf(fs, path);
        if (kind !== "file") return { ok: { kind, size: 0 } satisfies FsStat };
        const r = fs.read(path);
        if (!r.ok && isFsDenial(r.error)) throw new Denied(display(r.error));
        return { ok: { kind, size: r.ok ? Buffer.byteLength(r.value, "utf8") : 0 } satisfies FsStat };
      }
      case "fs.list_dir":
        return fsReply(fs.list_dir(path));
      case "fs.read":
        return fsReply(fs.read(path));
      case "fs.write": {
        if (typeof args[1] !== "string") throw new Denied(grantMessages.badArguments(op));
        return fsReply(fs.write(path, args[1]), () => null);
      }
      case "fs.mkdir":
        return fsReply(fs.mkdir(path), () => null);
      default:
        throw new Denied(grantMessages.fsHasNoOp(op.slice(3)));
    }
  };

  const netOp = (op: string, args: unknown[]): unknown => {
    if (netGrants.length === 0) throw new Denied(grantMessages.notGranted("Net", op));
    const [url, body] = args;
    if (typeof url !== "string" || (op === "net.post" && typeof body !== "string")) throw new Denied(grantMessages.badArguments(op));
    // Several Net grants: the first whose allow-list admits the host; otherwise the first one's gate explains.
    let host: string | null = null;
    try {
      host = new URL(url).hostname;
    } catch {
      host = null;
    }
    const net = (host !== null && netGrants.find((n) => n.allows(host!))) || netGrants[0]!;
    const r = op === "net.get" ? net.get(url) : net.post(url, body as string);
    if (r.ok) return { ok: r.value };
    if (isNetDenial(r.error)) throw new Denied(display(r.error));
    return { error: { errno: "EIO", message: display(r.error) } };
  };

  const call: HostCall = (op, args) => {
    if (typeof op !== "string" || !Array.isArray(args)) throw new Error(grantMessages.badArguments(String(op)));
    try {
      if (op.startsWith("fs.")) return fsOp(op, args);
      if (op === "net.get" || op === "net.post") return netOp(op, args);
      throw new Denied(grantMessages.unknownOp(op));
    } catch (e) {
      // Only our refusals and denials cross as errors, as plain Errors with the message.
      if (e instanceof Denied) throw new Error(e.message);
      throw e;
    }
  };

  return {
    grant(capability) {
      // Python calls the granted object's methods directly, which would skip a wrapper's guards.
      if (capability instanceof WrappedCapability) return { ok: false, reason: grantMessages.wrapped(capability.capaType) };
      const kind = capabilityTypeName(capability);
      if (kind === "Fs") {
        const mp = fsMountPoint(capability as FsCapability);
        if (!mp.ok) return { ok: false, reason: mp.reason };
        fsGrants.push({ mountPoint: mp.mountPoint, fs: capability as FsCapability });
        return { ok: true, plan: plan() };
      }
      if (kind === "Net") {
        netGrants.push(capability as NetCapability);
        return { ok: true, plan: plan() };
      }
      return { ok: false, reason: grantMessages.notGrantable(kind ?? typeof capability) };
    },
    plan,
    call,
  };
}
