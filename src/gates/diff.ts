// `--capability-diff OLD.json NEW.json`: what changed in authority between two `--manifest`
// outputs. Functions are matched by (container, name as written), never by position, so a moved
// line is no change; declassification sites are matched by (reason, value) within their function.
// Widening = a capability gained (by a function old or new), a declassification site added, or a
// function whose authority the types no longer bound (`authority_provable_from_types` turned false).

export interface DeclassSite {
  readonly reason: string;
  readonly value: string;
  readonly pos: string;
}

interface FunctionEntry {
  readonly key: string;
  readonly capabilities: readonly string[];
  /** `authority_provable_from_types`; null when the document does not say. */
  readonly provable: boolean | null;
  /** `provably_excluded_capabilities`: what the types prove the function cannot reach. */
  readonly excluded: readonly string[];
  readonly declassifications: readonly DeclassSite[];
}

export interface FunctionChange {
  readonly function: string;
  readonly status: "added" | "removed" | "changed";
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  /** Capabilities the old types proved unreachable and the new ones no longer do. */
  readonly guarantees_lost: readonly string[];
  /** Whether the authority stopped (or started) being bounded by the types. */
  readonly authority: "unchanged" | "became_unknown" | "became_provable";
  readonly declassifications_added: readonly DeclassSite[];
  readonly declassifications_removed: readonly DeclassSite[];
}

/** The composed product's change, when both inputs are `--compose-sbom` documents. */
export interface ProductChange {
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  readonly authority: "unchanged" | "became_unknown" | "became_known";
}

/** A composed SBOM's product: its rolled-up capabilities and whether its authority is UNKNOWN. */
export interface ProductSurface {
  readonly capabilities: readonly string[];
  readonly unknown: boolean;
}

export interface CapabilityDiff {
  readonly kind: "capa-capability-diff";
  readonly version: 1;
  readonly old: string;
  readonly new: string;
  /** Sorted by function key; unchanged functions are left out. */
  readonly functions: readonly FunctionChange[];
  /** Present only when both inputs are composed product SBOMs. */
  readonly product?: ProductChange;
  readonly widening: boolean;
  readonly summary: {
    readonly functions_added: number;
    readonly functions_removed: number;
    readonly capabilities_gained: number;
    readonly capabilities_lost: number;
    readonly guarantees_lost: number;
    readonly became_unknown: number;
    readonly declassifications_added: number;
    readonly declassifications_removed: number;
  };
}

export type ParsedManifest =
  | { readonly ok: true; readonly functions: readonly FunctionEntry[]; readonly product: ProductSurface | null } | { readonly ok: false; readonly why: string; readonly offset: number | null };

import { jsonErrorOffset } from "./json-position.js";

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const MODULE_LEVEL = "<module>";

/** Reads a `--manifest` document (schema_version 3): its functions and their declassification
 * sites, plus module-level (constant) declassifications under `<module>::owner`. */
export function parseManifestForDiff(text: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const found = offset === null || offset >= text.length ? "the text ends too early" : `unexpected ${JSON.stringify(text[offset])}`;
    return { ok: false, why: `not valid JSON: ${found}`, offset: offset ?? text.length };
  }
  const composed = composedParts(doc);
  if (typeof composed === "string") return { ok: false, why: composed, offset: null };
  if (composed !== null) doc = composed.manifest;
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { functions?: unknown }).functions)) {
    return { ok: false, why: "not a capability manifest (capa --manifest, --manifest-digest or --compose-sbom): no 'functions' list", offset: null };
  }
  const raw = doc as { functions: unknown[]; module_declassifications?: unknown };
  const entries: { base: string; file: string; capabilities: string[]; provable: boolean | null; excluded: string[]; declassifications: DeclassSite[] }[] = [];
  for (const [i, f] of raw.functions.entries()) {
    const r = f as Record<string, unknown>;
    const name = typeof r.source_name === "string" ? r.source_name : r.name;
    if (typeof f !== "object" || f === null || typeof name !== "string" || !isStringArray(r.transitively_reachable_capabilities)) {
      return { ok: false, why: `functions[${i}] is not a manifest function (needs name and transitively_reachable_capabilities)`, offset: null };
    }
    const sites = parseSites(r.declassifications);
    if (sites === null) return { ok: false, why: `functions[${i}].declassifications is not a list of {reason, value, pos}`, offset: null };
    const container = typeof r.source_container === "string" ? r.source_container : typeof r.container === "string" ? r.container : null;
    entries.push({
      base: container === null ? name : `${container}::${name}`,
      file: typeof r.pos === "string" ? r.pos.replace(/:\d+:\d+$/, "") : "",
      capabilities: [...new Set(r.transitively_reachable_capabilities)].sort(),
      provable: typeof r.authority_provable_from_types === "boolean" ? r.authority_provable_from_types : null,
      excluded: isStringArray(r.provably_excluded_capabilities) ? [...new Set(r.provably_excluded_capabilities)].sort() : [],
      declassifications: sites,
    });
  }
  const moduleSites = raw.module_declassifications === undefined ? [] : raw.module_declassifications;
  if (!Array.isArray(moduleSites)) return { ok: false, why: "module_declassifications is not a list", offset: null };
  for (const [i, d] of moduleSites.entries()) {
    const r = d as Record<string, unknown>;
    const owner = typeof r?.source_owner === "string" ? r.source_owner : r?.owner;
    const sites = parseSites([d]);
    if (typeof owner !== "string" || sites === null) return { ok: false, why: `module_declassifications[${i}] needs owner, reason, value and pos`, offset: null };
    const key = `${MODULE_LEVEL}::${owner}`;
    const same = entries.find((e) => e.base === key);
    if (same !== undefined) same.declassifications.push(...sites);
    else entries.push({ base: key, file: "", capabilities: [], provable: true, excluded: [], declassifications: sites });
  }
  // Two functions of one name (private helpers of different modules) are told apart by file.
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.base, (count.get(e.base) ?? 0) + 1);
  return {
    ok: true,
    functions: entries.map(({ base, file, ...facts }) => ({ key: count.get(base)! > 1 ? `${base}@${file}` : base, ...facts })),
    product: composed?.product ?? null,
  };
}

