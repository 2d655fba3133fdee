// Net through HTTP_PROXY / HTTPS_PROXY / NO_PROXY (issue 14, item 16), against a local proxy: the
// gate checks the target host, never the proxy's; NO_PROXY sends a request direct.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability, type NetCapability } from "../../src/runtime/capabilities/index.js";
import { startTestProxy, type TestProxy } from "./support/proxyServer.js";

let proxy: TestProxy;
let proxyUrl: string;

beforeAll(async () => {
  proxy = await startTestProxy();
  proxyUrl = `http://127.0.0.1:${proxy.port}`;
});
afterAll(async () => {
  await proxy.close();
});

function net(env: Record<string, string>): NetCapability {
  return createRootCapability("Net", createCapturingHost({ env, netLimits: { deadlineMs: 3000 } }));
}

function counted<T>(call: () => T): { result: T; hits: number } {
  const before = proxy.hits();
  const result = call();
  return { result, hits: proxy.hits() - before };
}

describe("Net and proxies", () => {
  it("sends plain HTTP through HTTP_PROXY, gating the target host (the proxy's own host is not in the allow-list)", () => {
    const n = net({ HTTP_PROXY: proxyUrl }).restrict_to("api.example.test");
    expect(n.get("http://api.example.test/v1?q=1")).toEqual({ ok: true, value: "proxied GET http://api.example.test:80/v1?q=1 host=api.example.test:80 auth=none" });
  });

  it("refuses a host outside the allow-list before contacting the proxy", () => {
    const n = net({ HTTP_PROXY: proxyUrl }).restrict_to("api.example.test");
    const { result, hits } = counted(() => n.get("http://elsewhere.test/"));
    expect(result).toMatchObject({ ok: false, error: { message: "Net capability does not permit access to host 'elsewhere.test'" } });
    expect(hits).toBe(0);
  });

  it("tunnels HTTPS with CONNECT to the target through HTTPS_PROXY", () => {
    const n = net({ HTTPS_PROXY: proxyUrl });
    expect(n.get("https://secure.example.test/x")).toEqual({ ok: false, error: { message: "HTTP GET failed", cause: "<urlopen error Tunnel connection failed: 403 Denied secure.example.test:443>" } });
    // HTTP_PROXY alone does not carry HTTPS.
    const { hits } = counted(() => net({ HTTP_PROXY: proxyUrl }).get("https://127.0.0.1:1/"));
    expect(hits).toBe(0);
  });

  it("goes direct for a NO_PROXY host or subdomain, and for NO_PROXY=*", () => {
    const target = `http://127.0.0.1:${proxy.port}/plain`;
    expect(net({ http_proxy: proxyUrl }).get(target)).toEqual({ ok: true, value: `proxied GET http://127.0.0.1:${proxy.port}/plain host=127.0.0.1:${proxy.port} auth=none` });
    for (const noProxy of ["example.org, 127.0.0.1", "*"]) {
      expect(net({ http_proxy: proxyUrl, NO_PROXY: noProxy }).get(target)).toEqual({ ok: true, value: "direct GET /plain" });
    }
    const { result } = counted(() => net({ HTTP_PROXY: proxyUrl, no_proxy: ".example.test" }).get("http://deep.api.example.test/"));
    expect(result).toMatchObject({ ok: false, error: { message: "HTTP GET failed" } });
    expect(JSON.stringify(result)).not.toContain("proxied");
  });

  it("prefers the lower-case variable, sends credentials from the proxy URL, and refuses a proxy it cannot use", () => {
    const n = net({ HTTP_PROXY: "http://127.0.0.1:1", http_proxy: `http://user:p%40ss@127.0.0.1:${proxy.port}` });
    expect(n.get("http://api.example.test/")).toEqual({ ok: true, value: `proxied GET http://api.example.test:80/ host=api.example.test:80 auth=Basic ${Buffer.from("user:p@ss").toString("base64")}` });
    expect(net({ HTTPS_PROXY: "socks5://127.0.0.1:1080" }).get("https://api.example.test/")).toEqual({
      ok: false,
      error: { message: "HTTP GET failed", cause: '<urlopen error HTTPS_PROXY="socks5://127.0.0.1:1080" is not a proxy this runtime can use (give http://[user:pass@]host[:port])>' },
    });
  });
});
