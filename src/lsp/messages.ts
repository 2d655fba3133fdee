// Every piece of text the language server shows a user: hover lines, code action titles, inlay
// hint labels. Diagnostics themselves come from the stages' own catalogues.

const list = (names: readonly string[]): string => (names.length === 0 ? "none" : names.join(", "));

export const LSP_TEXT = {
  /** A diagnostic of an imported module, shown on the root file's import. */
  inModule: (file: string, line: number, col: number, message: string) => `${file}:${line}:${col}: ${message}`,
  declaredCapabilities: (names: readonly string[]) => `Declared capabilities: ${list(names)}`,
  reachedCapabilities: (names: readonly string[]) => `Reaches: ${list(names)}`,
  authorityNotProvable: "Authority not provable from the signature (Unsafe or a function-valued parameter)",
  secretLabel: "@secret: information-flow label; reaching a public sink needs declassify(value, reason: \"...\")",
  secretBinding: (what: string, line: number, col: number) => `@secret (information flow): ${what} (${line}:${col})`,
  returnsSecret: (what: string, line: number, col: number) => `@secret result: ${what} (${line}:${col})`,
  publicLabel: "@public: information-flow label",
  builtinCapability: (name: string, methods: readonly string[]) => `Built-in capability: a value of type ${name} is ${name} authority; \`main\` receives it by declared type. Methods: ${list(methods)}`,
  capabilityValue: (name: string) => `Capability: holding this value grants ${name} authority`,
  capabilityMethod: (cap: string, method: string) => `Capability method ${cap}.${method}: exercises ${cap} authority`,
  declKind: (kind: string, name: string) => `${kind} ${name}`,
  module: (path: string) => `module ${path}`,
  // Code action titles.
  addCapabilityParameter: (name: string, cap: string, callers: number) =>
    `Add capability parameter '${name}: ${cap}'` + (callers > 0 ? ` and pass it from ${callers} caller${callers === 1 ? "" : "s"}` : ""),
  prefixUnused: (name: string) => `Prefix unused capability '${name}' with '_'`,
  wrapDeclassify: "Wrap in declassify(..., reason: \"\")",
  // Inlay hint on a call that passes authority.
  grants: (names: readonly string[]) => `grants ${names.join(", ")}`,
} as const;
