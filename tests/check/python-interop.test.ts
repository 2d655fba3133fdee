// Python interop built-ins (py_import, py_invoke, py_grant): the Unsafe first argument, what
// py_grant accepts, and the hint lines that say how to bring Unsafe to the call.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkSource } from "./support.js";

function diagnostics(source: string): Diagnostic[] {
  const checked = checkSource(source);
  return checked.result?.diagnostics ?? [];
}

function only(source: string): Diagnostic {
  const ds = diagnostics(source);
  expect(ds.map((d) => d.message)).toHaveLength(1);
  return ds[0]!;
}

describe("Unsafe as the first argument of py_*", () => {
  it("a missing Unsafe in main: the reference's arity message at the call, plus how to get one", () => {
    const d = only("fun main(stdio: Stdio)\n    let m = py_import(\"math\")\n    stdio.println(\"x\")\n");
    expect(d.message).toBe("call to 'py_import': expected 2 arguments, got 1 (signature: fun(Unsafe, String) -> ?)");
    expect([d.span.line, d.span.col]).toEqual([2, 13]);
    expect(d.hints).toEqual([
      "py_import needs an Unsafe capability as its first argument; only Unsafe authorises Python interop",
      "add `unsafe: Unsafe` to the parameters of main; the host grants it when the program starts",
    ]);
  });

  it("a wrong capability: positioned on the argument, names what was given", () => {
    const d = only("fun helper(stdio: Stdio)\n    let m = py_import(stdio, \"math\")\n\nfun main(stdio: Stdio)\n    helper(stdio)\n");
    expect(d.message).toBe("call to 'py_import': argument 1 expects Unsafe, got Stdio");
    expect([d.span.line, d.span.col]).toEqual([2, 23]);
    expect(d.hints).toContain("'stdio' is a Stdio capability, not Unsafe");
    expect(d.hints).toContain("add `unsafe: Unsafe` to the signature of 'helper' and pass it from main (through every caller in between)");
  });

  it("an Unsafe not threaded to a helper: the undefined name gets the threading hint", () => {
    const ds = diagnostics(
      "fun root(x: Float) -> Float\n    let m = py_import(unsafe, \"math\")\n    return py_invoke(unsafe, m.sqrt, [x])\n\nfun main(stdio: Stdio, _unsafe: Unsafe)\n    stdio.println(\"${root(2.0)}\")\n",
    );
    expect(ds.map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual(["2:23 undefined name 'unsafe'", "3:22 undefined name 'unsafe'"]);
    for (const d of ds) expect(d.hints).toContain("add `unsafe: Unsafe` to the signature of 'root' and pass it from main (through every caller in between)");
  });

  it("an undefined name elsewhere gets no Python hint", () => {
    const d = only("fun main(stdio: Stdio)\n    stdio.println(nope)\n");
    expect(d.hints).toEqual([]);
  });

  it("an Unsafe in scope but left out: says which binding to pass", () => {
    const d = only("fun main(stdio: Stdio, u: Unsafe)\n    let m = py_import(u, \"math\")\n    stdio.println(\"${py_invoke(m.sqrt, [2.0])}\")\n");
    expect(d.message).toBe("call to 'py_invoke': expected 3 arguments, got 2 (signature: fun(Unsafe, ?, List<?>) -> ?)");
    expect(d.hints).toContain("pass the Unsafe capability in scope as the first argument: `py_invoke(u, ...)`");
  });

  it("a wrong count with Unsafe present is a plain arity error", () => {
    const d = only("fun main(u: Unsafe)\n    let m = py_import(u)\n");
    expect(d.message).toBe("call to 'py_import': expected 2 arguments, got 1 (signature: fun(Unsafe, String) -> ?)");
    expect(d.hints).toEqual([]);
  });

  it("a method names its container in the hint", () => {
    const d = only("type S { n: Int }\n\nimpl S\n    fun go(self) -> Int\n        let m = py_import(\"math\")\n        return self.n\n\nfun main(stdio: Stdio)\n    let s = S { n: 1 }\n    stdio.println(\"${s.go()}\")\n");
    expect(d.hints).toContain("add `unsafe: Unsafe` to the signature of 'S::go' and pass it from main (through every caller in between)");
  });
});

describe("py_grant", () => {
  it("accepts an Fs or a Net, attenuated inline or through a let", () => {
    expect(
      diagnostics(
        "fun main(unsafe: Unsafe, fs: Fs, net: Net)\n    py_grant(unsafe, fs.restrict_to(\"/tmp\"))\n    let api = net.restrict_to(\"a.example\")\n    py_grant(unsafe, api)\n",
      ),
    ).toEqual([]);
  });

  it.each([
    ["stdio: Stdio", "stdio", "Stdio"],
    ["env: Env", "env", "Env"],
    ["_x: Stdio", "42", "Int"],
    ["_x: Stdio", "\"/tmp\"", "String"],
  ])("refuses anything else (%s → %s)", (param, arg, shown) => {
    const d = only(`fun main(unsafe: Unsafe, ${param})\n    py_grant(unsafe, ${arg})\n`);
    expect(d.message).toBe(`call to 'py_grant': argument 2 expects Fs or Net, got ${shown}`);
    expect([d.span.line, d.span.col]).toEqual([2, 22]);
    expect(d.hints[0]).toMatch(/^py_grant hands Python an Fs or a Net capability only/);
  });

  it("refuses an untyped Python value, but not as a cascade of another error", () => {
    const d = only("fun main(unsafe: Unsafe)\n    let os = py_import(unsafe, \"os\")\n    py_grant(unsafe, os)\n");
    expect(d.message).toBe("call to 'py_grant': argument 2 expects Fs or Net, got ?");
    const cascade = only("fun main(unsafe: Unsafe)\n    py_grant(unsafe, nothere)\n");
    expect(cascade.message).toBe("undefined name 'nothere'");
  });

  it("needs Unsafe first, with its own signature in the arity message", () => {
    const d = only("fun main(fs: Fs)\n    py_grant(fs)\n");
    expect(d.message).toBe("call to 'py_grant': expected 2 arguments, got 1 (signature: fun(Unsafe, Fs | Net) -> ())");
    expect(d.hints).toContain("add `unsafe: Unsafe` to the parameters of main; the host grants it when the program starts");
  });
});

describe("capa --check", () => {
  it("rejects a program without Unsafe that names py_import, printing the hints", () => {
    const root = join(import.meta.dirname, "..", "..");
    const file = "tests/soundness/python/reject_py_import_without_unsafe.capa";
    const r = spawnSync(process.execPath, [join(root, "bin/capa.js"), "--check", file], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:3:13: error: call to 'py_import': expected 2 arguments, got 1`);
    expect(r.stderr).toContain("= hint: add `unsafe: Unsafe` to the parameters of main");
  });
});
