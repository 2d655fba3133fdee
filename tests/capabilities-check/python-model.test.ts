// Python interop in the capability model: Unsafe marks authority as unanalysed wherever it is
// reachable; py_import module names and py_grant sites (with attenuations) are recorded per body.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import { typecheck } from "../../src/check/typecheck/index.js";
import { buildCapabilityModel } from "../../src/check/model-builder.js";
import { pygrantModel } from "../emit/models.js";
import { fn, model } from "./support.js";

describe("Unsafe: authority the types cannot bound", () => {
  it("through a user capability whose implementor holds Unsafe, and through callers", () => {
    const m = model(`
      capability Interop
          fun sqrt(self, x: Float) -> Float
      type PyBox { u: Unsafe }
      impl Interop for PyBox
          fun sqrt(self, x: Float) -> Float
              let mathm = py_import(self.u, "math")
              return py_invoke(self.u, mathm.sqrt, [x])
      fun use_it(i: Interop) -> Float
          return i.sqrt(2.0)
      fun pure(x: Int) -> Int
          return x
      fun make(unsafe: Unsafe) -> PyBox
          return PyBox { u: unsafe }
      fun main(stdio: Stdio, unsafe: Unsafe)
          let b = make(unsafe)
          stdio.println("\${use_it(b)} \${pure(1)}")
    `);
    for (const name of ["use_it", "PyBox::sqrt", "make", "main"]) {
      const f = fn(m, name);
      expect([name, f.hasUnsafe, f.authorityProvableFromTypes, f.provablyExcludedCapabilities]).toEqual([name, true, false, []]);
    }
    expect(fn(m, "PyBox::sqrt").pythonModules).toEqual(["math"]);
    expect(fn(m, "use_it").pythonModules).toEqual([]);
    expect([fn(m, "pure").hasUnsafe, fn(m, "pure").authorityProvableFromTypes]).toEqual([false, true]);
  });
});

describe("py_import and py_grant facts", () => {
  it("match the hand-built emitter model for tests/emit/fixtures/pygrant.capa", () => {
    const file = join(import.meta.dirname, "..", "emit", "fixtures", "pygrant.capa");
    const { program } = parseSource(readFileSync(file, "utf8"), "pygrant.capa");
    const built = buildCapabilityModel(program, typecheck(program), "pygrant.capa");
    const pythonFacts = (f: (typeof built.functions)[number]) => ({
      name: f.qualifiedName,
      modules: f.pythonModules,
      dynamic: f.pythonDynamicImports ?? 0,
      grants: f.pythonGrants,
      sites: (f.pythonGrantSites ?? []).map((g) => ({ ...g, span: `${g.span.line}:${g.span.col}` })),
      hasUnsafe: f.hasUnsafe,
    });
    expect(built.functions.map(pythonFacts)).toEqual(pygrantModel.functions.map(pythonFacts));
  });

  it("a grant of a parameter as received has no attenuations; grants are listed once per kind", () => {
    const m = model(`
      fun give(unsafe: Unsafe, fs: Fs, net: Net)
          py_grant(unsafe, fs)
          py_grant(unsafe, net.restrict_to("a.example").restrict_to("a.example"))
          py_grant(unsafe, fs)
      fun main(unsafe: Unsafe, fs: Fs, net: Net)
          give(unsafe, fs, net)
    `);
    const give = fn(m, "give");
    expect(give.pythonGrants).toEqual(["Fs", "Net"]);
    expect(give.pythonGrantSites!.map((g) => [g.capability, g.argument, g.attenuations.map((a) => `${a.method}(${a.args.join(",")})`)])).toEqual([
      ["Fs", "fs", []],
      ["Net", 'net.restrict_to("a.example").restrict_to("a.example")', ['restrict_to("a.example")', 'restrict_to("a.example")']],
      ["Fs", "fs", []],
    ]);
    expect(give.usedCapabilities).toEqual(["Fs", "Net", "Unsafe"]);
    expect(fn(m, "main").pythonGrantSites).toEqual([]);
  });
});
