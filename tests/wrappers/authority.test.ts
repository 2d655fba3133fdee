// Observed authority through wrapped capabilities: the operations a run performs through a wrapper
// are attributed to the functions on the stack, and the manifest covers them; checking a deadline
// is not an operation of the callee (found by the authority oracle: a callee typed only with Fs
// was seen "using" Clock when the expiry check went through the Clock's gate).
import { describe, expect, it } from "vitest";
import { runAuthorityOracle } from "../oracles/harness.js";

describe("authority through wrappers", () => {
  it("a callee given an expiring, logged, revocable Fs is seen using Fs only, and the manifest agrees", () => {
    const r = runAuthorityOracle(
      `
fun probe(fs: Fs) -> Bool
    return fs.exists("/nonexistent/capa-wrap")

fun main(stdio: Stdio, fs: Fs, clock: Clock)
    let w = fs.expires_after(clock, 60.0).logged(new_audit_log()).revocable(new_revoker())
    stdio.println("\${probe(w)}")
`,
      "wrapped.capa",
    );
    expect(r.errors).toEqual([]);
    expect(r.outcome!.failure).toBeNull();
    expect(r.host!.stdout()).toBe("false\n");
    expect(r.violations).toEqual([]);
    const probe = r.front.checked!.model.functions.find((f) => f.name === "probe")!;
    expect(probe.transitivelyReachableCapabilities).toEqual(["Fs"]);
  });
});
