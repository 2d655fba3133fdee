// A capability seen through run-time guards (revocable, expiring, single-use, logged), applied
// generically: the wrapper knows nothing of a capability's methods beyond the shape of their results,
// so every built-in and every declared capability gets it alike.
import { abort } from "../../errors.js";
import { timeSourceOf } from "../brand.js";
import { R } from "../../messages.js";
import { CFloat, err, makeIoError, NONE, type Value } from "../../values.js";
import { abortMessages, wrapperMessages, type WrapperRefusalKind } from "../messages.js";
import { expiringGuard, loggedGuard, revocableGuard, singleUseGuard, type Guard } from "./guards.js";
import type { CallShape } from "./shapes.js";
import { AuditLog, Revoker } from "./tokens.js";

/** Method names that build a wrapper; spelled as in the checker's table (`WRAPPER_METHODS`). */
export const WRAPPER_METHODS: ReadonlySet<string> = new Set(["revocable", "expires_after", "single_use", "logged"]);

/**
 * The wrapped capability. `base` is never itself wrapped: wrapping again appends guards, so one
 * gate asks them all. Frozen, like the built-in capability objects.
 */
export class WrappedCapability {
  constructor(
    readonly base: object,
    readonly guards: readonly Guard[],
    /** The capability's name in messages and logs (`Fs`, or the implementing type's name). */
    readonly capaType: string,
  ) {
    Object.freeze(this);
  }
}

/** What the wrapper needs from the interpreter: calls on the unwrapped capability and result shapes. */
export interface WrapperHost {
  /** Calls `method` on an unwrapped capability (a built-in object or a declared capability's implementor). */
  call(base: object, method: string, args: Value[]): Value;
  shape(base: object, method: string): CallShape;
  /** The name a capability goes by in messages. */
  nameOf(base: object): string;
}

/** `cap.revocable(r)` and the others, on a capability that is not wrapped yet or already is. */
export function wrap(target: object, method: string, args: Value[], host: WrapperHost): WrappedCapability {
  const base = target instanceof WrappedCapability ? target.base : target;
  const guards = target instanceof WrappedCapability ? target.guards : [];
  return new WrappedCapability(base, [...guards, guardFor(method, args, host)], host.nameOf(base));
}

function guardFor(method: string, args: Value[], host: WrapperHost): Guard {
  switch (method) {
    case "revocable":
      if (args[0] instanceof Revoker) return revocableGuard(args[0]);
      throw abort("ValueError", R.capabilityAbort, abortMessages.notACapabilityArgument(method, "a Revoker"));
    case "expires_after": {
      const clock = args[0];
      const seconds = args[1];
      if (!(typeof clock === "object" && clock !== null && seconds instanceof CFloat)) {
        throw abort("ValueError", R.capabilityAbort, abortMessages.notACapabilityArgument(method, "a Clock and a Float"));
      }
      // Reading the time is never refused (as `Clock.now_monotonic`), even through a wrapped clock,
      // and is not an operation of whoever later calls the wrapped capability (see attachTimeSource).
      const clockBase = clock instanceof WrappedCapability ? clock.base : clock;
      const now = timeSourceOf(clockBase) ?? ((): number => (host.call(clockBase, "now_monotonic", []) as CFloat).v);
      return expiringGuard(now, seconds.v);
    }
    case "single_use":
      return singleUseGuard();
    case "logged":
      if (args[0] instanceof AuditLog) return loggedGuard(args[0]);
      throw abort("ValueError", R.capabilityAbort, abortMessages.notACapabilityArgument(method, "an AuditLog"));
    default:
      throw abort("RuntimeError", R.noMethod, "capability", method);
  }
}

/** One call on a wrapped capability: the guards decide before the capability is touched. */
export function callWrapped(w: WrappedCapability, method: string, args: Value[], host: WrapperHost): Value {
  if (WRAPPER_METHODS.has(method)) return wrap(w, method, args, host);
  const shape = host.shape(w.base, method);
  // A derived capability (`restrict_to`, a method returning a capability) keeps every guard, and
  // shares their state: revoking, expiring or spending the original does the same to it.
  if (shape === "derive") return rewrap(host.call(w.base, method, args), w.guards, host);
  const refusal = firstRefusal(w.guards);
  // `allows` (answering a Bool) is a question, not a use: it neither spends a single use nor is logged.
  if (method === "allows" && shape === "false") return refusal === null ? host.call(w.base, method, args) : false;
  for (const g of w.guards) g.settle(w.capaType, method, refusal);
  if (refusal === null) return host.call(w.base, method, args);
  return refused(shape, w.capaType, method, refusal);
}

function firstRefusal(guards: readonly Guard[]): WrapperRefusalKind | null {
  for (const g of guards) {
    const why = g.refusal();
    if (why !== null) return why;
  }
  return null;
}

function rewrap(derived: Value, guards: readonly Guard[], host: WrapperHost): Value {
  if (typeof derived !== "object" || derived === null) return derived;
  if (derived instanceof WrappedCapability) return new WrappedCapability(derived.base, [...derived.guards, ...guards], derived.capaType);
  return new WrappedCapability(derived, guards, host.nameOf(derived));
}

function refused(shape: CallShape, capability: string, method: string, why: WrapperRefusalKind): Value {
  switch (shape) {
    case "err": {
      const e = wrapperMessages.denied(capability, method, why);
      return err(makeIoError(e.message, e.cause ?? ""));
    }
    case "false":
      return false;
    case "none":
      return NONE;
    default:
      throw abort("RuntimeError", R.wrapperDenied, capability, method, wrapperMessages.reason(why));
  }
}
