// The parent side of the Python bridge: one per program run, started lazily on the first
// `py_import` (a program that never reaches Python never spawns anything). Requests are JSON lines
// to the sandboxed child over a pair of FIFOs the interpreter thread reads and writes itself: it
// blocks in the read until the reply, serving the child's host calls (granted Fs/Net) and printed
// output meanwhile. A relay worker starts the child and reports how it ended.

import { spawnSync } from "node:child_process";
import { closeSync, constants as fsConstants, existsSync, mkdtempSync, openSync, realpathSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MessagePort, Worker } from "node:worker_threads";
import { workerThreads } from "../workerThreads.js";
import { writeAll } from "../capabilities/fdWrite.js";
import { abort, CapaAbort } from "../errors.js";
import { PYTHON_STOPPED, R, type PythonExceptionName } from "../messages.js";
import { capabilityTypeName, describeCapability } from "../capabilities/brand.js";
import type { Host } from "../capabilities/host.js";
import { PyObjectRef, typeNameOf, type PythonOwner, type Value } from "../values.js";
import { createGrantDispatcher, type GrantDispatcher } from "./grants/parent.js";
import { PYTHON_RELAY_SOURCE } from "./relay-source.js";
import { NotConvertible, fromWire, toWire } from "./wire.js";
import { lineReader } from "./lineReader.js";
import { deathReason, endReason, type ChildEnd, type ProcessEnd } from "./death.js";
import { PYTHON_CPU_SECONDS, PYTHON_JS_HEAP_MB, PYTHON_WASM_PAGES } from "./limits.js";
import { MAKE_SNAPSHOT, snapshotFile } from "./snapshot.js";

export interface PythonOptions {
  /** Shared slot where the process's pid is kept while it runs (0 otherwise). */
  readonly pidSlot?: Int32Array;
  /** Overrides the CPU bound (tests). */
  readonly cpuSeconds?: number;
}

interface Reply {
  ok?: unknown;
  error?: { type: string; message: string };
  out?: string;
  err?: string;
  host?: { op: string; args: unknown[] };
  ready?: number;
  /** With `ready`: the child started from the build's Pyodide memory snapshot. */
  fromSnapshot?: boolean;
  /** The child's last word before it exits on its own (see child-main.ts). */
  ended?: ChildEnd;
}

/** The open bridge: the FIFO ends this thread holds, and the relay that watches the child. */
interface Channel {
  readonly requests: number;
  readonly replies: number;
  /** The replies FIFO opened again, non-blocking: polled briefly before a blocking read (lineReader.ts). */
  readonly repliesPoll: number;
  readonly nextLine: () => string | null;
  readonly relay: Worker;
  /** The relay's reports (only how the child ended), with the counter it bumps for each. */
  readonly reports: MessagePort;
  readonly signal: Int32Array;
}

/** Where the sandboxed child's script lives: beside the bundle, or in dist/bundle from tsc output and sources. */
function childScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "python-child.mjs"), join(here, "..", "..", "..", "dist", "bundle", "python-child.mjs")];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw abort("RuntimeError", R.pythonUnavailable, "the sandbox script dist/bundle/python-child.mjs is missing (run `npm run build`)");
  return realpathSync(found);
}

function pyodideEntry(): string {
  const main = createRequire(import.meta.url).resolve("pyodide"); // <pkg>/pyodide.js
  // Real paths: some Node releases check permissions against the resolved file, not a symlink to it.
  return join(realpathSync(dirname(main)), "pyodide.mjs");
}

export class PythonBridge implements PythonOwner {
  private channel: Channel | null = null;
  private readonly grants: GrantDispatcher = createGrantDispatcher();
  /** Milliseconds the child took to load Pyodide (null until started), for `bench/python`. */
  loadMs: number | null = null;
  /** Whether the child started from the Pyodide memory snapshot (null until started). */
  fromSnapshot: boolean | null = null;

  private readonly cpuSeconds: number;

  constructor(private readonly host: Host, private readonly options: PythonOptions = {}) {
    this.cpuSeconds = options.cpuSeconds ?? PYTHON_CPU_SECONDS;
  }