/** A `--compose-sbom` document read as a manifest (every package's functions in one list) plus
 * its product surface; null for any other document; a string saying what is wrong with a broken one. */
function composedParts(doc: unknown): { manifest: { functions: unknown[] }; product: ProductSurface } | null | string {
  if (typeof doc !== "object" || doc === null || (doc as { kind?: unknown }).kind !== "capa-composed-sbom") return null;
  const d = doc as { packages?: unknown; product?: { capabilities?: unknown; authority?: unknown } };
  if (!Array.isArray(d.packages) || !d.packages.every((p) => Array.isArray((p as { functions?: unknown } | null)?.functions))) {
    return "a composed SBOM whose 'packages' are not each a list of functions";
  }
  if (!isStringArray(d.product?.capabilities) || typeof d.product?.authority !== "string") return "a composed SBOM without a product's capabilities and authority";
  return {
    manifest: { functions: d.packages.flatMap((p) => (p as { functions: unknown[] }).functions) },
    product: { capabilities: [...new Set(d.product.capabilities)].sort(), unknown: d.product.authority === "UNKNOWN" },
  };
}

function parseSites(v: unknown): DeclassSite[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return null;
  const out: DeclassSite[] = [];
  for (const d of v) {
    const r = d as Record<string, unknown>;
    if (typeof d !== "object" || d === null || typeof r.reason !== "string" || typeof r.value !== "string" || typeof r.pos !== "string") return null;
    out.push({ reason: r.reason, value: r.value, pos: r.pos });
  }
  return out;
}

/** Sites of `a` not matched by a site of `b` with the same reason and value (multiset difference). */
function unmatched(a: readonly DeclassSite[], b: readonly DeclassSite[]): DeclassSite[] {
  const pool = b.map((s) => `${s.reason}\u0000${s.value}`);
  return a.filter((s) => {
    const i = pool.indexOf(`${s.reason}\u0000${s.value}`);
    if (i < 0) return true;
    pool.splice(i, 1);
    return false;
  });
}

