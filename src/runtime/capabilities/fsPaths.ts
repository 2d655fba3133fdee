// Path resolution and containment for Fs: resolves symlinks component by component, performs no writes.
//
// Residual (also in README.md): a hard link is just another name for the same inode, so a name inside
// an allowed prefix can denote a file that also has names outside it. Writes refuse any regular file
// whose link count is above 1; READS of such files are still permitted, because the other names of an
// inode cannot be enumerated and refusing every multiply-linked file would break package stores.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";

const MAX_SYMLINK_HOPS = 40;

export type Resolution = { kind: "real"; path: string } | { kind: "nul" } | { kind: "unresolvable" };

/**
 * Real path of `input` as the kernel would reach it: `..` is applied to the already-resolved
 * parent (so `/data/link/..` follows the link first), symlinks are expanded (including the
 * `/proc/self/...` magic links), and components past the first missing one are kept literally.
 * Nothing is percent-decoded: `%2e%2e` is an ordinary file name.
 */
export function resolveRealPath(cwd: string, input: string): Resolution {
  if (input.includes("\0")) return { kind: "nul" };
  let base: string[];
  if (input.startsWith("/")) base = [];
  else {
    const cwdReal = resolveRealPath("/", safeRealpath(cwd));
    if (cwdReal.kind !== "real") return cwdReal;
    base = splitPath(cwdReal.path);
  }
  const resolved = base;
  const queue = splitPath(input);
  let hops = 0;
  let missing = false;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === ".") continue;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    resolved.push(part);
    if (missing) continue;
    const candidate = joinPath(resolved);
    let isLink: boolean;
    try {
      isLink = lstatSync(candidate).isSymbolicLink();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ENOENT" || code === "ENOTDIR") {
        missing = true; // the operation itself will report the missing file
        continue;
      }
      return { kind: "unresolvable" };
    }
    if (!isLink) continue;
    if (++hops > MAX_SYMLINK_HOPS) return { kind: "unresolvable" };
    let target: string;
    try {
      target = readlinkSync(candidate);
    } catch {
      return { kind: "unresolvable" };
    }
    resolved.pop();
    if (target.startsWith("/")) resolved.length = 0;
    queue.unshift(...splitPath(target));
  }
  return { kind: "real", path: joinPath(resolved) };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function splitPath(p: string): string[] {
  return p.split("/").filter((s) => s.length > 0);
}

function joinPath(parts: readonly string[]): string {
  return `/${parts.join("/")}`;
}

/** Path-aware containment: `/data2` is not inside `/data`, `/data` is inside itself. */
export function isInside(real: string, prefix: string): boolean {
  if (prefix === "/") return real.startsWith("/");
  return real === prefix || real.startsWith(`${prefix}/`);
}

/** Code-point order, as Python's `sorted` orders strings (JS's default sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
