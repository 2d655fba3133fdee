// The runtime half of `capa repl`: runs, once each, the statements a session adds to its
// synthesised `main`, keeping main's frame (the session's bindings) and its root capabilities
// between turns. Every turn the whole accumulated program is compiled again, so each binding keeps
// the slot it had (slots are allocated in source order and never reused), and only the new tail
// of main's body runs: side effects happen exactly once.

import type { Program } from "../syntax/ast.js";
import type { Host } from "./capabilities/index.js";
import { BUILTIN_CAPABILITY_NAMES, builtinCapabilities } from "./capabilityAdapter.js";
import { display } from "./display.js";
import { abort, type RuntimeFailure } from "./errors.js";
import { R } from "./messages.js";
import { Compiler, type ArgumentSlots, type RunContext } from "./interp/compiler.js";
import { ProgramInfo } from "./interp/programInfo.js";
import { Budget, PositionCell } from "./interp/budget.js";
import { DEFAULT_MAX_DEPTH, evaluateConstants, toFailure } from "./index.js";
import type { Value } from "./values.js";

export type TurnOutcome =
  | { readonly ok: true; /** Display of the last expression's value, or null when the turn was a statement (or Unit). */ readonly value: string | null }
  | { readonly ok: false; readonly failure: RuntimeFailure };

export class ReplRuntime {
  /** main's frame after the last turn that completed; its first `kept` slots carry over. */
  private frame: Value[] = [];
  private kept = 0;
  /** One root capability per type for the whole session, so attenuations made from it persist. */
  private readonly roots = new Map<string, object>();
  private readonly provider;

  /** `timeoutMs`: how long one turn may run before it stops with a TimeoutError (a loop that never
   * ends must not take the prompt with it). */
  constructor(private readonly host: Host, private readonly timeoutMs: number) {
    this.provider = builtinCapabilities(host);
  }

  /** Runs main's statements from index `first` on (those before ran in earlier turns). */
  runTurn(program: Program, first: number, argumentSlots: ArgumentSlots): TurnOutcome {
    const rt: RunContext = { depth: 0, maxDepth: DEFAULT_MAX_DEPTH, budget: new Budget({ timeoutMs: this.timeoutMs }, new PositionCell()) };
    try {
      const info = new ProgramInfo(program);
      const compiler = new Compiler(info, rt, {}, argumentSlots);
      const main = info.functions.get("main");
      if (!main) throw abort("RuntimeError", R.noMain);
      for (const code of info.functions.values()) if (code !== main) compiler.compileFunction(code);
      for (const table of info.methods.values()) for (const code of table.values()) compiler.compileFunction(code);
      const tail = compiler.compileTail(main, first);
      const frame: Value[] = new Array(main.nslots);
      for (let i = 0; i < this.kept; i++) frame[i] = this.frame[i]!;
      main.decl.params.forEach((p, i) => {
        const typeName = p.type && p.type.kind === "NamedType" ? p.type.name : "?";
        frame[i + 1] = this.root(typeName);
      });
      evaluateConstants(program, info, compiler);
      rt.budget.position.compiled();
      tail.run(frame);
      const value = tail.value === null ? undefined : tail.value(frame);
      this.host.flush();
      this.frame = frame;
      this.kept = main.nslots;
      return { ok: true, value: value === undefined ? null : display(value, compiler.toStringHook) };
    } catch (e) {
      this.host.flush();
      return { ok: false, failure: toFailure(e, rt) };
    }
  }

  /** Forgets every binding (`:reset`); the root capabilities stay the same objects. */
  reset(): void {
    this.frame = [];
    this.kept = 0;
  }

  private root(typeName: string): object {
    let cap = this.roots.get(typeName);
    if (cap === undefined) {
      cap = (BUILTIN_CAPABILITY_NAMES.has(typeName) ? this.provider.root(typeName) : null) ?? undefined;
      if (cap === undefined) throw abort("RuntimeError", R.capabilityUnavailable, typeName);
      this.roots.set(typeName, cap);
    }
    return cap;
  }
}
