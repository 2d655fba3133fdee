// What the artefacts say: capabilities per function, pure functions, VEX policy, SPDX ids, purity.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { CapabilityModel } from "../../src/check/model.js";
import { emitArtifact, validateArtifact, type ArtifactFormat, type EmitInput } from "../../src/emit/index.js";
import { attr, call, capParam, demoInput, demoModel, fn, helloInput, input, pygrantInput, span, unsafeInput } from "./models.js";

function json(format: ArtifactFormat, inp: EmitInput): Record<string, any> {
  const r = emitArtifact(format, inp);
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.text);
}

function props(component: { properties: { name: string; value: string }[] }, name: string): string[] {
  return component.properties.filter((p) => p.name === name).map((p) => p.value);
}

describe("capabilities in the manifest and the SBOMs", () => {
  test("every capability a function declares or reaches appears in the manifest and in both SBOMs", () => {
    const inp = demoInput();
    const manifest = json("manifest", inp);
    const cdx = json("cyclonedx", inp);
    const spdx = json("spdx", inp);
    for (const f of inp.model.functions) {
      const record = manifest.functions.find((r: any) => r.pos.endsWith(`:${f.span.line}:${f.span.col}`));
      expect(record.declared_capabilities).toEqual(f.declaredCapabilities);
      expect(record.transitively_reachable_capabilities).toEqual(f.transitivelyReachableCapabilities);
      const component = cdx.components.find((c: any) => c["bom-ref"] === `capa:fn:demo.capa:${f.qualifiedName}`);
      expect(props(component, "capa:declared_capability")).toEqual(f.declaredCapabilities);
      expect(props(component, "capa:transitively_reachable_capability")).toEqual(f.transitivelyReachableCapabilities);
      expect(props(component, "capa:provably_excluded_capability")).toEqual(f.provablyExcludedCapabilities);
      const pkg = spdx.packages.find((p: any) => p.name === (f.container ? `${f.container}::${f.name}` : f.name));
      const comments = pkg.annotations.map((a: any) => a.comment);
      for (const cap of f.transitivelyReachableCapabilities) {
        expect(comments).toContain(`capa:transitively_reachable_capability=${cap}`);
      }
    }
  });

  test("a pure function carries no capability in any artefact and has no dependency edges", () => {
    const inp = demoInput();
    const manifest = json("manifest", inp);
    const pure = manifest.functions.find((f: any) => f.name === "pure_add");
    expect(pure.declared_capabilities).toEqual([]);
    expect(pure.transitively_reachable_capabilities).toEqual([]);
    const cdx = json("cyclonedx", inp);
    const component = cdx.components.find((c: any) => c.name === "pure_add");
    expect(props(component, "capa:declared_capability")).toEqual([]);
    expect(props(component, "capa:transitively_reachable_capability")).toEqual([]);
    expect(cdx.dependencies.some((d: any) => d.ref === "capa:fn:demo.capa:pure_add")).toBe(false);
    const spdx = json("spdx", inp);
    expect(spdx.relationships.some((r: any) => r.spdxElementId === "SPDXRef-Fn-demo.capa-pure-add")).toBe(false);
  });

  test("components list only the built-ins some function reaches, sorted, then user capabilities", () => {
    const cdx = json("cyclonedx", demoInput());
    expect(cdx.components.slice(0, 4).map((c: any) => c["bom-ref"])).toEqual([
      "capa:builtin:demo.capa:Env",
      "capa:builtin:demo.capa:Fs",
      "capa:builtin:demo.capa:Stdio",
      "capa:cap:demo.capa:Mailer",
    ]);
  });

  test("function edges: reachable capabilities sorted, then called functions once each in call order", () => {
    const cdx = json("cyclonedx", demoInput());
    expect(cdx.dependencies.find((d: any) => d.ref === "capa:fn:demo.capa:main").dependsOn).toEqual([
      "capa:builtin:demo.capa:Env",
      "capa:builtin:demo.capa:Fs",
      "capa:builtin:demo.capa:Stdio",
      "capa:fn:demo.capa:greet",
      "capa:fn:demo.capa:read_config",
      "capa:fn:demo.capa:send_with",
      "capa:fn:demo.capa:pure_add",
    ]);
  });

  test("Unsafe use: has_unsafe, unprovable authority, no exclusion claim, counted in the summary", () => {
    const inp = unsafeInput();
    const manifest = json("manifest", inp);
    const root = manifest.functions[0];
    expect([root.has_unsafe, root.authority_provable_from_types, root.provably_excluded_capabilities]).toEqual([true, false, []]);
    expect(manifest.summary.functions_crossing_unsafe).toBe(2);
    const cdx = json("cyclonedx", inp);
    expect(props(cdx.components.find((c: any) => c.name === "root"), "capa:has_unsafe")).toEqual(["true"]);
    expect(props(cdx.metadata, "capa:summary:functions_crossing_unsafe")).toEqual(["2"]);
    expect(root.python_modules).toEqual(["math"]);
    expect(props(cdx.components.find((c: any) => c.name === "root"), "capa:python_module")).toEqual(["math"]);
    expect(manifest.functions.find((f: any) => f.name === "main")).not.toHaveProperty("python_modules");
  });

  test("Python interop: imported modules, computed imports and grants with their attenuations", () => {
    const inp = pygrantInput();
    const share = json("manifest", inp).functions[0];
    expect(share.python_modules).toEqual(["json"]);
    expect(share.python_dynamic_imports).toBe(1);
    expect(share.python_grants).toEqual([
      { capability: "Fs", argument: 'fs.restrict_to("/srv/data")', attenuations: [{ method: "restrict_to", args: ['"/srv/data"'] }], pos: "2:5" },
      { capability: "Net", argument: "api", attenuations: [{ method: "restrict_to", args: ['"api.example.com"'] }], pos: "4:5" },
    ]);
    // The keys sit right after has_unsafe and only where the body uses py_*.
    const keys = Object.keys(share);
    expect(keys.slice(keys.indexOf("has_unsafe"), keys.indexOf("has_unsafe") + 4)).toEqual(["has_unsafe", "python_modules", "python_dynamic_imports", "python_grants"]);
    expect(Object.keys(json("manifest", inp).functions[1]).filter((k) => k.startsWith("python_"))).toEqual([]);
    const cdxShare = json("cyclonedx", inp).components.find((c: any) => c.name === "share");
    expect(props(cdxShare, "capa:python_grant")).toEqual([
      'Fs fs.restrict_to("/srv/data") at 2:5',
      'Net api = .restrict_to("api.example.com") at 4:5',
    ]);
    expect(props(cdxShare, "capa:python_dynamic_imports")).toEqual(["1"]);
    const spdx = json("spdx", inp);
    const comments = spdx.packages.flatMap((p: any) => (p.annotations ?? []).map((a: any) => a.comment));
    expect(comments).toContain("capa:python_grant=Net api = .restrict_to(\"api.example.com\") at 4:5");
    expect(comments).toContain("capa:python_module=json");
  });

  test("no Python facts, no python_* keys: a program without interop prints the reference's record", () => {
    for (const f of json("manifest", demoInput()).functions) expect(Object.keys(f).some((k) => k.startsWith("python_"))).toBe(false);
  });
});

