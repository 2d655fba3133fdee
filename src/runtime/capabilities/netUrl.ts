// Parses a Net request URL into the exact target the HTTP client will use, refusing anything ambiguous; no I/O.
import type { IoErrorValue } from "./ioResult.js";
import { netMessages } from "./messages.js";
import { canonicalHost, connectName } from "./netHost.js";

export interface NetTarget {
  protocol: "http:" | "https:";
  /** Canonical host; the allow-list is checked against this. */
  host: string;
  /** Name passed to the HTTP client (the canonical host without IPv6 brackets). */
  connectHost: string;
  port: number;
  /** Path and query sent on the request line (the fragment never leaves the process). */
  path: string;
  href: string;
}

export type ParsedUrl = { ok: true; target: NetTarget } | { ok: false; error: IoErrorValue };

/** Backslashes, whitespace and control characters are where URL parsers disagree; refuse them outright. */
const FORBIDDEN_IN_URL = /[\\\s\u0000-\u001f\u007f-\u009f]/u;
/** RFC 3986 appendix B, restricted to what we need: scheme and authority. */
const RFC3986_HEAD = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?/;
/** RFC 3986 reg-name characters (plus non-ASCII, as RFC 3987 IRIs allow). */
const REG_NAME = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\u0000-\u007f])*$/u;

export function parseNetUrl(raw: string): ParsedUrl {
  const refuse = (error: IoErrorValue): ParsedUrl => ({ ok: false, error });
  const head = RFC3986_HEAD.exec(raw);
  const scheme = head ? head[1]!.toLowerCase() : "";
  if (scheme !== "http" && scheme !== "https") return refuse(netMessages.deniedScheme(scheme));
  if (FORBIDDEN_IN_URL.test(raw)) return refuse(netMessages.invalidUrl(netMessages.forbiddenCharacter));

  let url: URL;
  try {
    url = new URL(raw);
  } catch (e) {
    return refuse(netMessages.invalidUrl(e instanceof Error ? e.message : String(e)));
  }
  const authority = head![2];
  if (url.username !== "" || url.password !== "" || (authority ?? "").includes("@")) {
    return refuse(netMessages.invalidUrl(netMessages.userinfo));
  }

  const whatwgHost = canonicalHost(url.hostname);
  const rfcHostRaw = authority === undefined ? "" : strictAuthorityHost(authority);
  const rfcHost = rfcHostRaw === null ? null : canonicalHost(percentDecode(rfcHostRaw) ?? "");
  if (whatwgHost === null || rfcHost === null || whatwgHost !== rfcHost) {
    return refuse(netMessages.invalidUrl(netMessages.ambiguousAuthority(url.hostname, rfcHostRaw ?? "")));
  }
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return {
    ok: true,
    target: {
      protocol: url.protocol as "http:" | "https:",
      host: whatwgHost,
      connectHost: connectName(whatwgHost),
      port,
      path: `${url.pathname}${url.search}`,
      href: url.href,
    },
  };
}

/** Host of an RFC 3986 authority (no userinfo), or null when the authority is not valid RFC 3986. */
function strictAuthorityHost(authority: string): string | null {
  let hostPort = authority;
  let port = "";
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0) return null;
    const rest = hostPort.slice(close + 1);
    if (rest !== "" && !rest.startsWith(":")) return null;
    port = rest.slice(1);
    hostPort = hostPort.slice(0, close + 1);
    if (!/^\[[0-9A-Fa-f:.]+\]$/.test(hostPort)) return null;
  } else {
    const colon = hostPort.indexOf(":");
    if (colon >= 0) {
      port = hostPort.slice(colon + 1);
      hostPort = hostPort.slice(0, colon);
    }
    if (!REG_NAME.test(hostPort)) return null;
  }
  if (!/^[0-9]*$/.test(port)) return null;
  return hostPort;
}

function percentDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
