// A wrapped capability is never handed to Python: the child's calls would reach the capability's
// own methods and skip the wrapper's guards, so py_grant refuses it (the unwrapped one is accepted).
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";
import { createGrantDispatcher } from "../../src/runtime/python/grants/index.js";
import { WrappedCapability } from "../../src/runtime/capabilities/wrappers/wrapped.js";
import { revocableGuard } from "../../src/runtime/capabilities/wrappers/guards.js";
import { Revoker } from "../../src/runtime/capabilities/wrappers/tokens.js";
import { runChecked } from "./support.js";

describe("py_grant of a wrapped capability", () => {
  it("is refused with a reason, while the same capability unwrapped is granted", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "capa-wrap-grant-")));
    const fs = createRootCapability("Fs", createCapturingHost()).restrict_to(dir);
    const wrapped = new WrappedCapability(fs, [revocableGuard(new Revoker())], "Fs");
    const d = createGrantDispatcher();
    const refused = d.grant(wrapped);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/^a revocable, expiring, single-use or logged Fs cannot be granted to Python/);
    expect(d.plan()).toEqual({ fsMountPoints: [], net: false });
    expect(d.grant(fs).ok).toBe(true);
  });
});

describe("py_grant of a wrapped capability in a program", () => {
  it("stops the run with R7045 before Python starts", () => {
    const r = runChecked(`
fun main(stdio: Stdio, unsafe: Unsafe, fs: Fs)
    py_grant(unsafe, fs.restrict_to("/tmp").single_use())
    stdio.println("granted")
`);
    expect(r.stdout).toBe("");
    expect(r.outcome.failure).toMatchObject({ code: "R7045" });
    expect(r.outcome.failure!.message).toMatch(/^py_grant: a revocable, expiring, single-use or logged Fs cannot be granted to Python/);
    expect(r.outcome.pythonLoadMs).toBeUndefined();
  });
});
