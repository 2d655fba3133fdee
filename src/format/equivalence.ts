// Whether two parses are the same program: the same AST with every span left out (a formatted
// program lives at other lines and columns, and nothing else may differ).

import type { Program } from "../syntax/index.js";

export function sameProgram(a: Program, b: Program): boolean {
  return sameNode(a, b);
}

function sameNode(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameNode(x, bs[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let keys = 0;
  for (const k in ra) {
    if (k === "span") continue;
    if (!(k in rb) || !sameNode(ra[k], rb[k])) return false;
    keys++;
  }
  for (const k in rb) if (k !== "span") keys--;
  return keys === 0;
}
