// Static rules of the Python-interop built-ins (`py_import`, `py_invoke`, `py_grant`): which calls
// they are, what `py_grant` may hand over, and the hint lines that tell how to thread Unsafe.
// Invariant: pure helpers over types and names; reporting stays in the body checker.

import { PY_HINTS } from "../messages.js";
import { prune, type Type } from "../types.js";

const PYTHON_INTEROP = new Set(["py_import", "py_invoke", "py_grant"]);

/** The capabilities `py_grant` can hand to the Python runtime (the bridge mounts/proxies these). */
export const GRANTABLE_TO_PYTHON = ["Fs", "Net"] as const;
/** How `py_grant`'s signature reads in arity messages (the table can only say `?`). */
export const PY_GRANT_SIGNATURE = `fun(Unsafe, ${GRANTABLE_TO_PYTHON.join(" | ")}) -> ()`;

export type GrantableCapability = (typeof GRANTABLE_TO_PYTHON)[number];

export function isPythonInterop(name: string): boolean {
  return PYTHON_INTEROP.has(name);
}

/** The built-in capability `t` names when `py_grant` accepts it, else null. */
export function grantableCapability(t: Type): GrantableCapability | null {
  const p = prune(t);
  return p.kind === "Cap" && (GRANTABLE_TO_PYTHON as readonly string[]).includes(p.name) ? (p.name as GrantableCapability) : null;
}

/** Where the failing call sits, for a hint that names the function to change. */
export interface UnsafeSite {
  readonly callee: string;
  /** Display name of the enclosing function (`f`, `Type::m`), or null outside any function. */
  readonly enclosing: string | null;
  /** A binding of type Unsafe visible at the call, if any. */
  readonly unsafeInScope: string | null;
}

/**
 * Hints for a py_* call whose first argument is missing or is not an Unsafe capability.
 * `given` describes a wrong argument (`'stdio'` and its capability), when there is one.
 */
export function unsafeHints(site: UnsafeSite, given?: { readonly text: string; readonly capability: string }): string[] {
  const hints = [PY_HINTS.needsUnsafe(site.callee)];
  if (given !== undefined) hints.push(PY_HINTS.otherCapability(given.text, given.capability));
  if (site.unsafeInScope !== null) hints.push(PY_HINTS.passUnsafeInScope(site.unsafeInScope, site.callee));
  else if (site.enclosing === "main") hints.push(PY_HINTS.addToMain());
  else if (site.enclosing !== null) hints.push(PY_HINTS.addToFunction(site.enclosing));
  return hints;
}

/** Hints for a `py_grant` whose second argument is neither an Fs nor a Net. */
export function grantHints(): string[] {
  return [PY_HINTS.grantable()];
}

/** Whether `t` is the Unsafe capability. */
export function isUnsafe(t: Type): boolean {
  const p = prune(t);
  return p.kind === "Cap" && p.name === "Unsafe";
}