describe("VEX entries", () => {
  function vexModel(args: Record<string, string>): EmitInput {
    const F = "v.capa";
    const model: CapabilityModel = {
      ...demoModel,
      filename: "v.capa",
      userCapabilities: [],
      functions: [fn({ name: "f", span: span(F, 2, 1), attributes: [attr(F, 1, "vex", args)] })],
    };
    return input(model, [{ path: F, text: "@vex()\nfun f()\n    return\n" }]);
  }

  test("capa's 'affected'/'fixed' map to CycloneDX's 'exploitable'/'resolved'; the SBOM stays valid", () => {
    for (const [status, state] of [["affected", "exploitable"], ["fixed", "resolved"], ["not_affected", "not_affected"]]) {
      const inp = vexModel({ cve: "CVE-1", status: status! });
      const vex = json("vex", inp);
      expect(vex.vulnerabilities[0].analysis.state).toBe(state);
      const text = emitArtifact("vex", inp);
      expect(text.ok && validateArtifact("vex", text.text).valid).toBe(true);
      const cdx = json("cyclonedx", inp);
      expect(props(cdx.components.at(-1), "capa:attribute:vex:status")).toEqual([status]);
    }
  });

  test("no status means in_triage, no cve means UNKNOWN, first_issued defaults to the build time", () => {
    const vex = json("vex", vexModel({}));
    expect(vex.vulnerabilities[0]).toEqual({
      "bom-ref": "capa:vex:v.capa:f:UNKNOWN",
      id: "UNKNOWN",
      source: { name: "NVD", url: "https://nvd.nist.gov/vuln/detail/UNKNOWN" },
      analysis: { state: "in_triage", firstIssued: "2021-01-01T00:00:00Z" },
      affects: [{ ref: "capa:fn:v.capa:f" }],
    });
  });

  test("an out-of-vocabulary justification is left out of analysis; a valid first_issued is kept", () => {
    const inp = vexModel({ cve: "CVE-3", justification: "bogus", first_issued: "2020-02-02T00:00:00Z" });
    const analysis = json("cyclonedx", inp).vulnerabilities[0].analysis;
    expect(analysis).toEqual({ state: "in_triage", firstIssued: "2020-02-02T00:00:00Z" });
    const r = emitArtifact("cyclonedx", inp);
    expect(r.ok && validateArtifact("cyclonedx", r.text).valid).toBe(true);
  });

  test("the SBOM has no vulnerabilities key without @vex; the VEX doc always has the list", () => {
    expect("vulnerabilities" in json("cyclonedx", helloInput())).toBe(false);
    expect(json("vex", helloInput()).vulnerabilities).toEqual([]);
  });
});

