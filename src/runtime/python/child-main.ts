// Entry of the sandboxed Python process (bundled on its own as dist/bundle/python-child.mjs). The
// parent starts it with Node's permission model (read access to the Pyodide package and this file
// only; no writes, no child processes, no workers), code generation from strings disallowed (so
// Python cannot reach JavaScript's Function constructor) and an empty environment. It speaks
// JSON lines on stdin/stdout: requests from the parent, replies, Python's printed output, and
// synchronous host calls for granted capabilities. Holds no authority of its own.

import { constants as fsConstants, readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { pathToFileURL } from "node:url";
import { createGrantInstaller, type PyodideLike } from "./grants/child.js";
import type { HostCall } from "./host-call.js";
import { PYTHON_SIDE_SOURCE } from "./python-side.js";
import { writeAll } from "../capabilities/fdWrite.js";
import { lineReader } from "./lineReader.js";
import { callReply, FAST_CALL_MAX_ARGS, getattrReply, type PythonCall, type PythonGetattr } from "./call-codec.js";
import { MAKE_SNAPSHOT, SNAPSHOT_FRAME } from "./snapshot.js";
import { REPLY_FD, REQUEST_FD, REQUEST_POLL_FD } from "./channel-fds.js";

// Pyodide's NODEFS asks `process.binding("constants")` for open flags, which the permission
// model refuses; answer exactly that, and nothing else.
Object.defineProperty(process, "binding", {
  value: (name: string) => {
    if (name === "constants") return { fs: fsConstants };
    throw new Error("process.binding is not available in the Capa Python sandbox");
  },
});

// The bridge's two FIFOs, opened blocking by the relay (relay-source.ts), as fds of their own:
// Node makes a standard stream non-blocking once anything (Pyodide does) touches it, and a
// non-blocking read would spin instead of sleeping until the parent's next request.
const input = lineReader({ fd: REQUEST_FD, pollFd: REQUEST_POLL_FD });
// Whole lines only: a pipe that is full takes part of a write, and a cut line would corrupt the protocol.
const send = (message: unknown): void => writeAll(REPLY_FD, `${JSON.stringify(message)}\n`);

/** A request line from the bridge, as far as this file reads it (python-side.ts reads the rest). */
interface Request {
  readonly op: string;
  readonly plan?: unknown;
  readonly f?: { readonly $handle?: unknown };
  readonly args?: unknown;
  readonly h?: unknown;
  readonly name?: unknown;
}

const hostCall: HostCall = (op, args) => {
  send({ host: { op, args } });
  const reply = JSON.parse(input() ?? '{"hostError":"the Capa program closed the Python bridge"}') as { hostReply?: unknown; hostError?: string };
  if (reply.hostError !== undefined) throw new Error(reply.hostError);
  return reply.hostReply;
};

const started = performance.now();
const { loadPyodide } = (await import(pathToFileURL(process.argv[2]!).href)) as typeof import("pyodide");
// argv[3]: the memory snapshot to start from (its file is the one extra path the parent lets this
// process read), or MAKE_SNAPSHOT when the build asks for one, or nothing.
const extra = process.argv[3];
let fromSnapshot = false;
const pyodide = await loadInterpreter(extra === MAKE_SNAPSHOT ? "make" : extra);
if (extra === MAKE_SNAPSHOT) {
  // Framed, so anything Pyodide printed while loading cannot be mistaken for the image.
  const image = Buffer.from(pyodide.makeMemorySnapshot());
  writeAll(1, `${SNAPSHOT_FRAME} ${image.length}\n`);
  writeAll(1, image);
  process.exit(0);
}
// Python's output as it is written, in pieces of at most OUTPUT_CHUNK bytes: a 200 MB line is
// streamed to the program's stdout, never held whole in one message.
pyodide.setStdout({ write: forwardOutput("out") });
pyodide.setStderr({ write: forwardOutput("err") });
pyodide.runPython(PYTHON_SIDE_SOURCE);
const dispatch = pyodide.globals.get("_capa_dispatch") as (json: string) => string;
const call = pyodide.globals.get("_capa_call") as PythonCall;
const getattr = pyodide.globals.get("_capa_getattr") as PythonGetattr;
const grants = createGrantInstaller(pyodide as unknown as PyodideLike, hostCall);
send({ ready: Math.round(performance.now() - started), fromSnapshot });

for (let line = input(); line !== null; line = input()) {
  const req = JSON.parse(line) as Request;
  if (req.op === "grant") {
    try {
      grants.install(req.plan as Parameters<typeof grants.install>[0]);
      send({ ok: null });
    } catch (e) {
      send({ error: { type: "PermissionError", message: e instanceof Error ? e.message : String(e) } });
    }
    continue;
  }
  let reply: string;
  try {
    reply = fastReply(req) ?? dispatch(line);
  } catch (e) {
    // `os._exit(n)` reaches here as Emscripten's ExitStatus; anything else is Pyodide failing
    // (a JavaScript stack overflow under deep recursion, most often). The parent is told which,
    // as data, and words it; no JavaScript trace is printed.
    send({ ended: endOf(e) });
    process.exit(1);
  }
  writeAll(REPLY_FD, `${reply}\n`);
}
process.exit(0);

/** The reply by the fast path (call-codec.ts) for a call or an attribute read, else null. */
function fastReply(req: Request): string | null {
  const handle = req.f?.$handle;
  if (req.op === "call" && typeof handle === "number" && Array.isArray(req.args) && req.args.length <= FAST_CALL_MAX_ARGS) return callReply(call, handle, req.args);
  if (req.op === "getattr" && typeof req.h === "number" && typeof req.name === "string") return getattrReply(getattr, req.h, req.name);
  return null;
}

/**
 * Pyodide, fresh or from the memory snapshot the build made (the interpreter already initialised:
 * several times faster than a fresh load). Same options either way: no JavaScript globals, an
 * empty environment. A snapshot that does not load (another Pyodide made it) falls back to a
 * fresh load; the program's Python code runs only after this, in either case.
 */
async function loadInterpreter(snapshot: string | undefined): Promise<Awaited<ReturnType<typeof loadPyodide>>> {
  const options = { jsglobals: Object.create(null) as object, env: {} };
  if (snapshot === "make") return loadPyodide({ ...options, _makeSnapshot: true });
  if (snapshot !== undefined) {
    try {
      const restored = await loadPyodide({ ...options, _loadSnapshot: readFileSync(snapshot) });
      fromSnapshot = true;
      return restored;
    } catch {
      // not this Pyodide's snapshot: load afresh below
    }
  }
  return loadPyodide(options);
}

/** How a dispatch that threw ended the process: `os._exit(n)`, a stack overflow, or another failure. */
function endOf(e: unknown): { exited: number } | { failure: "stack" | "memory" | "fatal" } {
  const error = e as { name?: unknown; status?: unknown; message?: unknown } | null;
  // Pyodide reports `os._exit(n)` as an error named "Exit" (Emscripten's ExitStatus) carrying `status`.
  if ((error?.name === "Exit" || error?.name === "ExitStatus") && Number.isInteger(error.status)) return { exited: error.status as number };
  const message = String(error?.message ?? "");
  if (e instanceof RangeError && /call stack/i.test(message)) return { failure: "stack" };
  if (/memory/i.test(message)) return { failure: "memory" };
  return { failure: "fatal" };
}

/** One piece of a Python output stream per message; a character cut between writes stays whole. */
function forwardOutput(stream: "out" | "err"): (buffer: Uint8Array) => number {
  const OUTPUT_CHUNK = 64 * 1024;
  const utf8 = new StringDecoder("utf8");
  return (buffer) => {
    for (let at = 0; at < buffer.length; at += OUTPUT_CHUNK) {
      const text = utf8.write(Buffer.from(buffer.subarray(at, Math.min(buffer.length, at + OUTPUT_CHUNK))));
      if (text !== "") send({ [stream]: text });
    }
    return buffer.length;
  };
}
