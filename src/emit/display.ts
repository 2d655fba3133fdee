// Display file names (formats §1.1): the only form of a path any artefact may contain.
// Pure string work: never consults the cwd or the disk, so output cannot depend on the machine.

import { posix } from "node:path";

/** Pseudo file names such as `<input>` or `<stdin>` are names, not paths: kept verbatim. */
function isPseudoName(p: string): boolean {
  return p.startsWith("<") && p.endsWith(">");
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, "/");
}

/** The last path component (`<input>` stays `<input>`). */
export function displayBasename(path: string): string {
  if (isPseudoName(path)) return path;
  return posix.basename(toSlashes(path));
}

/**
 * `file` as artefacts show it, relative to the directory of `rootFile` with `/` separators:
 * the root becomes its basename, `vendor/lib.capa` stays relative, a file outside the root's
 * directory (or not comparable with it, e.g. absolute vs relative) keeps its lexed path.
 */
export function displayFilename(file: string, rootFile: string): string {
  if (isPseudoName(file)) return file;
  if (file === rootFile) return displayBasename(file);
  const f = toSlashes(file);
  const r = toSlashes(rootFile);
  if (posix.isAbsolute(f) !== posix.isAbsolute(r)) return file;
  // Resolving against a fixed anchor keeps relative paths relative to each other without the cwd.
  const anchor = "/__capa_anchor__";
  const rel = posix.relative(posix.dirname(posix.resolve(anchor, r)), posix.resolve(anchor, f));
  if (rel === "" || rel === ".." || rel.startsWith("../") || posix.isAbsolute(rel)) return file;
  return rel;
}
