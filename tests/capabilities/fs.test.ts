// Fs capability: reference semantics and messages, conjunctive prefixes, and escape attempts that must be DENIED.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCapturingHost, createRootCapability, type FsCapability } from "../../src/runtime/capabilities/index.js";

let root: string;
let data: string;
let outside: string;
const SECRET = "top secret";

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-fs-")));
  data = join(root, "data");
  outside = join(root, "outside");
  mkdirSync(join(data, "sub"), { recursive: true });
  mkdirSync(join(root, "data2"));
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), SECRET);
  writeFileSync(join(root, "data2", "neighbour.txt"), "neighbour");
  writeFileSync(join(data, "f.txt"), "inside");
  writeFileSync(join(data, "b.txt"), "b");
  writeFileSync(join(data, "bad.txt"), Buffer.from([0x61, 0xff]));
  symlinkSync(join(outside, "secret.txt"), join(data, "link-out"));
  symlinkSync(outside, join(data, "dir-out"));
  symlinkSync("f.txt", join(data, "link-in"));
  mkdirSync(join(data, "%2e%2e"));
  linkSync(join(outside, "secret.txt"), join(data, "hard-out"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rootFs = (cwd?: string): FsCapability => createRootCapability("Fs", createCapturingHost(cwd ? { cwd } : {}));
const dataFs = (): FsCapability => rootFs().restrict_to(data);
const denial = (op: string, path: string, prefixes: string[]) => ({
  ok: false,
  error: {
    message: `Fs capability does not permit ${op} on '${path}'`,
    cause: `current allowed prefixes: [${prefixes.map((p) => `'${p}'`).join(", ")}]`,
  },
});

describe("Fs: operations inside the prefix", () => {
  it("reads, writes (overwriting), lists sorted basenames, makes directories", () => {
    const fs = dataFs();
    expect(fs.read(join(data, "f.txt"))).toEqual({ ok: true, value: "inside" });
    expect(fs.write(join(data, "new.txt"), "héllo")).toEqual({ ok: true, value: undefined });
    expect(fs.write(join(data, "new.txt"), "hi")).toEqual({ ok: true, value: undefined });
    expect(readFileSync(join(data, "new.txt"), "utf8")).toBe("hi");
    expect(fs.mkdir(join(data, "m", "n"))).toEqual({ ok: true, value: undefined });
    expect(fs.mkdir(join(data, "m", "n"))).toEqual({ ok: true, value: undefined });
    expect(fs.is_dir(join(data, "m", "n"))).toBe(true);
    const listing = fs.list_dir(join(data, "sub"));
    expect(listing).toEqual({ ok: true, value: [] });
    writeFileSync(join(data, "sub", "z"), "");
    writeFileSync(join(data, "sub", "a"), "");
    expect(fs.list_dir(join(data, "sub"))).toEqual({ ok: true, value: ["a", "z"] });
    expect(fs.read(join(data, "link-in"))).toEqual({ ok: true, value: "inside" });
  });

  it("resolves relative paths against the host's working directory", () => {
    const fs = rootFs(data).restrict_to(".");
    expect(fs.read("f.txt")).toEqual({ ok: true, value: "inside" });
    expect(fs.allows("../outside/secret.txt")).toBe(false);
  });

  it("reports OS failures with Python-style causes", () => {
    const fs = dataFs();
    const missing = join(data, "missing.txt");
    expect(fs.read(missing)).toEqual({
      ok: false,
      error: { message: `failed to read '${missing}'`, cause: `[Errno 2] No such file or directory: '${missing}'` },
    });
    const sub = join(data, "sub");
    expect(fs.write(sub, "x")).toEqual({ ok: false, error: { message: `failed to write '${sub}'`, cause: `[Errno 21] Is a directory: '${sub}'` } });
    const file = join(data, "f.txt");
    expect(fs.list_dir(file)).toEqual({ ok: false, error: { message: `failed to list '${file}'`, cause: `[Errno 20] Not a directory: '${file}'` } });
    expect(fs.mkdir(file)).toEqual({ ok: false, error: { message: `failed to mkdir '${file}'`, cause: `[Errno 17] File exists: '${file}'` } });
    expect(fs.read(join(data, "bad.txt"))).toMatchObject({ ok: false, error: { message: `failed to read '${join(data, "bad.txt")}'` } });
  });

  it("exists and is_dir answer for allowed paths", () => {
    const fs = dataFs();
    expect(fs.exists(join(data, "f.txt"))).toBe(true);
    expect(fs.exists(join(data, "nope"))).toBe(false);
    expect(fs.is_dir(join(data, "f.txt"))).toBe(false);
  });
});

describe("Fs: attenuation", () => {
  it("is conjunctive and reports sorted real prefixes", () => {
    const fs = rootFs().restrict_to(root + "/").restrict_to(data);
    expect(fs.allows(join(data, "f.txt"))).toBe(true);
    expect(fs.allows(join(outside, "secret.txt"))).toBe(false);
    expect(fs.read(join(outside, "secret.txt"))).toEqual(denial("read", join(outside, "secret.txt"), [root, data]));
  });

  it("two disjoint prefixes allow nothing", () => {
    const fs = rootFs().restrict_to(data).restrict_to(outside);
    expect(fs.allows(join(data, "f.txt"))).toBe(false);
    expect(fs.allows(join(outside, "secret.txt"))).toBe(false);
  });

  it("returns new objects; the parent keeps its authority", () => {
    const parent = rootFs();
    const child = parent.restrict_to(data);
    expect(child).not.toBe(parent);
    expect(parent.allows(join(outside, "secret.txt"))).toBe(true);
    expect(child.allows(join(outside, "secret.txt"))).toBe(false);
  });

  it("a denied exists/is_dir is indistinguishable from absent", () => {
    const fs = dataFs();
    expect(fs.exists(join(outside, "secret.txt"))).toBe(false);
    expect(fs.is_dir(outside)).toBe(false);
  });
});

describe("Fs: escape attempts are DENIED", () => {
  const secretPath = join("outside", "secret.txt");

  it("`..` traversal", () => {
    const fs = dataFs();
    expect(fs.read(`${data}/../${secretPath}`)).toEqual(denial("read", `${data}/../${secretPath}`, [data]));
    expect(fs.write(`${data}/sub/../../${secretPath}`, "x")).toMatchObject({ ok: false });
    expect(readFileSync(join(outside, "secret.txt"), "utf8")).toBe(SECRET);
  });

  it("absolute paths outside, for every operation", () => {
    const fs = dataFs();
    const target = join(outside, "secret.txt");
    expect(fs.read(target)).toEqual(denial("read", target, [data]));
    expect(fs.write(target, "x")).toEqual(denial("write", target, [data]));
    expect(fs.list_dir(outside)).toEqual(denial("list_dir", outside, [data]));
    expect(fs.mkdir(join(outside, "made"))).toEqual(denial("mkdir", join(outside, "made"), [data]));
    expect(existsSync(join(outside, "made"))).toBe(false);
    expect(readFileSync(target, "utf8")).toBe(SECRET);
  });

  it("symlinks from inside to outside (file and directory)", () => {
    const fs = dataFs();
    expect(fs.read(join(data, "link-out"))).toEqual(denial("read", join(data, "link-out"), [data]));
    expect(fs.write(join(data, "link-out"), "pwned")).toEqual(denial("write", join(data, "link-out"), [data]));
    expect(fs.read(join(data, "dir-out", "secret.txt"))).toMatchObject({ ok: false });
    expect(fs.write(join(data, "dir-out", "planted.txt"), "x")).toMatchObject({ ok: false });
    expect(fs.list_dir(join(data, "dir-out"))).toMatchObject({ ok: false });
    expect(fs.exists(join(data, "dir-out", "secret.txt"))).toBe(false);
    expect(existsSync(join(outside, "planted.txt"))).toBe(false);
    expect(readFileSync(join(outside, "secret.txt"), "utf8")).toBe(SECRET);
  });

  it("`..` after a symlink is applied to the link's target, as the kernel does", () => {
    // data/dir-out/.. is `root`, not `data`: a lexical normaliser would wrongly allow this.
    const fs = dataFs();
    expect(fs.allows(join(data, "dir-out") + "/../data/f.txt")).toBe(true);
    expect(fs.allows(join(data, "dir-out") + "/../outside/secret.txt")).toBe(false);
    expect(fs.read(`${data}/dir-out/../outside/secret.txt`)).toMatchObject({ ok: false });
  });

  it("a sibling sharing the prefix string (`/data2` vs `/data`)", () => {
    const fs = dataFs();
    const neighbour = join(root, "data2", "neighbour.txt");
    expect(fs.allows(neighbour)).toBe(false);
    expect(fs.read(neighbour)).toEqual(denial("read", neighbour, [data]));
  });

  it("`%2e%2e` is an ordinary name, never decoded into `..`", () => {
    const fs = dataFs();
    const literal = `${data}/%2e%2e/outside/secret.txt`;
    expect(fs.allows(literal)).toBe(true); // it names something inside data
    expect(fs.read(literal)).toMatchObject({ ok: false, error: { message: `failed to read '${literal}'` } });
    expect(fs.write(`${data}/%2e%2e/x.txt`, "lit")).toEqual({ ok: true, value: undefined });
    expect(readFileSync(join(data, "%2e%2e", "x.txt"), "utf8")).toBe("lit");
  });

  it("NUL bytes are rejected, even by an unrestricted Fs", () => {
    for (const fs of [dataFs(), rootFs()]) {
      const p = `${data}/f.txt\0/../../outside/secret.txt`;
      expect(fs.allows(p)).toBe(false);
      expect(fs.read(p)).toMatchObject({ ok: false, error: { cause: "the path contains a NUL byte" } });
      expect(fs.write(p, "x")).toMatchObject({ ok: false });
      expect(fs.exists(p)).toBe(false);
    }
  });

  it("`/proc/self/...` paths are resolved to what they reach", () => {
    const fs = dataFs();
    expect(fs.read(`/proc/self/root${outside}/secret.txt`)).toMatchObject({ ok: false, error: { message: expect.stringContaining("does not permit read") } });
    expect(fs.read(`/proc/self/cwd/../../../../../../../..${outside}/secret.txt`)).toMatchObject({ ok: false });
    expect(fs.read(`/proc/self/root${data}/f.txt`)).toEqual({ ok: true, value: "inside" });
    expect(fs.allows("/proc/self/fd/0")).toBe(false);
  });

  it("hard links: writes through a multiply-linked file are refused", () => {
    const fs = dataFs();
    const p = join(data, "hard-out");
    expect(fs.write(p, "pwned")).toEqual({
      ok: false,
      error: {
        message: `Fs capability does not permit write on '${p}'`,
        cause: "the file has 2 hard links; its other names may lie outside the allowed prefixes, so it is not written",
      },
    });
    expect(readFileSync(join(outside, "secret.txt"), "utf8")).toBe(SECRET);
  });

  it("hard links: reads are the documented residual (permitted)", () => {
    expect(dataFs().read(join(data, "hard-out"))).toEqual({ ok: true, value: SECRET });
  });

  it("the capability object is frozen, so no method can be swapped for one that skips the gate", () => {
    const fs = dataFs();
    expect(Object.isFrozen(fs)).toBe(true);
    expect(() => {
      (fs as unknown as { read: unknown }).read = () => ({ ok: true, value: SECRET });
    }).toThrow();
  });
});
