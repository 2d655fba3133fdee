// Net capability against a real HTTP server on 127.0.0.1: gating, redirects, limits and escape attempts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability, type NetCapability } from "../../src/runtime/capabilities/index.js";
import { startTestServer, type TestServer } from "./support/httpServer.js";

const BODY_CAP = 64 * 1024;
let server: TestServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer(BODY_CAP * 4);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
});

function rootNet(deadlineMs = 1500): NetCapability {
  return createRootCapability("Net", createCapturingHost({ netLimits: { deadlineMs, maxBodyBytes: BODY_CAP } }));
}

/** Runs `call` and reports whether the server saw any request during it. */
function served<T>(call: () => T): { result: T; reached: boolean } {
  const before = server.hits();
  const result = call();
  return { result, reached: server.hits() !== before };
}

describe("Net: allowed requests", () => {
  it("GETs from an allowed host synchronously", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.get(`${base}/hello`)).toEqual({ ok: true, value: `hello from 127.0.0.1:${server.port}` });
  });

  it("POSTs a UTF-8 body as application/octet-stream", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.post(`${base}/echo`, "héllo")).toEqual({ ok: true, value: "POST application/octet-stream héllo" });
  });

  it("follows a redirect to an allowed host", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.get(`${base}/redirect-same`)).toEqual({ ok: true, value: `hello from 127.0.0.1:${server.port}` });
  });

  it("turns a POST answered by 303 into a body-less GET", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.post(`${base}/post-303`, "data")).toEqual({ ok: true, value: "GET  " });
  });

  it("does not follow 307 for a POST", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.post(`${base}/post-307`, "data")).toEqual({
      ok: false,
      error: { message: "HTTP POST failed", cause: "HTTP Error 307: Temporary Redirect" },
    });
  });

  it("reports a non-2xx status as an HTTP error", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.get(`${base}/missing`)).toEqual({ ok: false, error: { message: "HTTP GET failed", cause: "HTTP Error 404: Not Found" } });
  });

  it("decodes invalid UTF-8 with replacement characters", () => {
    expect(rootNet().get(`${base}/bad-utf8`)).toEqual({ ok: true, value: "a\uFFFDb" });
  });

  it("reports a refused connection like the reference", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    expect(net.get("http://127.0.0.1:1/x")).toEqual({
      ok: false,
      error: { message: "HTTP GET failed", cause: "<urlopen error [Errno 111] Connection refused>" },
    });
  });
});

describe("Net: the gate", () => {
  it("denies a host outside the allow-list before any I/O, with the reference wording", () => {
    const net = rootNet().restrict_to("api.example.com");
    expect(net.get("http://evil.com/x")).toEqual({
      ok: false,
      error: {
        message: "Net capability does not permit access to host 'evil.com'",
        cause: "current restrictions: ['api.example.com']",
      },
    });
  });

  it("denies non-http schemes even when unrestricted", () => {
    expect(rootNet().get("ftp://evil.com/x")).toEqual({
      ok: false,
      error: { message: "Net capability does not permit scheme 'ftp'", cause: "a Net capability speaks http/https only" },
    });
    expect(rootNet().get("not a url")).toMatchObject({ ok: false, error: { message: "Net capability does not permit scheme ''" } });
  });

  it("intersects restrictions: two different hosts leave nothing", () => {
    const net = rootNet().restrict_to("x.com").restrict_to("y.com");
    expect(net.allows("x.com")).toBe(false);
    expect(net.allows("y.com")).toBe(false);
    expect(net.get("http://x.com/")).toEqual({
      ok: false,
      error: { message: "Net capability does not permit access to host 'x.com'", cause: "current restrictions: []" },
    });
  });

  it("attenuation returns a new object and never widens", () => {
    const root = rootNet();
    const narrow = root.restrict_to("a.com");
    expect(narrow).not.toBe(root);
    expect(root.allows("b.com")).toBe(true);
    expect(narrow.allows("b.com")).toBe(false);
    expect(narrow.restrict_to("b.com").allows("b.com")).toBe(false);
    expect(narrow.restrict_to("a.com").allows("a.com")).toBe(true);
  });

  it("treats every spelling of the same host as that host, on both sides", () => {
    const net = rootNet().restrict_to("0x7f000001");
    for (const spelling of ["127.0.0.1", "2130706433", "0177.0.0.1", "127.1", "127.0.0.1.", "[::ffff:127.0.0.1]"]) {
      expect(net.allows(spelling), spelling).toBe(true);
    }
    const named = rootNet().restrict_to("Example.COM.");
    expect(named.allows("example.com")).toBe(true);
    expect(named.allows("ｅxample．com")).toBe(true); // full-width letters and dot
    expect(named.allows("example.co")).toBe(false);
  });
});

