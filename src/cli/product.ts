// The command line's product artefacts: `--manifest-digest`, `--compose-sbom`, `--check-policies`,
// `--conformance-report`, each optionally wrapped in a signed DSSE envelope (`--sign KEY.pem`).
// Flags in, exit code out; src/gates/ decides the content.

import { writeFileSync } from "node:fs";
import { CLI_MESSAGES as U } from "./messages.js";
import type { Reporter } from "./report.js";
import { checkedProgram, type Reporting } from "./gates.js";
import { emit } from "../pipeline.js";
import { makeProblem } from "../diagnostics/diagnostic.js";
import { contentAddressed } from "../gates/canonical.js";
import { composeProduct } from "../gates/compose.js";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { VERSION } from "../version.js";

export interface ArtefactOptions {
  readonly output: string | undefined;
  /** A PEM private key: wrap the artefact in a DSSE envelope signed with it. */
  readonly sign: string | undefined;
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
    const signed = signArtefact(text, options.sign, report);
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
