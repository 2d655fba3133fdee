#!/usr/bin/env node
// The `capa` executable: runs the bundled CLI (built by `npm install` through `prepare`: tsc, then build.mjs).
import { runCli } from "../dist/bundle/cli.js";

await runCli(process.argv.slice(2));
