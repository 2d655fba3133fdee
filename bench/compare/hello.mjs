// Hand-written JS twin of hello.capa.
import { fileURLToPath } from "node:url";

export function main() {
  return "hello\n";
}

// Run directly, it prints; bench/compare/run.mjs also calls main() in-process for the ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(main());
