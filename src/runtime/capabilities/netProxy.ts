// Which proxy, if any, carries a request: HTTP_PROXY / HTTPS_PROXY / NO_PROXY as Python's urllib
// reads them (the lower-case spelling wins; NO_PROXY entries match a host or any subdomain, `*`
// matches all). The proxy is infrastructure the operator chose: the Net gate checks the target
// host only, never the proxy's. Pure: reads the environment it is given.

export interface ProxyRoute {
  readonly hostname: string;
  readonly port: number;
  /** `Basic ...` from credentials in the proxy URL, else null. */
  readonly authorization: string | null;
}

export type ProxyChoice = { readonly kind: "direct" } | { readonly kind: "proxy"; readonly route: ProxyRoute } | { readonly kind: "invalid"; readonly variable: string; readonly value: string };

type Env = Readonly<Record<string, string | undefined>>;

function variable(env: Env, name: string): { name: string; value: string } | null {
  for (const n of [name.toLowerCase(), name.toUpperCase()]) {
    const v = env[n];
    if (v !== undefined && v.trim() !== "") return { name: n, value: v.trim() };
  }
  return null;
}

/** `host` is the canonical target host (IPv6 in brackets), `port` the target port. */
export function chooseProxy(env: Env, protocol: "http:" | "https:", host: string, port: number): ProxyChoice {
  const setting = variable(env, protocol === "https:" ? "https_proxy" : "http_proxy");
  if (setting === null || bypassed(variable(env, "no_proxy")?.value ?? "", host, port)) return { kind: "direct" };
  const route = parseProxyUrl(setting.value);
  return route === null ? { kind: "invalid", variable: setting.name, value: setting.value } : { kind: "proxy", route };
}

function bypassed(noProxy: string, host: string, port: number): boolean {
  if (noProxy.trim() === "*") return true;
  const hostOnly = host.toLowerCase();
  const withPort = `${hostOnly}:${port}`;
  for (const raw of noProxy.split(",")) {
    const name = raw.trim().replace(/^\.+/, "").toLowerCase();
    if (name === "") continue;
    if (hostOnly === name || withPort === name) return true;
    if (hostOnly.endsWith(`.${name}`) || withPort.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** `http://[user:pass@]host[:port][/]`, or `host:port` without a scheme; other schemes are not supported. */
function parseProxyUrl(value: string): ProxyRoute | null {
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" || url.hostname === "") return null;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const user = decodeURIComponent(url.username);
  const authorization = user === "" && url.password === "" ? null : `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  return { hostname, port: url.port === "" ? 80 : Number(url.port), authorization };
}
