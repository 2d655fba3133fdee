// `capa repl`: persistent bindings, each input run once, multi-line blocks by indentation, :type,
// :caps, root capabilities by name under the same attenuation and capability rules as a program.
// Driven through a pipe (exact text) and through tmux (a real terminal: the screen is read back).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isItem, needsMore, ReplState } from "../../src/cli/repl/state.js";

const ROOT = join(__dirname, "../..");
const CAPA = join(ROOT, "bin/capa.js");

function repl(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [CAPA, "repl", ...args], { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  // Prompts are written without a newline; drop them so each output line stands alone.
  const stdout = r.stdout.replace(/(capa> |\.\.\.   )/g, "");
  return { code: r.status, stdout, stderr: r.stderr };
}

describe("repl input shapes", () => {
  it("tells declarations from statements", () => {
    for (const item of ["fun f()", "pub fun f()", "type P { x: Int }", "impl P", "import std.testing", "@audited(by: \"x\")", "/// doc", "capability C", "const N: Int = 1"]) expect(isItem(item)).toBe(true);
    for (const stmt of ["let x = 1", "x + 1", "function_call()", "if x", "typed = 2"]) expect(isItem(stmt)).toBe(false);
  });

  it("continues a block until an empty line, and an open bracket until it closes", () => {
    expect(needsMore(["fun f() -> Int"])).toBe(true);
    expect(needsMore(["fun f() -> Int", "    return 1"])).toBe(true);
    expect(needsMore(["fun f() -> Int", "    return 1", ""])).toBe(false);
    expect(needsMore(["for i in 0..3"])).toBe(true);
    expect(needsMore(["let y = match x"])).toBe(true);
    expect(needsMore(["let y = match x { 1 -> 2, _ -> 3 }"])).toBe(false);
    expect(needsMore(["let xs = [1,"])).toBe(true);
    expect(needsMore(["let xs = [1,", "2]"])).toBe(false);
    expect(needsMore(['let s = "(("'])).toBe(false);
    expect(needsMore(["type P { x: Int }"])).toBe(false);
    expect(needsMore(["x + 1"])).toBe(false);
  });

  it("assembles main with every root capability and a probe for each, then the statements", () => {
    const s = new ReplState();
    s.items.push("fun two() -> Int\n    return 2");
    s.statements.push("let x = two()");
    const { text, extraLine } = s.assemble({ statement: "if x > 1\n    stdio.println(\"big\")" });
    expect(text).toContain("fun main(stdio: Stdio, fs: Fs, net: Net, env: Env, clock: Clock, random: Random)\n");
    expect(text.split("\n")[extraLine - 1]).toBe("    if x > 1");
    expect(text.endsWith('    let x = two()\n    if x > 1\n        stdio.println("big")\n')).toBe(true);
  });
});

describe("capa repl (piped)", () => {
  it("keeps bindings between inputs, prints expression values, runs each input once", () => {
    const r = repl(['let x = 41', 'x + 1', 'stdio.println("side effect ${x}")', 'var n = 0', 'n += x', 'n', '[1, 2].map(fun (v) => v * x)', ""].join("\n"));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    // "side effect" printed exactly once, though later inputs are checked with it in the program.
    expect(r.stdout.split("\n").slice(1)).toEqual(["42", "side effect 41", "41", "[41, 82]", ""]);
  });

  it("reads multi-line declarations and blocks by indentation", () => {
    const input = ["fun sq(n: Int) -> Int", "    return n * n", "", "var total = 0", "for i in 1..=3", "    total += sq(i)", "", "total", ""].join("\n");
    const r = repl(input);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("14");
  });

  it(":type names an expression's type without running it; :caps tells what a function declares and reaches", () => {
    const input = [
      "fun shout(out: Stdio, s: String)",
      '    out.println(s.to_upper())',
      "",
      "fun twice(out: Stdio)",
      '    shout(out, "a")',
      "",
      ':type [1, 2].map(fun (v) => "${v}")',
      ':type stdio.println("never printed")',
      ":caps twice",
      ":caps nope",
      "",
    ].join("\n");
    const r = repl(input);
    expect(r.stdout).not.toContain("never printed");
    expect(r.stdout.split("\n").slice(1, 6)).toEqual(["List<String>", "()", "twice(out: Stdio)", "  declares: Stdio", "  reaches:  Stdio"]);
    expect(r.stderr).toBe("no function named 'nope' (declare it first, or name a method as Type::method)\n");
  });

  it("binds root capabilities by name under the usual rules: attenuation holds, aliasing a capability is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-repl-"));
    const input = [`let box = fs.restrict_to("${dir}")`, `box.write("${dir}/in.txt", "inside")`, 'box.read("/etc/hostname").is_err()', "let s2 = stdio", ""].join("\n");
    const r = repl(input);
    expect(readFileSync(join(dir, "in.txt"), "utf8")).toBe("inside");
    expect(r.stdout.split("\n").slice(1, 3)).toEqual(["Ok(())", "true"]);
    expect(r.stderr).toMatch(/^<repl>:\d+:5: error: capability 'Stdio' cannot appear in a 'let' binding/);
  });

  it("a rejected or failing input is dropped, and the session goes on", () => {
    const r = repl(['1 + "a"', "let xs = [1]", "let y = xs[5]", "y", "xs.length()", ":bogus", ""].join("\n"));
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(1, 2)).toEqual(["1"]);
    const err = r.stderr.split("\n");
    expect(err[0]).toMatch(/error: operator '\+': incompatible operand types Int and String/);
    expect(r.stderr).toMatch(/<repl>:\d+:\d+: IndexError: list index out of range/);
    expect(r.stderr).toMatch(/error: undefined name 'y'/);
    expect(r.stderr).toContain("unknown command ':bogus' (try :help)");
  });

  it("stops an input that runs too long with a TimeoutError and keeps the prompt", () => {
    const r = repl(["while true", "    let z = 1", "", "2 + 2", ""].join("\n"), ["--timeout", "1"]);
    expect(r.stderr).toMatch(/TimeoutError: time limit exceeded/);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("4");
  });

  it(":reset forgets bindings; :quit leaves with 0; a bad argument is a usage error (2)", () => {
    const r = repl(["let x = 1", ":reset", "x", ":quit", "let after = 1", ""].join("\n"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("session cleared");
    expect(r.stderr).toMatch(/undefined name 'x'/);
    const bad = repl("", ["--bogus"]);
    expect([bad.code, bad.stderr]).toEqual([2, "capa: usage: capa repl [--timeout SECONDS] (SECONDS: how long one input may run, a positive whole number; default 10)\n"]);
  });
});

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

