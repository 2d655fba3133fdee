// The Random capability: SplitMix64 draws; it has no denied state, so its gate only validates arguments.
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { CapabilityAbort } from "./ioResult.js";
import { abortMessages } from "./messages.js";
import { drawFloatUnit, drawIntRange, MAX_SPAN, seedFromBytes, splitMix64, type SplitMix64 } from "./splitmix64.js";

export interface RandomCapability {
  with_seed(n: bigint): RandomCapability;
  int_range(lo: bigint, hi: bigint): bigint;
  float_unit(): number;
}

type RandomOp = keyof RandomCapability;

function makeRandom(host: Host, gen: SplitMix64, seeded: boolean): RandomCapability {
  // Random is never attenuated; one gate still fronts every operation.
  const gate = <T>(op: RandomOp, action: () => T): T => {
    host.observeGate?.("Random", op, true);
    return action();
  };
  return sealCapability(
    "Random",
    {
      with_seed: (n: bigint) => gate("with_seed", () => makeRandom(host, splitMix64(BigInt(n)), true)),
      int_range: (lo: bigint, hi: bigint) =>
        gate("int_range", () => {
          const low = BigInt(lo);
          const high = BigInt(hi);
          if (low >= high) throw new CapabilityAbort(abortMessages.intRangeBounds(low, high));
          if (high - low > MAX_SPAN) throw new CapabilityAbort(abortMessages.intRangeSpan(low, high));
          return drawIntRange(gen, low, high);
        }),
      float_unit: () => gate("float_unit", () => drawFloatUnit(gen)),
    },
    () => (seeded ? "Random(seeded)" : "Random"),
  );
}

export function createRandom(host: Host): RandomCapability {
  return makeRandom(host, splitMix64(seedFromBytes(host.randomBytes(8))), false);
}
