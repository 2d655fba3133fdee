// Catalogue of run-time abort messages (R7xxx), worded like the reference 1.32.
// Invariant: the only place these message texts exist; the interpreter passes arguments only.

import { spec } from "../diagnostics/diagnostic.js";

/** The error class the reference prints before the message (`OverflowError: ...`). */
export type AbortKind =
  | "OverflowError"
  | "ZeroDivisionError"
  | "IndexError"
  | "ValueError"
  | "RecursionError"
  | "RuntimeError"
  | "MemoryError"
  | "TimeoutError"
  | PythonExceptionName;

/** A Python exception's class name (`KeyError`, `JSONDecodeError`), printed as the reference does. */
export type PythonExceptionName = string & { readonly __pythonException: true };

const s = (x: unknown): string => String(x);

/** Why the Python process stopped (the `why` of R7053); never its own stderr. */
export const PYTHON_STOPPED = {
  notStarted: () => "it could not be started (is /bin/sh available?)",
  cpu: (seconds: number) => `it used up its ${seconds} s of CPU time`,
  stack: () => "the Python code recursed too deeply for the process's stack (raise no recursion limit past the default)",
  memory: () => "it ran out of memory",
  exited: (code: number) => `the Python code ended the process (exit status ${code})`,
  killed: () => "it was killed",
  signal: (name: string) => `it was stopped by ${name}`,
  fatal: () => "Pyodide reported a fatal error",
};

