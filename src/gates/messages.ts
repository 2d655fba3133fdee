// Catalogue of the CI gates' messages (`--check-capabilities`, `--capability-diff`). Wording only;
// the gate modules decide when each applies.
import { spec } from "../diagnostics/diagnostic.js";

export const GATE_MESSAGES = {
  exceedsCeiling: spec("G0001", "a package reaches a capability its capa.toml ceiling does not allow", (pkg: string, cap: string, ceiling: string, edge: string) =>
    `package '${pkg}' reaches ${cap}, beyond its ceiling ${ceiling}: ${edge}`),
  unknownAuthority: spec("G0002", "a package whose authority cannot be analysed, under a ceiling without allow_unknown", (pkg: string, edge: string) =>
    `package '${pkg}' has authority UNKNOWN (fails closed; set allow_unknown = true under [capabilities] to accept it): ${edge}`),
  noModel: spec("G0005", "a program checked without a capability model to gate", () => "the capability model is not available for this program"),
  noSuchFunction: spec("G0006", "--explain naming no function of the program", (name: string, known: string) =>
    `--explain: no function '${name}' in this program (functions: ${known})`),
  badDiffInput: spec("G0003", "a --capability-diff input that is not a capability manifest", (path: string, why: string) => `${path}: ${why}`),
  widened: spec("G0004", "--fail-on-widening found a widening: a capability gained, a declassification site added, or authority become unknown", (count: number) =>
    `capability diff widens authority (${count} change${count === 1 ? "" : "s"}); failing because of --fail-on-widening`),
  badKey: spec("G0007", "a --sign or --key file that is not a usable Ed25519 key", (path: string, why: string) =>
    `${path}: not a usable Ed25519 key (${why}); make one with 'openssl genpkey -algorithm ed25519'`),
  badEnvelope: spec("G0008", "a file given to capa verify that is not a DSSE envelope", (path: string, why: string) =>
    `${path}: not a DSSE envelope: ${why}`),
  signatureInvalid: spec("G0009", "a DSSE envelope no signature of which verifies with the given key", (path: string, keyid: string, count: number) =>
    `${path}: no signature verifies with key ${keyid} (${count} signature${count === 1 ? "" : "s"} checked); the payload was changed or signed with another key`),
  verifyUsage: spec("G0010", "capa verify without an envelope and --key", () => "usage: capa verify ENVELOPE.json --key PUBLIC.pem"),
  signWithoutArtefact: spec("G0012", "--sign without an artefact to sign", () =>
    "--sign applies only to an emitted artefact: --manifest-digest, --compose-sbom, --conformance-report or an artefact flag such as --provenance"),
  policyBadToml: spec("G0013", "capa-policy.toml is not valid TOML", (why: string) => `capa-policy.toml is not valid TOML: ${why}`),
  policyUnknownKey: spec("G0014", "a key capa-policy.toml does not define", (where: string, key: string, known: string) =>
    `unknown key '${key}' in ${where} (known: ${known})`),
  policyWrongType: spec("G0015", "a capa-policy.toml value of the wrong type", (where: string, expected: string) => `${where} must be ${expected}`),
  policyMissingKey: spec("G0016", "a policy without a key its kind needs", (where: string, key: string) => `${where} needs '${key}'`),
  policyUnknownKind: spec("G0017", "a policy kind capa-policy.toml does not define", (kind: string, known: string) =>
    `unknown policy kind '${kind}' (one of: ${known})`),
  policyUnknownCapability: spec("G0018", "a policy naming something that is not a bounded capability", (name: string, known: string) =>
    `'${name}' is not a capability a policy can name (one of: ${known})`),
  policyDuplicateId: spec("G0019", "two policies with one id", (id: string, line: string) => `policy id '${id}' is already used at line ${line}`),
  policyUnknownPackage: spec("G0020", "a policy naming a package the product does not have", (id: string, pkg: string, known: string) =>
    `policy '${id}' names package '${pkg}', which the product does not have (packages: ${known})`),
  policyViolated: spec("G0021", "a capa-policy.toml policy the product violates", (id: string, kind: string, what: string) =>
    `policy '${id}' (${kind}) fails: ${what}`),
  policyUnknownAuthority: spec("G0022", "a policy over a package whose authority is UNKNOWN, without allow_unknown", (id: string, kind: string, pkg: string, why: string) =>
    `policy '${id}' (${kind}) cannot be proven: package '${pkg}' has authority UNKNOWN (fails closed; set allow_unknown = true on the policy to accept it): ${why}`),
  integrityMismatch: spec("G0011", "a signed artefact whose content_integrity digest does not match its content", (path: string) =>
    `${path}: the signature verifies but the payload's content_integrity digest does not match its content`),
} as const;

/** The pieces G0001/G0002 are worded from: call chains, dependency edges, why authority is unknown. */
export const EDGE_WORDS = {
  step: (qualifiedName: string, place: string) => `${qualifiedName} (${place})`,
  throughParameters: (params: readonly string[]) => ` through parameter ${params.join(", ")}`,
  chain: (steps: readonly string[]) => steps.join(" -> "),
  dependency: (from: string, to: string, inner: string) => `dependency ${from} -> ${to}: ${inner}`,
  ceiling: (max: readonly string[]) => `[${max.join(", ")}]${max.length === 0 ? " (pure)" : ""}`,
  reachesUnsafe: "reaches Unsafe",
  callsExtern: "calls an extern component",
  importsPython: "imports Python modules",
  crosses: (step: string, why: string) => `${step} ${why}`,
  noManifest: (name: string, dir: string, hasSource: boolean) =>
    `dependency '${name}' (${dir}) has no readable capa.toml${hasSource ? "" : " and no Capa source"}`,
  noSource: (name: string, dir: string) => `dependency '${name}' (${dir}) has no Capa source`,
} as const;

/** The pieces G0021 is worded from: what each kind of policy found. */
export const POLICY_WORDS = {
  holdsAll: (pkg: string, caps: readonly string[], edges: readonly string[]) =>
    `package '${pkg}' holds ${caps.join(" and ")} at once: ${edges.join("; ")}`,
  productExceeds: (product: string, cap: string, max: readonly string[], edge: string) =>
    `the product '${product}' reaches ${cap}, outside [${max.join(", ")}]: ${edge}`,
  notPure: (pkg: string, cap: string, edge: string) => `package '${pkg}' is not pure: it reaches ${cap}: ${edge}`,
  holdsForbidden: (pkg: string, cap: string, edge: string) => `package '${pkg}' reaches the forbidden ${cap}: ${edge}`,
  dependsOn: (pkg: string, forbidden: string, path: readonly string[]) => `package '${pkg}' depends on '${forbidden}': ${path.join(" -> ")}`,
  unresolved: (dep: string, path: string, reason: string, declaredBy: readonly string[]) =>
    `dependency '${dep}' (${path}) cannot be analysed (${reason}), declared by ${declaredBy.map((d) => `'${d}'`).join(", ")}`,
  capabilityVia: (cap: string, edge: string) => `${cap} via ${edge}`,
} as const;
