// Starts a test server whose source runs in a worker thread (so a blocking client in the test's
// own thread cannot starve it): the worker posts `{ port }` once listening, counts requests in a
// shared cell, and stops on "close". Loopback only.
import { Worker } from "node:worker_threads";

export interface WorkerServer {
  readonly port: number;
  /** Requests the server has received so far. */
  hits(): number;
  close(): Promise<void>;
}

export async function startWorkerServer(source: string, data: Record<string, unknown> = {}): Promise<WorkerServer> {
  const hits = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(source, { eval: true, workerData: { hits: hits.buffer, ...data } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (m: { port: number }) => resolve(m.port));
    worker.once("error", reject);
  });
  return {
    port,
    hits: () => Atomics.load(hits, 0),
    close: () =>
      new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("close");
      }),
  };
}
