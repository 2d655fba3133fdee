// Catalogue of information-flow (IFC) diagnostics, E5xxx, and the wording of their path hints.
// Message text lives only here; wording matches the reference wherever the reference reports the case.

import { spec } from "../../diagnostics/diagnostic.js";

const ROUTE = `Route it through declassify(value, reason: "...") if this disclosure is intended.`;

function sinkLeak(sink: string, arg: number, what: string): string {
  return `information-flow: a @secret value reaches ${sink} (argument ${arg}), a public sink that ${what}. ${ROUTE}`;
}
function passedLeak(callee: string, param: string): string {
  // `self` is a keyword, never a user's parameter name
  const as = param === "self" ? "self (the receiver)" : param;
  return (
    `information-flow: a @secret value is passed to '${callee}' as ${as}, which reaches a public sink ` +
    `inside '${callee}' (it sends data out of the program). ${ROUTE}`
  );
}
function dynamicLeak(callee: string): string {
  return (
    `information-flow: a @secret value is passed to ${callee}, a function value whose targets are not known ` +
    `statically, so it may reach a public sink. ${ROUTE}`
  );
}
function strictPc(what: string): string {
  return (
    `information-flow (strict): ${what} runs under secret control flow (inside a branch whose condition is ` +
    `@secret), which leaks whether that branch was taken. Move the sink outside the secret-conditioned branch ` +
    `so its execution does not depend on the secret.`
  );
}
function strictPanicPc(): string {
  return (
    `information-flow (strict): panic runs under secret control flow (inside a branch whose condition is ` +
    `@secret), which leaks whether that branch was taken. Move the panic outside the secret-conditioned branch ` +
    `so its execution does not depend on the secret.`
  );
}
function strictCallPc(callee: string): string {
  return (
    `information-flow (strict): calling '${callee}' runs a public sink under secret control flow (inside a ` +
    `branch whose condition is @secret), which leaks whether that branch was taken. Move the call outside the ` +
    `secret-conditioned branch so its execution does not depend on the secret.`
  );
}
function closureStore(where: string): string {
  return (
    `information-flow: a closure that returns a @secret value is ${where} where a public-returning function type ` +
    `is declared; it can leak the secret when the closure is later invoked at a public sink. Declare the slot ` +
    `'Fun(...) -> @secret ...', or route the closure's result through declassify(value, reason: "...") if the ` +
    `disclosure is intended.`
  );
}
function mainErr(): string {
  return `information-flow: a @secret value is returned from main, which prints an Err result to stderr (a public sink). ${ROUTE}`;
}
function ctBranch(what: string): string {
  return (
    `constant-time violation: ${what} depends on a @secret value, which leaks it through timing. A ` +
    `@constant_time function must not branch on secret data; rewrite it branchless (e.g. a constant-time ` +
    `select / compare).`
  );
}

