// Other Node versions (issue 14, item 15). The permission flag is asked of the running Node; the
// gated part fetches newer Node releases from the npm registry with npx and runs the Python
// examples under them, and checks that a start-up snapshot is kept only if it can run Python.
// Gated (CAPA_TEST_OTHER_NODES=1) because it downloads Node and takes about a minute.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { permissionFlag } from "../../src/runtime/python/bridge.js";
// @ts-expect-error plain .mjs helper shared with build.mjs
import { makeSnapshot } from "../../snapshot.mjs";
// @ts-expect-error plain .mjs helper shared with build.mjs
import { launcherNodeFlags } from "../../bin/launcher-flags.mjs";

const ROOT = join(__dirname, "../..");
const ENABLED = process.env.CAPA_TEST_OTHER_NODES === "1";
const VERSIONS = (process.env.CAPA_TEST_NODE_VERSIONS ?? "22,24").split(",").filter((v) => v !== "");
const PYTHON_EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => /^python_.*\.capa$/.test(f)).sort();

it("starts the Python child with the permission flag the running Node knows", () => {
  expect(permissionFlag(new Set(["--permission", "--experimental-permission"]))).toBe("--permission"); // Node 22
  expect(permissionFlag(new Set(["--permission"]))).toBe("--permission"); // Node 24
  expect(permissionFlag(new Set(["--experimental-permission"]))).toBe("--experimental-permission"); // Node 20
  expect(["--permission", "--experimental-permission"]).toContain(permissionFlag());
});

/** The `node` binary of `node@<version>` from the npm registry, or why there is none. */
function fetchNode(version: string): { path: string } | { reason: string } {
  const r = spawnSync("npx", ["-y", "-p", `node@${version}`, "node", "-p", "process.execPath"], { cwd: tmpdir(), encoding: "utf8", timeout: 120_000 });
  const path = r.stdout?.trim().split("\n").pop() ?? "";
  if (r.status === 0 && existsSync(path)) return { path };
  return { reason: (r.error?.message ?? r.stderr?.trim().split("\n").pop()) || `npx exited ${r.status}` };
}

describe.skipIf(!ENABLED)(`Python interop under node@${VERSIONS.join(", node@")} from the npm registry (set CAPA_TEST_OTHER_NODES=1 to run)`, () => {
  for (const version of VERSIONS) {
    it(`node@${version}: every Python example prints its recorded output, and a snapshot is kept only if it runs Python`, (ctx) => {
      const node = fetchNode(version);
      if ("reason" in node) {
        ctx.skip(`node@${version} is not available from the npm registry: ${node.reason}`);
        return;
      }
      const run = (args: string[]) => spawnSync(node.path, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
      for (const example of PYTHON_EXAMPLES) {
        const r = run([join(ROOT, "bin/capa.js"), "--run", `examples/${example}`]);
        expect({ example, stderr: r.stderr, stdout: r.stdout }).toEqual({ example, stderr: "", stdout: readFileSync(join(ROOT, "examples", example.replace(/\.capa$/, ".out")), "utf8") });
      }
      // As bin/capa starts it (its flags, the stack limit raised): the run on the main thread.
      const deep = "fun d(n: Int) -> Int\n    if n == 0\n        return 0\n    return d(n - 1) + 1\n\nfun main(stdio: Stdio)\n    stdio.println(\"${d(9990)}\")\n";
      const deepFile = join(mkdtempSync(join(tmpdir(), "capa-deep-")), "deep.capa");
      writeFileSync(deepFile, deep);
      for (const [file, expected] of [[`examples/${PYTHON_EXAMPLES[0]}`, readFileSync(join(ROOT, "examples", PYTHON_EXAMPLES[0]!.replace(/\.capa$/, ".out")), "utf8")], [deepFile, "9990\n"]] as const) {
        const script = 'ulimit -S -s 65532 && exec "$0" "$@"';
        const r = spawnSync("/bin/sh", ["-c", script, node.path, ...launcherNodeFlags(), join(ROOT, "bin/capa.js"), "--run", file], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
        expect({ file, stderr: r.stderr, stdout: r.stdout }).toEqual({ file, stderr: "", stdout: expected });
      }
      const blob = join(mkdtempSync(join(tmpdir(), "capa-snapshot-")), "capa.blob");
      const refused: string | null = makeSnapshot(node.path, blob, join(ROOT, "dist/bundle/snapshot-entry.cjs"));
      if (refused === null) {
        const r = run([...launcherNodeFlags(), "--snapshot-blob", blob, "--", "--run", `examples/${PYTHON_EXAMPLES[0]}`]);
        expect(r.stdout).toBe(readFileSync(join(ROOT, "examples", PYTHON_EXAMPLES[0]!.replace(/\.capa$/, ".out")), "utf8"));
      } else {
        expect(existsSync(blob)).toBe(false);
      }
    }, 300_000);
  }
});
