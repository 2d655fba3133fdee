// Entry of the sandboxed Python process (bundled on its own as dist/bundle/python-child.mjs). The
// parent starts it with Node's permission model (read access to the Pyodide package and this file
// only; no writes, no child processes, no workers), code generation from strings disallowed (so
// Python cannot reach JavaScript's Function constructor) and an empty environment. It speaks
// JSON lines on stdin/stdout: requests from the parent, replies, Python's printed output, and
// synchronous host calls for granted capabilities. Holds no authority of its own.

import { constants as fsConstants, readSync, writeSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { pathToFileURL } from "node:url";
import { createGrantInstaller, type PyodideLike } from "./grants/child.js";
import type { HostCall } from "./host-call.js";
import { PYTHON_SIDE_SOURCE } from "./python-side.js";

// Pyodide's NODEFS asks `process.binding("constants")` for open flags, which the permission
// model refuses; answer exactly that, and nothing else.
Object.defineProperty(process, "binding", {
  value: (name: string) => {
    if (name === "constants") return { fs: fsConstants };
    throw new Error("process.binding is not available in the Capa Python sandbox");
  },
});

const input = lineReader();
const send = (message: unknown): void => {
  const line = `${JSON.stringify(message)}\n`;
  writeSync(1, line);
};

const hostCall: HostCall = (op, args) => {
  send({ host: { op, args } });
  const reply = JSON.parse(input() ?? '{"hostError":"the Capa program closed the Python bridge"}') as { hostReply?: unknown; hostError?: string };
  if (reply.hostError !== undefined) throw new Error(reply.hostError);
  return reply.hostReply;
};

const started = performance.now();
const { loadPyodide } = (await import(pathToFileURL(process.argv[2]!).href)) as typeof import("pyodide");
const pyodide = await loadPyodide({
  jsglobals: Object.create(null) as object,
  env: {},
  stdout: (text: string) => send({ out: `${text}\n` }),
  stderr: (text: string) => send({ err: `${text}\n` }),
});
pyodide.runPython(PYTHON_SIDE_SOURCE);
const dispatch = pyodide.globals.get("_capa_dispatch") as (json: string) => string;
const grants = createGrantInstaller(pyodide as unknown as PyodideLike, hostCall);
send({ ready: Math.round(performance.now() - started) });

for (let line = input(); line !== null; line = input()) {
  const req = JSON.parse(line) as { op: string; plan?: unknown };
  if (req.op === "grant") {
    try {
      grants.install(req.plan as Parameters<typeof grants.install>[0]);
      send({ ok: null });
    } catch (e) {
      send({ error: { type: "PermissionError", message: e instanceof Error ? e.message : String(e) } });
    }
    continue;
  }
  writeSync(1, `${dispatch(line)}\n`);
}
process.exit(0);

/** Blocking line reader over stdin (fd 0): the host-call protocol must wait inside Python code. */
function lineReader(): () => string | null {
  const chunk = Buffer.alloc(64 * 1024);
  const utf8 = new StringDecoder("utf8"); // a read may end inside a multi-byte character
  let pending = "";
  return () => {
    for (;;) {
      const nl = pending.indexOf("\n");
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      let n: number;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        return null;
      }
      if (n === 0) return null;
      pending += utf8.write(chunk.subarray(0, n));
    }
  };
}