/** Warn-tier and strict-tier entries share wording; the tier only changes the severity. */
export const IFC = {
  sinkLeakWarn: spec("E5001", "a @secret value reaches a public sink", sinkLeak, "warning"),
  sinkLeak: spec("E5002", "a @secret value reaches a public sink inside @strict_ifc", sinkLeak),
  passedLeakWarn: spec("E5003", "a @secret argument reaches a sink inside the callee", passedLeak, "warning"),
  passedLeak: spec("E5004", "a @secret argument reaches a sink inside the callee (@strict_ifc)", passedLeak),
  dynamicLeakWarn: spec("E5005", "a @secret value is passed to a function value of unknown target", dynamicLeak, "warning"),
  dynamicLeak: spec("E5006", "a @secret value is passed to a function value of unknown target (@strict_ifc)", dynamicLeak),
  strictPc: spec("E5007", "a sink runs under secret control flow (@strict_ifc)", strictPc),
  strictPanicPc: spec("E5008", "panic runs under secret control flow (@strict_ifc)", strictPanicPc),
  strictCallPc: spec("E5009", "a call that runs a sink happens under secret control flow (@strict_ifc)", strictCallPc),
  declassifyArity: spec(
    "E5010",
    "declassify takes exactly a value and reason:",
    () => `declassify takes exactly two arguments: the value and reason: "..." (a string literal recorded in the SBOM)`,
  ),
  declassifyPositional: spec(
    "E5011",
    "declassify's value must be positional",
    () => "declassify: the value is the first (positional) argument",
  ),
  declassifyReasonName: spec(
    "E5012",
    "declassify's second argument must be reason:",
    () =>
      `declassify: the second argument must be named reason: "..." so the SBOM can record why the disclosure is intended`,
  ),
  declassifyReasonLiteral: spec(
    "E5013",
    "declassify's reason must be a string literal",
    () =>
      "declassify: reason must be a plain string literal (not an interpolation or a computed value) so it can be recorded verbatim in the SBOM",
  ),
  declassifyPublic: spec(
    "E5014",
    "declassify of a value that is not @secret",
    () => "declassify of a @public value is a no-op (the value is not @secret); remove it or re-check the data flow",
    "warning",
  ),
  ctBranch: spec("E5020", "@constant_time: branching on a secret", ctBranch),
  ctIndex: spec(
    "E5021",
    "@constant_time: indexing with a secret",
    () =>
      "constant-time violation: indexing with a @secret value leaks it through data-dependent memory access. A @constant_time function must not use a secret as an index.",
  ),
  ctLookup: spec(
    "E5022",
    "@constant_time: lookup by a secret key",
    (what: string) =>
      `constant-time violation: ${what} with a @secret index / key leaks it through data-dependent memory access (the table-lookup timing side channel). A @constant_time function must not look up by a secret.`,
  ),
  ctArith: spec(
    "E5023",
    "@constant_time: division or modulo on a secret",
    (op: string) =>
      `constant-time violation: '${op}' on a @secret operand leaks it through timing (division and modulo run on the variable-latency divider). A @constant_time function must avoid variable-time arithmetic on secret data.`,
  ),
  ctCompare: spec(
    "E5024",
    "@constant_time: comparing secret Strings or Lists",
    (op: string) =>
      `constant-time violation: '${op}' on a @secret String / List operand leaks it through timing -- the comparison short-circuits byte-by-byte and reveals the position of the first difference (the MAC / token compare oracle, CWE-208). Use a dedicated constant-time compare (XOR-accumulate over every byte with no early exit) instead of '=='.`,
  ),
  ctScan: spec(
    "E5025",
    "@constant_time: short-circuiting scan over a secret",
    (what: string) =>
      `constant-time violation: ${what} on a @secret operand leaks it through timing -- it short-circuits byte-by-byte and reveals where the first difference is (the compare oracle, CWE-208). Use a dedicated constant-time compare (XOR-accumulate over every byte) instead.`,
  ),
  closureStoreWarn: spec("E5015", "a secret-returning closure stored in a public-returning function slot", closureStore, "warning"),
  closureStore: spec("E5016", "a secret-returning closure stored in a public-returning function slot (@strict_ifc)", closureStore),
  mainErrWarn: spec("E5017", "a @secret value in the result main returns (an Err is printed to stderr)", mainErr, "warning"),
  mainErr: spec("E5018", "a @secret value in the result main returns (@strict_ifc)", mainErr),
  ctCall: spec(
    "E5026",
    "@constant_time: a secret passed to a callee parameter that drives variable-time work",
    (param: string, callee: string) =>
      `constant-time violation: passing a @secret value to parameter ${param} of '${callee}' leaks it through timing -- that parameter drives a variable-time operation (division/modulo, a data-dependent branch, or a variable-time compare/lookup) inside the callee. A @constant_time function must route secret data only into constant-time operations.`,
  ),
} as const;

/** What each sink does with the data, as the reference words it. */
export const SINK_EFFECT = {
  capability: "sends data out of the program",
  panic: "writes the message to stderr",
  python: "hands it to Python code this analysis cannot follow (it may print, store or send it)",
} as const;

// ── path hints: one line per step, `source` first and `sink` last ──

export const HINT = {
  // `at` is `line:col`, or `file:line:col` for a step in another module than the source.
  source: (at: string, what: string) => `source ${at}: ${what}`,
  hop: (at: string, what: string) => `  then ${at}: ${what}`,
  sink: (at: string, what: string) => `sink ${at}: ${what}`,
  elided: (n: number) => `  ... ${n} more step${n === 1 ? "" : "s"}`,
};

/** Descriptions of origins and hops recorded on flows. */
export const STEP = {
  envGet: () => "Env.get returns a @secret value",
  secretParam: (name: string) => `parameter '${name}' is declared @secret`,
  secretBinding: (name: string) => `'${name}' is declared @secret`,
  secretField: (type: string, field: string) => `field '${type}.${field}' is declared @secret`,
  secretElement: (name: string) => `the elements of '${name}' are declared @secret`,
  secretReturn: (callee: string) => `'${callee}' is declared to return a @secret value`,
  secretConst: (name: string) => `constant '${name}' is @secret`,
  param: (name: string) => `parameter '${name}'`,
  bound: (name: string) => `bound to '${name}'`,
  assigned: (name: string) => `assigned to '${name}'`,
  assignedUnderPc: (name: string) => `assigned to '${name}' under a @secret condition`,
  stored: (what: string, method: string) => `stored into '${what}' by ${method}`,
  fieldStore: (what: string) => `stored into field '${what}'`,
  passed: (callee: string, param: string) => `passed to '${callee}' as ${param}`,
  storedByCallee: (callee: string, param: string) => `stored into the argument '${param}' by '${callee}'`,
  returned: (callee: string) => `returned from '${callee}'`,
  captured: () => "captured by a closure",
  capturedValue: (name: string) => `'${name}' captured by a closure`,
  iterated: (name: string) => `iterated into '${name}'`,
  destructured: () => "destructured by a pattern",
  branchCondition: () => "a @secret condition decides this branch",
  tryExit: () => "`?` leaves the function when this value is an Err or None",
  reachesSink: (sink: string, arg: number) => `reaches ${sink} (argument ${arg})`,
  reachesPython: () => "handed to Python by py_invoke (argument 3)",
  reachesPanic: () => "reaches panic (argument 1)",
  reachesMainErr: () => "returned from main, which prints an Err to stderr",
  reachesDynamic: (callee: string) => `reaches a call of ${callee}, whose targets are not known statically`,
} as const;
