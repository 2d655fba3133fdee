// The four run-time guards. Each answers "may this call go ahead?" from state the program cannot
// rewind (a revoker, a deadline, a spent flag) and performs no system call while answering.
import { wrapperMessages, type WrapperRefusalKind } from "../messages.js";
import type { AuditLog, Revoker } from "./tokens.js";

export interface Guard {
  /** Why the next operation must be refused, or null. Asked before the capability is touched. */
  refusal(): WrapperRefusalKind | null;
  /** The whole chain's verdict on one operation, once every guard was asked. */
  settle(capability: string, method: string, refusal: WrapperRefusalKind | null): void;
}

const nothingToSettle = (): void => undefined;

export function revocableGuard(revoker: Revoker): Guard {
  return { refusal: () => (revoker.revoked ? "revoked" : null), settle: nothingToSettle };
}

/**
 * Expires once the clock's monotonic time reaches `start + seconds`. A NaN or negative length
 * means already expired: a deadline that cannot be read must not be taken as "never".
 */
export function expiringGuard(now: () => number, seconds: number): Guard {
  const deadline = Number.isNaN(seconds) || seconds < 0 ? -Infinity : now() + seconds;
  return { refusal: () => (now() >= deadline ? "expired" : null), settle: nothingToSettle };
}

/** Shared by every copy derived from the wrapped capability: one operation in all, not one each. */
export function singleUseGuard(): Guard {
  let spent = false;
  return {
    refusal: () => (spent ? "spent" : null),
    settle: (_capability, _method, refusal) => {
      if (refusal === null) spent = true;
    },
  };
}

/** Appends every operation, allowed or refused, without its arguments (they may be secret). */
export function loggedGuard(log: AuditLog): Guard {
  return {
    refusal: () => null,
    settle: (capability, method, refusal) =>
      log.append(refusal === null ? wrapperMessages.logAllowed(capability, method) : wrapperMessages.logDenied(capability, method, refusal)),
  };
}
