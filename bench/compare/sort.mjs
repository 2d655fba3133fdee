// Hand-written JS twin of sort.capa.
import { fileURLToPath } from "node:url";

export function main() {
  const xs = [];
  let seed = 12345;
  for (let i = 0; i < 100000; i++) {
    seed = (seed * 16807) % 2147483647;
    xs.push(seed % 1000000);
  }
  const sorted = xs.slice().sort((a, b) => (a % 1000 !== b % 1000 ? (b % 1000) - (a % 1000) : a - b));
  let check = 0;
  for (let i = 0; i < 100; i++) check = (check * 31 + sorted[i * 1000]) % 1000000007;
  return `${sorted[0]} ${sorted[99999]} ${check}\n`;
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
