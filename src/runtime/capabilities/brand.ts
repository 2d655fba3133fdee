// Marks capability objects so the runtime can recognise them; never exposes a capability's restriction state.

export type CapabilityTypeName = "Stdio" | "Fs" | "Net" | "Env" | "Clock" | "Random" | "Unsafe" | "Db" | "Proc" | "Serve";

export const CAPABILITY_TYPE_NAMES: readonly CapabilityTypeName[] = [
  "Stdio",
  "Fs",
  "Net",
  "Env",
  "Clock",
  "Random",
  "Unsafe",
  "Db",
  "Proc",
  "Serve",
];

const BRAND = Symbol("capa.capability");
const DESCRIBE = Symbol("capa.capability.describe");
const TIME_SOURCE = Symbol("capa.capability.timeSource");

interface Branded {
  readonly [BRAND]: CapabilityTypeName;
  readonly [DESCRIBE]: () => string;
}

/**
 * Seals a capability: brands it with its type name and freezes it, so callers cannot swap
 * a method for one that skips the gate. `describe` gives a debugging summary of the restrictions.
 */
export function sealCapability<T extends object>(typeName: CapabilityTypeName, methods: T, describe: () => string): T {
  Object.defineProperty(methods, BRAND, { value: typeName, enumerable: false });
  Object.defineProperty(methods, DESCRIBE, { value: describe, enumerable: false });
  return Object.freeze(methods);
}

export function isCapability(value: unknown): boolean {
  return typeof value === "object" && value !== null && BRAND in value;
}

/** The Capa type name of a capability object, or null for any other value. */
export function capabilityTypeName(value: unknown): CapabilityTypeName | null {
  return isCapability(value) ? (value as Branded)[BRAND] : null;
}

/** Human-readable summary such as `Fs(prefixes: ['/tmp'])`, or null for non-capabilities. */
export function describeCapability(value: unknown): string | null {
  return isCapability(value) ? (value as Branded)[DESCRIBE]() : null;
}

/**
 * Gives a Clock a time source the run-time wrappers read for an `expires_after` deadline. It is not
 * a Capa method and passes no gate: checking a deadline is the wrapper's doing, on behalf of the
 * function that built it with this Clock, not an operation of the function calling the wrapped one.
 */
export function attachTimeSource<T extends object>(clock: T, monotonicSecs: () => number): T {
  Object.defineProperty(clock, TIME_SOURCE, { value: monotonicSecs, enumerable: false });
  return clock;
}

/** The time source of a built-in Clock, or null for any other value. */
export function timeSourceOf(value: unknown): (() => number) | null {
  if (typeof value !== "object" || value === null || !(TIME_SOURCE in value)) return null;
  return (value as { [TIME_SOURCE]: () => number })[TIME_SOURCE];
}
