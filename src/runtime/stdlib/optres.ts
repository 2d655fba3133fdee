// Option<T>, Result<T, E>, JsonValue and IoError methods; unwrap/expect failures are panics.
import { panicAbort } from "../errors.js";
import { R } from "../messages.js";
import { CFloat, CStruct, CVariant, NONE, err, ok, some, type CapaFunction, type Value } from "../values.js";
import type { MethodTable } from "./types.js";

const isSome = (o: CVariant): boolean => o.tag === "Some";
const isOk = (r: CVariant): boolean => r.tag === "Ok";

export const OPTION_METHODS: MethodTable<CVariant> = {
  is_some: (o) => isSome(o),
  is_none: (o) => !isSome(o),
  unwrap: (o) => {
    if (!isSome(o)) throw panicAbort(R.unwrapNone.message());
    return o.payload[0];
  },
  expect: (o, msg) => {
    if (!isSome(o)) throw panicAbort(msg as string);
    return o.payload[0];
  },
  unwrap_or: (o, d) => (isSome(o) ? o.payload[0] : d),
  map: (o, f) => (isSome(o) ? some((f as CapaFunction)(o.payload[0])) : o),
  and_then: (o, f) => (isSome(o) ? (f as CapaFunction)(o.payload[0]) : o),
  ok_or: (o, e) => (isSome(o) ? ok(o.payload[0]) : err(e)),
  or_else: (o, f) => (isSome(o) ? o : (f as CapaFunction)()),
  filter: (o, p) => (isSome(o) && (p as CapaFunction)(o.payload[0]) === true ? o : NONE),
};

export const RESULT_METHODS: MethodTable<CVariant> = {
  is_ok: (r) => isOk(r),
  is_err: (r) => !isOk(r),
  unwrap: (r) => {
    if (!isOk(r)) throw panicAbort(R.unwrapErr.message());
    return r.payload[0];
  },
  expect: (r, msg) => {
    if (!isOk(r)) throw panicAbort(msg as string);
    return r.payload[0];
  },
  unwrap_or: (r, d) => (isOk(r) ? r.payload[0] : d),
  map: (r, f) => (isOk(r) ? ok((f as CapaFunction)(r.payload[0])) : r),
  map_err: (r, f) => (isOk(r) ? r : err((f as CapaFunction)(r.payload[0]))),
  and_then: (r, f) => (isOk(r) ? (f as CapaFunction)(r.payload[0]) : r),
  or_else: (r, f) => (isOk(r) ? r : (f as CapaFunction)(r.payload[0])),
  ok: (r) => (isOk(r) ? some(r.payload[0]) : NONE),
  err: (r) => (isOk(r) ? NONE : some(r.payload[0])),
};

function asNum(j: CVariant): Value {
  return j.tag === "JNum" ? some(j.payload[0]) : NONE;
}

export const JSON_METHODS: MethodTable<CVariant> = {
  is_null: (j) => j.tag === "JNull",
  as_bool: (j) => (j.tag === "JBool" ? some(j.payload[0]) : NONE),
  as_num: asNum,
  as_number: asNum,
  as_int: (j) => {
    if (j.tag !== "JNum") return NONE;
    const x = (j.payload[0] as CFloat).v;
    if (!Number.isInteger(x) || Math.abs(x) >= 9223372036854775808) return NONE;
    return some(Number.isSafeInteger(x) ? x + 0 : BigInt(x));
  },
  as_string: (j) => (j.tag === "JStr" ? some(j.payload[0]) : NONE),
  as_array: (j) => (j.tag === "JArr" ? some(j.payload[0]) : NONE),
  as_object: (j) => (j.tag === "JObj" ? some(j.payload[0]) : NONE),
};

export const IO_ERROR_METHODS: MethodTable<CStruct> = {
  message: (e) => e.fields[0],
  cause: (e) => e.fields[1],
};
