// The issue-#20 table: each workload run by `bin/capa --run` (what users start) and by its
// hand-written JS twin (`node <name>.mjs`), cold processes interleaved round by round so both see
// the same machine load. "net" is a workload's median minus the same implementation's hello
// median, so start-up is not counted twice. Also: Python bridge costs, cold hello, and `--check`
// of the ~165,000-line generated program (throughput and peak RSS).
// Then the same workloads in one process (our interpreter vs the twin's main(), interleaved).
// Usage: npm run build && npm run bench:compare [-- --rounds N --samples N --only fib,sort,python,check]
// Writes the table to stdout and, with --out FILE, as JSON too (before/after records in bench/).
// `--capa-root DIR` measures another checkout's build (its bin/capa and dist/) with the same twins;
// `node bench/compare/diff.mjs BEFORE.json AFTER.json` prints two such records side by side.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { generate } from "../frontend/generate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** The build measured: this checkout's, or another one's (`--capa-root DIR`, e.g. the commit before a change). */
const CAPA_ROOT = option("capa-root", ROOT);
const CAPA = join(CAPA_ROOT, "bin", "capa");

/** The interpreter workloads; each has `<name>.capa` and its twin `<name>.mjs`, same output. */
export const WORKLOADS = [
  { name: "fib", label: "fib(30)", target: 3 },
  { name: "structs", label: "structs + struct/variant matching", target: 5 },
  { name: "bigint", label: "Int arithmetic beyond 2^53", target: 4 },
  { name: "sort", label: "sort 100k with a comparator closure", target: 4 },
  { name: "mapset", label: "Map/Set 100k", target: 4 },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(command, args) {
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8", cwd: ROOT });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}


function interpreterRows(rounds, only) {
  const names = ["hello", ...WORKLOADS.map((w) => w.name).filter((n) => only === null || only.includes(n))];
  const ours = Object.fromEntries(names.map((n) => [n, []]));
  const twin = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const a = timed(CAPA, ["--run", join(here, `${n}.capa`)]);
      const b = timed(process.execPath, [join(here, `${n}.mjs`)]);
      if (a.stdout !== b.stdout) throw new Error(`${n}: outputs differ\n capa: ${a.stdout}\n js:   ${b.stdout}`);
      ours[n].push(a.ms);
      twin[n].push(b.ms);
    }
  }
  const hello = { ours: median(ours.hello), twin: median(twin.hello) };
  const rows = names.slice(1).map((n) => {
    const w = WORKLOADS.find((x) => x.name === n);
    const oursNet = median(ours[n]) - hello.ours;
    const twinNet = median(twin[n]) - hello.twin;
    return { name: n, label: w.label, oursNetMs: oursNet, jsNetMs: twinNet, ratio: oursNet / twinNet, target: w.target };
  });
  return { hello, rows };
}

/**
 * The same workloads in one process, interleaved sample by sample: our interpreter on the parsed
 * program (no start-up, no worker) against the twin's `main()`, both warmed up. On a busy machine
 * the ratio of two runs a few milliseconds apart is far steadier than cold-process timings.
 */
async function inProcessRows(samples, only) {
  const dist = process.env.CAPA_DIST ?? join(CAPA_ROOT, "dist"); // another build, for before/after
  const { parseSource } = await import(pathToFileURL(join(dist, "syntax/index.js")).href);
  const { runProgram, builtinCapabilities } = await import(pathToFileURL(join(dist, "runtime/index.js")).href);
  const { createCapturingHost } = await import(pathToFileURL(join(dist, "runtime/capabilities/index.js")).href);
  const rows = [];
  for (const w of WORKLOADS.filter((x) => only === null || only.includes(x.name))) {
    const { program } = parseSource(readFileSync(join(here, `${w.name}.capa`), "utf8"), `${w.name}.capa`);
    const twin = (await import(pathToFileURL(join(here, `${w.name}.mjs`)).href)).main;
    const ours = () => {
      const host = createCapturingHost();
      const outcome = runProgram(program, { args: [], host, capabilities: builtinCapabilities(host) });
      if (outcome.failure) throw new Error(`${w.name}: ${JSON.stringify(outcome.failure)}`);
      return host.stdout();
    };
    if (ours() !== twin()) throw new Error(`${w.name}: in-process outputs differ`);
    const ratios = [];
    const oursMs = [];
    const twinMs = [];
    for (let i = 0; i < samples; i++) {
      let t0 = performance.now();
      ours();
      const a = performance.now() - t0;
      t0 = performance.now();
      twin();
      const b = performance.now() - t0;
      oursMs.push(a);
      twinMs.push(b);
      ratios.push(a / b);
    }
    rows.push({ name: w.name, label: w.label, oursMs: median(oursMs), jsMs: median(twinMs), ratio: median(ratios), target: w.target });
  }
  return rows;
}

