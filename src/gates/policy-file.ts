// `capa-policy.toml`: an organisation's rules over the composed product, one `[[policy]]` table
// each, from a closed set of kinds. Parsed with smol-toml and validated against a closed schema;
// every problem is data at capa-policy.toml:line:col.

import { makeProblem, type DiagnosticSpec, type Problem, type Span } from "../diagnostics/diagnostic.js";
import { CEILING_CAPABILITIES } from "../project/index.js";
import { isTable, readToml } from "../project/toml.js";
import { GATE_MESSAGES as G } from "./messages.js";

export const POLICY_FILE = "capa-policy.toml";

export type Policy =
  | { readonly kind: "exclusion"; readonly capabilities: readonly string[]; readonly package: string | null } & PolicyCommon
  | { readonly kind: "product-subset"; readonly max: readonly string[] } & PolicyCommon
  | { readonly kind: "purity"; readonly package: string | null } & PolicyCommon
  | { readonly kind: "forbid-capability"; readonly capability: string; readonly package: string | null } & PolicyCommon
  | { readonly kind: "forbid-dependency"; readonly package: string; readonly forbidden: string } & PolicyCommon
  | { readonly kind: "no-unresolved-dependencies" } & PolicyCommon;

export interface PolicyCommon {
  readonly id: string;
  readonly description: string | null;
  /** Accept a package whose authority is UNKNOWN instead of failing closed over it. */
  readonly allowUnknown: boolean;
  /** The `[[policy]]` header, for messages about the policy as a whole. */
  readonly span: Span;
  /** Where each key is written, for messages about one value. */
  readonly keySpans: ReadonlyMap<string, Span>;
}

export type PolicyKind = Policy["kind"];

const COMMON_KEYS = ["kind", "id", "description", "allow_unknown"];
const KIND_KEYS: Record<PolicyKind, readonly string[]> = {
  exclusion: ["capabilities", "package"],
  "product-subset": ["max"],
  purity: ["package"],
  "forbid-capability": ["capability", "package"],
  "forbid-dependency": ["package", "forbidden"],
  "no-unresolved-dependencies": [],
};
export const POLICY_KINDS = Object.keys(KIND_KEYS) as PolicyKind[];

export type PolicyFileResult = { readonly ok: true; readonly policies: readonly Policy[] } | { readonly ok: false; readonly problems: readonly Problem[] };


