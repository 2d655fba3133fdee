// Makes and vets the V8 start-up snapshot bin/capa starts from (used by build.mjs, and by the
// other-Node test in tests/cli/node-versions.test.ts with another Node binary). A blob is kept
// only when the Node that made it can start from it AND run what a Capa program may need there:
// Node 22 and 24 abort when a worker of a snapshot-started process loads child_process, which the
// Python bridge's relay does, so their blobs are refused and bin/capa starts from the plain bundle.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { launcherNodeFlags } from "./bin/launcher-flags.mjs";

/** Builds `blob` with `node` from the snapshot entry bundle; returns null when kept, else why not. */
export function makeSnapshot(node, blob, entry = "dist/bundle/snapshot-entry.cjs") {
  const flags = launcherNodeFlags();
  const run = (args, env = {}) =>
    execFileSync(node, [...flags, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  try {
    run(["--no-warnings", "--snapshot-blob", blob, "--build-snapshot", entry]);
    // A blob Node cannot load crashes it with a native trace: start from it once before keeping it.
    const version = run(["--snapshot-blob", blob, "--", "--version"]);
    if (!version.startsWith("capa ")) throw new Error(`the snapshot answered --version with ${JSON.stringify(version)}`);
    const selfTest = run(["--snapshot-blob", blob, "--"], { CAPA_SNAPSHOT_SELFTEST: "1" });
    if (selfTest !== "snapshot ok\n") throw new Error(`the snapshot failed its self-test: ${JSON.stringify(selfTest)}`);
    return null;
  } catch (e) {
    rmSync(blob, { force: true });
    const detail = String(e.stderr || e.message).trim().split("\n").find((l) => /Assertion|Error|error/.test(l)) ?? String(e.message).split("\n")[0];
    return detail.trim();
  }
}
