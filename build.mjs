// Bundles the CLI and the interpreter thread into dist/bundle/ (after `tsc` has type-checked).
// Why: Node resolves and compiles ~110 separate ESM files at every start-up; one bundle per entry
// (with shared chunks) cuts cold `capa --check` and `capa --run` noticeably. Entry file names
// mirror the relative URLs the code spawns (`new URL("./thread-entry.js", import.meta.url)`), so
// the same source works both bundled and as tsc's per-file output (used by the tests' imports).
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/bundle", { recursive: true, force: true }); // chunk names change with content

await build({
  entryPoints: { cli: "src/cli/main.ts", "thread-entry": "src/runtime/thread-entry.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Loaded lazily, and only by the commands that need them: keep them out of the start-up path.
  external: ["pyodide", "@cyclonedx/cyclonedx-library", "ajv", "ajv-formats"],
  // commander is CommonJS: give the ESM bundle a `require` for its `require("node:events")`.
  banner: { js: "import { createRequire as __capaRequire } from 'node:module'; const require = __capaRequire(import.meta.url);" },
  logLevel: "warning",
});

// The sandboxed Python process reads nothing but its own file and the Pyodide package (Node's
// permission model), so it is bundled alone, without shared chunks.
await build({
  entryPoints: { "python-child": "src/runtime/python/child-main.ts" },
  outdir: "dist/bundle",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["pyodide"],
  logLevel: "warning",
});
