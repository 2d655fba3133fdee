// Runtime benchmark: our Capa programs vs the same algorithms hand-written in JS (run over dist/).
// Usage: npm run build && npm run bench:runtime
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import * as syntax from "../../dist/syntax/index.js";
import { runProgram, builtinCapabilities } from "../../dist/runtime/index.js";
import { createCapturingHost } from "../../dist/runtime/capabilities/index.js";
import * as js from "./baselines.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function parse(name) {
  const src = readFileSync(join(here, `${name}.capa`), "utf8");
  const { program, diagnostics } = syntax.parseSource(src, `${name}.capa`);
  if (diagnostics.length > 0) throw new Error(`${name}.capa does not parse: ${diagnostics[0].message}`);
  return program;
}

function runCapa(program) {
  const host = createCapturingHost();
  const outcome = runProgram(program, { args: [], host, capabilities: builtinCapabilities(host) });
  if (outcome.failure) throw new Error(JSON.stringify(outcome.failure));
  return host.stdout();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of one call, after warm-up; `batch` calls per sample for tiny workloads. */
function time(fn, { samples, batch, warmup }) {
  for (let i = 0; i < warmup; i++) fn();
  const ts = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    ts.push((performance.now() - t0) / batch);
  }
  return median(ts);
}

const cases = [
  { name: "fib", js: () => `${js.fib(30)}\n`, opts: { samples: 5, batch: 1, warmup: 1 }, target: 150 },
  { name: "shapes", js: () => `${js.shapes()}\n`, opts: { samples: 15, batch: 20, warmup: 20 } },
  { name: "agents", js: () => `${js.agents()}\n`, opts: { samples: 15, batch: 20, warmup: 20 } },
];

let failed = false;
for (const c of cases) {
  const program = parse(c.name);
  const expected = readFileSync(join(here, `${c.name}.out`), "utf8");
  const got = runCapa(program);
  if (got !== expected || c.js() !== expected) {
    console.error(`${c.name}: output mismatch\n capa: ${JSON.stringify(got)}\n js:   ${JSON.stringify(c.js())}\n want: ${JSON.stringify(expected)}`);
    failed = true;
    continue;
  }
  const capaMs = time(() => runCapa(program), c.opts);
  const jsMs = time(c.js, c.opts);
  const ratio = capaMs / jsMs;
  const okTarget = c.target === undefined || capaMs <= c.target;
  const okRatio = ratio <= 15;
  if (!okTarget || !okRatio) failed = true;
  console.log(
    `${c.name.padEnd(7)} capa ${capaMs.toFixed(3).padStart(9)} ms/run   js ${jsMs.toFixed(3).padStart(8)} ms/run   ratio ${ratio.toFixed(1).padStart(5)}x` +
      (c.target !== undefined ? `   target <= ${c.target} ms: ${okTarget ? "ok" : "MISSED"}` : "") +
      `   <= 15x: ${okRatio ? "ok" : "MISSED"}`,
  );
}
process.exit(failed ? 1 : 0);
