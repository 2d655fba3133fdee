// Child side of an Fs grant: an Emscripten filesystem type ("CAPAFS") that shows a granted prefix in
// Python's filesystem at the same absolute path and sends every operation to the parent through
// HostCall, where the attenuated Fs capability performs it. Holds no authority of its own: it never
// touches the host and caches only open files' bytes (written back on close).
import type { HostCall } from "../host-call.js";
import type { DenialLog } from "./denial-log.js";
import { grantMessages } from "./messages.js";
import type { FsKind, FsStat, GrantReply } from "./protocol.js";

// ── the slice of Emscripten's FS API this module uses (Pyodide exposes it as `pyodide.FS`) ──

export interface EmscriptenNode {
  readonly id: number;
  name: string;
  mode: number;
  parent: EmscriptenNode;
  node_ops: object;
  stream_ops: object;
  /** Set on nodes for paths the gate denied: the denial, replayed on every use. */
  capaDenial?: string;
}

export interface EmscriptenStream {
  node: EmscriptenNode;
  flags: number;
  position: number;
  /** Bytes of an open file, shared by dup'ed streams. */
  capaFile?: OpenFile;
}

export interface EmscriptenFs {
  createNode(parent: EmscriptenNode | null, name: string, mode: number, dev: number): EmscriptenNode;
  getPath(node: EmscriptenNode): string;
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  mkdirTree(path: string, mode?: number): void;
  mkdir(path: string, mode?: number): unknown;
  mount(type: object, opts: object, mountpoint: string): unknown;
  analyzePath(path: string, dontResolveLastLink?: boolean): { exists: boolean; object: EmscriptenNode | null };
  readdir(path: string): string[];
  ErrnoError: new (errno: number) => Error;
}

/** What `installGrants` needs from a Pyodide instance. */
export interface PyodideLike {
  readonly FS: unknown;
  readonly ERRNO_CODES: { readonly [name: string]: number };
  registerJsModule(name: string, module: object): void;
  runPython(code: string): unknown;
}

interface OpenFile {
  bytes: Uint8Array;
  size: number;
  dirty: boolean;
  readonly path: string;
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const DIR_MODE = S_IFDIR | 0o777;
const FILE_MODE = S_IFREG | 0o666;
const LINK_MODE = S_IFLNK | 0o777;
const O_ACCMODE = 3;
const O_RDONLY = 0;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The CAPAFS filesystem type for `FS.mount(type, {}, mountPoint)`. Denied paths appear as symbolic
 * links whose target cannot be read (they are links on the host that lead outside the prefix), so
 * opening, listing through or stat'ing them fails with EACCES, and `denials` keeps the gate's words.
 */
export function createCapaFsType(FS: EmscriptenFs, errnoCodes: { readonly [name: string]: number }, hostCall: HostCall, denials: DenialLog) {
  const mountTime = new Date();
  const errno = (name: string): Error => new FS.ErrnoError(errnoCodes[name] ?? errnoCodes.EIO!);
  const denied = (message: string): Error => {
    denials.record(message);
    return errno("EACCES");
  };

  /** One op through the parent: the value, or an Emscripten error (EACCES for a denial). */
  const ask = <T>(op: string, args: unknown[]): T => {
    let reply: GrantReply<T>;
    try {
      reply = hostCall(op, args) as GrantReply<T>;
    } catch (e) {
      throw denied(e instanceof Error ? e.message : String(e));
    }
    if ("error" in reply) throw errno(reply.error.errno);
    return reply.ok;
  };

  const pathOf = (node: EmscriptenNode): string => FS.getPath(node);
  const childPath = (parent: EmscriptenNode, name: string): string => {
    const p = pathOf(parent);
    return p.endsWith("/") ? `${p}${name}` : `${p}/${name}`;
  };

  const makeNode = (parent: EmscriptenNode | null, name: string, mode: number): EmscriptenNode => {
    const node = FS.createNode(parent, name, mode, 0);
    node.node_ops = nodeOps;
    node.stream_ops = streamOps;
    return node;
  };

  const statOf = (node: EmscriptenNode, size: number) => ({
    dev: 1, ino: node.id, mode: node.mode, nlink: 1, uid: 0, gid: 0, rdev: 0, size,
    atime: mountTime, mtime: mountTime, ctime: mountTime, blksize: 4096, blocks: Math.ceil(size / 4096),
  });

  const refuseIfDenied = (node: EmscriptenNode): void => {
    if (node.capaDenial !== undefined) throw denied(node.capaDenial);
  };

  /** Replaces a file's whole content on the host (the Fs capability writes whole files). */
  const writeWhole = (path: string, bytes: Uint8Array): void => {
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      denials.record(grantMessages.notUtf8(path));
      throw errno("EILSEQ");
    }
    ask<null>("fs.write", [path, text]);
  };

  const resize = (file: OpenFile, size: number): void => {
    if (size > file.bytes.length) {
      const grown = new Uint8Array(Math.max(size, file.bytes.length * 2, 256));
      grown.set(file.bytes.subarray(0, file.size));
      file.bytes = grown;
    } else if (size > file.size) file.bytes.fill(0, file.size, size);
    file.size = size;
  };

