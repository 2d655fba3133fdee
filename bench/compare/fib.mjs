// Hand-written JS twin of fib.capa.
import { fileURLToPath } from "node:url";

export function main() {
  function fib(n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }
  return `${fib(30)}\n`;
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
