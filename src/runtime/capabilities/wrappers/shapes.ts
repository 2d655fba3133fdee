// What a refused call returns, read from the method's declared result type, and which methods
// derive a new capability (those keep the wrapper rather than being refused).
import type { Program, TypeExpr } from "../../../syntax/ast.js";
import { BUILTIN_METHODS } from "../../../check/typecheck/builtins.js";
import type { Type } from "../../../check/types.js";

/**
 * `derive`: returns a capability, so it is never refused and its result is wrapped alike.
 * `err` / `false` / `none`: the refusal is `Err(IoError)`, `false` or `None`.
 * `abort`: the result type cannot say "refused" (Unit, Int, a user type...): the run stops (R7060).
 */
export type CallShape = "derive" | "err" | "false" | "none" | "abort";

const BUILTIN_CAPABILITY_NAMES: ReadonlySet<string> = new Set([
  "Stdio", "Fs", "Net", "Env", "Clock", "Random", "Db", "Proc", "Serve", "Unsafe",
]);

/** The shape of a built-in capability's method, from the checker's table of signatures. */
export function builtinShape(capability: string, method: string): CallShape {
  const ret = BUILTIN_METHODS.get(capability)?.get(method)?.ret;
  return ret === undefined ? "abort" : typeShape(ret);
}

function typeShape(t: Type): CallShape {
  if (t.kind === "Cap") return "derive";
  if (t.kind === "Prim" && t.name === "Bool") return "false";
  if (t.kind === "App" && t.name === "Option") return "none";
  if (t.kind === "App" && t.name === "Result") {
    const e = t.args[1];
    if (e?.kind === "BuiltinNominal" && e.name === "IoError") return "err";
  }
  return "abort";
}

export interface DeclaredCapabilities {
  /** Type names whose values are capabilities: built-ins, declared capabilities, their implementors. */
  readonly typeNames: ReadonlySet<string>;
  /** Implementor → the (first) declared capability it implements: the name messages and logs use. */
  readonly capabilityOf: ReadonlyMap<string, string>;
}

export function declaredCapabilities(program: Program): DeclaredCapabilities {
  const typeNames = new Set(BUILTIN_CAPABILITY_NAMES);
  const capabilityOf = new Map<string, string>();
  const declared = new Set(program.items.flatMap((i) => (i.kind === "Capability" ? [i.name.name] : [])));
  for (const d of declared) typeNames.add(d);
  for (const item of program.items) {
    if (item.kind !== "Impl" || item.trait === null || !declared.has(item.trait.name) || item.target.kind !== "NamedType") continue;
    typeNames.add(item.target.name);
    if (!capabilityOf.has(item.target.name)) capabilityOf.set(item.target.name, item.trait.name);
  }
  return { typeNames, capabilityOf };
}

/** The shape of a declared method of a user capability's implementor, from its written result type. */
export function declaredShape(returnType: TypeExpr | null, capabilityTypes: ReadonlySet<string>): CallShape {
  if (returnType === null) return "abort";
  if (returnType.kind === "SelfType") return "derive";
  if (returnType.kind !== "NamedType" || returnType.qualifier.length > 0) return "abort";
  if (capabilityTypes.has(returnType.name)) return "derive";
  if (returnType.name === "Bool") return "false";
  if (returnType.name === "Option") return "none";
  if (returnType.name === "Result") {
    const e = returnType.args[1];
    if (e?.kind === "NamedType" && e.name === "IoError" && e.qualifier.length === 0) return "err";
  }
  return "abort";
}
