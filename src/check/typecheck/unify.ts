// Type unification with write-once holes, and assignability (nominal trait/capability subtyping).
// Invariant: the only code that fills inference holes; never reports diagnostics.

import { prune, type HoleType, type Type } from "../types.js";

/**
 * Makes `a` and `b` equal by filling holes; Unknown unifies with everything. On failure every
 * hole filled during the attempt is emptied again, so error messages show the types as they were.
 */
export function unify(a: Type, b: Type): boolean {
  const trail: HoleType[] = [];
  if (unifyInto(a, b, trail)) return true;
  for (const h of trail) h.cell.type = null;
  return false;
}

function unifyInto(a: Type, b: Type, trail: HoleType[]): boolean {
  const x = prune(a);
  const y = prune(b);
  if (x === y) return true;
  if (x.kind === "Unknown" || y.kind === "Unknown") return true;
  if (x.kind === "Hole") {
    if (y.kind === "Hole" && y.id === x.id) return true;
    if (occurs(x.id, y)) return false;
    x.cell.type = y;
    trail.push(x);
    return true;
  }
  if (y.kind === "Hole") {
    if (occurs(y.id, x)) return false;
    y.cell.type = x;
    trail.push(y);
    return true;
  }
  switch (x.kind) {
    case "Prim": case "BuiltinNominal": case "Cap": return y.kind === x.kind && y.name === x.name;
    case "App": return y.kind === "App" && y.name === x.name && unifyAll(x.args, y.args, trail);
    case "Tuple": return y.kind === "Tuple" && unifyAll(x.elements, y.elements, trail);
    case "Fun": return y.kind === "Fun" && unifyAll(x.params, y.params, trail) && unifyInto(x.ret, y.ret, trail);
    case "User": return y.kind === "User" && y.name === x.name && x.state === y.state && unifyAll(x.args, y.args, trail);
    case "Param": return y.kind === "Param" && y.name === x.name && y.owner === x.owner;
  }
}

function unifyAll(a: readonly Type[], b: readonly Type[], trail: HoleType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!unifyInto(a[i]!, b[i]!, trail)) return false;
  return true;
}

/** Whether hole `id` occurs in `t`; each shared part is visited once (types are graphs, see resolveHoles). */
function occurs(id: number, t: Type, visited: Set<Type> = new Set()): boolean {
  const p = prune(t);
  if (visited.has(p)) return false;
  visited.add(p);
  switch (p.kind) {
    case "Hole": return p.id === id;
    case "App": return p.args.some((a) => occurs(id, a, visited));
    case "Tuple": return p.elements.some((a) => occurs(id, a, visited));
    case "Fun": return p.params.some((a) => occurs(id, a, visited)) || occurs(id, p.ret, visited);
    case "User": return p.args.some((a) => occurs(id, a, visited));
    default: return false;
  }
}

/**
 * `actual` may be used where `expected` is wanted: equal types, or a user type that implements
 * the expected trait / user capability (nominal subtyping), including inside containers' holes.
 */
export function assignable(actual: Type, expected: Type, implementsTrait: (type: string, trait: string) => boolean): boolean {
  const a = prune(actual);
  const e = prune(expected);
  // A Char is a one-code-point String at run time: usable wherever a String is wanted (a String
  // is a Char only as a one-code-point literal, decided where the literal is typed)
  if (a.kind === "Prim" && e.kind === "Prim" && a.name === "Char" && e.name === "String") return true;
  if (e.kind === "User" && (e.declKind === "trait" || e.declKind === "capability") && a.kind === "User" && a.name !== e.name) {
    return implementsTrait(a.name, e.name);
  }
  return unify(a, e);
}

