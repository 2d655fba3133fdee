// A tiny forward proxy on 127.0.0.1, in its own thread (a Net call blocks the test thread). It
// never connects anywhere: it answers a proxied request itself, saying what it was asked, refuses
// every CONNECT with a reason naming the tunnel target, and answers an origin-form request
// (a client that did not use it as a proxy) as a plain server.
import { startWorkerServer } from "./workerServer.js";

const PROXY_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const hits = new Int32Array(workerData.hits);
const server = http.createServer((req, res) => {
  Atomics.add(hits, 0, 1);
  const auth = req.headers["proxy-authorization"] || "none";
  if (req.url.startsWith("/")) { res.end("direct " + req.method + " " + req.url); return; }
  res.end("proxied " + req.method + " " + req.url + " host=" + req.headers.host + " auth=" + auth);
});
server.on("connect", (req, socket) => {
  Atomics.add(hits, 0, 1);
  socket.end("HTTP/1.1 403 Denied " + req.url + "\r\n\r\n");
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => { if (m === "close") { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

export interface TestProxy {
  port: number;
  /** Requests (CONNECTs included) the proxy has received so far. */
  hits(): number;
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  return startWorkerServer(PROXY_SOURCE);
}
