// Synchronous HTTP for the synchronous interpreter: a worker does the I/O while the caller blocks on Atomics.wait.
// It performs exactly the hop it is given; authority decisions belong to the Net gate, never here.
import { workerThreads } from "../workerThreads.js";
import { NET_WORKER_SOURCE } from "./netWorkerSource.js";

export interface HopRequest {
  protocol: "http:" | "https:";
  hostname: string;
  port: number;
  path: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** The proxy to go through (the gate has already checked the target host), else null. */
  proxy: { hostname: string; port: number; authorization: string | null } | null;
  /** `host[:port]` of the target: the Host header and the CONNECT authority through a proxy. */
  hostHeader: string;
  /** The target's absolute URL, the request line of plain HTTP through a proxy. */
  absoluteUrl: string;
}

export type HopResult =
  | { kind: "response"; status: number; reason: string; body: Uint8Array }
  | { kind: "redirect"; status: number; reason: string; location: string }
  | { kind: "too-large" }
  | { kind: "error"; code: string | null; message: string }
  | { kind: "timeout" };

export interface SyncHttpSession {
  /** Performs one hop, blocking at most `timeoutMs`. */
  send(request: HopRequest, timeoutMs: number): HopResult;
  close(): void;
}

export function openSyncHttpSession(maxBodyBytes: number): SyncHttpSession {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { MessageChannel, Worker, receiveMessageOnPort } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(NET_WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, flag: flag.buffer, maxBodyBytes },
    transferList: [port2],
  });
  worker.unref();
  let closed = false;
  return {
    send(request, timeoutMs) {
      Atomics.store(flag, 0, 0);
      port1.postMessage(request);
      const outcome = Atomics.wait(flag, 0, 0, Math.max(0, timeoutMs));
      const received = receiveMessageOnPort(port1);
      if (received) return received.message as HopResult;
      return outcome === "timed-out" ? { kind: "timeout" } : { kind: "error", code: null, message: "the HTTP worker sent no reply" };
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      // Terminating aborts any hop still running (a slow server past the deadline).
      void worker.terminate();
    },
  };
}
