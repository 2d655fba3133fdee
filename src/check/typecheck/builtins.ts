// The standard library's static surface as one declarative table: every method of the built-in
// types and capabilities, and the free functions, written as Capa-like signature strings.
// Invariant: data plus a tiny signature reader; no checking logic lives here.

import type { ParamMode } from "../../syntax/ast.js";
import { BUILTIN_CAPABILITIES } from "../model.js";
import {
  app,
  BOOL,
  capType,
  CHAR,
  FLOAT,
  fun,
  INT,
  IO_ERROR,
  JSON_VALUE,
  REVOKER,
  AUDIT_LOG,
  paramType,
  STRING,
  tuple,
  UNIT,
  UNKNOWN,
  type Type,
} from "../types.js";

/** Receiver type parameters of each built-in generic, in argument order. */
const RECEIVER_PARAMS: Readonly<Record<string, readonly string[]>> = {
  List: ["T"], Range: ["T"], Set: ["T"], Option: ["T"], Map: ["K", "V"], Result: ["T", "E"],
};

const METHODS: Readonly<Record<string, readonly string[]>> = {
  String: [
    "length() -> Int", "is_empty() -> Bool", "contains(s: String) -> Bool", "starts_with(s: String) -> Bool",
    "ends_with(s: String) -> Bool", "to_upper() -> String", "to_lower() -> String", "trim() -> String",
    "trim_start() -> String", "trim_end() -> String", "split(sep: String) -> List<String>",
    "replace(from: String, to: String) -> String", "char_at(i: Int) -> Option<String>",
    "substring(start: Int, end: Int) -> String", "index_of(s: String) -> Option<Int>", "bytes() -> List<Int>",
  ],
  List: [
    "length() -> Int", "push(x: T) -> ()", "contains(x: T) -> Bool", "map<U>(f: Fun(T) -> U) -> List<U>",
    "filter(p: Fun(T) -> Bool) -> List<T>", "fold<U>(init: U, f: Fun(U, T) -> U) -> U", "is_empty() -> Bool",
    "first() -> Option<T>", "last() -> Option<T>", "get(i: Int) -> Option<T>", "find(p: Fun(T) -> Bool) -> Option<T>",
    "find_index(p: Fun(T) -> Bool) -> Option<Int>", "sorted_by(cmp: Fun(T, T) -> Int) -> List<T>",
    "reverse() -> List<T>", "enumerate() -> List<(Int, T)>", "zip<U>(other: List<U>) -> List<(T, U)>",
    "flat_map<U>(f: Fun(T) -> List<U>) -> List<U>",
  ],
  Range: [
    "length() -> Int", "contains(x: T) -> Bool", "to_list() -> List<T>", "is_empty() -> Bool",
    "map<U>(f: Fun(T) -> U) -> List<U>", "filter(p: Fun(T) -> Bool) -> List<T>", "fold<U>(init: U, f: Fun(U, T) -> U) -> U",
    "first() -> Option<T>", "last() -> Option<T>", "get(i: Int) -> Option<T>", "find(p: Fun(T) -> Bool) -> Option<T>",
    "find_index(p: Fun(T) -> Bool) -> Option<Int>",
  ],
  Map: [
    "length() -> Int", "get(k: K) -> Option<V>", "set(k: K, v: V) -> ()", "contains_key(k: K) -> Bool",
    "keys() -> List<K>", "values() -> List<V>", "pairs() -> List<(K, V)>", "is_empty() -> Bool",
  ],
  Set: [
    "length() -> Int", "add(x: T) -> ()", "remove(x: T) -> ()", "contains(x: T) -> Bool", "to_list() -> List<T>",
    "is_empty() -> Bool", "union(o: Set<T>) -> Set<T>", "intersection(o: Set<T>) -> Set<T>",
    "difference(o: Set<T>) -> Set<T>", "is_subset(o: Set<T>) -> Bool",
  ],
  Option: [
    "is_some() -> Bool", "is_none() -> Bool", "unwrap_or(d: T) -> T", "unwrap() -> T", "expect(msg: String) -> T",
    "map<U>(f: Fun(T) -> U) -> Option<U>", "and_then<U>(f: Fun(T) -> Option<U>) -> Option<U>",
    "ok_or<E>(e: E) -> Result<T, E>", "or_else(f: Fun() -> Option<T>) -> Option<T>", "filter(p: Fun(T) -> Bool) -> Option<T>",
  ],
  Result: [
    "is_ok() -> Bool", "is_err() -> Bool", "unwrap_or(d: T) -> T", "unwrap() -> T", "expect(msg: String) -> T",
    "map<U>(f: Fun(T) -> U) -> Result<U, E>", "and_then<U>(f: Fun(T) -> Result<U, E>) -> Result<U, E>",
    "map_err<F>(f: Fun(E) -> F) -> Result<T, F>", "or_else<F>(f: Fun(E) -> Result<T, F>) -> Result<T, F>",
    "ok() -> Option<T>", "err() -> Option<E>",
  ],
  JsonValue: [
    "is_null() -> Bool", "as_bool() -> Option<Bool>", "as_num() -> Option<Float>", "as_number() -> Option<Float>",
    "as_int() -> Option<Int>", "as_string() -> Option<String>", "as_array() -> Option<List<JsonValue>>",
    "as_object() -> Option<Map<String, JsonValue>>",
  ],
  IoError: [],
  Stdio: ["print(s: String) -> ()", "println(s: String) -> ()", "eprintln(s: String) -> ()", "read_line() -> Result<String, IoError>"],
  Fs: [
    "restrict_to(prefix: String) -> Fs", "allows(path: String) -> Bool", "read(path: String) -> Result<String, IoError>",
    "write(path: String, content: String) -> Result<(), IoError>", "exists(path: String) -> Bool", "is_dir(path: String) -> Bool",
    "mkdir(path: String) -> Result<(), IoError>", "list_dir(path: String) -> Result<List<String>, IoError>",
  ],
  Env: ["restrict_to_keys(keys: List<String>) -> Env", "allows(name: String) -> Bool", "get(name: String) -> Option<String>", "args() -> List<String>"],
  Clock: ["restrict_to_after(t: Float) -> Clock", "allows() -> Bool", "now_secs() -> Float", "now_monotonic() -> Float", "sleep(s: Float) -> ()"],
  Net: [
    "restrict_to(host: String) -> Net", "allows(host: String) -> Bool", "get(url: String) -> Result<String, IoError>",
    "post(url: String, body: String) -> Result<String, IoError>",
  ],
  Random: ["with_seed(n: Int) -> Random", "int_range(lo: Int, hi: Int) -> Int", "float_unit() -> Float"],
  Db: [
    "restrict_to(path: String) -> Db", "allows(path: String) -> Bool", "exec(path: String, sql: String) -> Result<(), IoError>",
    "query(path: String, sql: String) -> Result<String, IoError>",
  ],
  Proc: ["restrict_to(cmd: String) -> Proc", "allows(cmd: String) -> Bool", "exec(cmd: String, args_json: String) -> Result<String, IoError>"],
  Serve: [
    "restrict_to(spec: String) -> Serve", "allows(addr: String, port: Int) -> Bool", "listen(addr: String, port: Int) -> Result<(), IoError>",
    "local_port() -> Result<Int, IoError>", "accept() -> Result<Int, IoError>", "recv(conn: Int, max: Int) -> Result<List<Int>, IoError>",
    "send(conn: Int, bytes: List<Int>) -> Result<(), IoError>", "close(conn: Int) -> Result<(), IoError>", "stop() -> Result<(), IoError>",
  ],
  Unsafe: [],
  Revoker: ["revoke() -> ()", "is_revoked() -> Bool"],
  AuditLog: ["entries() -> List<String>", "count() -> Int"],
};

