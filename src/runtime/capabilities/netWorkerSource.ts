// Source of the worker thread that performs ONE HTTP hop per message, directly or through the proxy
// it is handed; it never follows redirects or decides authority.
//
// Kept as a string (run with `eval: true`) so it loads identically from TypeScript sources under
// vitest and from compiled `dist/`. Protocol: the caller posts a hop request on the port, then
// blocks on `flag`; the worker posts exactly one reply, sets flag[0] = 1 and notifies.
export const NET_WORKER_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const http = require("node:http");
const https = require("node:https");
const net = require("node:net");
const tls = require("node:tls");
const { port, flag, maxBodyBytes } = workerData;
const signal = new Int32Array(flag);

function reply(message, transfer) {
  port.postMessage(message, transfer || []);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on("message", (req) => {
  let done = false;
  const finish = (message, transfer) => {
    if (done) return;
    done = true;
    reply(message, transfer);
  };
  const failWith = (e) => finish({ kind: "error", code: (e && e.code) || null, message: String((e && e.message) || e) });
  const onResponse = (res) => {
    const status = res.statusCode || 0;
    const reason = res.statusMessage || "";
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      res.destroy();
      finish({ kind: "redirect", status, reason, location: String(location) });
      return;
    }
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      res.destroy();
      finish({ kind: "too-large" });
      return;
    }
    const chunks = [];
    let total = 0;
    res.on("data", (chunk) => {
      total += chunk.length;
      if (total > maxBodyBytes) {
        res.destroy();
        finish({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    res.on("end", () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      finish({ kind: "response", status, reason, body }, [body.buffer]);
    });
    res.on("error", failWith);
    res.on("close", () => failWith({ code: "ECONNRESET", message: "connection closed before the response completed" }));
  };
  const target = {
    protocol: req.protocol,
    hostname: req.hostname,
    port: req.port,
    path: req.path,
    method: req.method,
    headers: req.headers,
    agent: false,
  };
  const proxy = req.proxy;
  const proxyHeaders = proxy && proxy.authorization ? { "Proxy-Authorization": proxy.authorization } : {};
  let request;
  try {
    if (!proxy) {
      request = (req.protocol === "https:" ? https : http).request(target, onResponse);
    } else if (req.protocol === "http:") {
      // Plain HTTP through a proxy: the request line carries the absolute URL of the target.
      request = http.request(
        { protocol: "http:", hostname: proxy.hostname, port: proxy.port, path: req.absoluteUrl, method: req.method, headers: { ...req.headers, Host: req.hostHeader, ...proxyHeaders }, agent: false },
        onResponse,
      );
    } else {
      // HTTPS through a proxy: a CONNECT tunnel to the target, then TLS with the target itself.
      request = http.request({ hostname: proxy.hostname, port: proxy.port, method: "CONNECT", path: req.hostHeader, headers: { Host: req.hostHeader, ...proxyHeaders }, agent: false });
      request.on("connect", (res, socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          failWith({ code: null, message: "Tunnel connection failed: " + res.statusCode + " " + (res.statusMessage || "") });
          return;
        }
        const servername = net.isIP(req.hostname) ? undefined : req.hostname;
        let inner;
        try {
          inner = https.request({ ...target, createConnection: () => tls.connect({ socket, servername }) }, onResponse);
        } catch (e) {
          failWith(e);
          return;
        }
        inner.on("error", failWith);
        if (req.body) inner.write(Buffer.from(req.body));
        inner.end();
      });
      request.on("error", failWith);
      request.end();
      return;
    }
  } catch (e) {
    failWith(e);
    return;
  }
  request.on("error", failWith);
  if (req.body) request.write(Buffer.from(req.body));
  request.end();
});
`;
