// Test helpers for the interpreter: parse with the syntax stage, run with a capturing host.
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Program } from "../../src/syntax/ast.js";
import * as syntax from "../../src/syntax/index.js";
import { createCapturingHost, type CapturingHost } from "../../src/runtime/capabilities/index.js";
import { builtinCapabilities, runProgram, type CapabilityProvider, type RunOutcome } from "../../src/runtime/index.js";

type ParseOutcome = { value: Program | null; diagnostics: readonly Diagnostic[] } | Program;
type ParseFn = (source: string, file: string) => ParseOutcome;

const parseFn: ParseFn = ((syntax as Record<string, unknown>).parseSource ??
  (syntax as Record<string, unknown>).parseProgram) as ParseFn;

export function parse(source: string, file = "test.capa"): Program {
  const parsed = parseFn(source, file);
  const program = "kind" in parsed ? parsed : parsed.value;
  const errors = "kind" in parsed ? [] : parsed.diagnostics.filter((d) => d.severity === "error");
  if (program === null || errors.length > 0) {
    throw new Error(`parse failed: ${errors.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`).join("; ")}`);
  }
  return program;
}

export interface Ran {
  stdout: string;
  stderr: string;
  outcome: RunOutcome;
  host: CapturingHost;
}

export interface RunOpts {
  file?: string;
  args?: string[];
  stdin?: string;
  provider?: (host: CapturingHost) => CapabilityProvider;
  maxDepth?: number;
}

export function run(source: string, opts: RunOpts = {}): Ran {
  const program = parse(source, opts.file ?? "test.capa");
  const host = createCapturingHost({ args: opts.args ?? [], stdin: opts.stdin ?? "", env: {} });
  const capabilities = opts.provider ? opts.provider(host) : builtinCapabilities(host);
  const outcome = runProgram(program, { args: opts.args ?? [], host, capabilities, maxDepth: opts.maxDepth });
  return { stdout: host.stdout(), stderr: host.stderr(), outcome, host };
}

/** Indents a snippet's lines under `fun main(stdio: Stdio)`. */
export function mainWith(body: string, prelude = ""): string {
  const lines = body.split("\n").map((l) => (l.length > 0 ? "    " + l : l));
  return `${prelude}\nfun main(stdio: Stdio)\n${lines.join("\n")}\n`;
}
