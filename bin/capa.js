#!/usr/bin/env node
// The `capa` executable: runs the compiled CLI (built by `npm install` through `prepare`).
import { runCli } from "../dist/cli/main.js";

await runCli(process.argv.slice(2));
