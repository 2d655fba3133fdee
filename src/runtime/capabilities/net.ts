// The Net capability: HTTP(S) to an allow-list that attenuation only intersects; every hop passes `gate` first.
import { performance } from "node:perf_hooks";
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { describeOsError, fail, ok, type IoErrorValue, type IoResult } from "./ioResult.js";
import { netMessages, pyListRepr } from "./messages.js";
import { canonicalHost } from "./netHost.js";
import { parseNetUrl, type NetTarget } from "./netUrl.js";
import { chooseProxy, type ProxyRoute } from "./netProxy.js";
import { openSyncHttpSession, type HopRequest, type SyncHttpSession } from "./netTransport.js";

export interface NetCapability {
  restrict_to(host: string): NetCapability;
  allows(host: string): boolean;
  get(url: string): IoResult<string>;
  post(url: string, body: string): IoResult<string>;
}

type Method = "GET" | "POST";
type Verdict = { allowed: true; target: NetTarget } | { allowed: false; error: IoErrorValue };

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Same-URL visits tolerated before a redirect chain counts as a loop (as Python's urllib does). */
const MAX_REPEATS = 4;

/** `null` allowed means unrestricted; otherwise a set of canonical hosts (see netHost.ts). */
function makeNet(host: Host, allowed: ReadonlySet<string> | null): NetCapability {
  const hostAllowed = (canonical: string | null): boolean =>
    canonical !== null && (allowed === null || allowed.has(canonical));
  const restrictionList = (): string[] | null => (allowed === null ? null : [...allowed].sort());

  /**
   * The single gate, run on the first URL and again on every redirect target before any
   * connection is made. `redirectFrom` marks a redirect hop, whose refusals say so.
   */
  const gate = (rawUrl: string, redirect: boolean): Verdict => {
    const parsed = parseNetUrl(rawUrl);
    let error: IoErrorValue | null = null;
    if (!parsed.ok) error = parsed.error;
    else if (!hostAllowed(parsed.target.host)) error = netMessages.deniedHost(parsed.target.host, restrictionList());
    if (error === null && parsed.ok) return { allowed: true, target: parsed.target };
    const refusal = error!;
    if (!redirect) return { allowed: false, error: refusal };
    const cause = `${refusal.cause ?? ""}; refused redirect to '${rawUrl}'`;
    return { allowed: false, error: { message: refusal.message, cause } };
  };

  const request = (method: Method, rawUrl: string, body: string | null): IoResult<string> => {
    let verdict = gate(rawUrl, false);
    host.observeGate?.("Net", method.toLowerCase(), verdict.allowed);
    if (!verdict.allowed) return fail(verdict.error);
    const { deadlineMs, maxBodyBytes, maxRedirects } = host.netLimits;
    host.flush(); // the request may block: what was printed must not wait for it (or be lost with it)
    const started = performance.now();
    const session = openSyncHttpSession(maxBodyBytes);
    try {
      return followHops(session, verdict.target, method, body === null ? null : Buffer.from(body, "utf8"));
    } finally {
      session.close();
    }

    function followHops(session: SyncHttpSession, first: NetTarget, firstMethod: Method, firstBody: Uint8Array | null): IoResult<string> {
      let target = first;
      let currentMethod = firstMethod;
      let payload = firstBody;
      const visits = new Map<string, number>();
      for (;;) {
        const remaining = deadlineMs - (performance.now() - started);
        if (remaining <= 0) return fail(netMessages.timedOut(deadlineMs));
        const proxy = chooseProxy(host.env, target.protocol, target.host, target.port);
        if (proxy.kind === "invalid") return fail(netMessages.failed(method, netMessages.badProxy(proxy.variable, proxy.value)));
        const result = session.send(hopRequest(target, currentMethod, payload, proxy.kind === "proxy" ? proxy.route : null), remaining);
        switch (result.kind) {
          case "timeout":
            return fail(netMessages.timedOut(deadlineMs));
          case "too-large":
            return fail(netMessages.failed(method, netMessages.bodyTooLarge(maxBodyBytes)));
          case "error": {
            const { errno, text } = describeOsError({ code: result.code, message: result.message });
            const shown = errno === null ? result.message : text;
            return fail(netMessages.failed(method, netMessages.connectionError(errno, shown)));
          }
          case "response":
            if (result.status >= 200 && result.status < 300) {
              return ok(new TextDecoder("utf-8", { fatal: false }).decode(result.body));
            }
            return fail(netMessages.failed(method, netMessages.httpStatus(result.status, result.reason)));
          case "redirect": {
            const unfollowable =
              !REDIRECT_STATUSES.has(result.status) || (currentMethod === "POST" && (result.status === 307 || result.status === 308));
            if (unfollowable) return fail(netMessages.failed(method, netMessages.httpStatus(result.status, result.reason)));
            const next = resolveLocation(result.location, target.href);
            const seen = visits.get(next) ?? 0;
            if (seen >= MAX_REPEATS || visits.size >= maxRedirects) {
              return fail(netMessages.failed(method, netMessages.redirectLoop(result.status, result.reason)));
            }
            visits.set(next, seen + 1);
            verdict = gate(next, true);
            host.observeGate?.("Net", method.toLowerCase(), verdict.allowed);
            if (!verdict.allowed) return fail(verdict.error);
            target = verdict.target;
            if (currentMethod === "POST") {
              // 301/302/303 turn a POST into a body-less GET, as browsers and urllib do.
              currentMethod = "GET";
              payload = null;
            }
          }
        }
      }
    }
  };

  return sealCapability(
    "Net",
    {
      restrict_to(hostName: string): NetCapability {
        const canonical = canonicalHost(hostName);
        const next = new Set<string>();
        if (canonical !== null && (allowed === null || allowed.has(canonical))) next.add(canonical);
        return makeNet(host, next);
      },
      allows: (hostName: string) => hostAllowed(canonicalHost(hostName)),
      get: (url: string) => request("GET", url, null),
      post: (url: string, body: string) => request("POST", url, body),
    },
    () => (allowed === null ? "Net(unrestricted)" : `Net(hosts: ${pyListRepr(restrictionList()!)})`),
  );
}

/** Absolute form of a Location header; forbidden characters in it are kept so the gate refuses them. */
function resolveLocation(location: string, base: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) return location;
  if (/[\\\s\u0000-\u001f\u007f]/u.test(location)) return location; // relative but malformed: let the gate refuse it
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function hopRequest(target: NetTarget, method: Method, body: Uint8Array | null, proxy: ProxyRoute | null): HopRequest {
  const headers: Record<string, string> = {
    "User-Agent": "capa-ts",
    "Accept-Encoding": "identity",
    Connection: "close",
  };
  if (method === "POST") {
    headers["Content-Type"] = "application/octet-stream";
    headers["Content-Length"] = String(body?.length ?? 0);
  }
  return {
    protocol: target.protocol,
    hostname: target.connectHost,
    port: target.port,
    path: target.path,
    method,
    headers,
    body,
    proxy,
    hostHeader: `${target.host}:${target.port}`,
    absoluteUrl: `${target.protocol}//${target.host}:${target.port}${target.path}`,
  };
}

export function createNet(host: Host): NetCapability {
  return makeNet(host, null);
}
