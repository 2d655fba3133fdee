// Entry point of `capa --run`: compiles a parsed Program to closures and runs `main` with root
// capabilities bound by declared type. Never prints diagnostics: failures come back as data.
import type { Program } from "../syntax/ast.js";
import type { Host } from "./capabilities/index.js";
import { BUILTIN_CAPABILITY_NAMES, builtinCapabilities, type CapabilityProvider } from "./capabilityAdapter.js";
import { display } from "./display.js";
import { abort, CapaAbort, type RuntimeFailure } from "./errors.js";
import { R } from "./messages.js";
import { PythonBridge } from "./python/bridge.js";
import { Compiler, invoke, type ArgumentSlots, type RunContext } from "./interp/compiler.js";
import { ProgramInfo } from "./interp/programInfo.js";
import { newFrame } from "./interp/signals.js";
import { Budget, PositionCell, type RunLimits } from "./interp/budget.js";
import { CVariant, type Value } from "./values.js";
import { AuthorityRecorder, type ObservedAuthority } from "./authority.js";

export type { RuntimeFailure } from "./errors.js";
export type { CapabilityProvider } from "./capabilityAdapter.js";
export type { ArgumentSlots } from "./interp/compiler.js";
export type { RunLimits } from "./interp/budget.js";
export { PositionCell } from "./interp/budget.js";
export { builtinCapabilities } from "./capabilityAdapter.js";
export type { ObservedAuthority, ObservedOperation, ObservedFunction } from "./authority.js";

export interface RunOptions {
  /** Program arguments (after `--`); `Env.args()` reads them from the host the provider was built on. */
  args: string[];
  host: Host;
  capabilities: CapabilityProvider;
  /** Deepest Capa call nesting before a `stack overflow` abort (default 10 000). */
  maxDepth?: number;
  /** Record every capability operation with its call stack (`--observe-authority`). */
  observeAuthority?: boolean;
  /** The checker's binding of named arguments; a named call without one aborts rather than guess. */
  argumentSlots?: ArgumentSlots;
  /** `--max-steps` / `--timeout`; the heap is always watched. */
  limits?: RunLimits;
  /** Where the run's current position is published (shared with the thread that started it). */
  position?: PositionCell;
  /** Shared slot holding the Python process's pid while it runs, so a stopped run can stop it too. */
  pythonPid?: Int32Array;
}

export interface RunOutcome {
  exitCode: number;
  /** The abort or panic that ended the run, if any. */
  failure: RuntimeFailure | null;
  /** Display of `E` when `main -> Result<(), E>` returned `Err(E)` (exit code 1), else null. */
  mainError: string | null;
  /** Milliseconds the sandboxed Python process took to load Pyodide; absent when Python never started. */
  pythonLoadMs?: number;
  /** What the run exercised, when `observeAuthority` was asked for (also after a failure). */
  observedAuthority?: ObservedAuthority;
}

export const DEFAULT_MAX_DEPTH = 10_000;

/** The last stderr line for a failure, as the reference prints it: `panic: msg` or `Kind: msg`. */
export function failureLine(f: RuntimeFailure): string {
  return f.kind === "panic" ? `panic: ${f.message}` : `${f.kind}: ${f.message}`;
}

export function runProgram(program: Program, options: RunOptions): RunOutcome {
  // The bridge starts its Python process only when a `py_import` runs; it is stopped however the run ends.
  const python = new PythonBridge(options.host, { pidSlot: options.pythonPid });
  const recorder = options.observeAuthority === true ? new AuthorityRecorder() : undefined;
  // The gates report to the run's recorder for this run only.
  const previousObserver = options.host.observeGate;
  if (recorder !== undefined) options.host.observeGate = recorder.gate;
  let outcome: RunOutcome;
  try {
    outcome = execute(program, options, python, recorder);
  } finally {
    if (recorder !== undefined) options.host.observeGate = previousObserver;
  }
  python.close();
  if (recorder !== undefined) outcome = { ...outcome, observedAuthority: recorder.result() };
  return python.loadMs === null ? outcome : { ...outcome, pythonLoadMs: python.loadMs };
}