function pythonRows(rounds, calls) {
  const dir = mkdtempSync(join(tmpdir(), "capa-compare-"));
  const first = join(dir, "py_first.capa");
  const many = join(dir, "py_calls.capa");
  const program = (n) =>
    `fun main(stdio: Stdio, unsafe: Unsafe)\n    let math = py_import(unsafe, "math")\n    var total = 0.0\n    for i in 0..${n}\n        let r: Float = py_invoke(unsafe, math.sqrt, [to_float(i)])\n        total += r\n    stdio.println("\${total}")\n`;
  writeFileSync(first, program(1));
  writeFileSync(many, program(calls + 1));
  const hello = [];
  const one = [];
  const lots = [];
  for (let r = 0; r < rounds; r++) {
    hello.push(timed(CAPA, ["--run", join(here, "hello.capa")]).ms);
    one.push(timed(CAPA, ["--run", first]).ms);
    lots.push(timed(CAPA, ["--run", many]).ms);
  }
  return { firstImportMs: median(one) - median(hello), perInvokeUs: ((median(lots) - median(one)) / calls) * 1000 };
}

function checkRow(functions) {
  const dir = mkdtempSync(join(tmpdir(), "capa-compare-"));
  const file = join(dir, "big.capa");
  const src = generate(functions);
  writeFileSync(file, src);
  const lines = src.split("\n").length;
  const gnuTime = "/usr/bin/time";
  if (existsSync(gnuTime)) {
    const t0 = performance.now();
    const r = spawnSync(gnuTime, ["-f", "%M", CAPA, "--check", file], { encoding: "utf8", cwd: ROOT });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`--check failed: ${r.stderr}`);
    const kib = Number(r.stderr.trim().split("\n").pop());
    return { lines, ms, linesPerSecond: lines / (ms / 1000), peakMiB: kib / 1024 };
  }
  const { ms } = timed(CAPA, ["--check", file]);
  return { lines, ms, linesPerSecond: lines / (ms / 1000), peakMiB: null };
}

async function main() {
  const rounds = Number(option("rounds", "5"));
  const onlyArg = option("only", null);
  const only = onlyArg === null ? null : onlyArg.split(",");
  const skipped = (option("skip", "") ?? "").split(",");
  const skip = (part) => skipped.includes(part) || (only !== null && !only.includes(part));
  const result = { date: new Date().toISOString(), node: process.version, rounds, capaRoot: CAPA_ROOT };
  if (!skipped.includes("cold")) coldTable(result, rounds, only);
  if (!skipped.includes("inprocess")) await inProcessTable(result, only);
  pythonAndCheck(result, rounds, skip);
  const out = option("out", null);
  if (out !== null) writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
}

function coldTable(result, rounds, only) {
  const interp = interpreterRows(rounds, only);
  result.hello = interp.hello;
  result.interpreter = interp.rows;
  console.log(`bench/compare (${rounds} interleaved rounds, medians; net = workload minus the same implementation's hello)`);
  console.log("| workload | ours net ms | hand JS net ms | ours / hand JS | target |");
  console.log("|---|---:|---:|---:|---:|");
  for (const r of interp.rows)
    console.log(`| ${r.label} | ${r.oursNetMs.toFixed(0)} | ${r.jsNetMs.toFixed(1)} | ${r.ratio.toFixed(1)}× | ≤ ${r.target}× ${r.ratio <= r.target ? "ok" : "MISSED"} |`);
  console.log(`| cold \`--run\` hello | ${interp.hello.ours.toFixed(0)} ms | node hello ${interp.hello.twin.toFixed(0)} ms | | ≤ 100 ms ${interp.hello.ours <= 100 ? "ok" : "MISSED"} |`);
}

async function inProcessTable(result, only) {
  const inProcess = await inProcessRows(Number(option("samples", "7")), only);
  result.inProcess = inProcess;
  console.log("");
  console.log("in one process (interleaved samples, median of per-sample ratios; the interpreter alone, no start-up)");
  console.log("| workload | ours ms | hand JS ms | ours / hand JS | target |");
  console.log("|---|---:|---:|---:|---:|");
  for (const r of inProcess)
    console.log(`| ${r.label} | ${r.oursMs.toFixed(0)} | ${r.jsMs.toFixed(1)} | ${r.ratio.toFixed(1)}× | ≤ ${r.target}× ${r.ratio <= r.target ? "ok" : "MISSED"} |`);
  console.log("");
}

function pythonAndCheck(result, rounds, skip) {
  if (!skip("python")) {
    const py = pythonRows(Math.max(3, Math.ceil(rounds / 2)), 2000);
    result.python = py;
    console.log(`| Python: first \`py_import\` + call (net) | ${py.firstImportMs.toFixed(0)} ms | | | ≤ 700 ms ${py.firstImportMs <= 700 ? "ok" : "MISSED"} |`);
    console.log(`| Python: per \`py_invoke\` | ${py.perInvokeUs.toFixed(1)} µs | | | ≤ 25 µs ${py.perInvokeUs <= 25 ? "ok" : "MISSED"} |`);
  }
  if (!skip("check")) {
    const c = checkRow(Number(option("functions", "39285")));
    result.check = c;
    const rss = c.peakMiB === null ? "n/a" : `${c.peakMiB.toFixed(0)} MiB`;
    console.log(`| \`--check\` of ${c.lines.toLocaleString("en")} lines | ${Math.round(c.linesPerSecond / 1000)}k lines/s, ${rss} peak | | | ≥ 100k lines/s, ≤ 400 MiB |`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