  const nodeOps = {
    getattr(node: EmscriptenNode) {
      if (node.capaDenial !== undefined) return statOf(node, 0); // lstat of the link itself
      const st = ask<FsStat>("fs.stat", [pathOf(node)]);
      if (st.kind === "missing") throw errno("ENOENT");
      node.mode = st.kind === "dir" ? DIR_MODE : FILE_MODE;
      return statOf(node, st.kind === "dir" ? 4096 : st.size);
    },
    setattr(node: EmscriptenNode, attr: { size?: number }) {
      refuseIfDenied(node);
      // Mode, owner and times are not part of the Fs capability: accepted and ignored.
      if (attr.size === undefined || !FS.isFile(node.mode)) return;
      const path = pathOf(node);
      if (attr.size === 0) {
        ask<null>("fs.write", [path, ""]);
        return;
      }
      const file: OpenFile = { bytes: utf8.encode(ask<string>("fs.read", [path])), size: 0, dirty: true, path };
      file.size = file.bytes.length;
      resize(file, attr.size);
      writeWhole(path, file.bytes.subarray(0, file.size));
    },
    lookup(parent: EmscriptenNode, name: string): EmscriptenNode {
      refuseIfDenied(parent);
      const path = childPath(parent, name);
      let kind: FsKind;
      denials.clear();
      try {
        kind = ask<FsKind>("fs.lookup", [path]);
      } catch (e) {
        const message = denials.take();
        if (message === undefined) throw e;
        // A name inside the prefix that the gate denies leads outside it: show it as a link.
        const link = makeNode(parent, name, LINK_MODE);
        link.capaDenial = message;
        return link;
      }
      if (kind === "missing") throw errno("ENOENT");
      return makeNode(parent, name, kind === "dir" ? DIR_MODE : FILE_MODE);
    },
    mknod(parent: EmscriptenNode, name: string, mode: number): EmscriptenNode {
      refuseIfDenied(parent);
      const path = childPath(parent, name);
      if (FS.isDir(mode)) ask<null>("fs.mkdir", [path]);
      else if (FS.isFile(mode)) ask<null>("fs.write", [path, ""]);
      else ask<null>("fs.mknod", [path]); // refused: the Fs capability makes only files and directories
      return makeNode(parent, name, FS.isDir(mode) ? DIR_MODE : FILE_MODE);
    },
    rename(oldNode: EmscriptenNode, newDir: EmscriptenNode, newName: string): void {
      ask<null>("fs.rename", [pathOf(oldNode), childPath(newDir, newName)]);
    },
    unlink(parent: EmscriptenNode, name: string): void {
      ask<null>("fs.unlink", [childPath(parent, name)]);
    },
    rmdir(parent: EmscriptenNode, name: string): void {
      ask<null>("fs.rmdir", [childPath(parent, name)]);
    },
    symlink(parent: EmscriptenNode, name: string, target: string): void {
      ask<null>("fs.symlink", [childPath(parent, name), target]);
    },
    readlink(node: EmscriptenNode): string {
      // Only denied names are links here; following one replays its denial.
      if (node.capaDenial !== undefined) throw denied(node.capaDenial);
      throw errno("EINVAL");
    },
    readdir(node: EmscriptenNode): string[] {
      refuseIfDenied(node);
      return [".", "..", ...ask<string[]>("fs.list_dir", [pathOf(node)])];
    },
  };

  const fileOf = (stream: EmscriptenStream): OpenFile => {
    if (stream.capaFile === undefined) throw errno("EBADF");
    return stream.capaFile;
  };

  const streamOps = {
    open(stream: EmscriptenStream): void {
      refuseIfDenied(stream.node);
      if (FS.isDir(stream.node.mode)) return;
      const path = pathOf(stream.node);
      // Whole-file model: read once (even for writing, so unwritten bytes survive), write back on close.
      const text = ask<string>("fs.read", [path]);
      const bytes = utf8.encode(text);
      stream.capaFile = { bytes, size: bytes.length, dirty: false, path };
    },
    close(stream: EmscriptenStream): void {
      const file = stream.capaFile;
      if (file === undefined || !file.dirty || (stream.flags & O_ACCMODE) === O_RDONLY) return;
      file.dirty = false;
      writeWhole(file.path, file.bytes.subarray(0, file.size));
    },
    getattr(stream: EmscriptenStream) {
      const file = stream.capaFile;
      return file === undefined ? nodeOps.getattr(stream.node) : statOf(stream.node, file.size);
    },
    setattr(stream: EmscriptenStream, attr: { size?: number }): void {
      if (attr.size === undefined) return;
      const file = fileOf(stream);
      resize(file, attr.size);
      file.dirty = true;
    },
    read(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number, position: number): number {
      const file = fileOf(stream);
      if (position >= file.size) return 0;
      const n = Math.min(file.size - position, length);
      buffer.set(file.bytes.subarray(position, position + n), offset);
      return n;
    },
    write(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number, position: number): number {
      const file = fileOf(stream);
      if (length === 0) return 0;
      if (position + length > file.size) resize(file, position + length);
      file.bytes.set(buffer.subarray(offset, offset + length), position);
      file.dirty = true;
      return length;
    },
    llseek(stream: EmscriptenStream, offset: number, whence: number): number {
      let position = offset;
      if (whence === 1) position += stream.position;
      else if (whence === 2 && stream.capaFile !== undefined) position += stream.capaFile.size;
      if (position < 0) throw errno("EINVAL");
      return position;
    },
  };

  return {
    mount(_mount: unknown): EmscriptenNode {
      return makeNode(null, "/", DIR_MODE);
    },
    node_ops: nodeOps,
    stream_ops: streamOps,
  };
}
