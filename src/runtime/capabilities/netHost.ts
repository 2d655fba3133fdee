// Canonical host names for Net allow-lists and requests; pure string work, never resolves DNS or connects.
import { domainToASCII } from "node:url";

/** Characters that never belong in a host we are willing to compare. */
const FORBIDDEN_IN_HOST = /[\s\u0000-\u001f\u007f/?#@\\%]/u;

/**
 * One spelling per host, applied to allow-list entries and requests alike: lower case, no trailing
 * dots, IDNA (so full-width dots and Unicode labels become ASCII), every numeric IPv4 form
 * (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`) as dotted decimal, IPv6 compressed in
 * brackets, and IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`) as the IPv4 address it reaches.
 * Returns null for anything that is not a plain host (which then matches nothing).
 */
export function canonicalHost(raw: string): string | null {
  if (raw.length === 0 || FORBIDDEN_IN_HOST.test(raw)) return null;
  const bracketed = raw.startsWith("[") && raw.endsWith("]");
  const inner = bracketed ? raw.slice(1, -1) : raw;
  if (inner.includes(":")) return canonicalIpv6(inner);
  if (/[[\]]/.test(raw)) return null;
  const ascii = domainToASCII(stripTrailingDots(inner));
  if (ascii === "") return null;
  let hostname: string;
  try {
    // The WHATWG host parser is the one the HTTP client's URLs go through; it canonicalises IPv4.
    hostname = new URL(`http://${ascii}/`).hostname;
  } catch {
    return null;
  }
  const result = stripTrailingDots(hostname);
  return result === "" ? null : result;
}

function stripTrailingDots(s: string): string {
  return s.replace(/[.\u3002\uff0e\uff61]+$/u, "");
}

function canonicalIpv6(inner: string): string | null {
  if (/[[\]]/.test(inner)) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://[${inner}]/`).hostname;
  } catch {
    return null;
  }
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(hostname);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  }
  return hostname;
}

/** The name to hand the HTTP client: IPv6 literals lose their brackets, everything else is unchanged. */
export function connectName(canonical: string): string {
  return canonical.startsWith("[") ? canonical.slice(1, -1) : canonical;
}
