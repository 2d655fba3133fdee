// Python source of the modules the grant installer puts into the Python runtime: `capa_net` (HTTP
// through the granted Net) and `_capa_fs_denials` (gives filesystem PermissionErrors the gate's words).
// Both talk to the parent only through the `_capa_host` JS module; neither holds any authority.

/** `capa_net`: installed when a Net capability is granted. */
export const CAPA_NET_SOURCE = `\
"""HTTP through the Net capability the Capa program granted to Python (py_grant).

Each request is performed by the Capa parent with that capability, so its gate checks the scheme
and the host, and every redirect, before any connection. A refusal raises PermissionError (errno
EACCES) carrying the gate's message; a request that was allowed but failed raises NetError.
"""
import errno as _errno
import json as _json

import _capa_host

__all__ = ["get", "post", "NetError"]


class NetError(OSError):
    """An allowed HTTP request that failed: HTTP status, connection error, timeout, body too large."""


def _text(value, what):
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    raise TypeError(f"{what} must be str or UTF-8 bytes, not {type(value).__name__}")


def _request(op, args):
    reply = _json.loads(_capa_host.call(op, _json.dumps(args)))
    if "denied" in reply:
        raise PermissionError(_errno.EACCES, reply["denied"])
    if "error" in reply:
        raise NetError(reply["error"]["message"])
    return reply["ok"]


def get(url):
    """GET url and return the body as str (invalid UTF-8 replaced)."""
    return _request("net.get", [_text(url, "url")])


def post(url, body):
    """POST body (str, sent as UTF-8, application/octet-stream) to url and return the response body."""
    return _request("net.post", [_text(url, "url"), _text(body, "body")])
`;

/** `_capa_fs_denials`: imported once when an Fs capability is granted; patches os and open. */
export const CAPA_FS_DENIALS_SOURCE = `\
"""Gives PermissionErrors from the granted-Fs mount the Capa gate's message.

Emscripten reports a refused filesystem call as a bare errno; the mount records the gate's words
and these wrappers put them into the PermissionError (errno EACCES) that Python code sees.
"""
import builtins as _builtins
import errno as _errno
import functools as _functools
import io as _io
import os as _os

import _capa_host


def _with_gate_message(fn):
    @_functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _capa_host.clear_denial()
        try:
            return fn(*args, **kwargs)
        except PermissionError as e:
            message = _capa_host.take_denial()
            if message is None:
                raise
            raise PermissionError(_errno.EACCES, message, e.filename) from None
    wrapper.__capa_wrapped__ = True
    return wrapper


def _install():
    if getattr(_io.open, "__capa_wrapped__", False):
        return
    _io.open = _builtins.open = _with_gate_message(_io.open)
    for name in ("open", "stat", "lstat", "listdir", "scandir", "mkdir", "remove", "unlink", "rmdir",
                 "rename", "replace", "symlink", "readlink", "truncate", "access", "chmod", "utime"):
        fn = getattr(_os, name, None)
        if fn is not None:
            setattr(_os, name, _with_gate_message(fn))


_install()
`;