  importModule(unsafe: Value, name: Value): Value {
    requireUnsafe("py_import", unsafe);
    return this.request({ op: "import", name: String(name) });
  }

  invoke(unsafe: Value, f: Value, args: Value): Value {
    requireUnsafe("py_invoke", unsafe);
    if (!(f instanceof PyObjectRef)) throw abort("RuntimeError", R.pythonNotCallable, typeNameOf(f));
    return this.request({ op: "call", f: { $handle: f.id }, args: this.wireAll(Array.isArray(args) ? args : []) });
  }

  getattr(ref: PyObjectRef, name: string): Value {
    return this.request({ op: "getattr", h: ref.id, name });
  }

  grant(unsafe: Value, cap: Value): Value {
    requireUnsafe("py_grant", unsafe);
    const r = this.grants.grant(cap);
    if (!r.ok) throw abort("RuntimeError", R.pythonGrantRefused, r.reason);
    this.request({ op: "grant", plan: r.plan });
    return undefined;
  }

  /** Stops the child (end of the run). Safe to call when Python was never started. */
  close(): void {
    const channel = this.channel;
    if (channel === null) return;
    this.channel = null;
    closeSync(channel.requests); // the child reads end-of-file and exits
    closeSync(channel.replies);
    closeSync(channel.repliesPoll);
    channel.reports.postMessage("stop");
    channel.reports.close();
    void channel.relay.terminate();
  }

  private wireAll(values: readonly Value[]): unknown[] {
    try {
      return values.map(toWire);
    } catch (e) {
      if (e instanceof NotConvertible) throw abort("RuntimeError", R.pythonConversion, e.typeName);
      throw e;
    }
  }

