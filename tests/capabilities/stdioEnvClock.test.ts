// Stdio, Env and Clock: reference semantics, attenuation algebra, and denied-state behaviour.
import { describe, expect, it } from "vitest";
import { CapabilityAbort, createCapturingHost, createRootCapability } from "../../src/runtime/capabilities/index.js";

describe("Stdio", () => {
  it("print flushes without newline, println adds one, eprintln goes to stderr in order", () => {
    const host = createCapturingHost();
    const io = createRootCapability("Stdio", host);
    expect(io.print("a")).toBeUndefined();
    expect(host.flushCount()).toBe(1);
    io.println("b");
    io.eprintln("oops");
    io.println("c");
    expect(host.events()).toEqual([
      { stream: "stdout", text: "a" },
      { stream: "stdout", text: "b\n" },
      { stream: "stderr", text: "oops\n" },
      { stream: "stdout", text: "c\n" },
    ]);
  });

  it("read_line strips only the trailing newline and reports end of input", () => {
    const io = createRootCapability("Stdio", createCapturingHost({ stdin: "hello\r\nlast" }));
    expect(io.read_line()).toEqual({ ok: true, value: "hello\r" });
    expect(io.read_line()).toEqual({ ok: true, value: "last" });
    expect(io.read_line()).toEqual({ ok: false, error: { message: "end of input", cause: null } });
  });

  it("an OS read error becomes `read failed`", () => {
    const host = createCapturingHost();
    host.readLine = () => {
      throw new Error("EIO: i/o error, read");
    };
    expect(createRootCapability("Stdio", host).read_line()).toEqual({
      ok: false,
      error: { message: "read failed", cause: "EIO: i/o error, read" },
    });
  });
});

describe("Env", () => {
  const host = () => createCapturingHost({ env: { HOME: "/root", PATH: "/bin", TOKEN: "s3cret" }, args: ["x", "y"] });

  it("an unrestricted Env sees the whole host environment", () => {
    const env = createRootCapability("Env", host());
    expect(env.get("PATH")).toBe("/bin");
    expect(env.get("UNSET")).toBeNull();
    expect(env.allows("ANYTHING")).toBe(true);
  });

  it("restrict_to_keys intersects; a denied key reads as None like an unset one", () => {
    const env = createRootCapability("Env", host()).restrict_to_keys(["HOME", "TOKEN"]);
    expect(env.get("HOME")).toBe("/root");
    expect(env.get("PATH")).toBeNull();
    expect(env.allows("PATH")).toBe(false);
    const narrower = env.restrict_to_keys(["TOKEN", "PATH"]);
    expect(narrower.allows("TOKEN")).toBe(true);
    expect(narrower.allows("PATH")).toBe(false); // intersection never widens
    expect(narrower.allows("HOME")).toBe(false);
    expect(env.allows("HOME")).toBe(true); // the receiver is untouched
  });

  it("args are the program arguments and are never gated", () => {
    const env = createRootCapability("Env", host()).restrict_to_keys([]);
    expect(env.args()).toEqual(["x", "y"]);
    expect(env.get("HOME")).toBeNull();
  });
});

describe("Clock", () => {
  it("restrict_to_after keeps the maximum threshold", () => {
    const host = createCapturingHost({ startSecs: 1000 });
    const clock = createRootCapability("Clock", host);
    expect(clock.allows()).toBe(true);
    const later = clock.restrict_to_after(1010);
    expect(later.allows()).toBe(false);
    expect(later.restrict_to_after(5).allows()).toBe(false); // an earlier threshold cannot widen
    expect(clock.allows()).toBe(true);
  });

  it("sleep silently does nothing while denied and sleeps once allowed", () => {
    const host = createCapturingHost({ startSecs: 1000 });
    const clock = createRootCapability("Clock", host);
    const gated = clock.restrict_to_after(1002);
    expect(gated.sleep(5)).toBeUndefined();
    expect(host.sleeps()).toEqual([]);
    clock.sleep(3); // the unrestricted clock sleeps, moving virtual time past the threshold
    expect(gated.allows()).toBe(true);
    gated.sleep(1);
    expect(host.sleeps()).toEqual([3, 1]);
  });

  it("now_secs and now_monotonic are never gated", () => {
    const host = createCapturingHost({ startSecs: 1000 });
    const gated = createRootCapability("Clock", host).restrict_to_after(1e12);
    expect(gated.now_secs()).toBe(1000);
    expect(typeof gated.now_monotonic()).toBe("number");
  });

  it("a negative sleep aborts like the reference", () => {
    const clock = createRootCapability("Clock", createCapturingHost());
    expect(() => clock.sleep(-1)).toThrow(new CapabilityAbort("sleep length must be non-negative"));
  });
});
