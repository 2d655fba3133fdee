// Bridges interpreter values and the built-in capability objects' plain-JS contract
// (String↔string, Int↔bigint, Float↔number, Option↔T|null, Result↔{ok,...}); holds no authority.
import { CapabilityAbort, capabilityTypeName, createRootCapability, CAPABILITY_TYPE_NAMES, type Host } from "./capabilities/index.js";
import type { CapabilityTypeName } from "./capabilities/index.js";
import { abort, CapaAbort } from "./errors.js";
import { R } from "./messages.js";
import { CFloat, CRange, CStruct, CTuple, CVariant, err, makeIoError, NONE, normInt, ok, some, type Value } from "./values.js";
import { CMap, CSet } from "./collections.js";
import { isWrapperToken } from "./capabilities/wrappers/tokens.js";

/** Supplies fresh root capabilities for `main`'s parameters, by declared type name. */
export interface CapabilityProvider {
  /** A fresh unrestricted capability object, or null when this runtime has none of that type. */
  root(typeName: string): object | null;
}

/** The provider backed by `src/runtime/capabilities/`. */
export function builtinCapabilities(host: Host): CapabilityProvider {
  return {
    root(typeName) {
      if (!(CAPABILITY_TYPE_NAMES as readonly string[]).includes(typeName)) return null;
      return createRootCapability(typeName as CapabilityTypeName, host) as object;
    },
  };
}

/** Every built-in capability type name, including those this runtime may not provide. */
export const BUILTIN_CAPABILITY_NAMES: ReadonlySet<string> = new Set([
  "Stdio", "Fs", "Net", "Env", "Clock", "Random", "Db", "Proc", "Serve", "Unsafe",
]);

/** Methods whose Capa result is an Option (the contract returns `T | null`). */
const OPTION_RESULTS: Readonly<Record<string, ReadonlySet<string>>> = { Env: new Set(["get"]) };

/** Capability objects are the only host objects a program can hold: anything that is not one of
 * the interpreter's own value classes (built-in capabilities are branded; test fakes may not be). */
export function isCapabilityValue(v: Value): v is object {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof CFloat || v instanceof CTuple || v instanceof CStruct || v instanceof CVariant || v instanceof CMap || v instanceof CSet || v instanceof CRange) &&
    !isWrapperToken(v)
  );
}

function capabilityName(cap: object): string {
  const declared = (cap as { capaType?: unknown }).capaType;
  return capabilityTypeName(cap) ?? (typeof declared === "string" ? declared : "capability");
}

function toHost(v: Value): unknown {
  switch (typeof v) {
    case "number":
      return BigInt(v);
    case "bigint":
    case "string":
    case "boolean":
    case "undefined":
      return v;
  }
  if (v instanceof CFloat) return v.v;
  if (Array.isArray(v)) return v.map(toHost);
  if (v instanceof CVariant && v.type === "Option") return v.tag === "Some" ? toHost(v.payload[0]) : null;
  if (v instanceof CTuple || v instanceof CStruct || v instanceof CVariant || v instanceof CMap || v instanceof CSet || v instanceof CRange)
    return v;
  return v; // capability objects pass through unchanged
}

function fromHost(r: unknown): Value {
  switch (typeof r) {
    case "bigint":
      return normInt(r);
    case "number":
      return new CFloat(r);
    case "string":
    case "boolean":
    case "undefined":
      return r;
  }
  if (r === null) return NONE;
  if (Array.isArray(r)) return r.map(fromHost);
  if (typeof r === "object" && typeof (r as { ok?: unknown }).ok === "boolean") {
    const res = r as { ok: true; value: unknown } | { ok: false; error: { message: string; cause: string | null } };
    return res.ok ? ok(fromHost(res.value)) : err(makeIoError(res.error.message, res.error.cause ?? ""));
  }
  return r as Value;
}

/** Calls `method` on a capability object with Capa arguments and returns a Capa value. */
export function callCapability(cap: object, method: string, args: Value[]): Value {
  const typeName = capabilityName(cap);
  const fn = (cap as Record<string, unknown>)[method];
  if (typeof fn !== "function" || !Object.prototype.hasOwnProperty.call(cap, method)) {
    throw abort("RuntimeError", R.noMethod, typeName, method);
  }
  let result: unknown;
  try {
    result = (fn as (...xs: unknown[]) => unknown).apply(cap, args.map(toHost));
  } catch (e) {
    if (e instanceof CapabilityAbort) throw abort("ValueError", R.capabilityAbort, e.capaMessage);
    if (e instanceof CapaAbort) throw e;
    throw e;
  }
  if (OPTION_RESULTS[typeName]?.has(method)) return result === null ? NONE : some(fromHost(result));
  return fromHost(result);
}
