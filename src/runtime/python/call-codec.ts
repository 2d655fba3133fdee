// The fast path of the bridge's child for the requests a loop makes: `py_invoke` and attribute
// reads. The request, already parsed by the child's JavaScript, reaches Python as flat arguments
// (a type code per value, the value as text or a plain scalar) and the result comes back as tagged
// text, so the common call costs no JSON work in Python (JSON in Pyodide's CPython costs several
// microseconds a message). Values that are not scalars still travel as JSON, decoded by the
// Python side's `_dec`. The reply is the same JSON line the general path (`_capa_dispatch`) writes.

type WireArg = null | boolean | string | unknown[] | { [tag: string]: unknown };

/** Python's `_capa_call(handle, codes, *values)` (python-side.ts). */
export type PythonCall = (handle: number, codes: string, ...values: unknown[]) => string;
/** Python's `_capa_getattr(handle, name)`. */
export type PythonGetattr = (handle: number, name: string) => string;

/** One argument as a type code and what Python rebuilds it from. */
function flatten(w: WireArg): [string, unknown] {
  if (w === null) return ["n", null];
  if (typeof w === "string") return ["s", w];
  if (typeof w === "boolean") return ["b", w];
  if (!Array.isArray(w)) {
    if (typeof w.$float === "string") return ["f", w.$float];
    if (typeof w.$int === "string") return ["i", w.$int];
    if (typeof w.$handle === "number") return ["h", w.$handle];
  }
  return ["j", JSON.stringify(w)];
}

/** Most arguments a call takes the fast path with: they are spread into one JavaScript call, and
 * a very long list would overflow the stack there; longer ones go through JSON. */
export const FAST_CALL_MAX_ARGS = 32;

/** The reply line for a call of `handle` with wire arguments `args` (at most FAST_CALL_MAX_ARGS). */
export function callReply(call: PythonCall, handle: number, args: readonly WireArg[]): string {
  let codes = "";
  const values: unknown[] = [];
  for (const a of args) {
    const [code, value] = flatten(a);
    codes += code;
    values.push(value);
  }
  return taggedReply(call(handle, codes, ...values));
}

/** The reply line for reading attribute `name` of the object behind `handle`. */
export function getattrReply(getattr: PythonGetattr, handle: number, name: string): string {
  return taggedReply(getattr(handle, name));
}

/** The JSON reply for a result the Python side tagged (`_capa_tagged`). */
function taggedReply(tagged: string): string {
  const rest = tagged.slice(1);
  switch (tagged[0]) {
    case "f":
      return `{"ok":{"$float":${JSON.stringify(rest)}}}`;
    case "i":
      return `{"ok":{"$int":${JSON.stringify(rest)}}}`;
    case "s":
      return `{"ok":${JSON.stringify(rest)}}`;
    case "h": {
      // handle, type name and repr, separated by NULs (the repr last: it may hold anything)
      const a = rest.indexOf("\0");
      const b = rest.indexOf("\0", a + 1);
      return JSON.stringify({ ok: { $handle: Number(rest.slice(0, a)), $repr: rest.slice(b + 1), $type: rest.slice(a + 1, b) } });
    }
    default: // "j": the whole reply (a value of another type, or the Python exception) as JSON
      return rest;
  }
}
