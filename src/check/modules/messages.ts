// Catalogue of module-resolution diagnostics (E2xxx, names). Worded like the reference 1.32.
// Invariant: the only place these message texts exist.
import { spec } from "../../diagnostics/diagnostic.js";

export const MODULE_MESSAGES = {
  unresolved: spec("E2300", "an import that no search directory provides", (path: string, tried: string) =>
    `cannot resolve 'import ${path}': tried ${tried}`),
  notUtf8: spec("E2303", "an imported module file that is not valid UTF-8", (path: string, file: string, byte: number) =>
    `cannot read 'import ${path}': ${file}: not valid UTF-8 at byte ${byte}`),
  cycle: spec("E2301", "modules that import each other", (cycle: string) => `cyclic import: ${cycle}`),
  privateItem: spec("E2302", "a name or type that an imported module declares without `pub`", (what: "name" | "type", name: string, module: string) =>
    `undefined ${what} '${name}' (private to module '${module}'; mark it 'pub' to expose)`),
};