function execute(program: Program, options: RunOptions, python: PythonBridge, recorder: AuthorityRecorder | undefined): RunOutcome {
  const { host } = options;
  const position = options.position ?? new PositionCell();
  const rt: RunContext = {
    depth: 0,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    budget: new Budget(options.limits ?? {}, position),
    ...(recorder === undefined ? {} : { authority: recorder }),
  };
  // The Python entry points are Unsafe's operations: observed like a gate that always allows.
  const unsafeOp = (method: string): void => recorder?.gate("Unsafe", method, true);
  try {
    const info = new ProgramInfo(program);
    const compiler = new Compiler(
      info,
      rt,
      {
        py_import: (unsafe, name) => (unsafeOp("py_import"), python.importModule(unsafe, name)),
        py_invoke: (unsafe, f, args) => (unsafeOp("py_invoke"), python.invoke(unsafe, f, args)),
        py_grant: (unsafe, cap) => (unsafeOp("py_grant"), python.grant(unsafe, cap)),
      },
      options.argumentSlots,
    );
    for (const code of info.functions.values()) compiler.compileFunction(code);
    for (const table of info.methods.values()) for (const code of table.values()) compiler.compileFunction(code);
    // main's parameters are bound (or refused) before any constant is evaluated.
    const main = info.functions.get("main");
    if (!main) throw abort("RuntimeError", R.noMain);
    const frame: Value[] = newFrame(main.nslots);
    main.decl.params.forEach((p, i) => {
      const typeName = p.type && p.type.kind === "NamedType" ? p.type.name : "?";
      if (!BUILTIN_CAPABILITY_NAMES.has(typeName)) {
        const e = abort("RuntimeError", R.mainParam, p.name, typeName);
        e.span = p.span;
        throw e;
      }
      const cap = options.capabilities.root(typeName);
      if (cap === null) {
        const e = abort("RuntimeError", R.capabilityUnavailable, typeName);
        e.span = p.span;
        throw e;
      }
      frame[i + 1] = cap;
    });
    evaluateConstants(program, info, compiler);
    rt.budget.position.compiled();
    const result = invoke(rt, main, frame);
    host.flush();
    if (result instanceof CVariant && result.type === "Result" && result.tag === "Err") {
      return { exitCode: 1, failure: null, mainError: display(result.payload[0], compiler.toStringHook) };
    }
    return { exitCode: 0, failure: null, mainError: null };
  } catch (e) {
    host.flush();
    return { exitCode: 1, failure: toFailure(e, rt), mainError: null };
  }
}

/** V8's size limits on one value, by the words of its RangeError, and what Capa calls the value. */
const SIZE_LIMITS: readonly [RegExp, string][] = [
  [/^Invalid string length/, "string"],
  [/^Invalid array length/, "list"],
  [/^Map maximum size exceeded/, "map"],
  [/^Set maximum size exceeded/, "set"],
  [/^Array buffer allocation failed/, "buffer"],
];

export function toFailure(e: unknown, rt: RunContext): RuntimeFailure {
  if (e instanceof CapaAbort) return e.toFailure();
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return abort("RecursionError", R.stackOverflow, rt.maxDepth).toFailure();
  }
  const tooLarge = e instanceof RangeError ? SIZE_LIMITS.find(([words]) => words.test(e.message)) : undefined;
  if (tooLarge !== undefined) {
    const failure = abort("MemoryError", R.valueTooLarge, tooLarge[1]);
    failure.span = rt.budget.position.current();
    return failure.toFailure();
  }
  const text = e instanceof Error ? e.message : String(e);
  return abort("RuntimeError", R.hostError, text).toFailure();
}

/** Convenience for callers without their own provider: the built-in capabilities on `host`. */
export function runWithBuiltins(program: Program, host: Host, args: string[] = []): RunOutcome {
  return runProgram(program, { args, host, capabilities: builtinCapabilities(host) });
}

/** Evaluates every module constant, in declaration order, before `main` runs. */
export function evaluateConstants(program: Program, info: ProgramInfo, compiler: Compiler): void {
  for (const item of program.items) {
    if (item.kind !== "Const") continue;
    const cell = info.consts.get(item.name.name)!;
    cell.value = compiler.compileConst(item.value)();
    cell.ready = true;
  }
}
