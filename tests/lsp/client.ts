// A minimal LSP client for the tests and the benchmark: spawns `capa lsp`, frames JSON-RPC
// messages with Content-Length headers over its stdio, matches responses to requests by id and
// keeps notifications until a test waits for one.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly notifications: Message[] = [];
  private readonly waiters: { method: string; test: (params: any) => boolean; resolve: (params: any) => void }[] = [];
  stderr = "";

  /** `launcher`: start through `bin/capa` (the start-up snapshot when there is one) instead of the plain bundle. */
  constructor(options: { launcher?: boolean } = {}) {
    this.child = options.launcher
      ? spawn(join(ROOT, "bin/capa"), ["lsp"], { cwd: ROOT })
      : spawn(process.execPath, [join(ROOT, "bin/capa.js"), "lsp"], { cwd: ROOT });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (d) => (this.stderr += d));
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    this.write({ jsonrpc: "2.0", id, method, params });
    return new Promise((resolve, reject) =>
      this.pending.set(id, (m) => (m.error !== undefined ? reject(new Error(m.error.message)) : resolve(m.result))),
    );
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: "2.0", method, params });
  }

  /** The next notification `method` whose params pass `test` (one already received counts). */
  waitFor(method: string, test: (params: any) => boolean = () => true): Promise<any> {
    const i = this.notifications.findIndex((n) => n.method === method && test(n.params));
    if (i >= 0) return Promise.resolve(this.notifications.splice(i, 1)[0]!.params);
    return new Promise((resolve) => this.waiters.push({ method, test, resolve }));
  }

  async initialize(initializationOptions: unknown = {}): Promise<any> {
    const result = await this.request("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    this.notify("initialized", {});
    return result;
  }

  async shutdown(): Promise<number | null> {
    await this.request("shutdown", null);
    const exited = new Promise<number | null>((resolve) => this.child.on("exit", resolve));
    this.notify("exit", null);
    return exited;
  }

  kill(): void {
    this.child.kill();
  }

  private write(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined && m.method === undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    if (m.id !== undefined && m.method !== undefined) {
      this.write({ jsonrpc: "2.0", id: m.id, result: null }); // server-to-client requests: acknowledged
      return;
    }
    const w = this.waiters.findIndex((x) => x.method === m.method && x.test(m.params));
    if (w >= 0) this.waiters.splice(w, 1)[0]!.resolve(m.params);
    else this.notifications.push(m);
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly { range: { start: Pos; end: Pos }; newText: string }[]): string {
  const lines = text.split("\n");
  const offset = (p: Pos): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

interface Pos {
  line: number;
  character: number;
}
