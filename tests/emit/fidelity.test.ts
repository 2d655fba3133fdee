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
