// Catalogue of the CI gates' messages (`--check-capabilities`, `--capability-diff`). Wording only;
// the gate modules decide when each applies.
import { spec } from "../diagnostics/diagnostic.js";

export const GATE_MESSAGES = {
  exceedsCeiling: spec("G0001", "a package reaches a capability its capa.toml ceiling does not allow", (pkg: string, cap: string, ceiling: string, edge: string) =>
    `package '${pkg}' reaches ${cap}, beyond its ceiling ${ceiling}: ${edge}`),
  unknownAuthority: spec("G0002", "a package whose authority cannot be analysed, under a ceiling without allow_unknown", (pkg: string, edge: string) =>
    `package '${pkg}' has authority UNKNOWN (fails closed; set allow_unknown = true under [capabilities] to accept it): ${edge}`),
  badDiffInput: spec("G0003", "a --capability-diff input that is not a capability manifest", (path: string, why: string) => `${path}: ${why}`),
  widened: spec("G0004", "--fail-on-widening found a widening: a capability gained, a declassification site added, or authority become unknown", (count: number) =>
    `capability diff widens authority (${count} change${count === 1 ? "" : "s"}); failing because of --fail-on-widening`),
} as const;
