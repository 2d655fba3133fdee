// Synchronous sockets for the synchronous interpreter: one worker per listening Serve holds the
// listener and its connections while the caller blocks on Atomics.wait (as Net's transport does).
import { workerThreads } from "../workerThreads.js";
import { SERVE_WORKER_SOURCE } from "./serveWorkerSource.js";

export type SocketRequest =
  | { op: "listen"; addr: string; port: number }
  | { op: "accept"; id: number; timeoutMs: number }
  | { op: "recv"; id: number; max: number; timeoutMs: number }
  | { op: "send"; id: number; bytes: number[]; timeoutMs: number }
  | { op: "close"; id: number }
  | { op: "stop" };

export type SocketReply =
  | { kind: "ok"; port?: number; bytes?: number[] }
  | { kind: "timeout" }
  | { kind: "error"; code: string | null; message: string };

export interface ListenerSession {
  /** Performs one operation; the worker bounds it, `graceMs` more bounds the wait for its reply. */
  call(request: SocketRequest, timeoutMs: number): SocketReply;
  close(): void;
}

/** Extra wait for a reply beyond the operation's own bound. */
const REPLY_GRACE_MS = 5_000;

export function openListenerSession(backlog: number, maxRead: number): ListenerSession {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { MessageChannel, Worker, receiveMessageOnPort } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(SERVE_WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, flag: flag.buffer, backlog, maxRead },
    transferList: [port2],
  });
  worker.unref(); // a listener the program never stopped must not keep the process alive
  let closed = false;
  return {
    call(request, timeoutMs) {
      if (closed) return { kind: "error", code: null, message: "the listener is closed" };
      Atomics.store(flag, 0, 0);
      port1.postMessage(request);
      Atomics.wait(flag, 0, 0, timeoutMs + REPLY_GRACE_MS);
      const received = receiveMessageOnPort(port1);
      return received ? (received.message as SocketReply) : { kind: "error", code: null, message: "the socket worker sent no reply" };
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}
