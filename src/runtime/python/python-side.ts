// The Python half of the bridge, run once inside the sandboxed Pyodide: value conversion to and
// from the JSON wire format, the handle table for objects that do not convert, and the import
// block for the modules that lead back to JavaScript. Text only; nothing here touches the host.

export const PYTHON_SIDE_SOURCE = String.raw`
import importlib as _importlib
import json as _json
import sys as _sys

_handles = {}
_next_handle = [1]

def _short_repr(o):
    try:
        text = repr(o)
    except BaseException:
        text = "<%s object>" % type(o).__name__
    return text if len(text) <= 200 else text[:197] + "..."

def _enc(o):
    if o is None:
        return None
    if isinstance(o, bool):
        return o
    if isinstance(o, int):
        return {"$int": str(o)}
    if isinstance(o, float):
        return {"$float": repr(o)}
    if isinstance(o, str):
        return o
    if isinstance(o, list):
        return [_enc(x) for x in o]
    if isinstance(o, tuple):
        return {"$tuple": [_enc(x) for x in o]}
    if isinstance(o, dict):
        return {"$map": [[_enc(k), _enc(v)] for k, v in o.items()]}
    if isinstance(o, (set, frozenset)):
        return {"$set": [_enc(x) for x in o]}
    return {"$handle": _handle_for(o), "$repr": _short_repr(o), "$type": type(o).__name__}

# One handle per object: a loop reading the same attribute (math.sqrt) does not grow the table.
# The table keeps each object alive, so its id() cannot be reused while its handle exists.
_handle_ids = {}

def _handle_for(o):
    h = _handle_ids.get(id(o))
    if h is None:
        h = _next_handle[0]
        _next_handle[0] += 1
        _handles[h] = o
        _handle_ids[id(o)] = h
    return h

def _dec(w):
    if isinstance(w, list):
        return [_dec(x) for x in w]
    if isinstance(w, dict):
        if "$int" in w:
            return int(w["$int"])
        if "$float" in w:
            return float(w["$float"])
        if "$tuple" in w:
            return tuple(_dec(x) for x in w["$tuple"])
        if "$map" in w:
            return {_dec(k): _dec(v) for k, v in w["$map"]}
        if "$set" in w:
            return {_dec(x) for x in w["$set"]}
        if "$handle" in w:
            return _handles[w["$handle"]]
    return w

def _capa_dispatch(request_json):
    # Output is forwarded as Python writes it; what is still buffered goes out before the reply,
    # so it lands before anything the Capa program prints next.
    try:
        return _capa_answer(request_json)
    finally:
        _capa_flush()

# py_invoke's fast path (call-codec.ts): the arguments arrive flat, a type code each, and the
# result leaves as tagged text; other values go through JSON as in _capa_answer.
def _capa_call(h, codes, *values):
    try:
        args = []
        for code, v in zip(codes, values):
            if code == "f":
                args.append(float(v))
            elif code == "i":
                args.append(int(v))
            elif code == "h":
                args.append(_handles[v])
            elif code == "j":
                args.append(_dec(_json.loads(v)))
            elif code == "n":
                args.append(None)
            else:
                args.append(v)
        return _capa_tagged(_handles[h](*args))
    except BaseException as e:
        return _capa_tagged_error(e)
    finally:
        _capa_flush()

def _capa_getattr(h, name):
    try:
        return _capa_tagged(getattr(_handles[h], name))
    except BaseException as e:
        return _capa_tagged_error(e)
    finally:
        _capa_flush()

# A result as call-codec.ts reads it: a tag, then the text.
def _capa_tagged(result):
    kind = type(result)
    if kind is float:
        return "f" + repr(result)
    if kind is int:
        return "i" + str(result)
    if kind is str:
        return "s" + result
    encoded = _enc(result)
    if isinstance(encoded, dict) and "$handle" in encoded:
        return "h%d\0%s\0%s" % (encoded["$handle"], encoded["$type"], encoded["$repr"])
    return "j" + _json.dumps({"ok": encoded})

def _capa_tagged_error(e):
    return "j" + _capa_error_reply(e)

# The reply for a Python exception, on either path.
def _capa_error_reply(e):
    return _json.dumps({"error": {"type": type(e).__name__, "message": str(e)}})

def _capa_flush():
    for stream in (_sys.stdout, _sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass

def _capa_answer(request_json):
    req = _json.loads(request_json)
    try:
        op = req["op"]
        if op == "import":
            result = _importlib.import_module(req["name"])
        elif op == "getattr":
            result = getattr(_handles[req["h"]], req["name"])
        elif op == "call":
            result = _dec(req["f"])(*[_dec(a) for a in req["args"]])
        else:
            raise ValueError("unknown bridge op " + repr(op))
        return _json.dumps({"ok": _enc(result)})
    except BaseException as e:
        return _capa_error_reply(e)

# Defence in depth (the process sandbox is the boundary): nothing the program's Python code can
# reach leads back to JavaScript. The modules that hand out JavaScript objects are not importable
# (js is the global scope, pyodide_js and pyodide_js._api are Pyodide's own API: mounting, fetch,
# package loading); the import hook forgets them; and the JavaScript handles Pyodide keeps in
# module globals are dropped (asyncio scheduling and package loading are not offered).
def _capa_seal():
    def _js_module(name):
        return name in ("js", "pyodide_js") or name.startswith("pyodide_js.")
    for name in [n for n in list(_sys.modules) if _js_module(n)]:
        _sys.modules[name] = None
    for finder in _sys.meta_path:
        registry = getattr(finder, "jsproxies", None)
        if isinstance(registry, dict):
            for name in [n for n in list(registry) if _js_module(n)]:
                del registry[name]
    from pyodide.ffi import JsProxy
    for module in list(_sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict) or isinstance(module, JsProxy):
            continue
        for key in [k for k, v in list(namespace.items()) if isinstance(v, JsProxy)]:
            namespace[key] = None

_capa_seal()
del _capa_seal
`;