/** Parses one capa-policy.toml; `path` names it in every message. */
export function parsePolicyFile(text: string, path: string): PolicyFileResult {
  const read = readToml(text);
  if (!read.ok) return { ok: false, problems: [makeProblem(G.policyBadToml, [read.why], point(path, read.line, read.column, 1))] };
  const data = read.data;
  const blocks = policyBlocks(text, path);
  const problems: Problem[] = [];
  const report = <A extends unknown[]>(entry: DiagnosticSpec<A>, args: A, span: Span): void => void problems.push(makeProblem(entry, args, span));
  for (const key of Object.keys(data)) if (key !== "policy") report(G.policyUnknownKey, ["capa-policy.toml", key, "policy"], topKeySpan(text, path, key));
  const raw = data.policy ?? [];
  if (!Array.isArray(raw) || !raw.every(isTable)) {
    report(G.policyWrongType, ["policy", "an array of tables, each written [[policy]]"], topKeySpan(text, path, "policy"));
    return { ok: false, problems };
  }
  const policies: Policy[] = [];
  const ids = new Map<string, Span>();
  raw.forEach((entry, i) => {
    const block = blocks[i] ?? { header: point(path, 1, 1, 1), keys: new Map<string, Span>() };
    const at = (key: string): Span => block.keys.get(key) ?? block.header;
    const where = `policy ${i + 1}`;
    const kind = entry.kind;
    if (typeof kind !== "string" || !POLICY_KINDS.includes(kind as PolicyKind)) {
      if (kind === undefined) report(G.policyMissingKey, [where, "kind"], block.header);
      else report(G.policyUnknownKind, [String(kind), POLICY_KINDS.join(", ")], at("kind"));
      return;
    }
    const k = kind as PolicyKind;
    const known = [...COMMON_KEYS, ...KIND_KEYS[k]];
    for (const key of Object.keys(entry)) if (!known.includes(key)) report(G.policyUnknownKey, [`${where} (${k})`, key, known.join(", ")], at(key));
    const str = (key: string, required: boolean): string | null => {
      const v = entry[key];
      if (v === undefined) {
        if (required) report(G.policyMissingKey, [`${where} (${k})`, key], block.header);
        return null;
      }
      if (typeof v !== "string" || v === "") {
        report(G.policyWrongType, [`${where}.${key}`, "a non-empty string"], at(key));
        return null;
      }
      return v;
    };
    const capability = (key: string, v: unknown): boolean => {
      if (typeof v === "string" && CEILING_CAPABILITIES.includes(v)) return true;
      report(G.policyUnknownCapability, [String(v), CEILING_CAPABILITIES.join(", ")], at(key));
      return false;
    };
    const capabilities = (key: string, min: number): string[] | null => {
      const v = entry[key];
      if (v === undefined) {
        report(G.policyMissingKey, [`${where} (${k})`, key], block.header);
        return null;
      }
      if (!Array.isArray(v) || v.length < min) {
        report(G.policyWrongType, [`${where}.${key}`, min > 0 ? `a list of at least ${min} capability names` : "a list of capability names"], at(key));
        return null;
      }
      return v.every((c) => capability(key, c)) ? [...new Set(v as string[])].sort() : null;
    };
    const id = str("id", false) ?? `${k}-${i + 1}`;
    const seen = ids.get(id);
    if (seen !== undefined) report(G.policyDuplicateId, [id, `${seen.line}`], at("id"));
    ids.set(id, at("id"));
    const description = str("description", false);
    let allowUnknown = false;
    if (entry.allow_unknown !== undefined) {
      if (typeof entry.allow_unknown === "boolean") allowUnknown = entry.allow_unknown;
      else report(G.policyWrongType, [`${where}.allow_unknown`, "true or false"], at("allow_unknown"));
    }
    const common: PolicyCommon = { id, description, allowUnknown, span: block.header, keySpans: block.keys };
    const before = problems.length;
    let policy: Policy | null = null;
    switch (k) {
      case "exclusion": {
        const caps = capabilities("capabilities", 2);
        const pkg = str("package", false);
        if (caps !== null) policy = { kind: k, capabilities: caps, package: pkg, ...common };
        break;
      }
      case "product-subset": {
        const max = capabilities("max", 0);
        if (max !== null) policy = { kind: k, max, ...common };
        break;
      }
      case "purity":
        policy = { kind: k, package: str("package", false), ...common };
        break;
      case "forbid-capability": {
        const cap = str("capability", true);
        const pkg = str("package", false);
        if (cap !== null && capability("capability", cap)) policy = { kind: k, capability: cap, package: pkg, ...common };
        break;
      }
      case "forbid-dependency": {
        const pkg = str("package", true);
        const forbidden = str("forbidden", true);
        if (pkg !== null && forbidden !== null) policy = { kind: k, package: pkg, forbidden, ...common };
        break;
      }
      case "no-unresolved-dependencies":
        policy = { kind: k, ...common };
        break;
    }
    if (policy !== null && problems.length === before) policies.push(policy);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policies };
}

function point(file: string, line: number, col: number, length: number): Span {
  return { file, line, col, endLine: line, endCol: col + length };
}

/**
 * Each `[[policy]]` block's header and the keys written in it, in order. smol-toml gives no
 * positions for values, so the text is scanned; a file that writes policies as inline tables
 * falls back to the position of the `policy` key.
 */
function policyBlocks(text: string, file: string): { header: Span; keys: Map<string, Span> }[] {
  const blocks: { header: Span; keys: Map<string, Span> }[] = [];
  let current: { header: Span; keys: Map<string, Span> } | null = null;
  text.split(/\r?\n/).forEach((line, n) => {
    if (/^\s*\[\[\s*policy\s*\]\]/.test(line)) {
      current = { header: point(file, n + 1, line.indexOf("[") + 1, line.trim().length), keys: new Map() };
      blocks.push(current);
      return;
    }
    if (/^\s*\[/.test(line)) {
      current = null;
      return;
    }
    const key = /^(\s*)(["']?)([A-Za-z0-9_-]+)\2\s*=/.exec(line);
    if (current !== null && key !== null) (current as { keys: Map<string, Span> }).keys.set(key[3]!, point(file, n + 1, key[1]!.length + 1, key[3]!.length));
  });
  return blocks;
}

/** Where a top-level key (or table header) is written; 1:1 when it cannot be found. */
function topKeySpan(text: string, file: string, key: string): Span {
  const lines = text.split(/\r?\n/);
  let inTable = false; // bare keys after the first table header belong to that table
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (/^\s*\[/.test(line)) {
      inTable = true;
      if (new RegExp(`^\\s*\\[\\[?\\s*["']?${key}["']?\\s*[\\].]`).test(line)) return point(file, n + 1, line.indexOf("[") + 1, line.trim().length);
      continue;
    }
    if (inTable) continue;
    const m = new RegExp(`^(\\s*)["']?${key}["']?\\s*=`).exec(line);
    if (m !== null) return point(file, n + 1, m[1]!.length + 1, key.length);
  }
  return point(file, 1, 1, 1);
}
