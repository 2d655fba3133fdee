// Hand-written JS twin of mapset.capa.
import { fileURLToPath } from "node:url";

export function main() {
  const counts = new Map();
  const seen = new Set();
  let seed = 7;
  for (let i = 0; i < 100000; i++) {
    seed = (seed * 48271) % 2147483647;
    const k = seed % 50000;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    seen.add(k % 30000);
  }
  let hits = 0;
  for (let k = 0; k < 60000; k++) if (seen.has(k)) hits += 1;
  let most = 0;
  for (const k of counts.keys()) {
    const c = counts.get(k) ?? 0;
    if (c > most) most = c;
  }
  return `${counts.size} ${seen.size} ${hits} ${most}\n`;
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
