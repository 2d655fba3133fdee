// Built-in free functions and built-in constructors (Some, Ok, IoError, JNum, ...); pure except panic
// (and the two constructors of wrapper state, `new_revoker`, `new_audit_log`).
import { CMap, CSet } from "../collections.js";
import { panicAbort } from "../errors.js";
import { toFloat, toInt } from "../numeric.js";
import { CFloat, CVariant, NONE, JNULL, err, makeIoError, normInt, ok, some, type Value } from "../values.js";
import { parseJson, toJson } from "./json.js";
import { pyStrip } from "./strings.js";
import { AuditLog, Revoker } from "../capabilities/wrappers/tokens.js";

export type FreeFunction = (a: Value, b: Value) => Value;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function parseIntValue(s: string): Value {
  const t = pyStrip(s);
  if (!/^[+-]?[0-9]+$/.test(t)) return NONE;
  const n = BigInt(t);
  return n < I64_MIN || n > I64_MAX ? NONE : some(normInt(n));
}

function parseFloatValue(s: string): Value {
  const t = pyStrip(s);
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) return NONE;
  const x = Number(t);
  return Number.isFinite(x) ? some(new CFloat(x)) : NONE;
}

const json = (tag: string) => (a: Value): Value => new CVariant("JsonValue", tag, [a]);

export const FREE_FUNCTIONS: Readonly<Record<string, FreeFunction>> = {
  parse_int: (s) => parseIntValue(s as string),
  parse_float: (s) => parseFloatValue(s as string),
  to_float: (i) => toFloat(i as number | bigint),
  to_int: (f) => toInt((f as CFloat).v),
  new_map: () => new CMap(),
  new_set: () => new CSet(),
  new_revoker: () => new Revoker(),
  new_audit_log: () => new AuditLog(),
  parse_json: (s) => parseJson(s as string),
  to_json: (j) => toJson(j),
  panic: (msg) => {
    throw panicAbort(msg as string);
  },
  // IFC is static: at run time declassification is the identity.
  declassify: (v) => v,
  Some: (v) => some(v),
  Ok: (v) => ok(v),
  Err: (v) => err(v),
  IoError: (message, cause) => makeIoError(message as string, cause === undefined ? "" : (cause as string)),
  JBool: json("JBool"),
  JNum: json("JNum"),
  JStr: json("JStr"),
  JArr: json("JArr"),
  JObj: json("JObj"),
};

/** Payload-less built-in variants usable as bare names. */
export const BUILTIN_CONSTANTS: Readonly<Record<string, Value>> = { None: NONE, JNull: JNULL };

/** Built-in variant tags and the sum type they belong to (for patterns). */
export const BUILTIN_VARIANT_TYPES: Readonly<Record<string, string>> = {
  Some: "Option",
  None: "Option",
  Ok: "Result",
  Err: "Result",
  JNull: "JsonValue",
  JBool: "JsonValue",
  JNum: "JsonValue",
  JStr: "JsonValue",
  JArr: "JsonValue",
  JObj: "JsonValue",
};