describe.skipIf(!hasTmux)("capa repl in a terminal (tmux)", () => {
  it("shows prompts, continuation prompts and values on the screen as a user sees them", async () => {
    const session = `capa-repl-test-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", `${process.execPath} ${CAPA} repl`);
    const screen = () => tmux("capture-pane", "-p", "-t", session);
    const waitFor = async (text: string) => {
      for (let i = 0; i < 150; i++) {
        if (screen().includes(text)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never saw ${JSON.stringify(text)} on the screen:\n${screen()}`);
    };
    const type = (line: string) => tmux("send-keys", "-t", session, "-l", line + "\r");
    try {
      await waitFor("capa>"); // capture-pane drops trailing blanks
      type("fun double(n: Int) -> Int");
      await waitFor("...");
      type("    return n * 2");
      type("");
      type("let base = 20");
      type("double(base) + 2");
      await waitFor("\n42");
      type(":caps double");
      await waitFor("declares: none");
      type("clock.restrict_to_after(9999999999.0).allows()");
      await waitFor("false");
      const lines = screen().split("\n").map((l) => l.trimEnd());
      expect(lines).toContain("capa> fun double(n: Int) -> Int");
      expect(lines).toContain("...       return n * 2");
      expect(lines).toContain("capa> double(base) + 2");
      expect(lines).toContain("42");
      tmux("send-keys", "-t", session, "C-d");
      for (let i = 0; i < 50 && spawnSync("tmux", ["has-session", "-t", session]).status === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(spawnSync("tmux", ["has-session", "-t", session]).status).not.toBe(0); // Ctrl-D left the REPL
    } finally {
      spawnSync("tmux", ["kill-session", "-t", session]);
    }
  }, 60_000);
});
