// Helpers for the capability-rule tests: parse + type-check a source, run only the capability
// rules (or build the model), and render diagnostics as `LINE:COL: MESSAGE`.

import { parseSource } from "../../src/syntax/index.js";
import { typecheck } from "../../src/check/typecheck/index.js";
import { checkCapabilityRules } from "../../src/check/capabilities/index.js";
import { buildCapabilityModel } from "../../src/check/model-builder.js";
import type { CapabilityModel, FunctionFacts } from "../../src/check/model.js";

/** A user capability `Logger`, its cap-bearing implementor `L` (holding a Stdio) and a factory. */
export const LOGGER = `
  capability Logger
      fun log(self, m: String)
  type L { out: Stdio }
  impl Logger for L
      fun log(self, m: String)
          self.out.println(m)
  fun make(stdio: Stdio) -> L
      return L { out: stdio }
`;

/** Indentation-trimmed program text (tests write sources indented inside template literals). */
export function src(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

function parsed(text: string) {
  const r = parseSource(text, "t.capa");
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`parse failed: ${errors.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join("; ")}`);
  return r.program;
}

/** Capability-rule diagnostics only, as `LINE:COL: MESSAGE`; parts are dedented then joined. */
export function capErrors(...parts: string[]): string[] {
  const program = parsed(parts.map((p) => src(p).replace(/\n\s*$/, "")).join("\n"));
  return checkCapabilityRules(program, typecheck(program)).map((d) => `${d.span.line}:${d.span.col}: ${d.message}`);
}

/** Type-checker diagnostics, to make sure a fixture is well-typed before judging the cap rules. */
export function typeErrors(text: string): string[] {
  return typecheck(parsed(src(text))).diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`);
}

export function model(text: string): CapabilityModel {
  const program = parsed(src(text));
  return buildCapabilityModel(program, typecheck(program), "t.capa");
}

export function fn(m: CapabilityModel, qualifiedName: string): FunctionFacts {
  const f = m.functions.find((x) => x.qualifiedName === qualifiedName);
  if (f === undefined) throw new Error(`no function ${qualifiedName}`);
  return f;
}
