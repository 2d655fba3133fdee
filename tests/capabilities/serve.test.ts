// Serve: attenuation decided before any socket exists, and a real client (a separate Node process,
// since the synchronous capability blocks this thread) talking to a listener on 127.0.0.1.
// Every wait is bounded: the capability's limits are small here and each client has a timeout.
import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { createServe, type ServeLimits } from "../../src/runtime/capabilities/serve.js";
import { parseServeRule } from "../../src/runtime/capabilities/serveRules.js";

const LIMITS: ServeLimits = { acceptTimeoutMs: 3000, connTimeoutMs: 3000, maxReadBytes: 1 << 20, backlog: 8 };
const gates: Array<[string, string, boolean]> = [];
const serve = (limits = LIMITS) => createServe({ ...createCapturingHost(), observeGate: (c, m, a) => void gates.push([c, m, a]) }, limits);

/** A client process: connects, sends `payload`, prints what it receives until the server closes. */
function client(port: number, payload: string): { child: ChildProcess; output: Promise<string> } {
  const script = `
    const s = require("node:net").connect(${port}, "127.0.0.1", () => s.write(${JSON.stringify(payload)}));
    const got = [];
    s.on("data", (d) => got.push(d));
    s.on("close", () => { process.stdout.write(Buffer.concat(got), () => process.exit(0)); });
    s.on("error", (e) => { process.stdout.write("ERROR " + e.code); process.exit(0); });
    setTimeout(() => { process.stdout.write("CLIENT TIMEOUT"); process.exit(0); }, 5000);
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const output = new Promise<string>((resolve) => {
    let text = "";
    child.stdout!.on("data", (d: Buffer) => (text += d.toString("latin1")));
    child.on("close", () => resolve(text));
  });
  return { child, output };
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const bytes = (s: string): bigint[] => [...Buffer.from(s, "latin1")].map((b) => BigInt(b));
const text = (xs: bigint[]): string => Buffer.from(xs.map(Number)).toString("latin1");

describe("Serve with a real client", () => {
  it("serves an HTTP request: recv, send, close, EOF, stop", async () => {
    const s = serve().restrict_to("127.0.0.1:*");
    expect(s.listen("127.0.0.1", 0n)).toEqual({ ok: true, value: undefined });
    const port = s.local_port();
    if (!port.ok) throw new Error("no port");
    expect(port.value).toBeGreaterThan(0n);
    const c = client(Number(port.value), "GET /hello HTTP/1.0\r\nHost: x\r\n\r\n");
    const conn = s.accept();
    expect(conn).toEqual({ ok: true, value: 1n });
    let request = "";
    while (!request.includes("\r\n\r\n")) {
      const got = s.recv(1n, 4096n);
      if (!got.ok || got.value.length === 0) break;
      request += text(got.value);
    }
    expect(request.split("\r\n")[0]).toBe("GET /hello HTTP/1.0");
    expect(s.accept()).toEqual({ ok: false, error: { message: "Serve handles one connection at a time", cause: "close the open connection before accepting another" } });
    // Each element is masked to a byte, as the reference does.
    expect(s.send(1n, [...bytes("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi"), 256n + 33n, -1n])).toEqual({ ok: true, value: undefined });
    expect(s.close(1n)).toEqual({ ok: true, value: undefined });
    expect(await c.output).toBe("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi!\xff");
    expect(s.recv(1n, 16n)).toEqual({ ok: false, error: { message: "unknown connection", cause: "no open connection with id 1" } });
    expect(s.stop()).toEqual({ ok: true, value: undefined });
    expect(s.stop()).toEqual({ ok: false, error: { message: "Serve is not listening", cause: "call listen(addr, port) first" } });
    // Every operation is heard by --observe-authority, not only the listen decision.
    for (const method of ["listen", "local_port", "accept", "recv", "send", "close", "stop"]) expect(gates).toContainEqual(["Serve", method, true]);
  });

  it("recv reports the peer's close as an empty list; ids count up", async () => {
    const s = serve();
    s.listen("127.0.0.1", 0n);
    const port = Number((s.local_port() as { ok: true; value: bigint }).value);
    for (const expectedId of [1n, 2n]) {
      const c = client(port, "bye");
      expect(s.accept()).toEqual({ ok: true, value: expectedId });
      let all = "";
      for (let i = 0; i < 10; i++) {
        const got = s.recv(expectedId, 2n);
        if (!got.ok) throw new Error(got.error.message);
        if (got.value.length === 0) break;
        expect(got.value.length).toBeLessThanOrEqual(2);
        all += text(got.value);
        if (all === "bye") c.child.kill(); // the client going away is EOF for the server
      }
      expect(all).toBe("bye");
      s.close(expectedId);
      await c.output;
    }
    s.stop();
  });

  it("accept and recv are bounded: they time out with an Err", async () => {
    const idle = serve({ ...LIMITS, acceptTimeoutMs: 200 });
    idle.listen("127.0.0.1", 0n);
    const started = Date.now();
    expect(idle.accept()).toEqual({ ok: false, error: { message: "accept timed out", cause: "0.2s elapsed with no inbound connection" } });
    expect(Date.now() - started).toBeLessThan(3000);
    idle.stop();
    const s = serve({ ...LIMITS, connTimeoutMs: 200 });
    s.listen("127.0.0.1", 0n);
    const port = Number((s.local_port() as { ok: true; value: bigint }).value);
    const c = client(port, "");
    expect(s.accept().ok).toBe(true);
    expect(s.recv(1n, 16n)).toEqual({ ok: false, error: { message: "read timed out", cause: "0.2s elapsed with no data" } });
    expect(s.recv(1n, 0n)).toEqual({ ok: false, error: { message: "read size must be positive", cause: "got 0" } });
    s.stop();
    await c.output;
  });
});

describe("Serve attenuation (decided before any socket exists)", () => {
  it("parses rules as the reference: exact, range, wildcard, malformed → deny-all", () => {
    expect(parseServeRule("127.0.0.1:8080")).toEqual({ host: "127.0.0.1", lo: 8080, hi: 8080 });
    expect(parseServeRule("127.0.0.1:8000-8100")).toEqual({ host: "127.0.0.1", lo: 8000, hi: 8100 });
    expect(parseServeRule("*:*")).toEqual({ host: "*", lo: 0, hi: 65535 });
    for (const bad of ["8080", ":80", "h:x", "h:90-80", "h:70000", "h:-1"]) expect(parseServeRule(bad)).toEqual({ host: "", lo: 1, hi: 0 });
  });

  it("rules are conjunctive: narrowing only ever removes", () => {
    const s = serve().restrict_to("127.0.0.1:8000-8100");
    expect(s.allows("127.0.0.1", 8050n)).toBe(true);
    expect(s.allows("127.0.0.1", 9000n)).toBe(false);
    expect(s.allows("0.0.0.0", 8050n)).toBe(false);
    expect(s.restrict_to("*:*").allows("127.0.0.1", 9000n)).toBe(false);
    expect(s.restrict_to("127.0.0.1:8050").allows("127.0.0.1", 8051n)).toBe(false);
    expect(serve().allows("127.0.0.1", 65536n)).toBe(false);
  });

  it("a port outside the grant is denied and never bound", async () => {
    const port = await freePort();
    const s = serve().restrict_to(`127.0.0.1:${port + 1}`);
    gates.length = 0;
    expect(s.listen("127.0.0.1", BigInt(port))).toEqual({
      ok: false,
      error: { message: `Serve capability does not permit listening on '127.0.0.1' port ${port}`, cause: `current restrictions: ['127.0.0.1:${port + 1}-${port + 1}']` },
    });
    expect(gates).toEqual([["Serve", "listen", false]]);
    // Nothing is bound: the port is still free for someone else.
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
    expect(s.local_port()).toEqual({ ok: false, error: { message: "Serve is not listening", cause: "call listen(addr, port) first" } });
  });

  it("another address, port 0 under a range without 0, and invalid ports", () => {
    const s = serve().restrict_to("127.0.0.1:8000-8100");
    expect(s.listen("0.0.0.0", 8050n).ok).toBe(false);
    expect(s.listen("127.0.0.1", 0n)).toEqual({
      ok: false,
      error: { message: "Serve capability does not permit listening on '127.0.0.1' port 0", cause: "current restrictions: ['127.0.0.1:8000-8100']" },
    });
    expect(serve().listen("127.0.0.1", 70000n)).toEqual({
      ok: false,
      error: { message: "invalid port 70000", cause: "a port must be an integer in 0-65535 (0 asks the OS for an ephemeral port)" },
    });
  });

  it("restrict_to yields an unbound capability; double listen is an error", () => {
    const s = serve();
    expect(s.listen("127.0.0.1", 0n).ok).toBe(true);
    expect(s.listen("127.0.0.1", 0n)).toEqual({ ok: false, error: { message: "Serve is already listening", cause: "call stop() before listening on another address" } });
    const narrowed = s.restrict_to("127.0.0.1:*");
    expect(narrowed.local_port().ok).toBe(false);
    expect(narrowed.accept()).toEqual({ ok: false, error: { message: "Serve is not listening", cause: "call listen(addr, port) first" } });
    s.stop();
  });

  it("a port already in use is the OS's error", async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, "127.0.0.1", () => resolve((holder.address() as { port: number }).port)));
    try {
      expect(serve().listen("127.0.0.1", BigInt(port))).toEqual({
        ok: false,
        error: { message: `failed to listen on '127.0.0.1' port ${port}`, cause: "[Errno 98] Address already in use" },
      });
    } finally {
      holder.close();
    }
  });
});
