// The V8 flags bin/capa starts Node with (its NODE_FLAGS line), for the build, which must make
// the start-up snapshot under the same flags, and for the benchmarks, which measure under them.
import { readFileSync } from "node:fs";

export function launcherNodeFlags() {
  const launcher = readFileSync(new URL("./capa", import.meta.url), "utf8");
  const line = /^NODE_FLAGS="([^"]*)"$/m.exec(launcher);
  if (line === null) throw new Error("bin/capa has no NODE_FLAGS line");
  return line[1].split(" ").filter((flag) => flag !== "");
}
