// Language-server latency: diagnostics for a ~4,000-line file after a one-line edit, after
// warm-up. Spawns `capa lsp` (the command users run), opens the file, then times each edit from
// the didChange notification to the publishDiagnostics that answers it (debounce set to 0 by
// initializationOptions, so the figure is the server's own work plus the round trip). Also
// times the analysis alone in this process, for the breakdown. Run after `npm run build`.
// Prints figures only; the target (50 ms) is quoted for comparison. On a shared machine wall
// times include waiting for a core: the CPU time of the in-process analysis is printed too.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { mkdtempSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyseDocument } from "../../dist/lsp/analysis.js";
import { lspDiagnostics } from "../../dist/lsp/diagnostics.js";
import { IncrementalParser } from "../../dist/lsp/incremental-parse.js";
import { parseSource } from "../../dist/syntax/index.js";
import { checkProgram } from "../../dist/check/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const WARM_UP = 10;
const RUNS = 30;

/** Units of five functions (~20 lines): a struct, a sum, a match, a loop, capability calls. */
function generate(lines) {
  const out = [];
  for (let i = 0; out.length < lines - 3; i += 5) {
    out.push(`type P${i} { x: Int, y: Int }`, `type S${i} =`, `    A${i}(Int)`, `    B${i}(String)`);
    out.push(`fun area${i}(p: P${i}) -> Int`, `    return p.x * p.y + ${i}`);
    out.push(`fun name${i}(s: S${i}) -> String`, "    return match s", `        A${i}(n) -> "a\${n}"`, `        B${i}(t) -> t`);
    out.push(`fun sum${i}(xs: List<Int>) -> Int`, "    var total = 0", "    for x in xs", "        total += x", "    return total");
    out.push(`fun show${i}(out: Stdio, p: P${i})`, `    out.println("\${name${i}(A${i}(area${i}(p)))} \${sum${i}([1, 2, 3])}")`);
    out.push(`fun log${i}(out: Stdio, fs: Fs) -> Bool`, `    let ok = fs.exists("/tmp/x${i}")`, '    out.println("exists: ${ok}")', "    return ok");
  }
  out.push("fun main(stdio: Stdio)", '    stdio.println("done")', "");
  return out.join("\n");
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

class Client {
  constructor() {
    this.child = spawn(join(ROOT, "bin/capa"), ["lsp"], { cwd: ROOT });
    this.buffer = Buffer.alloc(0);
    this.id = 1;
    this.handlers = new Map();
    this.onNotification = () => {};
    this.child.stdout.on("data", (c) => this.receive(c));
    this.child.stderr.pipe(process.stderr);
  }
  send(m) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...m }));
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }
  request(method, params) {
    const id = this.id++;
    this.send({ id, method, params });
    return new Promise((resolve) => this.handlers.set(id, resolve));
  }
  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + len) return;
      const m = JSON.parse(this.buffer.subarray(end + 4, end + 4 + len).toString());
      this.buffer = this.buffer.subarray(end + 4 + len);
      if (m.id !== undefined && m.method === undefined) this.handlers.get(m.id)?.(m.result);
      else if (m.method !== undefined && m.id === undefined) this.onNotification(m);
    }
  }
  diagnosticsFor(version) {
    return new Promise((resolve) => {
      this.onNotification = (m) => {
        if (m.method === "textDocument/publishDiagnostics" && m.params.version === version) resolve(m.params.diagnostics);
      };
    });
  }
}

const text = generate(4000);
const lineCount = text.split("\n").length;
const dir = mkdtempSync(join(tmpdir(), "capa-bench-lsp-"));
const file = join(dir, "big.capa");
writeFileSync(file, text);
const uri = pathToFileURL(file).href;
const editLine = text.split("\n").findIndex((l) => l.includes("return p.x * p.y + 0"));

const client = new Client();
await client.request("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsDelayMs: 0 } });
client.send({ method: "initialized", params: {} });
let version = 1;
let t0 = performance.now();
let pending = client.diagnosticsFor(version);
client.send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "capa", version, text } } });
let diags = await pending;
const openMs = performance.now() - t0;

const times = [];
for (let i = 0; i < WARM_UP + RUNS; i++) {
  version += 1;
  // A one-line edit: the constant on one line changes; every other line is as it was.
  const newLine = `    return p.x * p.y + ${i + 1}`;
  const change = { range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: 10_000 } }, text: newLine };
  pending = client.diagnosticsFor(version);
  t0 = performance.now();
  client.send({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [change] } });
  diags = await pending;
  if (i >= WARM_UP) times.push(performance.now() - t0);
}
await client.request("shutdown", null);
client.send({ method: "exit" });

const inProcess = [];
const inProcessCpu = [];
const convert = [];
const wholeParse = [];
const incrementalParse = [];
const check = [];
const parser = new IncrementalParser();
const incrementalParser = new IncrementalParser();
for (let i = 0; i < WARM_UP + RUNS; i++) {
  const edited = text.replace("return p.x * p.y + 0", `return p.x * p.y + ${i + 1}`);
  let t = performance.now();
  const cpu = process.cpuUsage();
  const a = analyseDocument(file, edited, i, () => undefined, parser);
  const analysed = performance.now() - t;
  const cpuUsed = process.cpuUsage(cpu);
  t = performance.now();
  lspDiagnostics(a, (p) => pathToFileURL(p).href);
  const converted = performance.now() - t;
  t = performance.now();
  const whole = parseSource(edited, file);
  const parsedWhole = performance.now() - t;
  t = performance.now();
  incrementalParser.parse(edited, file);
  const parsedIncrementally = performance.now() - t;
  t = performance.now();
  checkProgram(whole.program, { filename: file });
  const checked = performance.now() - t;
  if (i >= WARM_UP) {
    inProcess.push(analysed);
    inProcessCpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    convert.push(converted);
    wholeParse.push(parsedWhole);
    incrementalParse.push(parsedIncrementally);
    check.push(checked);
  }
}

console.log(`bench/lsp: ${lineCount}-line file, ${diags.length} diagnostics, ${WARM_UP} warm-up edits then ${RUNS} measured`);
console.log(`  didOpen → publishDiagnostics (cold):          ${openMs.toFixed(1)} ms`);
console.log(`  one-line didChange → publishDiagnostics:       ${stats(times)}   (target 50 ms)`);
console.log(`  in process: analysis of the edited text:       ${stats(inProcess)}`);
console.log(`  the same, CPU time (less sensitive to a loaded machine): ${stats(inProcessCpu)}`);
console.log(`    of which, parse (whole file):                ${stats(wholeParse)}`);
console.log(`    of which, parse (incremental, as the server): ${stats(incrementalParse)}`);
console.log(`    of which, check:                             ${stats(check)}`);
console.log(`  in process: converting the diagnostics:        ${stats(convert)}`);
