// Two bench/compare records side by side (`run.mjs --out FILE`, e.g. the build before a change
// with `--capa-root OLD_CHECKOUT` and this one): every row's before and after, and after/before.
// Usage: node bench/compare/diff.mjs BEFORE.json AFTER.json
import { readFileSync } from "node:fs";

const [before, after] = process.argv.slice(2, 4).map((f) => JSON.parse(readFileSync(f, "utf8")));
if (before === undefined || after === undefined) {
  console.error("usage: node bench/compare/diff.mjs BEFORE.json AFTER.json");
  process.exit(2);
}

/** [label, unit, value] for every figure a record holds. */
function figures(r) {
  const rows = [];
  if (r.hello) rows.push(["cold `--run` hello", "ms", r.hello.ours]);
  for (const x of r.interpreter ?? []) rows.push([`${x.label} (cold, net)`, "ms", x.oursNetMs], [`${x.label} (cold) / hand JS`, "×", x.ratio]);
  for (const x of r.inProcess ?? []) rows.push([`${x.label} (in process)`, "ms", x.oursMs], [`${x.label} (in process) / hand JS`, "×", x.ratio]);
  if (r.python) rows.push(["Python: first `py_import` + call (net)", "ms", r.python.firstImportMs], ["Python: per `py_invoke`", "µs", r.python.perInvokeUs]);
  if (r.check) {
    rows.push([`\`--check\` of ${r.check.lines} lines`, "k lines/s", r.check.linesPerSecond / 1000]);
    if (r.check.peakMiB !== null) rows.push([`\`--check\` of ${r.check.lines} lines, peak RSS`, "MiB", r.check.peakMiB]);
  }
  return rows;
}

const old = new Map(figures(before).map(([label, unit, v]) => [label, { unit, v }]));
const digits = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
console.log(`| figure | before | after | after / before |`);
console.log(`|---|---:|---:|---:|`);
for (const [label, unit, v] of figures(after)) {
  const b = old.get(label);
  const was = b === undefined ? "—" : `${digits(b.v)} ${unit}`;
  const change = b === undefined || b.v === 0 ? "" : `${(v / b.v).toFixed(2)}`;
  console.log(`| ${label} | ${was} | ${digits(v)} ${unit} | ${change} |`);
}
