// Source of the worker thread that owns one Serve listener and its connections. It performs the
// socket operations it is asked for and decides no authority (the Serve gate already has).
//
// Kept as a string (run with `eval: true`) so it loads identically from TypeScript sources under
// vitest and from compiled `dist/`. Protocol: the caller posts one request on the port and blocks
// on `flag`; the worker posts exactly one reply, sets flag[0] = 1 and notifies. Every wait in here
// is bounded by the timeout the request carries.
export const SERVE_WORKER_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const net = require("node:net");
const dns = require("node:dns");
const { port, flag, backlog, maxRead } = workerData;
const signal = new Int32Array(flag);

let server = null;
const waiting = [];       // accepted by the kernel, not yet by the program
let acceptWaiter = null;
const conns = new Map();  // id -> { socket, chunks, buffered, ended, error, waiter }

function reply(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
const failure = (e) => ({ kind: "error", code: (e && e.code) || null, message: String((e && e.message) || e) });

function track(id, socket) {
  const c = { socket, chunks: [], buffered: 0, ended: false, error: null, waiter: null };
  socket.on("data", (chunk) => {
    c.chunks.push(chunk);
    c.buffered += chunk.length;
    if (c.buffered >= maxRead) socket.pause(); // the program reads at most maxRead at a time
    wake(c);
  });
  socket.on("end", () => { c.ended = true; wake(c); });
  socket.on("error", (e) => { c.error = e; wake(c); });
  socket.on("close", () => { c.ended = true; wake(c); });
  socket.resume();
  conns.set(id, c);
}

function wake(c) {
  const w = c.waiter;
  if (w) { c.waiter = null; w(); }
}

function take(c, max) {
  const all = Buffer.concat(c.chunks);
  const out = all.subarray(0, max);
  const rest = all.subarray(out.length);
  c.chunks = rest.length > 0 ? [rest] : [];
  c.buffered = rest.length;
  if (c.buffered < maxRead) c.socket.resume();
  return Array.from(out);
}

const handlers = {
  listen(req) {
    const start = (host) => {
      server = net.createServer({ pauseOnConnect: true }, (socket) => {
        if (acceptWaiter) { const w = acceptWaiter; acceptWaiter = null; w(socket); }
        else waiting.push(socket);
      });
      server.once("error", (e) => { server = null; reply(failure(e)); });
      server.listen({ host, port: req.port, backlog, exclusive: true }, () => {
        server.removeAllListeners("error");
        server.on("error", () => {});
        reply({ kind: "ok", port: server.address().port });
      });
    };
    if (req.addr === "") return start("0.0.0.0");
    if (net.isIPv4(req.addr)) return start(req.addr);
    dns.lookup(req.addr, { family: 4 }, (e, address) => (e ? reply(failure(e)) : start(address)));
  },
  accept(req) {
    const finish = (socket) => { track(req.id, socket); reply({ kind: "ok" }); };
    if (waiting.length > 0) return finish(waiting.shift());
    const timer = setTimeout(() => { acceptWaiter = null; reply({ kind: "timeout" }); }, req.timeoutMs);
    acceptWaiter = (socket) => { clearTimeout(timer); finish(socket); };
  },
  recv(req) {
    const c = conns.get(req.id);
    const attempt = () => {
      if (c.buffered > 0) return reply({ kind: "ok", bytes: take(c, req.max) }), true;
      if (c.error) return reply(failure(c.error)), true;
      if (c.ended) return reply({ kind: "ok", bytes: [] }), true;
      return false;
    };
    if (attempt()) return;
    const timer = setTimeout(() => { c.waiter = null; reply({ kind: "timeout" }); }, req.timeoutMs);
    const retry = () => { if (attempt()) clearTimeout(timer); else c.waiter = retry; };
    c.waiter = retry;
  },
  send(req) {
    const c = conns.get(req.id);
    let done = false;
    const timer = setTimeout(() => { if (!done) { done = true; reply({ kind: "timeout" }); } }, req.timeoutMs);
    c.socket.write(Buffer.from(req.bytes), (e) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reply(e ? failure(e) : { kind: "ok" });
    });
  },
  close(req) {
    const c = conns.get(req.id);
    conns.delete(req.id);
    if (c) c.socket.destroySoon();
    reply({ kind: "ok" });
  },
  stop() {
    for (const c of conns.values()) c.socket.destroy();
    conns.clear();
    for (const s of waiting.splice(0)) s.destroy();
    if (server) server.close();
    server = null;
    reply({ kind: "ok" });
  },
};

port.on("message", (req) => {
  try { handlers[req.op](req); } catch (e) { reply(failure(e)); }
});
`;
