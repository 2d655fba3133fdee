// Run-time value representation for the Capa interpreter; never performs I/O or consults the checker.
//
// Representation (chosen for speed on the hot paths, V8 keeps most of these unboxed or monomorphic):
//   Int      JS `number` when it is a safe integer (|n| <= 2^53-1, never -0), else a JS `bigint`.
//            Every Int-producing operation normalises: a bigint in the safe range becomes a number,
//            so one Int has exactly one representation and `===` / Map keys work on Ints.
//   Float    `CFloat` box around a JS number (so Int 25 and Float 25.0 stay distinguishable).
//   Bool     JS boolean.      String, Char   JS string (a Char is a one-code-point string).
//   Unit     `undefined`.
//   List     JS array (mutable, shared by reference).
//   Tuple    `CTuple` (immutable element array).
//   Map/Set  `CMap` / `CSet` (insertion-ordered, keys compared structurally; see collections.ts).
//   Range    `CRange` (half-open, Int endpoints).
//   Struct   `CStruct` (type info + field array in declaration order; mutable; typestate state tag).
//            IoError is a built-in struct with fields `message` and `cause`.
//   Variant  `CVariant` (type name, variant tag, payload array). Option, Result and JsonValue are
//            variants too: `Some`/`None`, `Ok`/`Err`, `JNull`/`JBool`/... Payload-less variants
//            of user types are shared singletons per declaration.
//   Closure  a JS function `(...args) => Value`.
//   Capability  the frozen object from `capabilities/` (identified with `isCapability`).
//   PyObject `PyObjectRef`: a handle to a Python object that has no Capa counterpart (a module, a
//            function, ...), living in the sandboxed Python process (see python/bridge.ts).

export type Value = unknown;

/** A Capa Float. Boxed so that run-time display can tell 25.0 from the Int 25. */
export class CFloat {
  constructor(readonly v: number) {}
}

export class CTuple {
  constructor(readonly items: Value[]) {}
}

export class CRange {
  /** Half-open `[start, stop)`; an inclusive range is stored with `stop = end + 1` (exact bigint-safe). */
  constructor(
    readonly start: number | bigint,
    readonly stop: number | bigint,
  ) {}
}

/** Static facts about a struct or typestate type, shared by all its values. */
export interface StructInfo {
  readonly name: string;
  readonly fields: readonly string[];
  readonly slotOf: ReadonlyMap<string, number>;
  readonly isTypestate: boolean;
}

export class CStruct {
  constructor(
    readonly info: StructInfo,
    readonly fields: Value[],
    /** Typestate state name, else null. */
    readonly state: string | null = null,
  ) {}
}

export class CVariant {
  constructor(
    /** The sum type's name: `Option`, `Result`, `JsonValue` or a user type. */
    readonly type: string,
    readonly tag: string,
    readonly payload: Value[],
  ) {}
}

export type CapaFunction = (...args: Value[]) => Value;

/** Where a Python handle's operations go (the run's bridge); typed here so values stay I/O-free. */
export interface PythonOwner {
  getattr(ref: PyObjectRef, name: string): Value;
}

export class PyObjectRef {
  readonly capaType = "PyObject";
  constructor(
    readonly owner: PythonOwner,
    readonly id: number,
    /** Python's `repr()` of the object, shown when the program prints it. */
    readonly repr: string,
    readonly pyType: string,
  ) {}
}

export function makeStructInfo(name: string, fields: readonly string[], isTypestate = false): StructInfo {
  const slotOf = new Map<string, number>();
  fields.forEach((f, i) => slotOf.set(f, i));
  return { name, fields, slotOf, isTypestate };
}

export const IO_ERROR_INFO: StructInfo = makeStructInfo("IoError", ["message", "cause"]);

export function makeIoError(message: string, cause: string): CStruct {
  return new CStruct(IO_ERROR_INFO, [message, cause]);
}

const EMPTY: Value[] = [];

export const NONE = new CVariant("Option", "None", EMPTY);
export const JNULL = new CVariant("JsonValue", "JNull", EMPTY);

export function some(v: Value): CVariant {
  return new CVariant("Option", "Some", [v]);
}
export function ok(v: Value): CVariant {
  return new CVariant("Result", "Ok", [v]);
}
export function err(v: Value): CVariant {
  return new CVariant("Result", "Err", [v]);
}
export function option(v: Value | null | undefined): CVariant {
  return v === null || v === undefined ? NONE : some(v);
}

export function isInt(v: Value): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/** Int from a bigint, normalised to a number when it is safe. */
export function normInt(b: bigint): number | bigint {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export function toBig(v: number | bigint): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

/** The Capa type name of a run-time value, used for impl dispatch and messages. */
export function typeNameOf(v: Value): string {
  switch (typeof v) {
    case "number":
    case "bigint":
      return "Int";
    case "string":
      return "String";
    case "boolean":
      return "Bool";
    case "undefined":
      return "Unit";
    case "function":
      return "Fun";
  }
  if (v instanceof CFloat) return "Float";
  if (Array.isArray(v)) return "List";
  if (v instanceof CStruct) return v.info.name;
  if (v instanceof CVariant) return v.type;
  if (v instanceof CTuple) return "Tuple";
  if (v instanceof CRange) return "Range";
  // CMap / CSet carry their own names; capabilities are resolved by the caller.
  const named = v as { capaType?: string } | null;
  return named && typeof named.capaType === "string" ? named.capaType : "Unknown";
}
