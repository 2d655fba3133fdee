// Hand-written JS twin of bigint.capa: BigInt throughout (the values pass 2^53 at once).
import { fileURLToPath } from "node:url";

export function main() {
  const m = 288230376151711717n;
  let h = 1n;
  let acc = 0n;
  for (let i = 0; i < 200000; i++) {
    h = (h * 31n + BigInt(i)) % m;
    acc = (acc + h / 1024n) % m;
    if (h % 2n === 0n) acc = acc ^ (h >> 7n);
  }
  return `${h} ${acc}\n`;
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
