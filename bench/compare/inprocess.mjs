// In-process timing of one interpreter workload (no start-up, no worker thread): the median of
// several runs of the already-parsed program. For profiling (`node --cpu-prof`) and for A/B runs
// of two builds (CAPA_DIST=/path/to/other/dist), interleaved by the caller.
// Usage: node [--cpu-prof] bench/compare/inprocess.mjs <name> [runs]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.CAPA_DIST ?? join(here, "..", "..", "dist");
const load = (m) => import(pathToFileURL(join(dist, m)).href);
const { parseSource } = await load("syntax/index.js");
const { runProgram, builtinCapabilities } = await load("runtime/index.js");
const { createCapturingHost } = await load("runtime/capabilities/index.js");
const name = process.argv[2] ?? "fib";
const runs = Number(process.argv[3] ?? "5");
const { program, diagnostics } = parseSource(readFileSync(join(here, `${name}.capa`), "utf8"), `${name}.capa`);
if (diagnostics.length > 0) throw new Error(diagnostics[0].message);
const expected = readFileSync(join(here, `${name}.out`), "utf8");
const times = [];
for (let i = 0; i < runs; i++) {
  const host = createCapturingHost();
  const t0 = performance.now();
  const outcome = runProgram(program, { args: [], host, capabilities: builtinCapabilities(host), maxDepth: 10000 });
  times.push(performance.now() - t0);
  if (outcome.failure) throw new Error(JSON.stringify(outcome.failure));
  if (host.stdout() !== expected) throw new Error(`${name}: wrong output ${host.stdout()}`);
}
times.sort((a, b) => a - b);
console.log(`${name}: median ${times[Math.floor(runs / 2)].toFixed(1)} ms over ${runs} runs (min ${times[0].toFixed(1)})`);
