// Observed authority (`capa --run --observe-authority OUT.json`): every capability operation the
// run executes, with its gate's verdict and the Capa functions on the call stack at that moment.
// The document's shape is spec/observed-authority.schema.json (prose in spec/artifacts.md).
// Invariant: one recorder per run, owned by that run's RunContext; no state outlives the run.

export const OBSERVED_AUTHORITY_SCHEMA_VERSION = 1;

/** Distinct operation records kept; later distinct records are counted in `dropped_operations`
 * (the per-function summary stays complete). */
export const MAX_OPERATION_RECORDS = 10_000;

export interface ObservedOperation {
  readonly capability: string;
  readonly method: string;
  readonly outcome: "allowed" | "denied";
  /** Named Capa functions on the stack, outermost first; a run of direct recursion shows once. */
  readonly stack: readonly string[];
  /** How many times this exact record happened. */
  readonly count: number;
}

export interface ObservedFunction {
  readonly name: string;
  /** Capabilities (sorted) whose operations ran while this function was on the stack. */
  readonly capabilities: readonly string[];
}

export interface ObservedAuthority {
  readonly schema_version: number;
  readonly operations: readonly ObservedOperation[];
  readonly dropped_operations: number;
  readonly functions: readonly ObservedFunction[];
}

/** Collects gate verdicts against the live stack of named Capa functions. */
export class AuthorityRecorder {
  /** Named functions currently running, outermost first (lambdas are not frames of their own). */
  readonly stack: string[] = [];
  private readonly records = new Map<string, { op: Omit<ObservedOperation, "count">; count: number }>();
  private dropped = 0;
  private readonly byFunction = new Map<string, Set<string>>();

  enter(name: string): void {
    this.stack.push(name);
  }

  leave(): void {
    this.stack.pop();
  }

  /** Called by a capability gate (through `Host.observeGate`) with its verdict. */
  readonly gate = (capability: string, method: string, allowed: boolean): void => {
    const stack = collapseRecursion(this.stack);
    for (const name of stack) {
      let caps = this.byFunction.get(name);
      if (caps === undefined) this.byFunction.set(name, (caps = new Set()));
      caps.add(capability);
    }
    const outcome = allowed ? "allowed" : "denied";
    const key = `${capability}\u0000${method}\u0000${outcome}\u0000${stack.join("\u0000")}`;
    const known = this.records.get(key);
    if (known !== undefined) known.count++;
    else if (this.records.size < MAX_OPERATION_RECORDS) this.records.set(key, { op: { capability, method, outcome, stack }, count: 1 });
    else this.dropped++;
  };

  result(): ObservedAuthority {
    return {
      schema_version: OBSERVED_AUTHORITY_SCHEMA_VERSION,
      operations: [...this.records.values()].map((r) => ({ ...r.op, count: r.count })),
      dropped_operations: this.dropped,
      functions: [...this.byFunction]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, caps]) => ({ name, capabilities: [...caps].sort() })),
    };
  }
}

function collapseRecursion(stack: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of stack) if (out[out.length - 1] !== name) out.push(name);
  return out;
}
