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
  const ka = Object.keys(a).filter((k) => k !== "span");
  const kb = Object.keys(b).filter((k) => k !== "span");
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameNode((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
