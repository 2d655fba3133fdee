// Root construction, identification of capability objects, and the process host's output guarantees.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transpileCapabilities } from "./support/transpile.js";
import {
  CAPABILITY_TYPE_NAMES,
  capabilityTypeName,
  createCapturingHost,
  createRootCapability,
  describeCapability,
  isCapability,
} from "../../src/runtime/capabilities/index.js";

describe("root capabilities", () => {
  it("every type name yields a fresh, frozen, identifiable root", () => {
    const host = createCapturingHost();
    for (const name of CAPABILITY_TYPE_NAMES) {
      const a = createRootCapability(name, host);
      const b = createRootCapability(name, host);
      expect(a).not.toBe(b);
      expect(isCapability(a)).toBe(true);
      expect(capabilityTypeName(a)).toBe(name);
      expect(Object.isFrozen(a)).toBe(true);
    }
  });

  it("plain values are not capabilities", () => {
    for (const v of [null, undefined, 1, "Fs", {}, [], { read: () => 1 }]) {
      expect(isCapability(v)).toBe(false);
      expect(capabilityTypeName(v)).toBeNull();
      expect(describeCapability(v)).toBeNull();
    }
  });

  it("attenuated capabilities keep their type and describe their restrictions", () => {
    const host = createCapturingHost();
    const net = createRootCapability("Net", host).restrict_to("API.example.com.");
    expect(capabilityTypeName(net)).toBe("Net");
    expect(describeCapability(net)).toBe("Net(hosts: ['api.example.com'])");
    expect(describeCapability(createRootCapability("Fs", host))).toBe("Fs(unrestricted)");
    expect(describeCapability(createRootCapability("Env", host).restrict_to_keys(["B", "A"]))).toBe("Env(keys: ['A', 'B'])");
  });

  it("Unsafe is a token with no methods", () => {
    const unsafe = createRootCapability("Unsafe", createCapturingHost());
    expect(Object.keys(unsafe)).toEqual([]);
    expect(capabilityTypeName(unsafe)).toBe("Unsafe");
  });

  it("restriction state is not reachable from the object", () => {
    const fs = createRootCapability("Fs", createCapturingHost()).restrict_to("/tmp");
    expect(Object.getOwnPropertyNames(fs).sort()).toEqual(["allows", "exists", "is_dir", "list_dir", "mkdir", "read", "restrict_to", "write"]);
  });
});

describe("process host", () => {
  const PROGRAM = `
import { createProcessHost } from "./index.js";
const host = createProcessHost();
host.writeStdout("prompt> ");
for (;;) {
  const line = host.readLine();
  if (line === null) break;
  host.writeStdout("got [" + line + "]\\n");
}
host.writeStdout("eof\\n");
host.writeStderr("warn\\n");
host.writeStdout("x".repeat(100000) + "\\n");
host.writeStdout("tail-without-flush");
`;

  it("never loses buffered stdout when piped, and flushes stdout before each stderr write", () => {
    const dir = transpileCapabilities();
    try {
      writeFileSync(join(dir, "program.js"), PROGRAM);
      // One pipe for both streams, so the test sees the interleaving a terminal would show.
      const r = spawnSync("/bin/sh", ["-c", `"${process.execPath}" program.js 2>&1`], { cwd: dir, input: "first line\nsecond", encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`prompt> got [first line]\ngot [second]\neof\nwarn\n${"x".repeat(100_000)}\ntail-without-flush`);
    } finally {
      rmSync(join(dir, "..", ".."), { recursive: true, force: true });
    }
  });
});
