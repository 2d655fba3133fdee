// Capability fakes for `capa test` (spec/testing.md, "Fakes"). A test asks for them on a
// `// capa-test:` line among its leading comments:
//
//   // capa-test: fs=temp clock=1700000000 net=tests/fixtures/web
//
// fs=temp (or fs=DIR, a copy of the project's DIR) confines main's Fs to a fresh temporary folder;
// clock=SECS fixes the clock, which then moves only when the program sleeps; net=DIR answers
// every request from files under DIR through a local fixture server, so no test reaches the real
// network. The run records every capability operation (`--observe-authority`) and the fixture
// server records every request; both go into `capa test --format json`.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { makeProblem } from "../../diagnostics/diagnostic.js";
import { CLI_MESSAGES as U } from "../messages.js";

export interface FakeRequest {
  /** What the test asked for; each absent key leaves that capability real. */
  readonly fs?: { readonly seed: string | null };
  readonly clockSecs?: number;
  readonly netDir?: string;
}

export type ParsedRequest = { readonly ok: true; readonly request: FakeRequest | null } | { readonly ok: false; readonly message: string };

const DIRECTIVE = /^\s*\/\/\s*capa-test:(.*)$/;

/** The fakes a test program's leading comment lines ask for (null: none); `name` places errors. */
export function parseFakeRequest(text: string, name: string, root: string): ParsedRequest {
  const request: { fs?: { seed: string | null }; clockSecs?: number; netDir?: string } = {};
  let asked = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    if (!line.trimStart().startsWith("//")) break; // directives sit before the first line of code
    const m = DIRECTIVE.exec(line);
    if (m === null) continue;
    asked = true;
    const bad = (why: string): ParsedRequest => ({ ok: false, message: makeProblem(U.badTestDirective, [`${name}:${i + 1}`, why]).message });
    for (const word of m[1]!.trim().split(/\s+/).filter((w) => w !== "")) {
      const eq = word.indexOf("=");
      const key = eq < 0 ? word : word.slice(0, eq);
      const value = eq < 0 ? "" : word.slice(eq + 1);
      if (value === "") return bad(`'${word}' needs a value (fs=temp, fs=DIR, clock=SECONDS, net=DIR)`);
      switch (key) {
        case "fs":
          if (value !== "temp" && !isFolder(root, value)) return bad(`fs=${value}: expected 'temp' or a folder of the project to copy`);
          request.fs = { seed: value === "temp" ? null : resolve(root, value) };
          break;
        case "clock":
          if (!/^\d+(\.\d+)?$/.test(value)) return bad(`clock=${value}: expected seconds since the epoch`);
          request.clockSecs = Number(value);
          break;
        case "net":
          if (!isFolder(root, value)) return bad(`net=${value}: expected a folder of the project holding the responses`);
          request.netDir = resolve(root, value);
          break;
        default:
          return bad(`unknown fake '${key}' (known: fs, clock, net)`);
      }
    }
  }
  return { ok: true, request: asked ? request : null };
}

function isFolder(root: string, path: string): boolean {
  const abs = resolve(root, path);
  return existsSync(abs) && statSync(abs).isDirectory();
}

/** One request the fixture server answered. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly status: number;
}

/** What a faked test's run recorded, for the JSON report. */
export interface FakeRecord {
  /** The folder main's Fs was confined to (removed after the test). */
  readonly fs_root: string | null;
  readonly clock_start: number | null;
  /** The capability operations the run executed (`--observe-authority`'s `operations`). */
  readonly operations: readonly unknown[];
  readonly net_requests: readonly RecordedRequest[];
}

/** Fakes set up for one test run: extra `capa --run` arguments and environment, then the record. */
export interface PreparedFakes {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  finish(): Promise<FakeRecord>;
}

export async function prepareFakes(request: FakeRequest): Promise<PreparedFakes> {
  const base = mkdtempSync(join(tmpdir(), "capa-test-"));
  const observed = join(base, "authority.json");
  const args = ["--observe-authority", observed];
  let fsRoot: string | null = null;
  if (request.fs !== undefined) {
    fsRoot = join(base, "files");
    try {
      if (request.fs.seed === null) mkdirSync(fsRoot);
      else cpSync(request.fs.seed, fsRoot, { recursive: true });
    } catch (e) {
      rmSync(base, { recursive: true, force: true });
      throw e;
    }
    args.push("--fs-root", fsRoot);
  }
  if (request.clockSecs !== undefined) args.push("--fake-clock", String(request.clockSecs));
  const requests: RecordedRequest[] = [];
  const server = request.netDir === undefined ? null : await startFixtureServer(request.netDir, requests);
  const env: Record<string, string> = {};
  if (server !== null) {
    // Every request goes to the fixture server as a proxy (spec/capabilities.md, proxies); an
    // https:// request is refused there, so nothing leaves the machine.
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    Object.assign(env, { http_proxy: url, https_proxy: url, HTTP_PROXY: url, HTTPS_PROXY: url, no_proxy: "", NO_PROXY: "" });
  }
  return {
    args,
    env,
    async finish() {
      if (server !== null) await new Promise<void>((done) => server.close(() => done()));
      let operations: unknown[] = [];
      try {
        operations = (JSON.parse(readFileSync(observed, "utf8")) as { operations: unknown[] }).operations;
      } catch {
        // the run never got as far as writing it (a check error)
      }
      rmSync(base, { recursive: true, force: true });
      return { fs_root: fsRoot, clock_start: request.clockSecs ?? null, operations, net_requests: requests };
    },
  };
}

/** An HTTP server on a free local port that answers proxied requests from `dir`: `http://HOST/PATH`
 * is the file `dir/HOST/PATH` (`index` for a path ending in `/`), 404 when there is none; tunnels
 * (https) are refused. Every request is recorded. */
function startFixtureServer(dir: string, requests: RecordedRequest[]): Promise<Server> {
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const file = fixtureFile(dir, req.url ?? "/", req.headers.host ?? "");
      const found = file !== null && existsSync(file) && statSync(file).isFile();
      const status = found ? 200 : 404;
      requests.push({ method: req.method ?? "GET", url: absoluteUrl(req), body, status });
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end(found ? readFileSync(file) : `no fixture for ${absoluteUrl(req)}`);
    });
  });
  server.on("connect", (req: IncomingMessage, socket) => {
    requests.push({ method: "CONNECT", url: req.url ?? "", body: "", status: 502 });
    socket.end("HTTP/1.1 502 Fixture server serves http:// only\r\n\r\n");
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
  });
}

function absoluteUrl(req: IncomingMessage): string {
  const url = req.url ?? "/";
  return url.startsWith("http") ? url : `http://${req.headers.host ?? ""}${url}`;
}

/** The fixture file for a request, or null when the path would leave `dir`. */
function fixtureFile(dir: string, rawUrl: string, hostHeader: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl.startsWith("http") ? rawUrl : `http://${hostHeader}${rawUrl}`);
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/$/, "/index");
  } catch {
    return null;
  }
  const file = resolve(dir, url.hostname, "." + path);
  return file.startsWith(resolve(dir) + sep) ? file : null;
}
