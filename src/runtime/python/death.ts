// Why the sandboxed Python process ended, from what the relay saw (exit code, signal, the end of
// its stderr), worded for the program's user. The stderr text only decides which reason applies:
// it holds Pyodide's JavaScript source and stack frames, which never reach the user.

import { PYTHON_STOPPED } from "../messages.js";

export interface ProcessEnd {
  readonly code?: number | null;
  readonly signal?: string | null;
  readonly stderr?: string;
  /** The process could not be started at all. */
  readonly spawn?: string;
}

/** What the child says when a call ended its process (`os._exit`, a stack overflow, ...). */
export type ChildEnd = { readonly exited: number } | { readonly failure: "stack" | "memory" | "fatal" };

export function endReason(end: ChildEnd): string {
  if ("exited" in end) return PYTHON_STOPPED.exited(end.exited);
  return end.failure === "stack" ? PYTHON_STOPPED.stack() : end.failure === "memory" ? PYTHON_STOPPED.memory() : PYTHON_STOPPED.fatal();
}

export function deathReason(end: ProcessEnd, cpuSeconds: number): string {
  if (end.spawn !== undefined) return PYTHON_STOPPED.notStarted();
  const stderr = end.stderr ?? "";
  if (end.signal === "SIGXCPU") return PYTHON_STOPPED.cpu(cpuSeconds);
  if (/Maximum call stack size exceeded|too much recursion/.test(stderr)) return PYTHON_STOPPED.stack();
  if (/out of memory|Out of memory|OOM|Cannot enlarge memory|Array buffer allocation failed|WebAssembly\.Memory/i.test(stderr)) return PYTHON_STOPPED.memory();
  const exited = /ExitStatus|Program terminated with exit\((\d+)\)/.exec(stderr);
  if (exited !== null) return PYTHON_STOPPED.exited(exited[1] === undefined ? end.code ?? 1 : Number(exited[1]));
  if (end.signal === "SIGKILL") return PYTHON_STOPPED.killed();
  if (end.signal) return PYTHON_STOPPED.signal(end.signal);
  if (/pyodide_fatal_error|Pyodide has suffered a fatal error/.test(stderr)) return PYTHON_STOPPED.fatal();
  return PYTHON_STOPPED.exited(end.code ?? 1);
}