export const R = {
  addOverflow: spec("R7001", "Int + overflows 64 bits", (a: unknown, b: unknown, r: unknown) =>
    `Int addition overflows signed 64-bit: ${s(a)} + ${s(b)} = ${s(r)}`),
  subOverflow: spec("R7002", "Int - overflows 64 bits", (a: unknown, b: unknown, r: unknown) =>
    `Int subtraction overflows signed 64-bit: ${s(a)} - ${s(b)} = ${s(r)}`),
  mulOverflow: spec("R7003", "Int * overflows 64 bits", (a: unknown, b: unknown, r: unknown) =>
    `Int multiplication overflows signed 64-bit: ${s(a)} * ${s(b)} = ${s(r)}`),
  divOverflow: spec("R7004", "Int / overflows 64 bits (MIN / -1)", (a: unknown, b: unknown, r: unknown) =>
    `Int division overflows signed 64-bit: ${s(a)} / ${s(b)} = ${s(r)}`),
  intDivZero: spec("R7005", "Int / by zero", () => "Int division by zero"),
  intModZero: spec("R7006", "Int % by zero", () => "integer modulo by zero"),
  floatDivZero: spec("R7007", "Float / by zero", () => "float division by zero"),
  floatModZero: spec("R7008", "Float % by zero", () => "float modulo"),
  shiftCount: spec("R7009", "shift count outside [0, 64)", (n: unknown) => `shift count out of range [0, 64): ${s(n)}`),
  shlOverflow: spec("R7010", "<< loses bits", (a: unknown, n: unknown) => `Int left shift overflows signed 64-bit: ${s(a)} << ${s(n)}`),
  listIndex: spec("R7011", "list index out of range", (i: unknown, len: number) => `list index out of range: i=${s(i)}, len=${len}`),
  tupleIndex: spec("R7012", "tuple index out of range", (i: unknown, len: number) => `tuple index out of range: i=${s(i)}, len=${len}`),
  substring: spec("R7013", "substring bounds", (start: unknown, end: unknown, len: number) =>
    `substring out of range: start=${s(start)}, end=${s(end)}, len=${len}`),
  emptySeparator: spec("R7014", "split with an empty separator", () => "empty separator"),
  toIntNaN: spec("R7015", "to_int of NaN", () => "to_int: NaN cannot be converted to Int"),
  toIntInf: spec("R7016", "to_int of an infinity", () => "to_int: infinity cannot be converted to Int"),
  toIntRange: spec("R7017", "to_int out of range", (repr: string) => `to_int: ${repr} out of signed 64-bit range`),
  unwrapNone: spec("R7018", "unwrap() on None", () => "called unwrap() on a None value"),
  unwrapErr: spec("R7019", "unwrap() on Err", () => "called unwrap() on an Err value"),
  stackOverflow: spec("R7020", "unbounded recursion", (limit: number) =>
    `stack overflow: maximum recursion depth (${limit}) exceeded`),
  noMethod: spec("R7021", "a method that the value's type does not have", (type: string, method: string) =>
    `type '${type}' has no method '${method}'`),
  letPatternMismatch: spec("R7054", "a `let` pattern the value does not match", (pattern: string, type: string) =>
    `let pattern '${pattern}' does not match a value of type '${type}'`),
  noField: spec("R7022", "a field that the value does not have", (type: string, field: string) => `type '${type}' has no field '${field}'`),
  undefinedName: spec("R7023", "a name with no binding at run time", (name: string) => `undefined name '${name}'`),
  notCallable: spec("R7024", "calling a value that is not a function", (type: string) => `a value of type ${type} is not callable`),
  noMatch: spec("R7025", "no match arm applies", () => "no match arm matched the value"),
  capabilityUnavailable: spec("R7026", "main asks for a capability this runtime cannot provide", (name: string) =>
    `capability '${name}' is not available in this runtime`),
  mainParam: spec("R7027", "a main parameter that is not a capability", (name: string, type: string) =>
    `main parameter '${name}' has type ${type}, which is not a built-in capability`),
  noMain: spec("R7028", "the program has no main function", () => "program has no 'main' function"),
  capabilityAbort: spec("R7029", "a capability refused its arguments", (text: string) => text),
  wrapperDenied: spec("R7060", "a revoked, expired or spent capability was called through a method whose result cannot carry the refusal (no Result<_, IoError>, Bool or Option)", (capability: string, method: string, why: string) =>
    `${capability}.${method} refused: the ${capability} capability ${why}`),
  mainReturnedErr: spec("R7030", "main returned Err", (shown: string) => `main returned Err: ${shown}`),
  unsupported: spec("R7031", "a construct this interpreter cannot run", (what: string) => `not supported by this interpreter: ${what}`),
  hostError: spec("R7032", "an unexpected host failure", (what: string) => `internal error: ${what}`),
  pythonException: spec("R7040", "a Python exception raised under py_import / py_invoke", (message: string) => message),
  pythonUnsafe: spec("R7041", "a Python bridge call without an Unsafe capability", (fn: string, got: string) =>
    `${fn} requires an Unsafe capability as first argument; got ${got}. This should have been caught by the Capa type checker.`),
  pythonUnavailable: spec("R7042", "the Python runtime could not be started or stopped unexpectedly", (why: string) =>
    `the Python runtime (Pyodide) is not available: ${why}`),
  pythonConversion: spec("R7043", "a Capa value with no Python counterpart", (type: string) =>
    `cannot pass a value of type ${type} to Python (Int, Float, String, Bool, Unit, List, Map, Set, tuples, Option, structs and Python objects convert)`),
  pythonNotCallable: spec("R7044", "py_invoke of something that is not a Python object", (type: string) =>
    `py_invoke: the function must be a Python object (from py_import or an attribute of one); got ${type}`),
  pythonResultType: spec("R7046", "a Python result that does not have the type the program declared for it", (expected: string, got: string) =>
    `py_invoke returned ${got} where the program declares ${expected}`),
  pythonStopped: spec("R7053", "the sandboxed Python process ended during a call", (why: string) =>
    `the Python process stopped: ${why}`),
  pythonGrantRefused: spec("R7045", "py_grant refused the capability", (why: string) => `py_grant: ${why}`),
  unboundNamedArguments: spec("R7047", "named arguments the checker did not bind (an unchecked program)", () =>
    "named arguments at this call were not bound by the checker; run programs through the checker (capa --run)"),
  outOfMemory: spec("R7048", "the program's values outgrew the interpreter's heap", (limitMb: number) =>
    `out of memory: the program's values outgrew the interpreter's ${limitMb} MB heap`),
  valueTooLarge: spec("R7049", "one string, list, map or set grew past the largest the interpreter can hold", (what: string) =>
    `out of memory: a ${what} grew past the largest size the interpreter can hold`),
  listTooLong: spec("R7052", "a list grew past the most elements the interpreter holds", (limit: number) =>
    `out of memory: a list grew past ${limit} elements, the most one list may hold`),
  stepLimit: spec("R7050", "the run took more steps than --max-steps allows", (limit: number) =>
    `step limit exceeded: the run took more than ${limit} steps (--max-steps)`),
  timeLimit: spec("R7051", "the run took longer than --timeout allows", (seconds: number) =>
    `time limit exceeded: the run took more than ${seconds} s (--timeout)`),
  jsonNumber: spec("R7033", "to_json of a non-finite number", (repr: string) => `Out of range float values are not JSON compliant: ${repr}`),
};
