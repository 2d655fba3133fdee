// Test helpers for the interpreter: parse with the syntax stage, run with a capturing host.
import type { Program } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/index.js";
import { createCapturingHost, type CapturingHost } from "../../src/runtime/capabilities/index.js";
import { builtinCapabilities, runProgram, type CapabilityProvider, type RunOutcome } from "../../src/runtime/index.js";
import { checkProgram } from "../../src/check/index.js";

export function parse(source: string, file = "test.capa"): Program {
  const { program, diagnostics } = parseSource(source, file);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
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
  // The run binds named arguments as the checker bound them (its diagnostics are not this helper's concern).
  const argumentSlots = checkProgram(program, { filename: opts.file ?? "test.capa" }).typing.namedArgumentSlots;
  const outcome = runProgram(program, { args: opts.args ?? [], host, capabilities, maxDepth: opts.maxDepth, argumentSlots });
  return { stdout: host.stdout(), stderr: host.stderr(), outcome, host };
}

/** Indents a snippet's lines under `fun main(stdio: Stdio)`. */
export function mainWith(body: string, prelude = ""): string {
  const lines = body.split("\n").map((l) => (l.length > 0 ? "    " + l : l));
  return `${prelude}\nfun main(stdio: Stdio)\n${lines.join("\n")}\n`;
}
