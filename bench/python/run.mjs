// Python bridge benchmark: what a program pays for Python, and what one that never uses it does not.
// Usage: npm run build && npm run bench:python
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseSource } from "../../dist/syntax/index.js";
import { builtinCapabilities, runProgram } from "../../dist/runtime/index.js";
import { createCapturingHost } from "../../dist/runtime/capabilities/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function coldRun(file, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--run", file], { encoding: "utf8" });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${file} failed: ${r.stderr}`);
  }
  return median(times);
}

function inProcess(source) {
  const { program } = parseSource(source, "bench.capa");
  const host = createCapturingHost();
  const t0 = performance.now();
  const outcome = runProgram(program, { args: [], host, capabilities: builtinCapabilities(host) });
  const ms = performance.now() - t0;
  if (outcome.failure) throw new Error(JSON.stringify(outcome.failure));
  return { ms, loadMs: outcome.pythonLoadMs };
}

const hello = coldRun(join(ROOT, "examples/hello.capa"), 7);
const py = coldRun(join(ROOT, "examples/python_math.capa"), 3);
const first = inProcess('fun main(stdio: Stdio, unsafe: Unsafe)\n    let m = py_import(unsafe, "math")\n    stdio.println("${m.pi}")\n');
const calls = inProcess(readFileSync(join(here, "calls.capa"), "utf8"));
const perCall = (calls.ms - calls.loadMs - (first.ms - first.loadMs)) / 2000;

console.log("python bridge (this machine; each Python run starts a fresh sandboxed Pyodide process)");
console.log(`cold capa --run examples/hello.capa (no Python):     ${hello.toFixed(0)} ms`);
console.log(`cold capa --run examples/python_math.capa:           ${py.toFixed(0)} ms`);
console.log(`Pyodide load in the sandboxed child:                 ${first.loadMs} ms`);
console.log(`first py_import + attribute read (incl. load):       ${first.ms.toFixed(0)} ms`);
console.log(`per py_invoke round trip (math.sqrt, 2,000 calls):   ${(perCall * 1000).toFixed(0)} µs`);
