// A Capa program serving HTTP through Serve, run by the real CLI and talked to by a real HTTP
// client (node:http) on 127.0.0.1; bounded in count (two requests) and time (every step has a timeout).
// The program lives here, not under tests/, because the authority oracle runs every fixture there
// and this one would wait for clients that never come.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(__dirname, "../..");

/** An HTTP/1.0 server written in Capa over Serve: answers two requests, then stops. (`${"$"}{` is Capa's `${`.) */
const SERVER = String.raw`fun request_line(bytes: List<Int>) -> Int
    var n = 0
    for b in bytes
        if b == 13
            return n
        n = n + 1
    return n

fun serve_one(stdio: Stdio, s: Serve, i: Int) -> Result<(), IoError>
    let conn = s.accept()?
    let got: List<Int> = []
    var done = false
    while not done
        let chunk = s.recv(conn, 7)?
        if chunk.length() == 0
            done = true
        else
            for b in chunk
                got.push(b)
            let n = got.length()
            if n >= 4 and got[n - 4] == 13 and got[n - 3] == 10 and got[n - 2] == 13 and got[n - 1] == 10
                done = true
    let body = "request ${"$"}{i}: ${"$"}{got.length()} bytes, request line ${"$"}{request_line(got)} bytes\n"
    let head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${"$"}{body.length()}\r\n\r\n"
    s.send(conn, (head + body).bytes())?
    s.close(conn)?
    stdio.println("served request ${"$"}{i}")
    return Ok(())

fun main(stdio: Stdio, serve: Serve)
    let s = serve.restrict_to("127.0.0.1:*")
    match s.listen("127.0.0.1", 0)
        Ok(_) -> stdio.println("listening")
        Err(e) -> stdio.println("listen failed: ${"$"}{e}")
    match s.local_port()
        Ok(p) -> stdio.eprintln("port ${"$"}{p}")
        Err(e) -> stdio.eprintln("no port: ${"$"}{e}")
    for i in 1..3
        match serve_one(stdio, s, i)
            Ok(_) -> stdio.println("ok ${"$"}{i}")
            Err(e) -> stdio.println("request ${"$"}{i} failed: ${"$"}{e}")
    match s.stop()
        Ok(_) -> stdio.println("stopped")
        Err(e) -> stdio.println("stop failed: ${"$"}{e}")
`;

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
  const file = join(mkdtempSync(join(tmpdir(), "capa-serve-")), "server.capa");
  writeFileSync(file, SERVER);
  const child = spawn(process.execPath, [join(ROOT, "bin/capa.js"), "--run", file], { cwd: ROOT });
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
