// The Python process's own limits: its CPU time is bounded (a Python loop ends as one clean
// line, not a hang), and every way it can end is worded without Pyodide's JavaScript.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCapturingHost } from "../../src/runtime/capabilities/index.js";
import { createRootCapability } from "../../src/runtime/capabilities/index.js";
import { CapaAbort } from "../../src/runtime/errors.js";
import { PythonBridge, pythonChildPaths } from "../../src/runtime/python/bridge.js";
import { deathReason, endReason } from "../../src/runtime/python/death.js";
import { PyObjectRef } from "../../src/runtime/values.js";

describe("python process limits", () => {
  it("a Python loop that spins past the CPU bound stops the process with one short line", { timeout: 90_000 }, () => {
    const host = createCapturingHost({ env: {} });
    const unsafe = createRootCapability("Unsafe", host);
    // Loading Pyodide takes a few CPU seconds of the budget (about one from the build's memory
    // snapshot); the loop takes the rest, so the bound is smaller when the load is cheaper.
    const cpuSeconds = existsSync(pythonChildPaths().snapshot) ? 6 : 12;
    const bridge = new PythonBridge(host, { cpuSeconds });
    try {
      const builtins = bridge.importModule(unsafe, "builtins") as PyObjectRef;
      const exec = bridge.getattr(builtins, "exec");
      const started = Date.now();
      let failure: unknown = null;
      try {
        bridge.invoke(unsafe, exec, ["while True: pass"]);
      } catch (e) {
        failure = e;
      }
      expect(failure).toBeInstanceOf(CapaAbort);
      expect((failure as CapaAbort).capaMessage).toBe(`the Python process stopped: it used up its ${cpuSeconds} s of CPU time`);
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      bridge.close();
    }
  });

  it("words each way the process ends, whatever its stderr holds", () => {
    const noise = "var _emscripten_glUniform4f=(location,v0)=>{GLctx.uniform4f(...)}\n    at wasm://wasm/0249d42a:wasm-function[2417]";
    expect(deathReason({ code: null, signal: "SIGXCPU", stderr: noise }, 7)).toBe("it used up its 7 s of CPU time");
    expect(deathReason({ code: 1, signal: null, stderr: `${noise}\nRangeError: Maximum call stack size exceeded` }, 7)).toContain("recursed too deeply");
    expect(deathReason({ code: 1, signal: null, stderr: `${noise}\nFATAL ERROR: JavaScript heap out of memory` }, 7)).toBe("it ran out of memory");
    expect(deathReason({ code: null, signal: "SIGKILL", stderr: "" }, 7)).toBe("it was killed");
    expect(deathReason({ code: 5, signal: null, stderr: noise }, 7)).toBe("the Python code ended the process (exit status 5)");
    expect(endReason({ exited: 3 })).toBe("the Python code ended the process (exit status 3)");
    expect(endReason({ failure: "stack" })).toContain("recursed too deeply");
  });
});
