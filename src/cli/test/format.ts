// What `capa test` prints: one line per test and the summary line (text), one JSON document
// (`--format json`), or a JUnit XML file (`--junit FILE`) for CI dashboards.

import type { TestFailure, TestResult } from "./run.js";

export interface Tally {
  readonly passed: number;
  readonly failed: number;
}

export function tally(results: readonly TestResult[]): Tally {
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed };
}

/** `file:line:col: ` when the failure's position is known. */
function position(f: TestFailure): string {
  if (f.file === null) return "";
  return f.line === null ? `${f.file}: ` : `${f.file}:${f.line}:${f.col ?? 1}: `;
}

/** `PASS tests/test_a.capa (12 ms)`, or `FAIL ... (12 ms): file:line:col: message`. */
export function resultLine(r: TestResult): string {
  const head = `${r.passed ? "PASS" : "FAIL"} ${r.test.name} (${r.durationMs} ms)`;
  if (r.failure === null) return head;
  return `${head}: ${position(r.failure)}${r.failure.message}`;
}

/** The line CI tools read, exactly `N passed, M failed`. */
export function summaryLine(t: Tally): string {
  return `${t.passed} passed, ${t.failed} failed`;
}

export function resultsToJson(root: string, results: readonly TestResult[]): string {
  const t = tally(results);
  return JSON.stringify(
    {
      root,
      passed: t.passed,
      failed: t.failed,
      summary: summaryLine(t),
      tests: results.map((r) => ({
        name: r.test.name,
        path: r.test.path,
        status: r.passed ? "passed" : "failed",
        duration_ms: r.durationMs,
        failure: r.failure,
        stdout: r.stdout,
        stderr: r.stderr,
        ...(r.fakes === undefined ? {} : { fakes: r.fakes }),
      })),
    },
    null,
    2,
  );
}

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!)
    // characters XML 1.0 cannot hold at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/** One `<testsuite name="capa test">`, a `<testcase>` per test with its time in seconds; a failed
 * test holds `<failure type=KIND message=...>`, output goes to system-out / system-err. */
export function resultsToJunit(results: readonly TestResult[]): string {
  const t = tally(results);
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="capa test" tests="${results.length}" failures="${t.failed}" errors="0" time="${seconds(total)}">`,
    `  <testsuite name="capa test" tests="${results.length}" failures="${t.failed}" errors="0" skipped="0" time="${seconds(total)}">`,
  ];
  for (const r of results) {
    const className = r.test.name.replace(/\.capa$/, "").replace(/\//g, ".");
    lines.push(`    <testcase name="${xmlEscape(r.test.name)}" classname="${xmlEscape(className)}" file="${xmlEscape(r.test.name)}" time="${seconds(r.durationMs)}">`);
    if (r.failure !== null) {
      const text = `${position(r.failure)}${r.failure.message}`;
      lines.push(`      <failure type="${r.failure.kind}" message="${xmlEscape(text)}">${xmlEscape(text)}</failure>`);
    }
    if (r.stdout !== "") lines.push(`      <system-out>${xmlEscape(r.stdout)}</system-out>`);
    if (r.stderr !== "") lines.push(`      <system-err>${xmlEscape(r.stderr)}</system-err>`);
    lines.push("    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}
