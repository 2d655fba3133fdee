// Built-in method lookup by receiver kind; the single place that maps a value to its method table.
import { CMap, CSet } from "../collections.js";
import { CRange, CStruct, CVariant, IO_ERROR_INFO, type Value } from "../values.js";
import { LIST_METHODS } from "./lists.js";
import { MAP_METHODS, SET_METHODS } from "./mapsets.js";
import { IO_ERROR_METHODS, JSON_METHODS, OPTION_METHODS, RESULT_METHODS } from "./optres.js";
import { RANGE_METHODS } from "./ranges.js";
import { STRING_METHODS } from "./strings.js";
import type { Method, MethodTable } from "./types.js";
import { AuditLog, Revoker } from "../capabilities/wrappers/tokens.js";
import { AUDIT_LOG_METHODS, REVOKER_METHODS } from "./wrapper-tokens.js";

export { LIST_METHODS, MAP_METHODS, OPTION_METHODS, SET_METHODS, STRING_METHODS };

function pick<T>(table: MethodTable<T>, name: string): Method<Value> | null {
  return Object.prototype.hasOwnProperty.call(table, name) ? (table[name] as Method<Value>) : null;
}

/** The built-in method `name` for this receiver, or null when its type has none. */
export function builtinMethod(recv: Value, name: string): Method<Value> | null {
  if (typeof recv === "string") return pick(STRING_METHODS, name);
  if (Array.isArray(recv)) return pick(LIST_METHODS, name);
  if (recv instanceof CVariant) {
    if (recv.type === "Option") return pick(OPTION_METHODS, name);
    if (recv.type === "Result") return pick(RESULT_METHODS, name);
    if (recv.type === "JsonValue") return pick(JSON_METHODS, name);
    return null;
  }
  if (recv instanceof CMap) return pick(MAP_METHODS, name);
  if (recv instanceof CSet) return pick(SET_METHODS, name);
  if (recv instanceof CRange) return pick(RANGE_METHODS, name);
  if (recv instanceof CStruct && recv.info === IO_ERROR_INFO) return pick(IO_ERROR_METHODS, name);
  if (recv instanceof Revoker) return pick(REVOKER_METHODS, name);
  if (recv instanceof AuditLog) return pick(AUDIT_LOG_METHODS, name);
  return null;
}
