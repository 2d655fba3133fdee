// Artefact parity with the reference found by running its programs (issue 14): `@vex` words
// outside the CycloneDX vocabulary, and how the manifest writes types, positions and literals.
import { describe, expect, it } from "vitest";
import { analyse, emit, hasErrors } from "../../src/pipeline.js";

async function artefact(format: "manifest" | "vex" | "cyclonedx", text: string, path = "t.capa") {
  const front = analyse(text, path);
  expect(front.check.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  expect(hasErrors(front)).toBe(false);
  const r = await emit(format, front.checked!, [{ path, text }], { sourceDateEpoch: "0", now: new Date(), validate: true });
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe("@vex words (item 5)", () => {
  const program = [
    '@vex(cve: "CVE-2030-1", status: "affected", detail: "reached from main")',
    "fun hot(n: Int) -> Int",
    "    return n",
    "",
    '@vex(cve: "CVE-2030-2", status: "maybe", justification: "trust_me")',
    "fun odd(n: Int) -> Int",
    "    return n",
    "",
    '@vex(cve: "CVE-2030-3", status: "not_affected")',
    "fun main(stdio: Stdio)",
    '    stdio.println("${hot(1) + odd(2)}")',
    "",
  ].join("\n");

  it("is accepted by the checker: 'affected' is Capa's word for CycloneDX 'exploitable'", async () => {
    const vex = JSON.parse((await artefact("vex", program)).text);
    expect(vex.vulnerabilities.map((v: { analysis: { state: string } }) => v.analysis.state)).toEqual(["exploitable", "in_triage", "not_affected"]);
  });

  it("warns (never errors) about words outside the vocabulary, with --vex and --cyclonedx alike", async () => {
    for (const format of ["vex", "cyclonedx"] as const) {
      const r = await artefact(format, program);
      expect(r.warnings.map((d) => [d.code, d.severity, d.span.line, d.message])).toEqual([
        ["E6005", "warning", 5, "odd (@vex CVE-2030-2): VEX status 'maybe' is not a CycloneDX state; it is emitted as 'in_triage'. Known states: affected, exploitable, false_positive, fixed, in_triage, not_affected, resolved, resolved_with_pedigree."],
        ["E6006", "warning", 5, expect.stringMatching(/^odd \(@vex CVE-2030-2\): VEX justification 'trust_me' is not a CycloneDX justification value; it is left out of the analysis\. Known values: code_not_present, /)],
        ["E6007", "warning", 9, 'main (@vex CVE-2030-3): VEX status "not_affected" requires a justification per the CycloneDX spec; add justification: "..." (or at least detail: "...").'],
      ]);
    }
    expect((await artefact("manifest", program)).warnings).toEqual([]);
  });
});

describe("manifest fields as the reference writes them", () => {
  const program = [
    "typestate Valve",
    "    Shut",
    "    Flowing",
    "",
    "linear type Token { id: Int }",
    "",
    "fun open_valve(consume v: Valve[Shut]) -> Valve[Flowing]",
    "    return become(v, Flowing)",
    "",
    "fun spend(consume t: Token) -> Unit",
    "    let Token { id } = t",
    "",
    "fun store(fs: Fs, at: String) -> Result<Unit, IoError>",
    '    return fs.write(at, "")',
    "",
    "fun pair(u: (), f: Fun(Int) -> Unit) -> (Int, Bool)",
    "    return (1, true)",
    "",
    "/// Waits.",
    '@audited(date: "2030-01-01", by: "qa")',
    '@deprecated(reason: "slow")',
    "pub fun pause(clock: Clock)",
    "    clock.sleep(0.0000000015)",
    "    clock.sleep(2.50)",
    "    clock.sleep(1e22)",
    "",
    "fun main(stdio: Stdio, fs: Fs, clock: Clock)",
    '    stdio.println(r"C:\\new\\table")',
    '    stdio.println("tab\\there")',
    "    stdio.println(\"${0xFF + 1_000}\")",
    '    let _ = store(fs, r"/tmp/a\\b")',
    "    pause(clock)",
    "",
  ].join("\n");

  const functions = async () => {
    const m = JSON.parse((await artefact("manifest", program)).text);
    return new Map<string, any>(m.functions.map((f: { name: string }) => [f.name, f]));
  };

  it("item 6: types are printed as written (Unit stays Unit, () stays ())", async () => {
    const fns = await functions();
    expect(fns.get("store").return_type).toBe("Result<Unit, IoError>");
    expect(fns.get("spend").return_type).toBe("Unit");
    expect(fns.get("pair").params.map((p: { type: string }) => p.type)).toEqual(["()", "Fun(Int) -> Unit"]);
    expect(fns.get("pair").return_type).toBe("(Int, Bool)");
    expect(fns.get("pause").return_type).toBe("()");
  });

  it("item 7: a function with attributes is positioned at its first @ line", async () => {
    const fns = await functions();
    expect(fns.get("pause").pos).toBe("t.capa:20:1");
    expect(fns.get("main").pos).toBe("t.capa:27:1");
    const sbom = JSON.parse((await artefact("cyclonedx", program)).text);
    const pause = sbom.components.find((c: { name: string }) => c.name === "pause");
    expect(pause.properties).toContainEqual({ name: "capa:pos", value: "t.capa:20:1" });
  });

  it("item 8: literal arguments by value: Python float repr, decimal ints, raw strings as quoted values", async () => {
    const fns = await functions();
    const args = (fn: string) => fns.get(fn).calls.map((c: { args: string[] }) => c.args.join(" | "));
    expect(args("pause")).toEqual(["1.5e-09", "2.5", "1e+22"]);
    expect(args("main")).toEqual(['"C:\\\\new\\\\table"', '"tab\\there"', '"${...}"', 'fs | "/tmp/a\\\\b"', "clock"]);
  });

  it("item 9: a typestate parameter is written without its state and is not `linear` (only `linear type` structs are)", async () => {
    const fns = await functions();
    expect(fns.get("open_valve").params[0]).toMatchObject({ type: "Valve", consuming: true, is_linear: false });
    expect(fns.get("open_valve").return_type).toBe("Valve");
    expect(fns.get("spend").params[0]).toMatchObject({ type: "Token", consuming: true, is_linear: true });
  });
});
