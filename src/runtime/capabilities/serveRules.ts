// Serve's attenuation rules (`addr:port`, `addr:lo-hi`, `addr:*`, `*:...`), parsed as the reference
// does: split at the last ':', the address compared as an exact string, anything malformed a rule
// that admits nothing (attenuation cannot report an error, and ignoring a typo would widen).

export interface ServeRule {
  host: string;
  lo: number;
  hi: number;
}

/** Admits no address (the empty host never equals one) and no port (lo > hi). */
export const DENY_ALL: ServeRule = Object.freeze({ host: "", lo: 1, hi: 0 });

const DIGITS = /^[+-]?\d+$/;

/** Python's int() of a port text: optional sign and surrounding whitespace, underscores between digits. */
function pyInt(text: string): number | null {
  const t = text.trim().replace(/(\d)_(?=\d)/g, "$1");
  return DIGITS.test(t) ? Number(t) : null;
}

export function parseServeRule(spec: string): ServeRule {
  const colon = spec.lastIndexOf(":");
  if (colon < 0) return DENY_ALL;
  const host = spec.slice(0, colon);
  const ports = spec.slice(colon + 1);
  if (host === "") return DENY_ALL;
  if (ports === "*") return { host, lo: 0, hi: 65535 };
  const dash = ports.indexOf("-");
  const [loText, hiText] = dash >= 0 ? [ports.slice(0, dash), ports.slice(dash + 1)] : [ports, ports];
  const lo = pyInt(loText);
  const hi = pyInt(hiText);
  if (lo === null || hi === null) return DENY_ALL;
  if (!(lo >= 0 && lo <= 65535 && hi >= 0 && hi <= 65535) || lo > hi) return DENY_ALL;
  return { host, lo, hi };
}

export function ruleAdmits(rule: ServeRule, addr: string, port: number): boolean {
  return (rule.host === "*" || rule.host === addr) && rule.lo <= port && port <= rule.hi;
}

/** How the reference lists a rule in a denial: `host:lo-hi`. */
export function ruleText(rule: ServeRule): string {
  return `${rule.host}:${rule.lo}-${rule.hi}`;
}
