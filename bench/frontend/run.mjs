// Front-end and checker benchmark: generated programs of 10, 100 and 1,000 functions, warm
// lex+parse and check times (median of repeated runs), and cold `capa --check` wall time.
// Run after `npm run build`. Prints figures only; the targets are quoted for comparison.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lexSource, parseSource } from "../../dist/syntax/index.js";
import { checkProgram } from "../../dist/check/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** One unit of 5 functions (~20 lines) mixes a struct, a sum type, a match, a loop and
 * capability calls: about 4 lines per function, so 1,000 functions make ~4,000 lines. */
function generate(functions) {
  const out = [];
  for (let i = 0; i < functions; i += 5) {
    out.push(`type P${i} { x: Int, y: Int }`);
    out.push(`type S${i} =`, `    A${i}(Int)`, `    B${i}(String)`);
    out.push(`fun area${i}(p: P${i}) -> Int`, `    return p.x * p.y + ${i}`);
    out.push(`fun name${i}(s: S${i}) -> String`, "    return match s", `        A${i}(n) -> "a${"${n}"}"`, `        B${i}(t) -> t`);
    out.push(`fun sum${i}(xs: List<Int>) -> Int`, "    var total = 0", "    for x in xs", "        total += x", "    return total");
    out.push(`fun show${i}(out: Stdio, p: P${i})`, `    out.println("${"${name" + i + "(A" + i + "(area" + i + "(p)))}"} ${"${sum" + i + "([1, 2, 3])}"}")`);
    out.push(`fun log${i}(out: Stdio, fs: Fs) -> Bool`, `    let ok = fs.exists("/tmp/x${i}")`, `    out.println("exists: ${"${ok}"}")`, "    return ok");
  }
  out.push("fun main(stdio: Stdio)", '    stdio.println("done")', "");
  return out.join("\n");
}

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

console.log("front end (warm, median)");
console.log("functions  lines     lex ms  lex+parse ms     lines/s    check ms");
for (const n of [10, 100, 1000]) {
  const src = generate(n);
  const lines = src.split("\n").length;
  const { program, diagnostics } = parseSource(src, "gen.capa");
  if (diagnostics.length > 0) throw new Error(`generated program has diagnostics: ${diagnostics[0].message}`);
  const c = checkProgram(program, { filename: "gen.capa" });
  const errors = c.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`generated program fails the check: ${errors[0].message} at ${errors[0].span.line}`);
  const lexMs = time(() => lexSource(src, "gen.capa"), n >= 1000 ? 15 : 40);
  const parseMs = time(() => parseSource(src, "gen.capa"), n >= 1000 ? 15 : 40);
  const checkMs = time(() => checkProgram(program, { filename: "gen.capa" }), n >= 1000 ? 15 : 40);
  console.log(
    `${String(n).padStart(9)}  ${String(lines).padStart(5)}  ${lexMs.toFixed(2).padStart(9)}  ${parseMs.toFixed(2).padStart(12)}  ${Math.round(lines / (parseMs / 1000)).toLocaleString("en").padStart(10)}  ${checkMs.toFixed(2).padStart(10)}`,
  );
}
console.log("targets: lex+parse of the ~4,000-line program <= 40 ms; check <= 100 ms");
console.log("(lex = raw chevrotain lexing plus the offside-rule layout pass; lex+parse includes it)");

const cold = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, "bin/capa.js"), "--check", join(ROOT, "examples/hello.capa")]);
  cold.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`capa --check failed: ${r.stderr}`);
}
console.log(`cold capa --check examples/hello.capa: median ${median(cold).toFixed(0)} ms wall (target <= 150 ms)`);