  private start(): Channel {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    const script = childScript();
    const pyodide = pyodideEntry();
    const snapshot = snapshotFile(script, pyodide);
    const args = pythonChildArgs(script, pyodide, existsSync(snapshot) ? snapshot : null);
    const fifos = makeFifos();
    let relay: Worker;
    let requests: number;
    let replies: number;
    let repliesPoll: number;
    try {
      relay = new Worker(PYTHON_RELAY_SOURCE, {
        eval: true,
        workerData: { port: port2, flag: flag.buffer, command: process.execPath, args, cpuSeconds: this.cpuSeconds, pidSlot: this.options.pidSlot?.buffer, requestFifo: fifos.requests, replyFifo: fifos.replies },
        transferList: [port2],
      });
      relay.unref();
      // Same order as the relay (each open waits for the other side's): requests, then replies.
      // A relay that cannot start the child still opens its ends once, so these never wait forever.
      requests = openSync(fifos.requests, fsConstants.O_WRONLY);
      replies = openSync(fifos.replies, fsConstants.O_RDONLY);
      repliesPoll = openSync(fifos.replies, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    } finally {
      rmSync(fifos.dir, { recursive: true, force: true }); // open ends outlive their names
    }
    const channel: Channel = { requests, replies, repliesPoll, nextLine: lineReader({ fd: replies, pollFd: repliesPoll }), relay, reports: port1, signal: flag };
    this.channel = channel;
    const ready = this.nextReply(channel);
    if (ready.ready === undefined) {
      this.close();
      throw abort("RuntimeError", R.pythonStopped, PYTHON_STOPPED.fatal());
    }
    this.loadMs = ready.ready;
    this.fromSnapshot = ready.fromSnapshot === true;
    return channel;
  }

  /** The child's next line; when it has ended instead, the run's error saying how. */
  private nextReply(channel: Channel): Reply {
    const line = channel.nextLine();
    if (line !== null) return JSON.parse(line) as Reply;
    const end = this.endOf(channel);
    this.close();
    throw abort("RuntimeError", R.pythonStopped, deathReason(end, this.cpuSeconds));
  }

  /** How the child ended, as the relay saw it (it reports once the process is gone). */
  private endOf(channel: Channel): ProcessEnd {
    for (;;) {
      const seen = Atomics.load(channel.signal, 0);
      const m = workerThreads().receiveMessageOnPort(channel.reports);
      if (m !== undefined) return (m.message as { dead: ProcessEnd }).dead;
      Atomics.wait(channel.signal, 0, seen);
    }
  }

  private request(req: object): Value {
    // What the program printed is written before Python may block (a run interrupted while Python
    // works must not lose it).
    this.host.flush();
    const channel = this.channel ?? this.start();
    writeAll(channel.requests, `${JSON.stringify(req)}\n`);
    for (;;) {
      const r = this.nextReply(channel);
      if (r.out !== undefined) this.host.writeStdout(r.out);
      else if (r.err !== undefined) this.host.writeStderr(r.err);
      else if (r.host !== undefined) writeAll(channel.requests, `${JSON.stringify(this.serveHostCall(r.host.op, r.host.args))}\n`);
      else if (r.error !== undefined) throw new CapaAbort(R.pythonException.code, r.error.type as PythonExceptionName, r.error.message);
      else if (r.ended !== undefined) {
        this.close();
        throw abort("RuntimeError", R.pythonStopped, endReason(r.ended));
      } else return fromWire(r.ok, this);
    }
  }

  private serveHostCall(op: string, args: unknown[]): { hostReply: unknown } | { hostError: string } {
    try {
      return { hostReply: this.grants.call(op, args) };
    } catch (e) {
      return { hostError: e instanceof Error ? e.message : String(e) };
    }
  }
}

/**
 * Node's arguments for the sandboxed child: the permission model (read the Pyodide package, the
 * child's script and, when given, the memory snapshot or the snapshot request; nothing else), no
 * code generation from strings, bounded heaps. The build makes its snapshot under the same flags.
 */
export function pythonChildArgs(script: string, pyodide: string, snapshot: string | null, makeSnapshot = false): string[] {
  return [
    `--max-old-space-size=${PYTHON_JS_HEAP_MB}`,
    `--wasm-max-mem-pages=${PYTHON_WASM_PAGES}`,
    permissionFlag(),
    `--allow-fs-read=${dirname(pyodide)}/*`,
    `--allow-fs-read=${script}`,
    ...(snapshot === null ? [] : [`--allow-fs-read=${snapshot}`]),
    "--disallow-code-generation-from-strings",
    "--no-warnings",
    script,
    pyodide,
    ...(makeSnapshot ? [MAKE_SNAPSHOT] : snapshot === null ? [] : [snapshot]),
  ];
}

/** A private folder holding the bridge's two FIFOs (named pipes): requests to the child, and its replies. */
function makeFifos(): { dir: string; requests: string; replies: string } {
  const dir = mkdtempSync(join(tmpdir(), "capa-python-"));
  const requests = join(dir, "requests");
  const replies = join(dir, "replies");
  const made = spawnSync("mkfifo", ["-m", "600", requests, replies], { encoding: "utf8" });
  if (made.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw abort("RuntimeError", R.pythonUnavailable, `could not create the bridge's pipes (mkfifo: ${(made.error?.message ?? made.stderr).trim()})`);
  }
  return { dir, requests, replies };
}

/** The paths the build needs to make the snapshot (the installed child script and Pyodide). */
export function pythonChildPaths(): { script: string; pyodide: string; snapshot: string } {
  const script = childScript();
  const pyodide = pyodideEntry();
  return { script, pyodide, snapshot: snapshotFile(script, pyodide) };
}

function requireUnsafe(fn: string, v: Value): void {
  if (capabilityTypeName(v) === "Unsafe") return;
  throw abort("RuntimeError", R.pythonUnsafe, fn, describeCapability(v) ?? typeNameOf(v));
}

/** The permission model's flag: `--permission` since Node 22.13 (Node 24 knows no other),
 * `--experimental-permission` before (Node 20). Asked of the running Node, not guessed from its version. */
export function permissionFlag(flags: ReadonlySet<string> = process.allowedNodeEnvironmentFlags): string {
  return flags.has("--permission") ? "--permission" : "--experimental-permission";
}
