// The Python bridge end to end, through the real `capa` executable and the real sandboxed Pyodide
// process: escapes denied, conversions exact, Python errors as clean runtime errors, grants
// honoured, and Python loaded only by programs that reach it. Each run loads Pyodide (~2-3 s).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../runtime/support.js";
import { firstLineThenInterrupt } from "../support/interrupt.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CAPA = join(ROOT, "bin", "capa.js");
const fixture = (name: string): string => join(import.meta.dirname, "fixtures", name);

/** Writes `source` to a fresh temporary file and returns its path. */
function programFile(name: string, source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "capa-py-")), name);
  writeFileSync(file, source);
  return file;
}

function capa(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CAPA, ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("python sandbox", () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end("leaked"));
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("denies every escape tried from Python code, and no connection reaches a local server", () => {
    const r = capa(["--run", fixture("escapes.capa"), "--", String(port)], { CAPA_TEST_MARK: "capa-marker-in-host-env" });
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("done");
    const attempts = lines.slice(0, -1);
    expect(attempts.map((l) => l.split(":")[0])).toEqual([
      "import js",
      "import pyodide_js",
      "host environment",
      "open /etc/passwd",
      "urllib",
      "socket",
      "subprocess",
      "Function constructor",
      "run_js",
    ]);
    for (const line of attempts) expect(line).toMatch(/: denied \w+$/);
    expect(connections).toBe(0);
    expect(r.code).toBe(0);
  });

  it("converts every convertible value both ways exactly (Int beyond 2^53, Float, Unicode, containers)", () => {
    const r = capa(["--run", fixture("roundtrip.capa")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "9223372036854775807 9223372036854775806",
        "-9007199254740993",
        "43",
        "0.1 0.30000000000000004",
        "héllo ✓ 🐍",
        "true",
        "3 3",
        "7",
        "true 1",
        "5 five",
        "9",
        "None",
        "nan",
        "",
      ].join("\n"),
    );
  });

  it("reports a Python exception as a runtime error with its type, message and position", () => {
    const file = programFile("boom.capa", 'fun main(stdio: Stdio, unsafe: Unsafe)\n    let json = py_import(unsafe, "json")\n    let v = py_invoke(unsafe, json.loads, ["{oops"])\n    stdio.println("unreachable")\n');
    const r = capa(["--run", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${file}:3:13: runtime error: JSONDecodeError: Expecting property name enclosed in double quotes`);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a value with no Python counterpart, naming its type", () => {
    const file = programFile("refuse.capa", 'fun main(stdio: Stdio, unsafe: Unsafe)\n    let copy = py_import(unsafe, "copy")\n    let r: Result<Int, String> = Ok(1)\n    let v = py_invoke(unsafe, copy.copy, [r])\n    stdio.println("unreachable")\n');
    const r = capa(["--run", file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("RuntimeError: cannot pass a value of type Result to Python (Int, Float, String, Bool, Unit, List, Map, Set, tuples, Option, structs and Python objects convert)");
  });

  it("checks a Python result against the type the program declared for it (the reference does not)", () => {
    const r = capa(["--run", fixture("wrong_type.capa")]);
    expect(r.stdout).toBe("4.0\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("wrong_type.capa:4:12: runtime error: RuntimeError: py_invoke returned String where the program declares Float");
  });

  it("lets Python read inside a granted directory and denies a path outside it with the Fs gate's message", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-py-grant-"));
    const inside = join(dir, "inside");
    execFileSync("mkdir", [inside]);
    writeFileSync(join(inside, "note.txt"), "hello from the granted dir");
    writeFileSync(join(dir, "secret.txt"), "top secret");
    const r = capa(["--run", fixture("grant_fs.capa"), "--", inside]);
    expect(r.stdout).toBe("hello from the granted dir\n");
    expect(r.stdout).not.toContain("top secret");
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(/^PermissionError: .*secret\.txt/);
    expect(readFileSync(join(dir, "secret.txt"), "utf8")).toBe("top secret");
  });
});

describe("python network grant", () => {
  it("lets Python fetch from the granted host through capa_net and denies another host", async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      res.end(`hello from ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    // The server answers on this thread, so the CLI must run asynchronously.
    const child = spawn(process.execPath, [CAPA, "--run", fixture("grant_net.capa"), "--", `http://127.0.0.1:${port}`]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(stdout).toBe("hello from /hello\n");
    expect(hits).toBe(1);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(/^PermissionError: .*localhost/);
  });
});

describe("python is loaded lazily", () => {
  it("a program that never calls py_import never starts Python", () => {
    const r = run('fun main(stdio: Stdio, unsafe: Unsafe)\n    stdio.println("no python here")\n');
    expect(r.stdout).toBe("no python here\n");
    expect(r.outcome.pythonLoadMs).toBeUndefined();
  });

  it("a program that reaches py_import starts it once", () => {
    const r = run('fun main(stdio: Stdio, unsafe: Unsafe)\n    let m = py_import(unsafe, "math")\n    let n = py_import(unsafe, "json")\n    stdio.println("${m.pi}")\n');
    expect(r.stdout).toBe("3.141592653589793\n");
    expect(r.outcome.pythonLoadMs).toBeGreaterThan(0);
  });

  it("talks to the child over private named pipes that are gone once both ends are open, whether Python lives or exits", () => {
    const tmp = mkdtempSync(join(tmpdir(), "capa-tmp-"));
    const program = programFile(
      "pipes.capa",
      'fun main(stdio: Stdio, unsafe: Unsafe)\n    let b = py_import(unsafe, "builtins")\n    py_invoke(unsafe, b.print, ["from python"])\n    let r: Int = py_invoke(unsafe, b.len, ["four"])\n    stdio.println("${r}")\n    let os = py_import(unsafe, "os")\n    py_invoke(unsafe, os._exit, [3])\n',
    );
    const r = capa(["--run", program], { TMPDIR: tmp });
    expect(r.stdout).toBe("from python\n4\n");
    expect(r.stderr).toMatch(/exit/i);
    expect(r.code).toBe(1);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("passes a call 100,000 arguments long (past the fast path's limit) like any other", () => {
    const program = programFile(
      "many.capa",
      'fun main(stdio: Stdio, unsafe: Unsafe)\n    let b = py_import(unsafe, "builtins")\n    let xs = (0..100000).to_list()\n    let m: Int = py_invoke(unsafe, b.max, xs)\n    stdio.println("${m}")\n',
    );
    const r = capa(["--run", program]);
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout: "99999\n", stderr: "", code: 0 });
  });

  it("writes what the program printed before a Python call blocks, so an interrupt loses nothing", async () => {
    const program = programFile(
      "blocking.capa",
      'fun main(stdio: Stdio, unsafe: Unsafe)\n    stdio.println("before python")\n    let time = py_import(unsafe, "time")\n    py_invoke(unsafe, time.sleep, [60.0])\n    stdio.println("after")\n',
    );
    const { arrived, stdout } = await firstLineThenInterrupt(process.execPath, [CAPA, "--run", program], { waitMs: 45_000 });
    expect(arrived).toBe(true);
    expect(stdout).toBe("before python\n");
  }, 60_000);
});