export function diffManifests(
  oldName: string,
  oldFns: readonly FunctionEntry[],
  newName: string,
  newFns: readonly FunctionEntry[],
  products: { old: ProductSurface; new: ProductSurface } | null = null,
): CapabilityDiff {
  const before = new Map(oldFns.map((f) => [f.key, f]));
  const after = new Map(newFns.map((f) => [f.key, f]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FunctionChange[] = [];
  for (const key of keys) {
    const o = before.get(key);
    const n = after.get(key);
    const oldCaps = o?.capabilities ?? [];
    const newCaps = n?.capabilities ?? [];
    const change: FunctionChange = {
      function: key,
      status: o === undefined ? "added" : n === undefined ? "removed" : "changed",
      gained: newCaps.filter((c) => !oldCaps.includes(c)),
      lost: oldCaps.filter((c) => !newCaps.includes(c)),
      guarantees_lost: o === undefined || n === undefined ? [] : o.excluded.filter((c) => !n.excluded.includes(c)),
      authority: authorityTransition(o?.provable ?? null, n?.provable ?? null, o === undefined),
      declassifications_added: unmatched(n?.declassifications ?? [], o?.declassifications ?? []),
      declassifications_removed: unmatched(o?.declassifications ?? [], n?.declassifications ?? []),
    };
    const changed =
      change.gained.length + change.lost.length + change.guarantees_lost.length + change.declassifications_added.length + change.declassifications_removed.length > 0 ||
      change.authority !== "unchanged";
    if (changed || change.status !== "changed") changes.push(change);
  }
  const sum = (f: (c: FunctionChange) => number): number => changes.reduce((t, c) => t + f(c), 0);
  const summary = {
    functions_added: changes.filter((c) => c.status === "added").length,
    functions_removed: changes.filter((c) => c.status === "removed").length,
    capabilities_gained: sum((c) => c.gained.length),
    capabilities_lost: sum((c) => c.lost.length),
    guarantees_lost: sum((c) => c.guarantees_lost.length),
    became_unknown: changes.filter((c) => c.authority === "became_unknown").length,
    declassifications_added: sum((c) => c.declassifications_added.length),
    declassifications_removed: sum((c) => c.declassifications_removed.length),
  };
  const product = products === null ? undefined : productChange(products.old, products.new);
  const productWidens = product !== undefined && (product.gained.length > 0 || product.authority === "became_unknown");
  return {
    kind: "capa-capability-diff",
    version: 1,
    old: oldName,
    new: newName,
    functions: changes,
    ...(product === undefined ? {} : { product }),
    widening: productWidens || summary.capabilities_gained + summary.declassifications_added + summary.became_unknown > 0,
    summary,
  };
}

function productChange(before: ProductSurface, after: ProductSurface): ProductChange {
  return {
    gained: after.capabilities.filter((c) => !before.capabilities.includes(c)),
    lost: before.capabilities.filter((c) => !after.capabilities.includes(c)),
    authority: before.unknown === after.unknown ? "unchanged" : after.unknown ? "became_unknown" : "became_known",
  };
}

/** The number of widening changes: capabilities gained (by functions or the product),
 * declassification sites added, functions or a product whose authority became unknown. */
export const wideningCount = (d: CapabilityDiff): number =>
  d.summary.capabilities_gained +
  d.summary.declassifications_added +
  d.summary.became_unknown +
  (d.product === undefined ? 0 : d.product.gained.length + (d.product.authority === "became_unknown" ? 1 : 0));

/** A function new in NEW "becomes unknown" when its types do not bound it. */
function authorityTransition(before: boolean | null, after: boolean | null, isNew: boolean): FunctionChange["authority"] {
  if (after === false && (before === true || isNew)) return "became_unknown";
  if (after === true && before === false) return "became_provable";
  return "unchanged";
}

/** The diff for people: one line per changed function, then a verdict line. */
export function renderDiffText(d: CapabilityDiff): string {
  const lines = [`capability diff ${d.old} -> ${d.new}`];
  const mark = { added: "+", removed: "-", changed: "~" } as const;
  for (const c of d.functions) {
    const caps = [...c.gained.map((x) => `+${x}`), ...c.lost.map((x) => `-${x}`)];
    const unsaid = c.guarantees_lost.filter((g) => !c.gained.includes(g)); // a gained capability already says it
    const notes = [
      ...(caps.length > 0 ? [caps.join(" ")] : []),
      ...(unsaid.length > 0 ? [`no longer provably excludes ${unsaid.join(", ")}`] : []),
      ...(c.authority === "became_unknown" ? ["authority no longer bounded by its types (unknown)"] : []),
      ...(c.authority === "became_provable" ? ["authority now bounded by its types"] : []),
    ];
    lines.push(`${mark[c.status]} ${c.function} (${c.status})${notes.length > 0 ? `: ${notes.join("; ")}` : ""}`);
    for (const s of c.declassifications_added) lines.push(`    + declassify ${s.value} (reason: "${s.reason}") at ${s.pos}`);
    for (const s of c.declassifications_removed) lines.push(`    - declassify ${s.value} (reason: "${s.reason}") at ${s.pos}`);
  }
  if (d.product !== undefined) {
    const p = d.product;
    const notes = [...p.gained.map((x) => `+${x}`), ...p.lost.map((x) => `-${x}`)];
    if (p.authority === "became_unknown") notes.push("authority became UNKNOWN");
    if (p.authority === "became_known") notes.push("authority no longer UNKNOWN");
    lines.push(`product: ${notes.length > 0 ? notes.join(" ") : "no change"}`);
  }
  if (d.functions.length === 0) lines.push("no change in authority");
  const s = d.summary;
  lines.push(
    `${d.widening ? "widening" : "no widening"}: ${s.capabilities_gained} gained, ${s.capabilities_lost} lost, ${s.became_unknown} became unknown, ` +
      `${s.declassifications_added} declassification site(s) added, ${s.declassifications_removed} removed; ` +
      `${s.functions_added} function(s) added, ${s.functions_removed} removed`,
  );
  return lines.join("\n") + "\n";
}
