// The parent-side grant dispatcher without Pyodide: which ops it serves, what it refuses, how it
// routes to the granted capabilities, and where a granted Fs is mounted.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";
import { createGrantDispatcher, fsMountPoint } from "../../src/runtime/python/grants/index.js";
import { parsePyStrList } from "../../src/runtime/python/grants/fs-mount-point.js";

const host = createCapturingHost();
const rootFs = () => createRootCapability("Fs", host);
let dir: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "capa-grant-dispatch-")));
  mkdirSync(join(dir, "a", "b"), { recursive: true });
  mkdirSync(join(dir, "c"));
  writeFileSync(join(dir, "a", "f.txt"), "héllo");
  writeFileSync(join(dir, "a", "b", "g.txt"), "inner");
  writeFileSync(join(dir, "c", "x.txt"), "x");
  symlinkSync(join(dir, "c", "x.txt"), join(dir, "a", "out"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("where a granted Fs is mounted", () => {
  it("the innermost of nested prefixes; nothing for an unrestricted or an empty Fs", () => {
    expect(fsMountPoint(rootFs().restrict_to(join(dir, "a")))).toEqual({ ok: true, mountPoint: join(dir, "a") });
    expect(fsMountPoint(rootFs().restrict_to(dir).restrict_to(join(dir, "a", "b")))).toEqual({ ok: true, mountPoint: join(dir, "a", "b") });
    const unrestricted = fsMountPoint(rootFs());
    expect(unrestricted.ok).toBe(false);
    expect(!unrestricted.ok && unrestricted.reason).toMatch(/needs an Fs restricted to a directory/);
    expect(fsMountPoint(rootFs().restrict_to(join(dir, "a")).restrict_to(join(dir, "c"))).ok).toBe(false);
  });

  it("reads the capability's Python-style prefix list, quotes and backslashes included", () => {
    expect(parsePyStrList(`['/a', "/b'c", '/d\\\\e', '/f\\'g']`)).toEqual(["/a", "/b'c", "/d\\e", "/f'g"]);
    expect(parsePyStrList("[]")).toEqual([]);
    expect(parsePyStrList("['/a'")).toBeNull();
    expect(parsePyStrList("['/a'] x")).toBeNull();
  });
});

describe("the dispatcher", () => {
  it("refuses ops before any grant, unknown ops and non-grantable capabilities", () => {
    const d = createGrantDispatcher();
    expect(d.plan()).toEqual({ fsMountPoints: [], net: false });
    expect(() => d.call("fs.read", [join(dir, "a", "f.txt")])).toThrow("no Fs capability was granted to Python (py_grant), so 'fs.read' is refused");
    expect(() => d.call("net.get", ["http://127.0.0.1/"])).toThrow("no Net capability was granted");
    expect(() => d.call("proc.exec", ["ls"])).toThrow("the Python runtime asked for 'proc.exec', which no grant provides");
    const stdio = d.grant(createRootCapability("Stdio", host));
    expect(stdio).toEqual({ ok: false, reason: "py_grant accepts an Fs or a Net capability, got Stdio" });
    expect(d.grant({ restrict_to: () => null }).ok).toBe(false); // a look-alike is not a capability
    expect(d.grant(rootFs()).ok).toBe(false);
  });

  it("serves the Fs methods inside the prefix and throws the gate's denial outside", () => {
    const d = createGrantDispatcher();
    const g = d.grant(rootFs().restrict_to(join(dir, "a")));
    expect(g).toEqual({ ok: true, plan: { fsMountPoints: [join(dir, "a")], net: false } });
    expect(d.call("fs.read", [join(dir, "a", "f.txt")])).toEqual({ ok: "héllo" });
    expect(d.call("fs.stat", [join(dir, "a", "f.txt")])).toEqual({ ok: { kind: "file", size: 6 } });
    expect(d.call("fs.lookup", [join(dir, "a", "b")])).toEqual({ ok: "dir" });
    expect(d.call("fs.lookup", [join(dir, "a", "none")])).toEqual({ ok: "missing" });
    expect(d.call("fs.list_dir", [join(dir, "a")])).toEqual({ ok: ["b", "f.txt", "out"] });
    expect(d.call("fs.read", [join(dir, "a", "none")])).toEqual({
      error: { errno: "ENOENT", message: `failed to read '${join(dir, "a", "none")}': [Errno 2] No such file or directory: '${join(dir, "a", "none")}'` },
    });
    expect(() => d.call("fs.read", [join(dir, "a", "out")])).toThrow(`Fs capability does not permit read on '${join(dir, "a", "out")}'`);
    expect(() => d.call("fs.lookup", [join(dir, "a", "out")])).toThrow("Fs capability does not permit read on");
    expect(() => d.call("fs.read", [join(dir, "c", "x.txt")])).toThrow(`no Fs granted to Python covers '${join(dir, "c", "x.txt")}'`);
    expect(() => d.call("fs.unlink", [join(dir, "a", "f.txt")])).toThrow("the Fs capability has no 'unlink' operation");
    expect(() => d.call("fs.read", ["relative.txt"])).toThrow("malformed arguments for 'fs.read'");
    expect(() => d.call("fs.write", [join(dir, "a", "f.txt"), 42])).toThrow("malformed arguments for 'fs.write'");
  });

  it("routes each path to the innermost granted prefix, whose gate decides", () => {
    const d = createGrantDispatcher();
    d.grant(rootFs().restrict_to(join(dir, "a", "b")));
    const outer = d.grant(rootFs().restrict_to(join(dir, "c")));
    expect(outer.ok && outer.plan.fsMountPoints).toEqual([join(dir, "c"), join(dir, "a", "b")].sort((x, y) => x.length - y.length || (x < y ? -1 : 1)));
    expect(d.call("fs.read", [join(dir, "a", "b", "g.txt")])).toEqual({ ok: "inner" });
    expect(d.call("fs.read", [join(dir, "c", "x.txt")])).toEqual({ ok: "x" });
    expect(() => d.call("fs.read", [join(dir, "a", "f.txt")])).toThrow("no Fs granted to Python covers");
  });
});
