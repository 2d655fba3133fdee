// What the sandboxed Python process may consume (spec/python.md, "Limits"). The process is
// started under these bounds; a run with --timeout lowers the CPU bound to match.

/** CPU seconds the Python process may use in one run (RLIMIT_CPU, set with `ulimit -t`). */
export const PYTHON_CPU_SECONDS = 300;

/** The Python process's JavaScript heap (Pyodide's own objects), in MB. */
export const PYTHON_JS_HEAP_MB = 512;

/** Pyodide's WebAssembly memory, where Python's objects live, in 64 KiB pages (1 GiB). */
export const PYTHON_WASM_PAGES = 16384;

/** The CPU bound for a run: never more than the run's own --timeout allows. */
export function pythonCpuSeconds(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return PYTHON_CPU_SECONDS;
  return Math.min(PYTHON_CPU_SECONDS, Math.ceil(timeoutMs / 1000) + 1);
}
