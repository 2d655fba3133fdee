// How values appear in string interpolation (`${v}`); pure, and user `to_string` methods are
// reached only through the hook the evaluator passes in.
import { CMap, CSet } from "./collections.js";
import { floatRepr } from "./numeric.js";
import { CFloat, CRange, CStruct, CTuple, CVariant, IO_ERROR_INFO, PyObjectRef, type Value } from "./values.js";

/** Returns the user's `to_string()` result for a struct/variant that has one, else null. */
export type ToStringHook = (v: CStruct | CVariant) => string | null;

export function display(v: Value, hook: ToStringHook | null): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "()";
  }
  if (v instanceof CFloat) return floatRepr(v.v);
  if (v instanceof PyObjectRef) return v.repr;
  if (v instanceof CStruct) {
    if (v.info === IO_ERROR_INFO) {
      const [message, cause] = v.fields as [string, string];
      return cause === "" ? message : `${message}: ${cause}`;
    }
    const shown = hook ? hook(v) : null;
    if (shown !== null) return shown;
  } else if (v instanceof CVariant && hook) {
    const shown = hook(v);
    if (shown !== null) return shown;
  }
  return repr(v, hook);
}

/**
 * Debug form for values the checker refuses to interpolate (lists, options, plain structs).
 * The reference leaves this unspecified; ours is stable and readable.
 */
export function repr(v: Value, hook: ToStringHook | null): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return "<function>";
  if (Array.isArray(v)) return "[" + v.map((x) => repr(x, hook)).join(", ") + "]";
  if (v instanceof CTuple) return "(" + v.items.map((x) => repr(x, hook)).join(", ") + (v.items.length === 1 ? ",)" : ")");
  if (v instanceof CVariant) {
    if (v.payload.length === 0) return v.tag;
    return v.tag + "(" + v.payload.map((x) => repr(x, hook)).join(", ") + ")";
  }
  if (v instanceof CStruct) {
    if (v.info === IO_ERROR_INFO) return display(v, hook);
    const head = v.state === null ? v.info.name : `${v.info.name}[${v.state}]`;
    return head + " { " + v.info.fields.map((f, i) => `${f}: ${repr(v.fields[i], hook)}`).join(", ") + " }";
  }
  if (v instanceof CMap) return "{" + [...v.entries()].map(([k, x]) => `${repr(k, hook)}: ${repr(x, hook)}`).join(", ") + "}";
  if (v instanceof CSet) return "{" + [...v.values()].map((x) => repr(x, hook)).join(", ") + "}";
  if (v instanceof CRange) return `${String(v.start)}..${String(v.stop)}`;
  if (v instanceof PyObjectRef) return v.repr;
  if (typeof v === "object" && v !== null) return "<capability>";
  return display(v, hook);
}
