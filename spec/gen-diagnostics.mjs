// Regenerates spec/diagnostics.md from the diagnostic catalogues (run after `npm run build`):
//   node spec/gen-diagnostics.mjs > spec/diagnostics.md
import { CATALOGUE_MODULES, collectSpecs } from "./diagnostic-catalogues.mjs";

const modules = await Promise.all(CATALOGUE_MODULES.map((m) => import(new URL(`../dist/${m}.js`, import.meta.url))));
const specs = collectSpecs(modules);
const lines = [
  "# Diagnostic codes",
  "",
  "Every diagnostic carries a stable code. Codes never change meaning; wording may improve.",
  "E1xxx lexical and syntax, E2xxx names and types, E3xxx capability rules, E4xxx linear types and",
  "typestate, E5xxx information flow, E6xxx attributes and artefacts, R7xxx run-time aborts, U0xxx",
  "command-line usage and I/O (no source position), P0xxx projects (`capa.toml`) and G0xxx project gates (spec/projects.md), F0xxx the formatter.",
  "This file is generated from the catalogues by `spec/gen-diagnostics.mjs`; a test keeps it in step.",
  "",
  "| code | severity | what it reports |",
  "| --- | --- | --- |",
  ...specs.map((s) => `| ${s.code} | ${s.severity ?? "error"} | ${s.summary.replace(/\|/g, "\\|")} |`),
  "",
];
process.stdout.write(lines.join("\n"));