describe("Net: escape attempts are DENIED", () => {
  const denied = (net: NetCapability, url: string) => {
    const { result, reached } = served(() => net.get(url));
    expect(result.ok, url).toBe(false);
    expect(reached, `${url} reached the server`).toBe(false);
    return result;
  };

  it("numeric IPv4 forms and IPv4-mapped IPv6 of a denied address", () => {
    const net = rootNet().restrict_to("api.example.com");
    for (const host of ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"]) {
      const r = denied(net, `http://${host}:${server.port}/hello`);
      expect(r).toMatchObject({ ok: false, error: { message: "Net capability does not permit access to host '127.0.0.1'" } });
    }
  });

  it("case, trailing dots and IDNA cannot smuggle a different host", () => {
    const net = rootNet().restrict_to("api.example.com");
    for (const url of ["http://LOCALHOST./", "http://ａpi.example.com.evil/", "http://api。example。com。evil.net/", "http://xn--pi-xka.example.com/"]) {
      denied(net, url);
    }
  });

  it("URLs with backslashes, whitespace or control characters", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    for (const url of [
      `http://127.0.0.1:${server.port}\\@evil.com/hello`,
      `http://127.0.0.1:${server.port}/he llo`,
      `http://127.0.0.1:${server.port}/\thello`,
      `http://127.0.0.1:${server.port}/hello\n`,
      `http://127.0.0.1:${server.port}/hello\u0000`,
    ]) {
      expect(denied(net, url)).toEqual({
        ok: false,
        error: { message: "invalid URL", cause: "the URL contains a backslash, whitespace or a control character" },
      });
    }
  });

  it("authorities that a strict RFC 3986 reading parses differently", () => {
    // Node's WHATWG parser would send each of these to the allowed 127.0.0.1; RFC 3986 disagrees.
    const net = rootNet().restrict_to("127.0.0.1");
    for (const url of [`http:///127.0.0.1:${server.port}/hello`, `http:127.0.0.1:${server.port}/hello`, `http:/127.0.0.1:${server.port}/hello`]) {
      const r = denied(net, url);
      expect(r).toMatchObject({ ok: false, error: { message: "invalid URL", cause: expect.stringContaining("ambiguous") } });
    }
  });

  it("userinfo tricks", () => {
    const net = rootNet().restrict_to("a.com");
    for (const url of [
      `http://a.com:80@127.0.0.1:${server.port}/hello`,
      `http://a.com@127.0.0.1:${server.port}/hello`,
      `http://127.0.0.1:${server.port}#@a.com/`,
      `http://a.com%40127.0.0.1:${server.port}/`,
    ]) {
      denied(net, url);
    }
    // Even an unrestricted Net refuses credentials in the URL, whose host a naive reader could misjudge.
    expect(denied(rootNet(), `http://a.com@127.0.0.1:${server.port}/hello`)).toEqual({
      ok: false,
      error: { message: "invalid URL", cause: "credentials (user@host) are not accepted in a Net URL" },
    });
  });

  it("a redirect to a denied host is refused with the reference's cause", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    const before = server.hits();
    const r = net.get(`${base}/redirect-denied`);
    expect(server.hits() - before).toBe(1); // only the first hop was made
    expect(r).toEqual({
      ok: false,
      error: {
        message: "Net capability does not permit access to host 'localhost'",
        cause: `current restrictions: ['127.0.0.1']; refused redirect to 'http://localhost:${server.port}/hello'`,
      },
    });
  });

  it("a redirect through a backslash or a non-http scheme is refused", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    const before = server.hits();
    const viaBackslash = net.get(`${base}/redirect-backslash`);
    expect(viaBackslash).toMatchObject({ ok: false, error: { message: "invalid URL" } });
    expect(viaBackslash.ok === false && viaBackslash.error.cause).toContain("refused redirect to");
    expect(net.get(`${base}/redirect-ftp`)).toMatchObject({ ok: false, error: { message: "Net capability does not permit scheme 'ftp'" } });
    expect(server.hits() - before).toBe(2);
  });

  it("a redirect to the same address under another spelling is judged by the canonical host", () => {
    const localOnly = rootNet().restrict_to("localhost");
    expect(localOnly.get(`http://localhost:${server.port}/redirect-numeric`)).toMatchObject({
      ok: false,
      error: { message: "Net capability does not permit access to host '127.0.0.1'" },
    });
  });

  it("redirect loops are bounded", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    const before = server.hits();
    expect(net.get(`${base}/loop`)).toMatchObject({
      ok: false,
      error: { message: "HTTP GET failed", cause: expect.stringContaining("HTTP Error 302: The HTTP server returned a redirect error that would lead to an infinite loop.") },
    });
    expect(server.hits() - before).toBeLessThanOrEqual(5);
    const chainStart = server.hits();
    expect(net.get(`${base}/chain/0`)).toMatchObject({ ok: false, error: { message: "HTTP GET failed" } });
    expect(server.hits() - chainStart).toBeLessThanOrEqual(11);
  });

  it("an oversize body is cut off, declared or streamed", () => {
    const net = rootNet().restrict_to("127.0.0.1");
    const expected = {
      ok: false,
      error: {
        message: "HTTP GET failed",
        cause: `response body exceeded the result cap (${BODY_CAP} bytes); pass a larger max_bytes to raise the ${BODY_CAP}-byte default limit`,
      },
    };
    expect(net.get(`${base}/big-declared`)).toEqual(expected);
    expect(net.get(`${base}/big-chunked`)).toEqual(expected);
  });

  it("a slow server is abandoned at the deadline", () => {
    const net = rootNet(300).restrict_to("127.0.0.1");
    for (const path of ["/slow", "/slow-body"]) {
      const started = Date.now();
      const r = net.get(`${base}${path}`);
      const elapsed = Date.now() - started;
      expect(r).toEqual({
        ok: false,
        error: { message: "request timed out", cause: "exceeded the 0.3s wall-clock bound on a single Net request" },
      });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2000);
    }
  });

  it("the production deadline is 10 s", () => {
    const r = createRootCapability("Net", createCapturingHost());
    expect(createCapturingHost().netLimits).toEqual({ deadlineMs: 10_000, maxBodyBytes: 32 * 1024 * 1024, maxRedirects: 10 });
    expect(r.allows("x")).toBe(true);
  });
});
