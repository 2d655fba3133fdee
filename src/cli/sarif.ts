// `--format sarif`: the diagnostics document as a SARIF 2.1.0 log (src/gates/sarif.ts). The rule
// descriptions come from every stage's catalogue, loaded only when SARIF is asked for.

import type { Problem, Severity } from "../diagnostics/diagnostic.js";
import { toSarif, type RuleInfo } from "../gates/sarif.js";
import { VERSION } from "../version.js";

const CATALOGUES = [
  () => import("../syntax/messages.js"),
  () => import("../check/messages.js"),
  () => import("../check/modules/messages.js"),
  () => import("../check/capabilities/messages.js"),
  () => import("../check/ifc/messages.js"),
  () => import("../runtime/messages.js"),
  () => import("../runtime/capabilities/messages.js"),
  () => import("../emit/messages.js"),
  () => import("../project/messages.js"),
  () => import("../gates/messages.js"),
  () => import("./messages.js"),
];

/** Every catalogue entry's summary and severity by code. */
async function ruleInfo(): Promise<Map<string, RuleInfo>> {
  const rules = new Map<string, RuleInfo>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== "object" || depth > 3) return;
    const e = v as { code?: unknown; summary?: unknown; severity?: unknown; message?: unknown };
    if (typeof e.code === "string" && typeof e.summary === "string" && typeof e.message === "function") {
      rules.set(e.code, { summary: e.summary, severity: e.severity as Severity });
      return;
    }
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  for (const load of CATALOGUES) visit(await load(), 0);
  return rules;
}

/** The function that writes the collected problems as a SARIF log (relative URIs from the working folder). */
export async function sarifDocument(): Promise<(problems: readonly Problem[]) => string> {
  const rules = await ruleInfo();
  const tool = { name: "capa", version: VERSION, informationUri: "https://capa-ts.invalid/spec/diagnostics.md" };
  return (problems) => JSON.stringify(toSarif(problems, tool, rules, process.cwd()), null, 2);
}
