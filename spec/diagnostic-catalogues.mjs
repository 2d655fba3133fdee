// The catalogue modules (paths under src/ or dist/, without extension) and how to read them.
export const CATALOGUE_MODULES = [
  "syntax/messages",
  "check/messages",
  "check/modules/messages",
  "check/capabilities/messages",
  "check/ifc/messages",
  "runtime/messages",
  "runtime/capabilities/messages",
  "emit/messages",
  "project/messages",
  "gates/messages",
  "cli/messages",
  "format/messages",
];

/** Every catalogue entry ({code, summary, message}) exported by the modules, sorted by code. */
export function collectSpecs(modules) {
  const byCode = new Map();
  const visit = (v, depth) => {
    if (v === null || typeof v !== "object" || depth > 3) return;
    if (typeof v.code === "string" && typeof v.summary === "string" && typeof v.message === "function") {
      const seen = byCode.get(v.code);
      if (seen && seen !== v && seen.summary !== v.summary) throw new Error(`diagnostic code ${v.code} is used twice`);
      byCode.set(v.code, v);
      return;
    }
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  for (const m of modules) visit(m, 0);
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}
