// The two values the run-time wrappers hand their creator: a Revoker (a switch that only turns off)
// and an AuditLog (an append-only list only wrappers write). Neither holds or yields authority.

/** `new_revoker()`: once revoked, revoked for ever; nothing turns it back. */
export class Revoker {
  readonly capaType = "Revoker";
  #revoked = false;

  revoke(): void {
    this.#revoked = true;
  }

  get revoked(): boolean {
    return this.#revoked;
  }
}

/** `new_audit_log()`: the program reads it; only a `logged` wrapper appends to it. */
export class AuditLog {
  readonly capaType = "AuditLog";
  readonly #entries: string[] = [];

  /** Called by the logged guard only; a Capa program has no method that reaches it. */
  append(entry: string): void {
    this.#entries.push(entry);
  }

  entries(): string[] {
    return [...this.#entries];
  }
}

/** Revoker and AuditLog are plain values: the runtime must never take them for capability objects. */
export function isWrapperToken(v: unknown): v is Revoker | AuditLog {
  return v instanceof Revoker || v instanceof AuditLog;
}
