// The attack catalogue's data model: every `tests/attacks/<category>/<name>.capa` has a
// `<name>.expect` beside it saying what the safe outcome is. Read by `attacks.test.ts`.
//
// `.expect` format, one `key: value` per line (`#` starts a comment line):
//   mode: run | check          what `capa` does with the program (default run)
//   exit: N                    the exit code the safe outcome has (required)
//   stdout: TEXT               TEXT must appear in stdout (repeatable; `\n` in TEXT is a newline)
//   stderr: TEXT               TEXT must appear in stderr (repeatable)
//   no-stdout: TEXT            TEXT must not appear in stdout (repeatable)
//   no-stderr: TEXT            TEXT must not appear in stderr (repeatable)
//   flags: --timeout 5         extra flags before the file, split on spaces
//   args: a b                  program arguments after `--`, split on spaces
//   within: SECONDS            the run must end within SECONDS (default 60)
//   env: NAME=VALUE            an extra environment variable for `capa` (repeatable)
// Every attack, whatever its file says, must also end without exit 70, "internal error", a
// JavaScript stack frame or "Maximum call stack size exceeded".

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Expectation {
  readonly mode: "run" | "check";
  readonly exit: number;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  readonly noStdout: readonly string[];
  readonly noStderr: readonly string[];
  readonly flags: readonly string[];
  readonly args: readonly string[];
  readonly withinSeconds: number;
  readonly env: Readonly<Record<string, string>>;
}

export interface Attack {
  readonly category: string;
  readonly name: string;
  readonly file: string;
  readonly expect: Expectation;
}

/** Output that means the toolchain itself failed, whatever the attack was. */
export const NEVER_IN_OUTPUT: readonly (string | RegExp)[] = [
  "internal error",
  "Maximum call stack size exceeded",
  /^\s+at .+\(.*:\d+:\d+\)$/m, // a JavaScript stack frame
  "pyodide.asm.js",
];

export function parseExpectation(text: string, where: string): Expectation {
  const lists: Record<string, string[]> = { stdout: [], stderr: [], "no-stdout": [], "no-stderr": [] };
  let mode: "run" | "check" = "run";
  let exit: number | null = null;
  let flags: string[] = [];
  let args: string[] = [];
  let withinSeconds = 60;
  const env: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const m = /^([a-z-]+):\s?(.*)$/.exec(line);
    if (m === null) throw new Error(`${where}: not a 'key: value' line: ${line}`);
    const [, key, value] = m as unknown as [string, string, string];
    if (key in lists) lists[key]!.push(value.replace(/\\n/g, "\n"));
    else if (key === "mode" && (value === "run" || value === "check")) mode = value;
    else if (key === "exit" && /^\d+$/.test(value)) exit = Number(value);
    else if (key === "flags") flags = value.split(" ").filter((s) => s !== "");
    else if (key === "args") args = value.split(" ").filter((s) => s !== "");
    else if (key === "within" && /^\d+$/.test(value)) withinSeconds = Number(value);
    else if (key === "env" && /^[A-Z_][A-Z0-9_]*=/.test(value)) env[value.slice(0, value.indexOf("="))] = value.slice(value.indexOf("=") + 1);
    else throw new Error(`${where}: unknown key or bad value: ${line}`);
  }
  if (exit === null) throw new Error(`${where}: 'exit:' is required`);
  return {
    mode,
    exit,
    stdout: lists.stdout!,
    stderr: lists.stderr!,
    noStdout: lists["no-stdout"]!,
    noStderr: lists["no-stderr"]!,
    flags,
    args,
    withinSeconds,
    env,
  };
}

/** Every attack under `root`, by category folder then file name. */
export function discoverAttacks(root: string): Attack[] {
  const out: Attack[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = join(root, dir.name);
    for (const f of readdirSync(folder).filter((f) => f.endsWith(".capa")).sort()) {
      const name = f.slice(0, -".capa".length);
      const expectFile = join(folder, `${name}.expect`);
      out.push({ category: dir.name, name, file: join(folder, f), expect: parseExpectation(readFileSync(expectFile, "utf8"), expectFile) });
    }
  }
  return out;
}
