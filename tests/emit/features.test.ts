// Less common model facts: typestates, module declassifications, foreign components, secret sinks,
// attenuation flows, argv surface, imported modules. Each must appear as documented and validate.
import { describe, expect, test } from "vitest";
import type { CapabilityModel } from "../../src/check/model.js";
import { ARTIFACT_FORMATS, emitArtifact, validateArtifact, type EmitInput } from "../../src/emit/index.js";
import { call, capParam, fn, input, param, span } from "./models.js";

const A = "/w/app.capa";
const L = "/w/vendor/lib.capa";

const model: CapabilityModel = {
  filename: "app.capa",
  userCapabilities: [],
  typestates: [{ name: "Connection", states: ["Disconnected", "Connected", "Closed"] }],
  foreignComponents: [
    {
      name: "Calc",
      artifact: "calc.wasm",
      methods: [
        { name: "add", params: [param("a", "Int"), param("b", "Int")], returnType: "Int" },
        { name: "log", params: [capParam("out", "Stdio"), param("msg", "String")], returnType: "()" },
      ],
    },
  ],
  moduleDeclassifications: [
    { ownerKind: "const", owner: "SHOWN", reason: "the answer is public", value: "SECRET", span: span(A, 3, 20), ownerSpan: span(A, 3, 1) },
  ],
  pathArgSurface: [{ argIndex: 0, capability: "Fs", method: "read", access: "read" }, { argIndex: "*", capability: "Net", method: "get", access: "read" }],
  functions: [
    fn({ name: "helper", qualifiedName: "_capa_m1__helper", sourceModuleIndex: 1, span: span(L, 4, 1), returnType: "Int" }),
    fn({
      name: "main",
      span: span(A, 6, 1),
      params: [capParam("stdio", "Stdio"), capParam("fs", "Fs")],
      declaredCapabilities: ["Stdio", "Fs"],
      foreignComponentCalls: ["Calc.add"],
      ceilingAuthorityProvable: true,
      authorityProvableFromTypes: false,
      provablyExcludedCapabilities: [],
      calls: [
        {
          ...call(A, "fn", "load", 7, 5, ["ro"]),
          argsFlow: [{ name: "ro", attenuations: [{ method: "restrict_to", args: ['"/etc"'] }] }],
        },
        call(A, "fn", "_capa_m1__helper", 8, 5, [], "_capa_m1__helper"),
      ],
      unauditedSecretSinks: [
        { capability: "Stdio", span: span(A, 9, 19) },
        { capability: "Stdio", span: span(A, 10, 18) },
        { capability: "Stdio", span: span(A, 9, 19) },
      ],
      declassifications: [{ reason: "len only", value: "mask(token)", span: span(A, 11, 18) }],
    }),
  ],
};

const inp: EmitInput = input(model, [{ path: A, text: "app\n" }, { path: L, text: "lib\n" }]);

function json(format: (typeof ARTIFACT_FORMATS)[number]): Record<string, any> {
  const r = emitArtifact(format, inp);
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.text);
}

describe("rarer facts", () => {
  test("every format validates", () => {
    for (const format of ARTIFACT_FORMATS) {
      const r = emitArtifact(format, inp);
      expect(r.ok && validateArtifact(format, r.text)).toEqual({ valid: true, errors: [] });
    }
  });

  test("manifest: module declassification with owner position, typestates, foreign component", () => {
    const m = json("manifest");
    expect(m.module_declassifications).toEqual([
      { owner_kind: "const", owner: "SHOWN", source_owner: "SHOWN", owner_pos: "app.capa:3:1", reason: "the answer is public", value: "SECRET", pos: "3:20" },
    ]);
    expect(m.typestates).toEqual([{ name: "Connection", states: ["Disconnected", "Connected", "Closed"] }]);
    expect(m.foreign_components[0].declared_capabilities).toEqual(["Stdio"]);
    expect(m.foreign_components[0].methods[1]).toEqual({
      name: "log",
      declared_capabilities: ["Stdio"],
      params: [{ name: "out", type: "Stdio" }, { name: "msg", type: "String" }],
      return_type: "()",
    });
    expect(m.summary).toMatchObject({ declassification_sites: 2, protocol_states: 1, foreign_components: 1, functions_calling_foreign_components: 1 });
  });

  test("manifest: imported private function keeps its loader name, index and display position", () => {
    const helper = json("manifest").functions[0];
    expect([helper.name, helper.source_name, helper.source_module_index, helper.pos]).toEqual([
      "_capa_m1__helper",
      "helper",
      1,
      "vendor/lib.capa:4:1",
    ]);
  });

  test("manifest: sinks deduplicated and sorted as strings; flows and foreign calls recorded", () => {
    const main = json("manifest").functions[1];
    expect(main.unaudited_secret_sinks).toEqual([
      { capability: "Stdio", pos: "10:18" },
      { capability: "Stdio", pos: "9:19" },
    ]);
    expect(main.calls[0].args_flow).toEqual([{ name: "ro", attenuations: [{ method: "restrict_to", args: ['"/etc"'] }] }]);
    expect([main.calls_foreign_component, main.foreign_component_calls]).toEqual([true, ["Calc.add"]]);
    expect([main.authority_provable_from_types, main.ceiling_authority_provable]).toEqual([false, true]);
  });

  test("manifest and CycloneDX: the argv surface, with the analysed-note", () => {
    const surface = json("manifest").compiler_derived_path_arg_surface;
    expect(surface.arguments).toEqual([
      { arg_index: 0, capability: "Fs", method: "read", access: "read" },
      { arg_index: "*", capability: "Net", method: "get", access: "read" },
    ]);
    expect(surface.note).not.toContain("NOT a proof");
    const props = json("cyclonedx").metadata.properties.map((p: any) => `${p.name}=${p.value}`);
    expect(props.slice(-3)).toEqual([
      "capa:compiler_derived_path_arg_surface:trust_level=compiler-derived",
      "capa:compiler_derived:path_arg_surface=argv[0] -> Fs.read (read)",
      "capa:compiler_derived:path_arg_surface=argv[*] -> Net.get (read)",
    ]);
  });

  test("SBOMs: mangled names get a bom-ref from the loader name, a demangled display name", () => {
    const cdx = json("cyclonedx");
    const helper = cdx.components.find((c: any) => c["bom-ref"] === "capa:fn:app.capa:_capa_m1__helper");
    expect(helper.name).toBe("helper");
    expect(helper.properties).toContainEqual({ name: "capa:source_module_index", value: "1" });
    expect(cdx.dependencies.find((d: any) => d.ref === "capa:fn:app.capa:main").dependsOn).toEqual([
      "capa:builtin:app.capa:Fs",
      "capa:builtin:app.capa:Stdio",
      "capa:fn:app.capa:_capa_m1__helper",
    ]);
    expect(json("spdx").packages.map((p: any) => p.SPDXID)).toContain("SPDXRef-Fn-app.capa--capa-m1--helper");
  });
});
