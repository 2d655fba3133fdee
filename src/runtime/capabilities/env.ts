// The Env capability: environment variables gated by a key set that attenuation only ever intersects.
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { pyListRepr } from "./messages.js";

export interface EnvCapability {
  restrict_to_keys(keys: string[]): EnvCapability;
  allows(name: string): boolean;
  get(name: string): string | null;
  args(): string[];
}

/** `null` keys means unrestricted (the whole host environment). */
function makeEnv(host: Host, keys: ReadonlySet<string> | null): EnvCapability {
  const permits = (name: string): boolean => keys === null || keys.has(name);
  // The one gate: every keyed operation asks it; `args` is documented as never gated.
  const gate = <T>(op: keyof EnvCapability, name: string | null, allowed: () => T, denied: () => T): T => {
    const verdict = name === null || permits(name);
    host.observeGate?.("Env", op, verdict);
    return verdict ? allowed() : denied();
  };
  return sealCapability(
    "Env",
    {
      restrict_to_keys: (requested: string[]) =>
        gate("restrict_to_keys", null, () => {
          const next = new Set(requested.filter((k) => keys === null || keys.has(k)));
          return makeEnv(host, next);
        }, () => makeEnv(host, new Set())),
      allows: (name: string) => gate("allows", name, () => true, () => false),
      // A denied key looks exactly like an unset one.
      get: (name: string) => gate("get", name, () => lookup(host.env, name), () => null),
      args: () => gate("args", null, () => [...host.args], () => []),
    },
    () => (keys === null ? "Env(unrestricted)" : `Env(keys: ${pyListRepr([...keys].sort())})`),
  );
}

/**
 * The variable's value when it is really set: an own property holding a string. `constructor`,
 * `__proto__` or `toString` must not find what every JavaScript object inherits.
 */
function lookup(env: Host["env"], name: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(env, name)) return null;
  const value = env[name];
  return typeof value === "string" ? value : null;
}

export function createEnv(host: Host): EnvCapability {
  return makeEnv(host, null);
}
