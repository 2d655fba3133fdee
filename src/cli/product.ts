// The command line's product artefacts: `--manifest-digest`, `--compose-sbom`, `--check-policies`,
// `--conformance-report`, each optionally wrapped in a signed DSSE envelope (`--sign KEY.pem`).
// Flags in, exit code out; src/gates/ decides the content.

import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CLI_MESSAGES as U } from "./messages.js";
import type { Reporter } from "./report.js";
import { checkedProgram, type Reporting } from "./gates.js";
import { emit } from "../pipeline.js";
import { makeProblem } from "../diagnostics/diagnostic.js";
import { contentAddressed, sha256Of } from "../gates/canonical.js";
import { composeProduct, productPath } from "../gates/compose.js";
import { parsePolicyFile, POLICY_FILE, type Policy } from "../gates/policy-file.js";
import { conformanceReport, evaluatePolicies, resultProblems, unknownPackages } from "../gates/policy.js";
import { PROJECT_MESSAGES as P, type Project } from "../project/index.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { VERSION } from "../version.js";

export interface ArtefactOptions {
  readonly output: string | undefined;
  /** A PEM private key: wrap the artefact in a DSSE envelope signed with it. */
  readonly sign: string | undefined;
  /** The artefact is an in-toto statement (--provenance): signed under in-toto's payload type. */
  readonly inToto?: boolean;
}

/** `--manifest-digest [FILE]`: the capability manifest as canonical JSON with its sha256. */
export async function manifestDigestMode(file: string, stdin: boolean, options: ArtefactOptions, report: Reporter, how: Reporting): Promise<number> {
  const checked = checkedProgram(file, stdin, false, report, how);
  if (typeof checked === "number") return checked;
  const result = await emit("manifest", checked.front.checked!, checked.front.sources, {
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    now: new Date(),
    validate: false,
    project: checked.project,
  });
  if (!result.ok) {
    report.problem(makeProblem(U.artifactFailed, [result.error]));
    return result.usage ? 2 : 1;
  }
  return await deliver(contentAddressed(JSON.parse(result.text) as Record<string, unknown>).text, options, report);
}

/** `--compose-sbom [FILE]`: the product's composed capability SBOM (needs a project). */
export async function composeSbomMode(file: string, stdin: boolean, options: ArtefactOptions, report: Reporter, how: Reporting): Promise<number> {
  const checked = checkedProgram(file, stdin, true, report, how);
  if (typeof checked === "number") return checked;
  const { document } = composeProduct(checked.project!, checked.model, checked.front.program, VERSION);
  return await deliver(contentAddressed(document).text, options, report);
}

/** Writes the artefact (signed when asked) to -o or stdout; 0, or 2 when it cannot. */
export async function deliver(text: string, options: ArtefactOptions, report: Reporter): Promise<number> {
  let body = text;
  if (options.sign !== undefined) {
    const { signArtefact } = await import("./sign.js");
    const signed = signArtefact(text, options.sign, options.inToto === true, report);
    if (typeof signed === "number") return signed;
    body = signed;
  }
  if (options.output === undefined) {
    writeAll(1, body);
    return 0;
  }
  try {
    writeFileSync(options.output, body);
  } catch (e) {
    return report.usage(U.cannotWrite, [options.output, (e as Error).message]);
  }
  return 0;
}

/** The project's capa-policy.toml, parsed (null when there is none), or the exit code (2). */
function loadPolicies(project: Project, report: Reporter): { policies: readonly Policy[]; path: string; text: string } | null | number {
  const abs = join(project.root.dir, POLICY_FILE);
  const shown = relative(process.cwd(), abs) || abs;
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    report.problem(makeProblem(P.unreadableManifest, [shown, (e as Error).message]));
    return 2;
  }
  report.addSource(shown, text);
  const parsed = parsePolicyFile(text, shown);
  const problems = parsed.ok ? unknownPackages(parsed.policies, project) : parsed.problems;
  if (problems.length > 0 || !parsed.ok) {
    report.diagnostics(problems, false);
    return 2;
  }
  return { policies: parsed.policies, path: shown, text };
}

/** The composed product, its policies evaluated, and the conformance report; or the exit code. */
function judgeProduct(file: string, stdin: boolean, report: Reporter, how: Reporting) {
  const checked = checkedProgram(file, stdin, true, report, how);
  if (typeof checked === "number") return checked;
  const project = checked.project!;
  const loaded = loadPolicies(project, report);
  if (typeof loaded === "number") return loaded;
  const { document, verdict } = composeProduct(project, checked.model, checked.front.program, VERSION);
  const results = evaluatePolicies(loaded?.policies ?? [], project, verdict);
  const info = project.root.manifest.package;
  const doc = conformanceReport(
    results,
    { name: info.name, version: info.version },
    {
      composedSha256: contentAddressed(document).digest,
      policyFile: loaded === null ? null : { path: POLICY_FILE, sha256: sha256Of(loaded.text) },
    },
    (f) => productPath(project, f),
  );
  return { project, loaded, results, doc };
}

/** `--check-policies [FILE]`: 0 every policy passes (or there is none), 1 one fails or cannot be
 * proven over UNKNOWN authority, 2 no project or a malformed capa-policy.toml. */
export function checkPoliciesMode(file: string, stdin: boolean, json: boolean, report: Reporter, how: Reporting): number {
  const judged = judgeProduct(file, stdin, report, how);
  if (typeof judged === "number") return judged;
  const { loaded, results, doc } = judged;
  if (json) {
    report.configure({ stream: 2, color: false });
    writeAll(1, JSON.stringify(doc, null, 2) + "\n");
  }
  report.diagnostics(results.flatMap(resultProblems), false);
  if (loaded === null) {
    report.textLine(`policies: no ${POLICY_FILE} at the project root; nothing to verify\n`);
    return 0;
  }
  for (const r of results) report.textLine(`${r.status === "pass" ? "pass" : r.status === "fail" ? "FAIL" : "UNKNOWN"} ${r.policy.id} (${r.policy.kind})\n`);
  const failed = results.filter((r) => r.status !== "pass").length;
  if (failed > 0) {
    report.textError(`policies: ${failed} of ${results.length} not satisfied\n`);
    return 1;
  }
  report.textLine(`policies: all ${results.length} satisfied\n`);
  return 0;
}

/** `--conformance-report [FILE]`: the canonical, content-addressed report (exit 0 whatever the verdicts). */
export async function conformanceReportMode(file: string, stdin: boolean, options: ArtefactOptions, report: Reporter, how: Reporting): Promise<number> {
  const judged = judgeProduct(file, stdin, report, how);
  if (typeof judged === "number") return judged;
  return await deliver(contentAddressed(judged.doc).text, options, report);
}
