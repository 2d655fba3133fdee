// Test helpers for the checker: parse a source text with the syntax stage, check it, and render
// diagnostics as `LINE:COL: SEVERITY: MESSAGE` lines (the fixture format).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkProgram, type CheckResult } from "../../src/check/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Program } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/index.js";

export function render(d: Diagnostic): string {
  return `${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
}

export interface Checked {
  /** Parse diagnostics followed by checker diagnostics, rendered. */
  readonly lines: string[];
  readonly result: CheckResult | null;
  readonly program: Program | null;
}

/** Parses and checks `source`; a program that fails to parse yields its parse diagnostics only. */
export function checkSource(source: string, file = "test.capa"): Checked {
  const { program, diagnostics: parseDiagnostics } = parseSource(source, file);
  if (parseDiagnostics.some((d) => d.severity === "error")) {
    return { lines: parseDiagnostics.map(render), result: null, program };
  }
  const result = checkProgram(program, { filename: file, source });
  return { lines: [...parseDiagnostics.map(render), ...result.diagnostics.map(render)], result, program };
}

/** Every `.capa` file under `dir` (recursively), sorted. */
export function capaFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) out.push(...capaFilesUnder(path));
    else if (e.endsWith(".capa")) out.push(path);
  }
  return out;
}

/** Expected diagnostic lines of a fixture (`X.expected` beside `X.capa`), sorted. */
export function expectedLines(capaPath: string): string[] {
  return readFileSync(capaPath.replace(/\.capa$/, ".expected"), "utf8")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .sort();
}
