// A Capa program serving HTTP through Serve, run by the real CLI and talked to by a real HTTP
// client (node:http) on 127.0.0.1; bounded in count (two requests) and time (every step has a timeout).
import { spawn } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(__dirname, "../..");

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers, timeout: 5000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("client timeout")));
    req.on("error", reject);
    req.end();
  });
}

it("a Capa HTTP server answers two real requests, then stops", async () => {
  const child = spawn(process.execPath, [join(ROOT, "bin/capa.js"), "--run", "tests/cli/fixtures/serve-http.capa"], { cwd: ROOT });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /port (\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.on("close", () => reject(new Error(`exited before listening: ${stderr}`)));
    });
    const first = await get(port, "/a");
    expect(first.status).toBe(200);
    // `GET /a HTTP/1.1` is 15 bytes; the header count depends on the client.
    expect(first.body).toMatch(/^request 1: \d+ bytes, request line 15 bytes\n$/);
    const second = await get(port, "/bbbb", { "X-Long": "yes" });
    expect(second.status).toBe(200);
    expect(second.body).toMatch(/^request 2: \d+ bytes, request line 18 bytes\n$/);
    expect(await exited).toBe(0);
    expect(stdout).toBe("listening\nserved request 1\nok 1\nserved request 2\nok 2\nstopped\n");
  } finally {
    clearTimeout(killer);
    child.kill("SIGKILL");
  }
}, 30_000);
