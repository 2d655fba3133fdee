// Where a granted Fs appears in Python's filesystem: the innermost of its (conjunctive) prefixes,
// read from the capability's own description because its restriction state is sealed in closures.
// Never widens: the mount point only says where to show files; every access still passes the Fs gate.
import { capabilityTypeName, describeCapability, type FsCapability } from "../../capabilities/index.js";
import { isInside } from "../../capabilities/fsPaths.js";
import { grantMessages } from "./messages.js";

export type MountPointResult = { ok: true; mountPoint: string } | { ok: false; reason: string };

/** The directory to mount for a granted Fs, or why there is none (unrestricted, or allowing nothing). */
export function fsMountPoint(fs: FsCapability): MountPointResult {
  const description = capabilityTypeName(fs) === "Fs" ? describeCapability(fs) : null;
  if (description === null) return { ok: false, reason: grantMessages.notGrantable(String(capabilityTypeName(fs) ?? typeof fs)) };
  if (description === "Fs(unrestricted)") return { ok: false, reason: grantMessages.unrestrictedFs() };
  const inner = /^Fs\(prefixes: (\[.*\])\)$/s.exec(description)?.[1];
  const prefixes = inner === undefined ? null : parsePyStrList(inner);
  if (prefixes === null || prefixes.length === 0) return { ok: false, reason: grantMessages.emptyFs(inner ?? description) };
  // Conjunctive prefixes: the allowed region is the innermost one, if every other contains it.
  const innermost = prefixes.find((p) => p.startsWith("/") && prefixes.every((q) => isInside(p, q)));
  return innermost === undefined ? { ok: false, reason: grantMessages.emptyFs(inner!) } : { ok: true, mountPoint: innermost };
}

/** Reads a Python repr of a list of strings (`['/a', "/b'c"]`), as `pyListRepr` prints it; null if malformed. */
export function parsePyStrList(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const skipSpaces = (): void => {
    while (text[i] === " ") i++;
  };
  if (text[i++] !== "[") return null;
  skipSpaces();
  if (text[i] === "]") return i === text.length - 1 ? out : null;
  for (;;) {
    skipSpaces();
    const quote = text[i++];
    if (quote !== "'" && quote !== '"') return null;
    let s = "";
    for (;;) {
      const c = text[i++];
      if (c === undefined) return null;
      if (c === quote) break;
      if (c === "\\") {
        const next = text[i++];
        if (next === undefined) return null;
        s += next;
      } else s += c;
    }
    out.push(s);
    skipSpaces();
    const sep = text[i++];
    if (sep === "]") return i === text.length ? out : null;
    if (sep !== ",") return null;
  }
}