/**
 * The run-time wrappers every capability type has (spec/capabilities.md, "Run-time wrappers"),
 * written for a capability named `Self`. Each returns the receiver's own type, so a wrapped
 * capability goes wherever the original could. `Unsafe` has no methods and gets none.
 */
export const WRAPPER_METHODS: readonly string[] = [
  "revocable(revoker: Revoker) -> Self", "expires_after(clock: Clock, seconds: Float) -> Self",
  "single_use() -> Self", "logged(log: AuditLog) -> Self",
];

export const WRAPPER_METHOD_NAMES: ReadonlySet<string> = new Set(WRAPPER_METHODS.map((text) => text.slice(0, text.indexOf("("))));

/** The wrapper signatures for a capability named `capability` (built-in or declared). */
function wrapperSignatures(capability: string): string[] {
  return WRAPPER_METHODS.map((text) => text.replace(/Self$/, capability));
}

/** Free functions. `new_map`/`new_set` return holes the binding's annotation fixes. */
const FREE_FUNCTIONS: readonly string[] = [
  "parse_int(s: String) -> Option<Int>", "parse_float(s: String) -> Option<Float>", "to_float(i: Int) -> Float",
  "to_int(f: Float) -> Int", "parse_json(s: String) -> Result<JsonValue, String>", "to_json(j: JsonValue) -> String",
  "panic(msg: String) -> ()", "declassify<T>(value: T, reason: String) -> T",
  "py_import(unsafe: Unsafe, name: String) -> ?", "py_invoke(unsafe: Unsafe, f: ?, args: List<?>) -> ?",
  // `cap` must be an Fs or a Net; the checker enforces that beyond this table's `?`.
  "py_grant(unsafe: Unsafe, cap: ?) -> ()",
  "new_map<K, V>() -> Map<K, V>", "new_set<T>() -> Set<T>",
  "new_revoker() -> Revoker", "new_audit_log() -> AuditLog",
];

