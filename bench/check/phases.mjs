// `capa --check` of the generated program, phase by phase: wall ms of each phase and the heap
// still in use after it (after a full GC, so it is what the phase leaves alive), plus peak RSS.
// Usage: npm run build && node --expose-gc --max-semi-space-size=32 bench/check/phases.mjs [functions]
// (the default, 39,285 functions, is bench/compare's ~165,000-line program). CAPA_DIST=other/dist
// measures another build. Prints figures only; the targets live in bench/compare.
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PerformanceObserver } from "node:perf_hooks";
import { generate } from "../frontend/generate.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = process.env.CAPA_DIST ?? join(ROOT, "dist");
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { lexRaw } = await load("syntax/lexer.js");
const { layout } = await load("syntax/layout.js");
const { parseTokens } = await load("syntax/parser.js");
const { DiagnosticBag } = await load("diagnostics/diagnostic.js");
const { typecheck } = await load("check/typecheck/index.js");
const { checkFieldWrites } = await load("check/field-writes.js");
const { checkShadowing } = await load("check/shadowing.js");
const { checkCapabilityRules } = await load("check/capabilities/index.js");
const { checkInformationFlow } = await load("check/ifc/index.js");
const { buildCapabilityModel } = await load("check/model-builder.js");
const { countProgram } = await load("syntax/stats.js");

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
const functions = Number(process.argv[2] ?? "39285");
const text = generate(functions);
const lines = text.split("\n").length;
const file = "gen.capa";
const mib = (b) => (b / 1048576).toFixed(0).padStart(6);

// GC pauses, to tell a phase's own work from the collections its allocation causes.
const gcs = [];
new PerformanceObserver((list) => gcs.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ entryTypes: ["gc"] });
const gcWithin = (t0, t1) => gcs.filter((g) => g.start >= t0 && g.start < t1).reduce((a, g) => a + g.ms, 0);

const rows = [];
let total = 0;
/** Runs one phase; records its time, then the live heap after a full GC. */
function phase(name, f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  const ms = t1 - t0;
  total += ms;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  globalThis.gc();
  rows.push({ name, ms, cpuMs: (c.user + c.system) / 1000, t0, t1, heap: process.memoryUsage().heapUsed, peakRss });
  return value;
}

const bag = new DiagnosticBag();
let raw = phase("lex (chevrotain)", () => lexRaw(text, file, bag));
let tokens = phase("layout", () => layout(raw, text, file, bag));
raw = null;
const program = phase("parse", () => parseTokens(tokens, file, new DiagnosticBag(), text));
tokens = null;
phase("(tokens dropped)", () => null);
const typing = phase("typecheck", () => typecheck(program));
phase("field writes", () => checkFieldWrites(program, typing));
phase("shadowing", () => checkShadowing(program, typing));
phase("capabilities + linear", () => checkCapabilityRules(program, typing));
phase("IFC", () => checkInformationFlow(program, typing, {}));
phase("model (not in --check)", () => buildCapabilityModel(program, typing, file)); // built on first read; `--check` reads it only for the dead-Unsafe lint
phase("countProgram", () => countProgram(program));

console.log(`${lines.toLocaleString("en")} lines, ${functions.toLocaleString("en")} functions (node ${process.version}, ${process.execArgv.join(" ")})`);
await new Promise((r) => setTimeout(r, 50)); // GC entries are delivered asynchronously
// CPU ms (all of the process's threads, GC helpers included) is steadier than wall ms on a shared machine.
console.log("phase                     wall ms   CPU ms   of which GC (wall)   heap after (MiB)   peak RSS so far (MiB)");
for (const r of rows) console.log(`${r.name.padEnd(24)} ${r.ms.toFixed(0).padStart(7)}  ${r.cpuMs.toFixed(0).padStart(7)}   ${gcWithin(r.t0, r.t1).toFixed(0).padStart(18)}   ${mib(r.heap)}             ${mib(r.peakRss)}`);
const cpu = rows.reduce((a, r) => a + r.cpuMs, 0);
console.log(`CPU total ${cpu.toFixed(0)} ms`);
console.log(`total ${total.toFixed(0)} ms: ${Math.round(lines / (total / 1000)).toLocaleString("en")} lines/s (in process, no start-up; the phases' GCs not counted)`);
