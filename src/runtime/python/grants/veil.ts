// Child side: the "veil" filesystem type for directories created only to reach a mount point (the
// prefix's ancestors Pyodide did not have). It shows just the way to the mount points; any other
// name is asked of the parent, which refuses it (no grant covers it), so Python gets PermissionError
// with that reason instead of silently seeing an empty directory. Never reaches the host itself.
import { isWithin as isInside } from "./lexical-path.js";
import type { HostCall } from "../host-call.js";
import type { DenialLog } from "./denial-log.js";
import type { EmscriptenFs, EmscriptenNode } from "./fs-mount.js";

const DIR_MODE = 0o040000 | 0o555;

/** `onTheWay(path)`: whether `path` is a mount point or one of its ancestors. */
export function createVeilFsType(FS: EmscriptenFs, errnoCodes: { readonly [name: string]: number }, hostCall: HostCall, denials: DenialLog, mountPoints: () => Iterable<string>) {
  const mountTime = new Date();
  const errno = (name: string): Error => new FS.ErrnoError(errnoCodes[name] ?? errnoCodes.EIO!);
  const onTheWay = (path: string): boolean => [...mountPoints()].some((m) => isInside(m, path));
  const join = (parent: EmscriptenNode, name: string): string => {
    const p = FS.getPath(parent);
    return p.endsWith("/") ? `${p}${name}` : `${p}/${name}`;
  };

  /** Asks the parent about a name off the way; it is expected to refuse (EACCES with its reason). */
  const refuse = (op: string, args: unknown[]): never => {
    try {
      hostCall(op, args);
    } catch (e) {
      denials.record(e instanceof Error ? e.message : String(e));
      throw errno("EACCES");
    }
    // The parent answered: still nothing to show here, the veil holds no files.
    throw errno("ENOENT");
  };

  const makeNode = (parent: EmscriptenNode | null, name: string): EmscriptenNode => {
    const node = FS.createNode(parent, name, DIR_MODE, 0);
    node.node_ops = nodeOps;
    node.stream_ops = streamOps;
    return node;
  };

  // Directory streams only (listing needs to seek); the veil holds no files.
  const streamOps = {
    llseek(stream: { position: number }, offset: number, whence: number): number {
      const position = whence === 1 ? stream.position + offset : offset;
      if (position < 0) throw errno("EINVAL");
      return position;
    },
  };

  const nodeOps = {
    getattr: (node: EmscriptenNode) => ({
      dev: 1, ino: node.id, mode: node.mode, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 4096,
      atime: mountTime, mtime: mountTime, ctime: mountTime, blksize: 4096, blocks: 1,
    }),
    setattr: () => undefined,
    lookup(parent: EmscriptenNode, name: string): EmscriptenNode {
      const path = join(parent, name);
      return onTheWay(path) ? makeNode(parent, name) : refuse("fs.lookup", [path]);
    },
    mknod(parent: EmscriptenNode, name: string, mode: number): EmscriptenNode {
      const path = join(parent, name);
      // Only the installer's own mkdirTree toward a mount point creates anything here.
      if (FS.isDir(mode) && onTheWay(path)) return makeNode(parent, name);
      return refuse(FS.isDir(mode) ? "fs.mkdir" : "fs.write", FS.isDir(mode) ? [path] : [path, ""]);
    },
    readdir(node: EmscriptenNode): string[] {
      const here = FS.getPath(node);
      const names = new Set<string>();
      for (const m of mountPoints()) {
        if (m !== here && isInside(m, here)) names.add(m.slice(here === "/" ? 1 : here.length + 1).split("/")[0]!);
      }
      return [".", "..", ...[...names].sort()];
    },
    rename: (oldNode: EmscriptenNode, newDir: EmscriptenNode, newName: string) => refuse("fs.rename", [FS.getPath(oldNode), join(newDir, newName)]),
    unlink: (parent: EmscriptenNode, name: string) => refuse("fs.unlink", [join(parent, name)]),
    rmdir: (parent: EmscriptenNode, name: string) => refuse("fs.rmdir", [join(parent, name)]),
    symlink: (parent: EmscriptenNode, name: string, target: string) => refuse("fs.symlink", [join(parent, name), target]),
  };

  return {
    mount: (_mount: unknown): EmscriptenNode => makeNode(null, "/"),
    node_ops: nodeOps,
    stream_ops: streamOps,
  };
}
