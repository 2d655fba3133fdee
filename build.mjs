// Bundles the CLI and the interpreter thread into dist/bundle/ (after `tsc` has type-checked),
// then builds the start-up snapshot that bin/capa starts from.
// Why bundles: Node resolves and compiles ~110 separate ESM files at every start-up; one bundle
// per entry (with shared chunks) cuts cold `capa --check` and `capa --run` noticeably. Entry file
// names mirror the relative URLs the code spawns (`new URL("./thread-entry.js", import.meta.url)`),
// so the same source works both bundled and as tsc's per-file output (used by the tests' imports).
// A snapshot only loads under the V8 flags it was made with: those of bin/capa.
// Why a snapshot: chevrotain's self-analysis of the grammar and loading the CLI cost about as much
// as Node's own start; a V8 start-up snapshot taken after both is loaded instead (bin/capa).
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { makeSnapshot } from "./snapshot.mjs";
import { makePythonSnapshot } from "./python-snapshot.mjs";

rmSync("dist/bundle", { recursive: true, force: true }); // chunk names change with content
rmSync("dist/snapshot", { recursive: true, force: true });

// Loaded lazily, and only by the commands that need them: keep them out of the start-up path.
const external = ["pyodide", "@cyclonedx/cyclonedx-library", "ajv", "ajv-formats", "vscode-languageserver", "vscode-languageserver-textdocument", "node-sqlite3-wasm"];

await build({
  entryPoints: { cli: "src/cli/main.ts", "thread-entry": "src/runtime/thread-entry.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  // commander is CommonJS: give the ESM bundle a `require` for its `require("node:events")`.
  banner: { js: "import { createRequire as __capaRequire } from 'node:module'; const require = __capaRequire(import.meta.url);" },
  logLevel: "warning",
});

// The sandboxed Python process reads nothing but its own file and the Pyodide package (Node's
// permission model), so it is bundled alone, without shared chunks, as `.mjs`: it may not read a
// package.json to learn that it is a module (early Node 20 releases then load it as CommonJS).
await build({
  entryPoints: { "python-child": "src/runtime/python/child-main.ts" },
  outdir: "dist/bundle",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["pyodide"],
  logLevel: "warning",
});

// The Python child starts from a Pyodide memory snapshot made now, by the child itself.
const pythonRefused = makePythonSnapshot();
if (pythonRefused !== null) console.warn(`build: no Pyodide snapshot (${pythonRefused}); a run's first py_import loads Pyodide afresh`);

// A snapshot is built from one CommonJS script that may not import() anything at run time: the
// whole CLI in one file beside the other bundles (so its relative URLs resolve the same), with
// chevrotain's single-file build linked in statically and the lazy packages loaded by require.
const chevrotainBundle = join(dirname(createRequire(import.meta.url).resolve("chevrotain")), "..", "chevrotain.mjs");
const staticChevrotain = {
  name: "static-chevrotain",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]syntax[\\/]chevrotain\.ts$/ }, () => ({
      contents: `export { createToken, createTokenInstance, Lexer, EmbeddedActionsParser, isRecognitionException, EOF } from ${JSON.stringify(chevrotainBundle)};`,
      loader: "ts",
      resolveDir: process.cwd(),
    }));
  },
};
await build({
  entryPoints: { "snapshot-entry": "src/cli/snapshot-entry.ts" },
  outdir: "dist/bundle",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external,
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__capaModuleUrl" },
  // In a snapshot, `require` loads built-in modules only: packages are required through a
  // require made for this file when first needed (at run time, after the snapshot is loaded).
  banner: {
    js: [
      "var __capaModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      "var __capaBuiltinRequire = require; var __capaFullRequire;",
      "require = (id) => id.startsWith('node:') || require('node:module').isBuiltin(id) ? __capaBuiltinRequire(id) : (__capaFullRequire ??= __capaBuiltinRequire('node:module').createRequire(__filename))(id);",
    ].join("\n"),
  },
  plugins: [staticChevrotain],
  logLevel: "warning",
});

const blob = `dist/snapshot/capa-${process.version}.blob`;
mkdirSync("dist/snapshot", { recursive: true });
const refused = makeSnapshot(process.execPath, blob);
// bin/capa falls back to the plain bundle when there is no snapshot: slower, never wrong.
if (refused !== null) console.warn(`build: no start-up snapshot for Node ${process.version} (${refused}); bin/capa will start without one`);