describe("SPDX ids", () => {
  test("a function foo_bar and a method foo::bar collide; the error comes back as data", () => {
    const F = "dup.capa";
    const model: CapabilityModel = {
      ...demoModel,
      filename: F,
      userCapabilities: [],
      functions: [
        fn({ name: "bar", container: "foo", span: span(F, 4, 5) }),
        fn({ name: "foo_bar", span: span(F, 7, 1) }),
      ],
    };
    const r = emitArtifact("spdx", input(model, [{ path: F, text: "x" }]));
    expect(r).toEqual({
      ok: false,
      error: "cannot emit SPDX: 'foo::bar' and 'foo_bar' both map to SPDXID 'SPDXRef-Fn-dup.capa-foo-bar'; rename one of them",
    });
  });

  test("characters outside [A-Za-z0-9.-] become '-', outer dashes are trimmed", () => {
    const F = "<stdin>";
    const model: CapabilityModel = {
      ...demoModel,
      filename: F,
      userCapabilities: [],
      functions: [fn({ name: "main", span: span(F, 1, 1), qualifiedName: "main" })],
    };
    const spdx = json("spdx", input(model, [{ path: F, text: "x" }]));
    expect(spdx.packages.map((p: any) => p.SPDXID)).toEqual(["SPDXRef-Package--stdin", "SPDXRef-Fn--stdin--main"]);
  });
});

describe("purity and reproducibility", () => {
  test("the same input gives byte-identical output for every format", () => {
    for (const format of ["manifest", "cyclonedx", "spdx", "vex", "provenance"] as const) {
      const a = emitArtifact(format, demoInput());
      const b = emitArtifact(format, demoInput());
      expect(a).toEqual(b);
    }
  });

  test("the root's directory never leaks: ids and text are the same from another checkout path", () => {
    const here = demoInput();
    const file = here.sources[0]!;
    const moved = (p: string) => p.replace("/home/dev/project/", "/srv/ci/build-42/");
    const elsewhere: EmitInput = {
      ...here,
      sources: [{ path: moved(file.path), text: file.text }],
      model: {
        ...here.model,
        functions: here.model.functions.map((f) => ({ ...f, span: { ...f.span, file: moved(f.span.file) } })),
      },
    };
    for (const format of ["manifest", "cyclonedx", "spdx", "vex", "provenance"] as const) {
      const r = emitArtifact(format, elsewhere);
      expect(r).toEqual(emitArtifact(format, here));
      expect(r.ok && r.text.includes("/home/")).toBe(false);
    }
  });

  test("one changed source byte changes the serial, namespace and invocation id", () => {
    const a = helloInput();
    const b: EmitInput = { ...a, sources: [{ path: a.sources[0]!.path, text: a.sources[0]!.text + " " }] };
    expect(json("cyclonedx", a).serialNumber).not.toBe(json("cyclonedx", b).serialNumber);
    expect(json("spdx", a).documentNamespace).not.toBe(json("spdx", b).documentNamespace);
    const inv = (i: EmitInput) => json("provenance", i).predicate.runDetails.metadata.invocationId;
    expect(inv(a)).not.toBe(inv(b));
  });

  test("emitters do not mutate the model", () => {
    const inp = demoInput();
    const before = JSON.stringify(inp.model);
    for (const format of ["manifest", "cyclonedx", "spdx", "vex", "provenance"] as const) emitArtifact(format, inp);
    expect(JSON.stringify(inp.model)).toBe(before);
  });
});

describe("provenance", () => {
  test("one subject per linked file, sorted by display path, with the sha256 of its text", () => {
    const F = "/w/app.capa";
    const L = "/w/vendor/lib.capa";
    const model: CapabilityModel = {
      ...demoModel,
      filename: "app.capa",
      userCapabilities: [],
      functions: [
        fn({ name: "shout", span: span(L, 1, 5), params: [capParam("out", "Stdio")], declaredCapabilities: ["Stdio"] }),
        fn({ name: "main", span: span(F, 3, 1), calls: [call(F, "fn", "shout", 4, 5, ["stdio"], "shout")] }),
      ],
    };
    const inp = input(model, [{ path: F, text: "main\n" }, { path: L, text: "lib\n" }]);
    const prov = json("provenance", inp);
    expect(prov.subject.map((s: any) => s.name)).toEqual(["app.capa", "vendor/lib.capa"]);
    expect(prov.subject[1].digest.sha256).toBe(createHash("sha256").update("lib\n").digest("hex"));
    expect(json("manifest", inp).functions[0].pos).toBe("vendor/lib.capa:1:5");
  });

  test("without source text there is no subject to attest, reported as an error", () => {
    const r = emitArtifact("provenance", { ...helloInput(), sources: [] });
    expect(r.ok).toBe(false);
  });
});
