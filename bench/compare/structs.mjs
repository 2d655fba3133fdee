// Hand-written JS twin of structs.capa: plain objects, a tag per variant, the same guards.
import { fileURLToPath } from "node:url";

export function main() {
  function quadrant(v) {
    if (v.x === 0 && v.y === 0) return 0;
    if (v.x >= 0 && v.y >= 0) return 1;
    if (v.x < 0 && v.y >= 0) return 2;
    if (v.x < 0) return 3;
    return 4;
  }

  function weight(s) {
    switch (s.tag) {
      case "Circle":
        return s.c.x + s.c.y + s.r * s.r;
      case "Rect":
        return (s.b.x - s.a.x) * (s.b.y - s.a.y);
      default:
        return 1;
    }
  }

  function make(i) {
    const pos = { x: (i % 17) - 8, y: (i % 13) - 6 };
    const k = i % 3;
    const shape = k === 0 ? { tag: "Circle", c: pos, r: i % 5 } : k === 1 ? { tag: "Rect", a: pos, b: { x: i % 7, y: i % 11 } } : { tag: "Dot", p: pos };
    return { pos, shape, mass: i % 9 };
  }

  let total = 0;
  let axes = 0;
  let first = 0;
  let others = 0;
  for (let round = 0; round < 20; round++) {
    const bodies = [];
    for (let i = 0; i < 5000; i++) bodies.push(make(i + round));
    for (const b of bodies) {
      const q = quadrant(b.pos);
      if (q === 0) axes += 1;
      else if (q === 1) first += 1;
      else others += 1;
      total += weight(b.shape) * b.mass;
    }
  }
  return `${total} ${axes} ${first} ${others}\n`;
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
