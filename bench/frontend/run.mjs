// Front-end and checker benchmark: generated programs of 10, 100 and 1,000 functions, warm
// lex+parse and check times (median of repeated runs), and cold `capa --check` wall time.
// Run after `npm run build`. Prints figures only; the targets are quoted for comparison.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launcherNodeFlags } from "../../bin/launcher-flags.mjs";
import { parseSource } from "../../dist/syntax/index.js";
import { lexRaw } from "../../dist/syntax/lexer.js";
import { layout } from "../../dist/syntax/layout.js";
import { DiagnosticBag } from "../../dist/diagnostics/diagnostic.js";
import { checkProgram } from "../../dist/check/index.js";
import { generate } from "./generate.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f, runs) {
  for (let i = 0; i < 3; i++) f(); // warm up
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

// The warm figures are taken in a child Node started with bin/capa's V8 flags (what users get),
// and again under Node's defaults.
if (process.env.CAPA_BENCH_WARM === undefined) {
  const flags = launcherNodeFlags();
  for (const [label, args] of [[`bin/capa's V8 flags (${flags.join(" ")})`, flags], ["Node's default V8 flags", []]]) {
    console.log(`front end (warm, median) under ${label}`);
    const r = spawnSync(process.execPath, [...args, fileURLToPath(import.meta.url)], { env: { ...process.env, CAPA_BENCH_WARM: "1" }, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
} else {
  warm();
  process.exit(0);
}

/** Warm lex, parse and check times of the generated programs. */
function warm() {
  console.log("functions  lines     lex ms  lex+parse ms     lines/s    check ms");
  for (const n of [10, 100, 1000]) {
    const src = generate(n);
    const lines = src.split("\n").length;
    const { program, diagnostics } = parseSource(src, "gen.capa");
    if (diagnostics.length > 0) throw new Error(`generated program has diagnostics: ${diagnostics[0].message}`);
    const c = checkProgram(program, { filename: "gen.capa" });
    const errors = c.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new Error(`generated program fails the check: ${errors[0].message} at ${errors[0].span.line}`);
    const lexMs = time(() => layout(lexRaw(src, "gen.capa", new DiagnosticBag()), src, "gen.capa", new DiagnosticBag()), n >= 1000 ? 15 : 40);
    const parseMs = time(() => parseSource(src, "gen.capa"), n >= 1000 ? 15 : 40);
    const checkMs = time(() => checkProgram(program, { filename: "gen.capa" }), n >= 1000 ? 15 : 40);
    console.log(
      `${String(n).padStart(9)}  ${String(lines).padStart(5)}  ${lexMs.toFixed(2).padStart(9)}  ${parseMs.toFixed(2).padStart(12)}  ${Math.round(lines / (parseMs / 1000)).toLocaleString("en").padStart(10)}  ${checkMs.toFixed(2).padStart(10)}`,
    );
  }
  console.log("targets: lex+parse of the ~4,000-line program <= 40 ms; check <= 100 ms");
  console.log("(lex = raw chevrotain lexing plus the offside-rule layout pass; lex+parse includes it)");
}

/** Median wall time of `command` over `runs` cold starts (a new process each time). */
function coldMedian(command, args, runs = 10) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: ROOT });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr}`);
  }
  return median(times);
}

const hello = join(ROOT, "examples/hello.capa");
const launcher = join(ROOT, "bin/capa");
const bundle = [join(ROOT, "bin/capa.js")];
console.log("cold start (median of 10, wall)");
console.log(`  capa --check hello.capa           ${coldMedian(launcher, ["--check", hello]).toFixed(0).padStart(4)} ms   (bin/capa: from the start-up snapshot; target <= 150 ms)`);
console.log(`  capa --check hello.capa, no snapshot ${coldMedian(process.execPath, [...bundle, "--check", hello]).toFixed(0).padStart(4)} ms   (bin/capa.js: the plain bundle)`);
console.log(`  capa --run hello.capa             ${coldMedian(launcher, ["--run", hello]).toFixed(0).padStart(4)} ms`);
console.log(`  node -e 0                         ${coldMedian(process.execPath, ["-e", "0"]).toFixed(0).padStart(4)} ms   (Node's own start, for scale)`);
const big = join(tmpdir(), "capa-bench-1000.capa");
writeFileSync(big, generate(1000));
console.log(`  capa --check (1,000 functions)    ${coldMedian(launcher, ["--check", big], 5).toFixed(0).padStart(4)} ms`);
