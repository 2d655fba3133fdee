// VEX statements derived from `@vex` attributes, shared by `--vex` and the CycloneDX SBOM.
// Keeps every emitted state/justification inside the CycloneDX 1.5 enums (the reference does not).

import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { AttributeFact, CapabilityModel, FunctionFacts } from "../check/model.js";
import type { SbomRefs } from "./facts.js";
import { VEX_WARNINGS } from "./messages.js";

// The CycloneDX 1.5 vocabulary lives with the capability model, beside the attribute catalogue.
import { VEX_STATES as CYCLONEDX_VEX_STATES, VEX_JUSTIFICATIONS as CYCLONEDX_VEX_JUSTIFICATIONS } from "../check/model.js";

/** Capa's two extra words, mapped to the CycloneDX state with the same meaning. */
const STATE_ALIASES: Readonly<Record<string, string>> = { affected: "exploitable", fixed: "resolved" };

/** RFC 3339 date-time as the schema's `format: date-time` accepts it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Status as written → schema state: known states pass, aliases map, absent/unknown → in_triage. */
export function vexState(status: string | undefined): string {
  if (status === undefined) return "in_triage";
  if ((CYCLONEDX_VEX_STATES as readonly string[]).includes(status)) return status;
  return STATE_ALIASES[status] ?? "in_triage";
}

export interface VexEntry {
  readonly "bom-ref": string;
  readonly id: string;
  readonly source: { readonly name: "NVD"; readonly url: string };
  readonly analysis: {
    readonly state: string;
    readonly justification?: string;
    readonly detail?: string;
    readonly firstIssued: string;
  };
  readonly affects: readonly { readonly ref: string }[];
}

function arg(attr: AttributeFact, key: string): string | undefined {
  return attr.args.find((a) => a.key === key)?.value;
}

function vexEntry(f: FunctionFacts, attr: AttributeFact, refs: SbomRefs, timestamp: string): VexEntry {
  const cve = arg(attr, "cve") ?? "UNKNOWN";
  const justification = arg(attr, "justification");
  const detail = arg(attr, "detail");
  const firstIssued = arg(attr, "first_issued");
  const analysis: Record<string, string> = { state: vexState(arg(attr, "status")) };
  // An out-of-vocabulary justification stays visible in the `capa:attribute:vex:*` properties.
  if (justification !== undefined && (CYCLONEDX_VEX_JUSTIFICATIONS as readonly string[]).includes(justification)) {
    analysis["justification"] = justification;
  }
  if (detail !== undefined) analysis["detail"] = detail;
  analysis["firstIssued"] = firstIssued !== undefined && DATE_TIME.test(firstIssued) ? firstIssued : timestamp;
  return {
    "bom-ref": refs.vex(f, cve),
    id: cve,
    source: { name: "NVD", url: `https://nvd.nist.gov/vuln/detail/${cve}` },
    analysis: analysis as unknown as VexEntry["analysis"],
    affects: [{ ref: refs.fn(f) }],
  };
}

/** One entry per `@vex`, in function order. */
export function vexEntries(model: CapabilityModel, refs: SbomRefs, timestamp: string): VexEntry[] {
  const out: VexEntry[] = [];
  for (const f of model.functions) {
    for (const attr of f.attributes) if (attr.name === "vex") out.push(vexEntry(f, attr, refs, timestamp));
  }
  return out;
}

/** The words `@vex` accepts without a warning: the CycloneDX states plus Capa's two aliases. */
const KNOWN_STATES: readonly string[] = [...CYCLONEDX_VEX_STATES, ...Object.keys(STATE_ALIASES)].sort();
const KNOWN_JUSTIFICATIONS: readonly string[] = [...CYCLONEDX_VEX_JUSTIFICATIONS].sort();

/** Warnings (never errors, as in the reference) for `@vex` words outside the vocabulary. */
export function vexWarnings(model: CapabilityModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of model.functions) {
    for (const attr of f.attributes) {
      if (attr.name !== "vex") continue;
      const where = `${f.qualifiedName} (@vex ${arg(attr, "cve") ?? "UNKNOWN"})`;
      const status = arg(attr, "status");
      const justification = arg(attr, "justification");
      if (status !== undefined && !KNOWN_STATES.includes(status)) {
        out.push(makeDiagnostic(VEX_WARNINGS.unknownStatus, attr.span, [where, status, KNOWN_STATES.join(", ")]));
      }
      if (status === "not_affected" && !justification && !arg(attr, "detail")) {
        out.push(makeDiagnostic(VEX_WARNINGS.notAffectedWithoutReason, attr.span, [where]));
      }
      if (justification !== undefined && !KNOWN_JUSTIFICATIONS.includes(justification)) {
        out.push(makeDiagnostic(VEX_WARNINGS.unknownJustification, attr.span, [where, justification, KNOWN_JUSTIFICATIONS.join(", ")]));
      }
    }
  }
  return out;
}