/** Fields readable on built-in nominal types. */
export const BUILTIN_FIELDS: Readonly<Record<string, ReadonlyMap<string, Type>>> = {
  IoError: new Map([["message", STRING], ["cause", STRING]]),
};

export interface BuiltinParam {
  readonly name: string;
  readonly type: Type;
  readonly mode: ParamMode;
}

/** A parsed built-in signature; `Param` types owned by `owner` are its generics. */
export interface BuiltinSig {
  readonly name: string;
  /** Method-level generics (`U` in `map<U>`). */
  readonly generics: readonly string[];
  readonly params: readonly BuiltinParam[];
  readonly ret: Type;
  /** Param-type owner for the receiver's and the method's own type parameters. */
  readonly owner: string;
}

// ───────────────────────────── signature reader ─────────────────────────────

const TOKEN = /\s*(->|[A-Za-z_][A-Za-z_0-9]*|[<>(),:?])/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text)) !== null) out.push(m[1]!);
  return out;
}

const PRIMS: Readonly<Record<string, Type>> = {
  Int: INT, Float: FLOAT, String: STRING, Bool: BOOL, Char: CHAR, Unit: UNIT, IoError: IO_ERROR, JsonValue: JSON_VALUE,
  Revoker: REVOKER, AuditLog: AUDIT_LOG,
};

class SigReader {
  private pos = 0;
  constructor(private readonly toks: string[], private readonly typeParams: ReadonlySet<string>, private readonly owner: string) {}

