// Every example through parse → check → each emitter, validated against its schema, and
// byte-reproducible for a fixed SOURCE_DATE_EPOCH.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, emit, hasErrors } from "../../src/pipeline.js";
import { ARTIFACT_FORMATS, validateArtifact } from "../../src/emit/index.js";

const EXAMPLES = join(__dirname, "../../examples");

describe("artefacts for every example", () => {
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".capa")).sort()) {
    it(name, async () => {
      const path = `examples/${name}`;
      const text = readFileSync(join(EXAMPLES, name), "utf8");
      const front = analyse(text, path);
      expect(hasErrors(front)).toBe(false);
      for (const format of ARTIFACT_FORMATS) {
        const options = { sourceDateEpoch: "1609459200", now: new Date(), validate: false };
        const a = await emit(format, front.checked!, [{ path, text }], options);
        const b = await emit(format, analyse(text, path).checked!, [{ path, text }], options);
        if (!a.ok || !b.ok) throw new Error(`${format}: ${a.ok ? "" : a.error}`);
        expect(validateArtifact(format, a.text)).toEqual({ valid: true, errors: [] });
        expect(b.text).toBe(a.text);
      }
    });
  }
});

it("a used capability appears in the manifest and the SBOM; a pure function carries none", async () => {
  const text = "fun pure(x: Int) -> Int\n    return x + 1\n\nfun main(stdio: Stdio)\n    stdio.println(\"${pure(1)}\")\n";
  const front = analyse(text, "t.capa");
  const opts = { sourceDateEpoch: "0", now: new Date(), validate: true };
  const manifest = await emit("manifest", front.checked!, [{ path: "t.capa", text }], opts);
  const sbom = await emit("cyclonedx", front.checked!, [{ path: "t.capa", text }], opts);
  if (!manifest.ok || !sbom.ok) throw new Error("emit failed");
  const fns = JSON.parse(manifest.text).functions as { name: string; declared_capabilities: string[]; transitively_reachable_capabilities: string[] }[];
  expect(fns.find((f) => f.name === "main")).toMatchObject({ declared_capabilities: ["Stdio"], transitively_reachable_capabilities: ["Stdio"] });
  expect(fns.find((f) => f.name === "pure")).toMatchObject({ declared_capabilities: [], transitively_reachable_capabilities: [] });
  const comps = JSON.parse(sbom.text).components as { name: string; properties: { name: string; value: string }[] }[];
  const props = (n: string) => comps.find((c) => c.name === n)!.properties.filter((p) => p.name.includes("capabilit")).map((p) => p.name + "=" + p.value);
  expect(props("main")).toContain("capa:declared_capability=Stdio");
  expect(props("pure").filter((p) => !p.startsWith("capa:provably_excluded"))).toEqual([]);
});

it("names the program by its file name and records named arguments by value, as the reference", async () => {
  const text = 'fun f(a: Int, b: Int) -> Int\n    return a - b\n\nfun main(stdio: Stdio)\n    stdio.println("${f(b: 1, a: 2)}")\n';
  const front = analyse(text, "some/dir/named.capa");
  const out = await emit("manifest", front.checked!, [{ path: "some/dir/named.capa", text }], { sourceDateEpoch: "0", now: new Date(), validate: true });
  if (!out.ok) throw new Error(out.error);
  const m = JSON.parse(out.text) as { filename: string; functions: { name: string; calls: { callee: string; args: string[] }[] }[] };
  expect(m.filename).toBe("named.capa");
  const call = m.functions.find((f) => f.name === "main")!.calls.find((c) => c.callee === "f")!;
  expect(call.args).toEqual(["1", "2"]);
});

it("records linear obligations and typestate return types as the reference", async () => {
  const path = "examples/linear.capa";
  const text = readFileSync(join(EXAMPLES, "linear.capa"), "utf8");
  const out = await emit("manifest", analyse(text, path).checked!, [{ path, text }], { sourceDateEpoch: "0", now: new Date(), validate: true });
  if (!out.ok) throw new Error(out.error);
  const fns = new Map((JSON.parse(out.text) as { functions: { name: string; return_type: string; linear_obligations: { consumes: string[]; produces_linear: boolean } }[] }).functions.map((f) => [f.name, f]));
  expect(fns.get("open_log")).toMatchObject({ return_type: "FileHandle", linear_obligations: { consumes: [], produces_linear: true } });
  expect(fns.get("close_log")!.linear_obligations).toEqual({ consumes: ["h"], produces_linear: false });
  // A typestate value is named without its state and is not a `linear type` obligation; a consumed capability is not listed.
  expect(fns.get("new_connection")).toMatchObject({ return_type: "Connection", linear_obligations: { consumes: [], produces_linear: false } });
  expect(fns.get("final_words")!.linear_obligations.consumes).toEqual([]);
});

it("does not call a function that returns a closure provable from its types, as the reference", async () => {
  const path = "examples/closures.capa";
  const text = readFileSync(join(EXAMPLES, "closures.capa"), "utf8");
  const out = await emit("manifest", analyse(text, path).checked!, [{ path, text }], { sourceDateEpoch: "0", now: new Date(), validate: true });
  if (!out.ok) throw new Error(out.error);
  const fns = new Map((JSON.parse(out.text) as { functions: { name: string; authority_provable_from_types: boolean; provably_excluded_capabilities: string[] }[] }).functions.map((f) => [f.name, f]));
  expect(fns.get("make_adder")).toMatchObject({ authority_provable_from_types: false, provably_excluded_capabilities: [] });
  expect(fns.get("show")!.authority_provable_from_types).toBe(true);
});

it("places a call on a range receiver at the range operator, as the reference", async () => {
  const text = 'fun main(stdio: Stdio)\n    let n = (1..4).to_list().length()\n    stdio.println("${n}")\n';
  const out = await emit("manifest", analyse(text, "r.capa").checked!, [{ path: "r.capa", text }], { sourceDateEpoch: "0", now: new Date(), validate: true });
  if (!out.ok) throw new Error(out.error);
  const calls = (JSON.parse(out.text) as { functions: { calls: { callee: string; pos: string }[] }[] }).functions[0]!.calls;
  expect(calls.map((c) => `${c.callee} ${c.pos}`)).toEqual(["1..4.to_list().length 2:15", "1..4.to_list 2:15", "stdio.println 3:5"]);
});

it("derives document identifiers from the file name and content only, matching the reference's for hello.capa", async () => {
  const text = readFileSync(join(EXAMPLES, "hello.capa"), "utf8");
  const opts = { sourceDateEpoch: "0", now: new Date(), validate: false };
  const front = analyse(text, "examples/hello.capa");
  const cdx = await emit("cyclonedx", front.checked!, [{ path: "examples/hello.capa", text }], opts);
  const spdx = await emit("spdx", front.checked!, [{ path: "examples/hello.capa", text }], opts);
  if (!cdx.ok || !spdx.ok) throw new Error("emit failed");
  // Values printed by reference 1.32.1 for `capa --cyclonedx/--spdx examples/hello.capa`.
  expect(JSON.parse(cdx.text).serialNumber).toBe("urn:uuid:49a1d623-6d35-5be7-8788-661baaa80a46");
  expect(JSON.parse(spdx.text).documentNamespace).toBe("https://capa-language.com/spdx/0863c30f-afbf-570b-a265-1fdeac57e293");
});
