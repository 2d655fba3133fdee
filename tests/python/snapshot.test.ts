// The Pyodide memory snapshot (issue #20): the build makes one inside the sandbox, a run's child
// starts from it, and it is the only extra thing the child may read.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";
import { PythonBridge, pythonChildArgs, pythonChildPaths } from "../../src/runtime/python/bridge.js";
import { MAKE_SNAPSHOT, SNAPSHOT_FRAME, unframeSnapshot } from "../../src/runtime/python/snapshot.js";
import { CFloat, PyObjectRef } from "../../src/runtime/values.js";

describe("Pyodide memory snapshot", () => {
  it("the image is read from its frame, after anything printed before it, and a cut image is refused", () => {
    const image = Buffer.from([0, 1, 2, 10, 255]);
    const framed = Buffer.concat([Buffer.from(`Loading...\n${SNAPSHOT_FRAME} ${image.length}\n`), image]);
    expect(unframeSnapshot(framed)).toEqual(image);
    expect(unframeSnapshot(framed.subarray(0, framed.length - 1))).toBeNull();
    expect(unframeSnapshot(Buffer.from("no frame here"))).toBeNull();
  });

  it("the child may read the snapshot file and nothing else new; the build's request grants nothing", () => {
    const base = pythonChildArgs("/x/python-child.mjs", "/p/pyodide.mjs", null);
    const withSnapshot = pythonChildArgs("/x/python-child.mjs", "/p/pyodide.mjs", "/x/pyodide-1.snap");
    const making = pythonChildArgs("/x/python-child.mjs", "/p/pyodide.mjs", null, true);
    const grants = (args: string[]) => args.filter((a) => a.startsWith("--allow-"));
    expect(grants(withSnapshot)).toEqual([...grants(base), "--allow-fs-read=/x/pyodide-1.snap"]);
    expect(grants(making)).toEqual(grants(base));
    expect(withSnapshot.at(-1)).toBe("/x/pyodide-1.snap");
    expect(making.at(-1)).toBe(MAKE_SNAPSHOT);
    expect(withSnapshot).toContain("--disallow-code-generation-from-strings");
  });

  const built = (() => {
    try {
      return existsSync(pythonChildPaths().snapshot);
    } catch {
      return false;
    }
  })();
  it.skipIf(!built)("a run's child starts from the build's snapshot and works as a fresh one", { timeout: 120_000 }, () => {
    const host = createCapturingHost({ env: {} });
    const unsafe = createRootCapability("Unsafe", host);
    const bridge = new PythonBridge(host);
    try {
      const math = bridge.importModule(unsafe, "math") as PyObjectRef;
      expect(bridge.fromSnapshot).toBe(true);
      const sqrt = bridge.getattr(math, "sqrt");
      expect(bridge.invoke(unsafe, sqrt, [16])).toEqual(new CFloat(4));
    } finally {
      bridge.close();
    }
  });
});
