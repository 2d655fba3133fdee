// The last gate denial the child's grant pieces met, kept so Python's PermissionError can carry the
// gate's message (Emscripten turns FS errors into a bare errno). Per child, never shared.

export interface DenialLog {
  record(message: string): void;
  /** The recorded message, cleared on read; undefined when none (Python sees None). */
  take(): string | undefined;
  clear(): void;
}

export function createDenialLog(): DenialLog {
  let last: string | undefined;
  return {
    record(message) {
      last = message;
    },
    take() {
      const m = last;
      last = undefined;
      return m;
    },
    clear() {
      last = undefined;
    },
  };
}
