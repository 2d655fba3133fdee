// The run's budget looks at the heap every 1,024 steps, and sooner once built-ins have returned
// large values adding up to 1% of the heap limit (src/runtime/interp/budget.ts): a program making
// one large value per step must not fill the heap's last quarter between two checkpoints.
import { describe, expect, it } from "vitest";
import { Budget, LARGE_VALUE, PositionCell } from "../../src/runtime/interp/budget.js";
import { CapaAbort } from "../../src/runtime/errors.js";

const MIB = 1024 * 1024;

describe("budget: early looks at the heap", () => {
  it("looks once large values add up to 1% of the limit, and stops the run when the heap is past 75%", () => {
    let used = 100 * MIB;
    let looks = 0;
    const heap = () => {
      looks++;
      return { used_heap_size: used, heap_size_limit: 1000 * MIB };
    };
    const budget = new Budget({}, new PositionCell(new Int32Array(1).fill(-1)), Date.now, heap);
    looks = 0;
    const big = "x".repeat(MIB); // 2 MiB counted, at 2 bytes a code unit
    for (let i = 0; i < 4; i++) budget.sized(big); // 8 MiB: under 1% of 1000 MiB
    expect(looks).toBe(0);
    budget.sized(big); // 10 MiB: a look, the heap is fine
    expect(looks).toBe(1);
    used = 800 * MIB;
    for (let i = 0; i < 4; i++) budget.sized(big);
    expect(() => budget.sized(big)).toThrow(CapaAbort);
    expect(looks).toBe(2);
  });

  it("counts lists at 8 bytes an element and ignores small values", () => {
    let looks = 0;
    const heap = () => (looks++, { used_heap_size: 0, heap_size_limit: 1000 * MIB });
    const budget = new Budget({}, new PositionCell(new Int32Array(1).fill(-1)), Date.now, heap);
    looks = 0;
    for (let i = 0; i < 1000; i++) budget.sized("small");
    budget.sized(new Array(LARGE_VALUE - 1).fill(0));
    expect(looks).toBe(0);
    const list = new Array(1310720).fill(0); // 10 MiB at 8 bytes an element
    budget.sized(list);
    expect(looks).toBe(1);
  });
});
