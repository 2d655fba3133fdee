// What the sandboxed Python process may consume (spec/python.md, "Limits").

/**
 * CPU seconds the Python process may use in one run (RLIMIT_CPU, set with `ulimit -t`). Loading
 * Pyodide alone takes several CPU seconds (compilation runs on several threads), so the bound is
 * not tied to --timeout: a run stopped at its deadline kills the process itself.
 */
export const PYTHON_CPU_SECONDS = 300;

/** The Python process's JavaScript heap (Pyodide's own objects), in MB. */
export const PYTHON_JS_HEAP_MB = 512;

/** Pyodide's WebAssembly memory, where Python's objects live, in 64 KiB pages (1 GiB). */
export const PYTHON_WASM_PAGES = 16384;
