// bench/compare/diff.mjs: two recorded runs of the #20 table side by side, row by row.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIFF = join(import.meta.dirname, "..", "..", "bench", "compare", "diff.mjs");

describe("bench/compare diff", () => {
  it("prints each figure before and after with their ratio, and a dash for a figure only the new record has", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-diff-"));
    const record = (helloMs: number, perInvokeUs: number, python: boolean) => ({
      hello: { ours: helloMs, twin: 40 },
      inProcess: [{ name: "fib", label: "fib(30)", oursMs: 150, jsMs: 12.5, ratio: 12, target: 3 }],
      ...(python ? { python: { firstImportMs: 600, perInvokeUs } } : {}),
    });
    writeFileSync(join(dir, "before.json"), JSON.stringify(record(200, 600, false)));
    writeFileSync(join(dir, "after.json"), JSON.stringify(record(100, 20, true)));
    const out = execFileSync(process.execPath, [DIFF, join(dir, "before.json"), join(dir, "after.json")], { encoding: "utf8" });
    expect(out.split("\n")).toEqual([
      "| figure | before | after | after / before |",
      "|---|---:|---:|---:|",
      "| cold `--run` hello | 200 ms | 100 ms | 0.50 |",
      "| fib(30) (in process) | 150 ms | 150 ms | 1.00 |",
      "| fib(30) (in process) / hand JS | 12.0 × | 12.0 × | 1.00 |",
      "| Python: first `py_import` + call (net) | — | 600 ms |  |",
      "| Python: per `py_invoke` | — | 20.0 µs |  |",
      "",
    ]);
  });
});
