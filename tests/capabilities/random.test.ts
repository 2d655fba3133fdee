// Random: SplitMix64 sequences bit-exact with the reference implementation, bounds and rejection sampling.
import { describe, expect, it } from "vitest";
import { CapabilityAbort, createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";
import { splitMix64, seedFromBytes } from "../../src/runtime/capabilities/splitmix64.js";

const rootRandom = () => createRootCapability("Random", createCapturingHost());

describe("Random", () => {
  // Expected values were produced by the reference `capa --run` 1.32.1.
  it("with_seed(42) reproduces the reference sequence", () => {
    const r = rootRandom().with_seed(42n);
    expect([r.int_range(0n, 100n), r.int_range(0n, 100n), r.int_range(-5n, 5n)]).toEqual([13n, 91n, 3n]);
    expect(r.float_unit()).toBe(0.34419071652363753);
    expect(r.int_range(0n, 1000000000000n)).toBe(786141963250n);
    expect(r.float_unit()).toBe(0.8682280765465323);
  });

  it("masks negative seeds to u64 and lets the last seed win", () => {
    const a = rootRandom().with_seed(-1n);
    expect([a.int_range(0n, 10n), a.int_range(-1000000n, 1000000n)]).toEqual([6n, 888969n]);
    expect(a.float_unit()).toBe(0.21948196289526756);
    const b = rootRandom().with_seed(0n).with_seed(123456789n);
    expect([b.int_range(0n, 3n), b.int_range(0n, 3n), b.int_range(0n, 3n)]).toEqual([2n, 0n, 1n]);
    expect(b.int_range(0n, 9223372036854775807n)).toBe(368738911429967590n);
    const c = rootRandom().with_seed(0n);
    expect(c.float_unit()).toBe(0.8833108082136426);
    expect(c.int_range(-9223372036854775807n, 9223372036854775807n)).toBe(-1263085514660420107n);
  });

  it("matches the published SplitMix64 reference output for seed 0", () => {
    const g = splitMix64(0n);
    expect(g.next()).toBe(0xe220a8397b1dcdafn);
    expect(g.next()).toBe(0x6e789e6aa1b965f4n);
  });

  it("with_seed returns a new instance and leaves the receiver alone", () => {
    const base = rootRandom().with_seed(7n);
    const first = base.int_range(0n, 1000n);
    const reseeded = base.with_seed(7n);
    expect(reseeded).not.toBe(base);
    expect(reseeded.int_range(0n, 1000n)).toBe(first);
  });

  it("an unseeded root reads 8 host bytes little-endian as its seed", () => {
    const bytes = Uint8Array.from([42, 0, 0, 0, 0, 0, 0, 0]);
    const r = createRootCapability("Random", createCapturingHost({ randomBytes: () => bytes }));
    expect(seedFromBytes(bytes)).toBe(42n);
    expect(r.int_range(0n, 100n)).toBe(13n);
  });

  it("int_range with low >= high aborts with the reference message", () => {
    const r = rootRandom();
    expect(() => r.int_range(5n, 5n)).toThrow(CapabilityAbort);
    expect(() => r.int_range(5n, 1n)).toThrow("int_range bounds must satisfy low < high; got low=5, high=1");
  });

  it("float_unit stays in [0, 1) and int_range in [lo, hi)", () => {
    const r = rootRandom().with_seed(99n);
    for (let i = 0; i < 500; i++) {
      const f = r.float_unit();
      expect(f >= 0 && f < 1).toBe(true);
      const n = r.int_range(-3n, 4n);
      expect(n >= -3n && n < 4n).toBe(true);
    }
  });
});