  private next(): string {
    return this.toks[this.pos++] ?? "";
  }
  private peek(): string {
    return this.toks[this.pos] ?? "";
  }
  private expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new Error(`builtin table: expected '${t}', got '${got}'`);
  }

  type(): Type {
    const t = this.next();
    if (t === "?") return UNKNOWN;
    if (t === "(") {
      const elems: Type[] = [];
      while (this.peek() !== ")") {
        elems.push(this.type());
        if (this.peek() === ",") this.next();
      }
      this.expect(")");
      return tuple(elems);
    }
    if (t === "Fun") {
      this.expect("(");
      const params: Type[] = [];
      while (this.peek() !== ")") {
        params.push(this.type());
        if (this.peek() === ",") this.next();
      }
      this.expect(")");
      this.expect("->");
      return fun(params, this.type());
    }
    if (this.typeParams.has(t)) return paramType(t, this.owner);
    const prim = PRIMS[t];
    if (prim) return prim;
    if ((BUILTIN_CAPABILITIES as readonly string[]).includes(t)) return capType(t as (typeof BUILTIN_CAPABILITIES)[number]);
    if (t in RECEIVER_PARAMS) {
      this.expect("<");
      const args: Type[] = [];
      while (this.peek() !== ">") {
        args.push(this.type());
        if (this.peek() === ",") this.next();
      }
      this.expect(">");
      return app(t as "List", args);
    }
    throw new Error(`builtin table: unknown type '${t}'`);
  }

  signature(receiverParams: readonly string[]): BuiltinSig {
    const name = this.next();
    const generics: string[] = [];
    if (this.peek() === "<") {
      this.next();
      while (this.peek() !== ">") {
        generics.push(this.next());
        if (this.peek() === ",") this.next();
      }
      this.next();
    }
    for (const g of [...receiverParams, ...generics]) (this.typeParams as Set<string>).add(g);
    this.expect("(");
    const params: BuiltinParam[] = [];
    while (this.peek() !== ")") {
      const pname = this.next();
      this.expect(":");
      params.push({ name: pname, type: this.type(), mode: null });
      if (this.peek() === ",") this.next();
    }
    this.expect(")");
    this.expect("->");
    return { name, generics, params, ret: this.type(), owner: this.owner };
  }
}

function readSignature(text: string, owner: string, receiverParams: readonly string[]): BuiltinSig {
  return new SigReader(tokenize(text), new Set<string>(), owner).signature(receiverParams);
}

function buildMethodTable(): ReadonlyMap<string, ReadonlyMap<string, BuiltinSig>> {
  const table = new Map<string, Map<string, BuiltinSig>>();
  for (const [receiver, own] of Object.entries(METHODS)) {
    const methods = new Map<string, BuiltinSig>();
    const wrapped = (BUILTIN_CAPABILITIES as readonly string[]).includes(receiver) && receiver !== "Unsafe";
    for (const text of wrapped ? [...own, ...wrapperSignatures(receiver)] : own) {
      const sig = readSignature(text, `builtin:${receiver}`, RECEIVER_PARAMS[receiver] ?? []);
      methods.set(sig.name, sig);
    }
    table.set(receiver, methods);
  }
  return table;
}

function buildFreeFunctionTable(): ReadonlyMap<string, BuiltinSig> {
  const table = new Map<string, BuiltinSig>();
  for (const text of FREE_FUNCTIONS) {
    const sig = readSignature(text, "builtin:free", []);
    table.set(sig.name, sig);
  }
  return table;
}

/** Receiver name (`List`, `Stdio`, ...) → method name → signature. Built once per process. */
export const BUILTIN_METHODS: ReadonlyMap<string, ReadonlyMap<string, BuiltinSig>> = buildMethodTable();

/** Built-in free functions by name. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, BuiltinSig> = buildFreeFunctionTable();

/** Names of the receiver's type parameters, matching `AppType.args` order. */
export function receiverTypeParams(receiver: string): readonly string[] {
  return RECEIVER_PARAMS[receiver] ?? [];
}

/** The wrapper methods of a declared capability; `Self` (owner `builtin:wrapper`) is the receiver's type. */
export const CAPABILITY_WRAPPERS: ReadonlyMap<string, BuiltinSig> = new Map(
  WRAPPER_METHODS.map((text) => {
    const sig = readSignature(text, "builtin:wrapper", ["Self"]);
    return [sig.name, sig] as const;
  }),
);
