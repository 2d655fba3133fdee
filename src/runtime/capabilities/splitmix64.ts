// SplitMix64 on a u64 state in BigInt, bit-exact with the reference; pure, no entropy source of its own.

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const MIX1 = 0xbf58476d1ce4e5b9n;
const MIX2 = 0x94d049bb133111ebn;
const TWO_64 = 1n << 64n;

/** A generator whose state lives in a closure; `next` returns the next u64 as a bigint. */
export interface SplitMix64 {
  next(): bigint;
}

export function splitMix64(seed: bigint): SplitMix64 {
  let state = seed & MASK64;
  return {
    next() {
      state = (state + GOLDEN_GAMMA) & MASK64;
      let z = ((state ^ (state >> 30n)) * MIX1) & MASK64;
      z = ((z ^ (z >> 27n)) * MIX2) & MASK64;
      return z ^ (z >> 31n);
    },
  };
}

/** Uniform integer in [lo, hi) by rejection sampling; caller guarantees lo < hi and hi - lo <= 2^64. */
export function drawIntRange(gen: SplitMix64, lo: bigint, hi: bigint): bigint {
  const span = hi - lo;
  const limit = (TWO_64 / span) * span;
  let draw = gen.next();
  while (draw >= limit) draw = gen.next();
  return lo + (draw % span);
}

/** Uniform float in [0, 1) from the top 53 bits. */
export function drawFloatUnit(gen: SplitMix64): number {
  return Number(gen.next() >> 11n) * 2 ** -53;
}

export function seedFromBytes(bytes: Uint8Array): bigint {
  let seed = 0n;
  for (let i = Math.min(bytes.length, 8) - 1; i >= 0; i--) seed = (seed << 8n) | BigInt(bytes[i]!);
  return seed;
}

export const MAX_SPAN = TWO_64;
