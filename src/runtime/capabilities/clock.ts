// The Clock capability: reading time is free; sleeping is gated by a threshold that attenuation only raises.
import type { Host } from "./host.js";
import { attachTimeSource, sealCapability } from "./brand.js";
import { CapabilityAbort } from "./ioResult.js";
import { abortMessages } from "./messages.js";

export interface ClockCapability {
  restrict_to_after(t: number): ClockCapability;
  allows(): boolean;
  now_secs(): number;
  now_monotonic(): number;
  sleep(seconds: number): undefined;
}

type ClockOp = keyof ClockCapability;
/** Operations the notes say are never gated by the threshold. */
const UNGATED: ReadonlySet<ClockOp> = new Set(["restrict_to_after", "allows", "now_secs", "now_monotonic"]);

function makeClock(host: Host, threshold: number): ClockCapability {
  const permitted = (): boolean => host.nowSecs() >= threshold;
  const gate = <T>(op: ClockOp, allowed: () => T, denied: () => T): T => {
    const verdict = UNGATED.has(op) || permitted();
    host.observeGate?.("Clock", op, verdict);
    return verdict ? allowed() : denied();
  };
  return sealCapability(
    "Clock",
    attachTimeSource({
      restrict_to_after: (t: number) =>
        gate("restrict_to_after", () => makeClock(host, Math.max(threshold, Number(t))), () => makeClock(host, threshold)),
      allows: () => gate("allows", permitted, () => false),
      now_secs: () => gate("now_secs", () => host.nowSecs(), () => host.nowSecs()),
      now_monotonic: () => gate("now_monotonic", () => host.monotonicSecs(), () => host.monotonicSecs()),
      sleep: (requested: number) => {
        const seconds = Number(requested);
        if (seconds < 0 || Number.isNaN(seconds)) throw new CapabilityAbort(abortMessages.negativeSleep());
        // While denied the sleep silently does nothing (the notes' semantics).
        return gate("sleep", () => void host.sleepSecs(seconds), () => undefined);
      },
    }, () => host.monotonicSecs()),
    () => (threshold === -Infinity ? "Clock(unrestricted)" : `Clock(after: ${threshold})`),
  );
}

export function createClock(host: Host): ClockCapability {
  return makeClock(host, -Infinity);
}
