// Python grants end to end, in-process: a real Pyodide with the CAPAFS mount and capa_net installed,
// whose HostCall is the parent dispatcher holding a real attenuated Fs (a temp dir) and Net
// (127.0.0.1, served from a worker thread). Proves inside works, outside and escapes are denied.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";
import { createGrantDispatcher, createGrantInstaller, type GrantDispatcher, type GrantInstaller } from "../../src/runtime/python/grants/index.js";
import { startTestServer, type TestServer } from "../capabilities/support/httpServer.js";

let root: string;
let allowed: string;
let server: TestServer;
let pyodide: PyodideInterface;
let dispatcher: GrantDispatcher;
let installer: GrantInstaller;
const host = createCapturingHost();

/** Runs Python that leaves a JSON-able value in `result`; returns it parsed. */
function py(code: string): any {
  const text = pyodide.runPython(`import json as _json\n${code}\n_json.dumps(result)`) as string;
  return JSON.parse(text);
}

/** Python helper: `attempt(f)` → ["ok", value] or [ExceptionType, str(e), errno-name]. */
const ATTEMPT = `
import errno, os
def attempt(f):
    try:
        return ["ok", f()]
    except OSError as e:
        return [type(e).__name__, str(e), errno.errorcode.get(e.errno)]
`;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "capa-py-grants-")));
  allowed = join(root, "allowed");
  mkdirSync(join(allowed, "sub"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(allowed, "hello.txt"), "hi from the host\n");
  writeFileSync(join(allowed, "sub", "deep.txt"), "deep");
  writeFileSync(join(root, "outside", "secret.txt"), "secret");
  symlinkSync("../outside/secret.txt", join(allowed, "escape"));
  symlinkSync("../outside", join(allowed, "escdir"));
  symlinkSync("hello.txt", join(allowed, "inner-link"));
  server = await startTestServer(1024);
  pyodide = await loadPyodide();
  dispatcher = createGrantDispatcher();
  installer = createGrantInstaller(pyodide, dispatcher.call);
  const fs = createRootCapability("Fs", host).restrict_to(allowed);
  const granted = dispatcher.grant(fs);
  if (!granted.ok) throw new Error(granted.reason);
  installer.install(granted.plan);
  pyodide.runPython(ATTEMPT);
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("Fs granted to Python: the prefix mounted at its own path", () => {
  it("open() and os.listdir inside the prefix reach the host files", () => {
    expect(py(`result = [open("${allowed}/hello.txt").read(), sorted(os.listdir("${allowed}")), open("${allowed}/sub/deep.txt").read()]`)).toEqual([
      "hi from the host\n",
      ["escape", "escdir", "hello.txt", "inner-link", "sub"],
      "deep",
    ]);
  });

  it("writes, appends and mkdir go to the host through the capability", () => {
    py(`
with open("${allowed}/out.txt", "w") as f:
    f.write("written by python")
with open("${allowed}/out.txt", "a") as f:
    f.write(", then appended")
os.makedirs("${allowed}/made/deeper")
result = None`);
    expect(readFileSync(join(allowed, "out.txt"), "utf8")).toBe("written by python, then appended");
    expect(existsSync(join(allowed, "made", "deeper"))).toBe(true);
    expect(py(`result = [os.path.getsize("${allowed}/out.txt"), os.path.isdir("${allowed}/made"), os.path.isfile("${allowed}/out.txt")]`)).toEqual([32, true, true]);
  });

  it("a symlink that stays inside the prefix is followed", () => {
    expect(py(`result = open("${allowed}/inner-link").read()`)).toBe("hi from the host\n");
  });

  it("a symlink inside the prefix pointing outside is denied with the gate's message", () => {
    const [kind, message, code] = py(`result = attempt(lambda: open("${allowed}/escape").read())`);
    expect([kind, code]).toEqual(["PermissionError", "EACCES"]);
    expect(message).toContain(`Fs capability does not permit read on '${allowed}/escape': current allowed prefixes: ['${allowed}']`);
    // Through a directory link, for reading and for writing.
    expect(py(`result = attempt(lambda: open("${allowed}/escdir/secret.txt").read())`)[0]).toBe("PermissionError");
    expect(py(`result = attempt(lambda: open("${allowed}/escdir/planted.txt", "w").write("x"))`)[0]).toBe("PermissionError");
    expect(py(`result = attempt(lambda: os.listdir("${allowed}/escdir"))`)[0]).toBe("PermissionError");
    expect(existsSync(join(root, "outside", "planted.txt"))).toBe(false);
    // The link itself shows in listings, as a link that cannot be followed.
    expect(py(`result = [os.path.islink("${allowed}/escape"), os.path.exists("${allowed}/escape")]`)).toEqual([true, false]);
  });

  it("paths outside the prefix are denied, by name or through ..", () => {
    for (const path of [`${root}/outside/secret.txt`, `${allowed}/../outside/secret.txt`]) {
      const [kind, message, code] = py(`result = attempt(lambda: open("${path}").read())`);
      expect([kind, code]).toEqual(["PermissionError", "EACCES"]);
      expect(message).toContain(`no Fs granted to Python covers '${root}/outside'`);
    }
    expect(py(`result = attempt(lambda: os.mkdir("${root}/planted"))`)[0]).toBe("PermissionError");
    expect(existsSync(join(root, "planted"))).toBe(false);
    // The directories leading to the mount point show only the way to it.
    expect(py(`result = os.listdir("${root}")`)).toEqual(["allowed"]);
    // The rest of the host is not there at all: Python sees Pyodide's own in-memory files.
    expect(py(`result = attempt(lambda: open("/etc/hostname").read())`)[0]).toBe("FileNotFoundError");
  });

  it("operations the Fs capability lacks are refused by the parent; missing files are FileNotFoundError", () => {
    const [kind, message] = py(`result = attempt(lambda: os.remove("${allowed}/hello.txt"))`);
    expect(kind).toBe("PermissionError");
    expect(message).toContain("the Fs capability has no 'unlink' operation");
    expect(existsSync(join(allowed, "hello.txt"))).toBe(true);
    expect(py(`result = attempt(lambda: os.rename("${allowed}/hello.txt", "${allowed}/moved.txt"))`)[0]).toBe("PermissionError");
    expect(py(`result = attempt(lambda: open("${allowed}/nope.txt").read())`)[0]).toBe("FileNotFoundError");
  });

  it("bytes that are not UTF-8 are not written (the Fs capability stores text)", () => {
    const [kind, , code] = py(`
def write_binary():
    with open("${allowed}/blob.bin", "wb") as f:
        f.write(bytes([0xff, 0x00, 0xfe]))
result = attempt(write_binary)`);
    expect([kind, code]).toEqual(["OSError", "EILSEQ"]);
    expect(readFileSync(join(allowed, "blob.bin"), "utf8")).toBe("");
  });
});

describe("Net granted to Python: capa_net through the Net gate", () => {
  it("capa_net exists only once a Net is granted", () => {
    expect(py(`
try:
    import capa_net
    result = "present"
except ImportError:
    result = "absent"`)).toBe("absent");
    const granted = dispatcher.grant(createRootCapability("Net", host).restrict_to("127.0.0.1"));
    if (!granted.ok) throw new Error(granted.reason);
    expect(granted.plan).toEqual({ fsMountPoints: [allowed], net: true });
    installer.install(granted.plan);
    installer.install(granted.plan); // idempotent
    expect(py(`import capa_net\nresult = sorted(capa_net.__all__)`)).toEqual(["NetError", "get", "post"]);
  });

  it("get and post reach the allowed host", () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect(py(`result = [capa_net.get("${base}/hello"), capa_net.post("${base}/echo", "ping")]`)).toEqual([
      `hello from 127.0.0.1:${server.port}`,
      "POST application/octet-stream ping",
    ]);
  });

  it("another host is denied with the gate's message, before any request", () => {
    const before = server.hits();
    const [kind, message, code] = py(`result = attempt(lambda: capa_net.get("http://localhost:${server.port}/hello"))`);
    expect([kind, code]).toEqual(["PermissionError", "EACCES"]);
    expect(message).toContain("Net capability does not permit access to host 'localhost': current restrictions: ['127.0.0.1']");
    expect(server.hits()).toBe(before);
    expect(py(`result = attempt(lambda: capa_net.get("ftp://127.0.0.1/x"))`)[1]).toContain("Net capability does not permit scheme 'ftp'");
  });

  it("a redirect to a denied host is refused; an HTTP error is a NetError", () => {
    const base = `http://127.0.0.1:${server.port}`;
    const [kind, message] = py(`result = attempt(lambda: capa_net.get("${base}/redirect-denied"))`);
    expect(kind).toBe("PermissionError");
    expect(message).toContain("refused redirect to");
    expect(py(`result = attempt(lambda: capa_net.get("${base}/missing"))`).slice(0, 2)).toEqual(["NetError", "HTTP GET failed: HTTP Error 404: Not Found"]);
  });
});
