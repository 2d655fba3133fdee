// Catalogue of the project stage's messages: capa.toml problems (exit 2) and what `capa init`
// reports. Holds wording only; src/project/*.ts decides when each applies.
import { spec } from "../diagnostics/diagnostic.js";

export const PROJECT_MESSAGES = {
  badToml: spec("P0001", "capa.toml is not valid TOML", (why: string) => `capa.toml is not valid TOML: ${why}`),
  unknownKey: spec("P0002", "a key capa.toml does not define", (table: string, key: string, known: string) =>
    `unknown key '${key}' in ${table} (known: ${known})`),
  missingKey: spec("P0003", "a required capa.toml key is absent", (table: string, key: string) => `${table} needs '${key}'`),
  wrongType: spec("P0004", "a capa.toml value of the wrong type", (where: string, expected: string) => `${where} must be ${expected}`),
  badName: spec("P0005", "a package or dependency name that is not an identifier", (name: string) =>
    `'${name}' is not a valid package name (letters, digits and '_', starting with a letter; it is the import prefix)`),
  badLicense: spec("P0006", "a licence that is not an SPDX expression", (license: string, why: string) =>
    `license '${license}' is not an SPDX license expression: ${why}`),
  unknownCapability: spec("P0007", "a ceiling naming something that is not a bounded capability", (name: string, known: string) =>
    `'${name}' is not a capability a ceiling can allow (one of: ${known})`),
  pureConflict: spec("P0008", "a ceiling both pure and with capabilities", () =>
    "[capabilities] conflict: pure = true allows no capability, but max lists some"),
  emptyCeiling: spec("P0009", "a [capabilities] table that sets no ceiling", () =>
    "[capabilities] sets no ceiling: give max = [...] or pure = true"),
  missingDependency: spec("P0010", "a path dependency whose directory does not exist", (name: string, dir: string) =>
    `dependency '${name}': no directory ${dir}`),
  dependencyCycle: spec("P0011", "path dependencies that depend on each other", (cycle: string) => `dependency cycle: ${cycle}`),
  duplicateDependency: spec("P0012", "one dependency name bound to two directories", (name: string, a: string, b: string) =>
    `dependency '${name}' is declared at two places: ${a} and ${b}`),
  unreadableManifest: spec("P0013", "a capa.toml that cannot be read", (path: string, why: string) => `${path}: cannot read (${why})`),
  noProject: spec("P0014", "a project command outside any project", (dir: string) =>
    `no capa.toml in ${dir} or any folder above it (create one with 'capa init')`),
  initExists: spec("P0015", "capa init over an existing project", (path: string) => `${path} already exists; capa init does not overwrite a project`),
  initFailed: spec("P0016", "capa init could not write a file", (path: string, why: string) => `cannot write ${path}: ${why}`),
  badEntry: spec("P0017", "an entry point outside the package or not a .capa file", (entry: string) =>
    `entry '${entry}' must be a relative path to a .capa file inside the package`),
} as const;
