// `--format sarif`: every diagnostic of an invocation as one SARIF 2.1.0 log, for GitHub code
// scanning and other SARIF consumers. Rule ids are our stable codes; an information-flow
// diagnostic's path (its `source` / `then` / `sink` hints, worded by HINT in
// src/check/ifc/messages.ts) becomes a codeFlow; a problem with no position (a usage or I/O
// error) is a tool execution notification, not a result. Validated against the official schema
// (spec/schemas/sarif-schema-2.1.0.json) by tests/projects/sarif.test.ts.

import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Problem, Severity, Span } from "../diagnostics/diagnostic.js";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

/** A catalogue entry as SARIF describes its rule. */
export interface RuleInfo {
  readonly summary: string;
  readonly severity: Severity;
}

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", note: "note" };

/** One step of an information-flow path, read back from its hint line. */
interface FlowStep {
  readonly line: number;
  readonly col: number;
  readonly file: string | null;
  readonly what: string;
}

const STEP = /^(?:source|  then|sink) (?:(.+):)?(\d+):(\d+): (.*)$/;

/** The path of an IFC diagnostic (null when its hints are not one): source first, sink last. */
export function flowSteps(hints: readonly string[]): FlowStep[] | null {
  const first = hints.findIndex((h) => h.startsWith("source "));
  if (first < 0 || !hints.some((h, i) => i > first && h.startsWith("sink "))) return null;
  const steps: FlowStep[] = [];
  for (const h of hints.slice(first)) {
    const m = STEP.exec(h);
    if (m !== null) steps.push({ file: m[1] ?? null, line: Number(m[2]), col: Number(m[3]), what: m[4]! });
    if (h.startsWith("sink ")) break;
  }
  return steps.length >= 2 ? steps : null;
}

/** A file as a SARIF artifact location: relative to `baseDir` (under %SRCROOT%) when inside it, else a file: URI. */
function artifactLocation(file: string, baseDir: string) {
  const abs = resolve(baseDir, file);
  const rel = relative(baseDir, abs);
  if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  return { uri: pathToFileURL(abs).href };
}

function physicalLocation(span: Span, baseDir: string) {
  return {
    artifactLocation: artifactLocation(span.file, baseDir),
    region: { startLine: span.line, startColumn: span.col, endLine: span.endLine, endColumn: Math.max(span.endCol, span.col + 1) },
  };
}

/** The SARIF log of `problems`. `baseDir` is what relative URIs are relative to (the working folder). */
export function toSarif(problems: readonly Problem[], tool: SarifTool, rules: ReadonlyMap<string, RuleInfo>, baseDir: string) {
  const codes = [...new Set(problems.filter((p) => p.span !== null).map((p) => p.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = problems.flatMap((p) => {
    if (p.span === null) return [];
    const span = p.span;
    const steps = flowSteps(p.hints);
    const otherHints = steps === null ? p.hints : p.hints.filter((h) => !STEP.test(h) && !h.startsWith("  ... "));
    const text = [p.message, ...otherHints].join("\n");
    return [
      {
        ruleId: p.code,
        ruleIndex: ruleIndex.get(p.code)!,
        level: LEVEL[p.severity],
        message: { text },
        locations: [{ physicalLocation: physicalLocation(span, baseDir) }],
        ...(steps === null
          ? {}
          : {
              codeFlows: [
                {
                  threadFlows: [
                    {
                      locations: steps.map((s) => ({
                        location: {
                          physicalLocation: physicalLocation({ file: s.file ?? span.file, line: s.line, col: s.col, endLine: s.line, endCol: s.col + 1 }, baseDir),
                          message: { text: s.what },
                        },
                      })),
                    },
                  ],
                },
              ],
            }),
      },
    ];
  });
  const notifications = problems
    .filter((p) => p.span === null)
    .map((p) => ({ descriptor: { id: p.code }, level: LEVEL[p.severity], message: { text: p.message } }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: codes.map((c) => {
              const info = rules.get(c);
              return {
                id: c,
                ...(info === undefined ? {} : { shortDescription: { text: info.summary }, defaultConfiguration: { level: LEVEL[info.severity] } }),
              };
            }),
          },
        },
        invocations: [{ executionSuccessful: !problems.some((p) => p.span === null && p.severity === "error"), toolExecutionNotifications: notifications }],
        columnKind: "unicodeCodePoints",
        results,
      },
    ],
  };
}
