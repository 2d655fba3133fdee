// Test HTTP server on 127.0.0.1 running in its own thread, so it keeps serving while a Net call blocks the test thread.
import { startWorkerServer } from "./workerServer.js";

const SERVER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const hits = new Int32Array(workerData.hits);
const server = http.createServer((req, res) => {
  Atomics.add(hits, 0, 1);
  const url = new URL(req.url, "http://127.0.0.1");
  const p = url.pathname;
  const port = server.address().port;
  if (p === "/hello") { res.end("hello from " + req.headers.host); return; }
  if (p === "/echo") {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => res.end(req.method + " " + (req.headers["content-type"] || "") + " " + Buffer.concat(chunks).toString()));
    return;
  }
  if (p === "/redirect-same") { res.writeHead(302, { Location: "/hello" }); res.end(); return; }
  if (p === "/redirect-denied") { res.writeHead(302, { Location: "http://localhost:" + port + "/hello" }); res.end(); return; }
  if (p === "/redirect-numeric") { res.writeHead(301, { Location: "http://2130706433:" + port + "/hello" }); res.end(); return; }
  if (p === "/redirect-backslash") { res.writeHead(302, { Location: "http://127.0.0.1:" + port + "\\@localhost/hello" }); res.end(); return; }
  if (p === "/redirect-ftp") { res.writeHead(302, { Location: "ftp://127.0.0.1/x" }); res.end(); return; }
  if (p === "/loop") { res.writeHead(302, { Location: "/loop" }); res.end(); return; }
  if (p.startsWith("/chain/")) { const n = Number(p.slice(7)); res.writeHead(302, { Location: "/chain/" + (n + 1) }); res.end(); return; }
  if (p === "/post-303") { res.writeHead(303, { Location: "/echo" }); res.end(); return; }
  if (p === "/post-307") { res.writeHead(307, "Temporary Redirect", { Location: "/echo" }); res.end(); return; }
  if (p === "/missing") { res.writeHead(404, "Not Found"); res.end("nope"); return; }
  if (p === "/bad-utf8") { res.end(Buffer.from([0x61, 0xff, 0x62])); return; }
  if (p === "/big-declared") { res.writeHead(200, { "Content-Length": String(workerData.big) }); res.end(Buffer.alloc(workerData.big, 97)); return; }
  if (p === "/big-chunked") {
    res.writeHead(200);
    let sent = 0;
    const pump = () => { while (sent < workerData.big) { sent += 1024; if (!res.write(Buffer.alloc(1024, 98))) { res.once("drain", pump); return; } } res.end(); };
    pump();
    return;
  }
  if (p === "/slow") { setTimeout(() => { res.end("late"); }, 5000); return; }
  if (p === "/slow-body") { res.writeHead(200); res.write("start"); setTimeout(() => res.end("late"), 5000); return; }
  res.writeHead(500); res.end("unknown path " + p);
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => { if (m === "close") { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

export interface TestServer {
  port: number;
  /** Requests the server has received so far. */
  hits(): number;
  close(): Promise<void>;
}

/** Starts the server; `bigBytes` sizes the oversize-body responses. */
export async function startTestServer(bigBytes: number): Promise<TestServer> {
  return startWorkerServer(SERVER_SOURCE, { big: bigBytes });
}
