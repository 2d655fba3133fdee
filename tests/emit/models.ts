// Hand-built capability models for small programs, shaped as the checker fills them.
// Each matches a fixture in ./fixtures whose facts were read off the reference `capa --manifest`.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Span } from "../../src/diagnostics/diagnostic.js";
import type {
  AttributeFact,
  CallFact,
  CapabilityModel,
  FunctionFacts,
  ParamFact,
} from "../../src/check/model.js";
import { BUILTIN_CAPABILITIES } from "../../src/check/model.js";
import type { EmitInput, SourceFile } from "../../src/emit/index.js";

export const FIXED_TIMESTAMP = "2021-01-01T00:00:00Z";
export const TOOL_VERSION = "0.1.0";

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}

export function span(file: string, line: number, col: number, width = 1): Span {
  return { file, line, col, endLine: line, endCol: col + width };
}

export function param(name: string, type: string, extra: Partial<ParamFact> = {}): ParamFact {
  return { name, type, consuming: false, borrowing: false, isCapability: false, isLinear: false, ...extra };
}

export function capParam(name: string, type: string, extra: Partial<ParamFact> = {}): ParamFact {
  return param(name, type, { isCapability: true, ...extra });
}

export function call(
  file: string,
  kind: "fn" | "method",
  callee: string,
  line: number,
  col: number,
  args: string[],
  target: string | null = null,
): CallFact {
  return { kind, callee, span: span(file, line, col), args, argsFlow: args.map(() => null), target };
}

export function attr(file: string, line: number, name: string, args: Record<string, string>): AttributeFact {
  return { name, args: Object.entries(args).map(([key, value]) => ({ key, value })), span: span(file, line, 1) };
}

/** Built-ins plus user capabilities not in `reached`, sorted (what the checker proves excluded). */
export function excludedExcept(reached: string[], userCaps: string[] = []): string[] {
  return [...BUILTIN_CAPABILITIES, ...userCaps].filter((c) => !reached.includes(c)).sort();
}

export function fn(over: Partial<FunctionFacts> & Pick<FunctionFacts, "name" | "span">): FunctionFacts {
  const declared = over.declaredCapabilities ?? [];
  const reachable = over.transitivelyReachableCapabilities ?? [...declared].sort();
  return {
    qualifiedName: over.container ? `${over.container}::${over.name}` : over.name,
    container: null,
    isPub: false,
    doc: null,
    params: [],
    returnType: "()",
    declaredCapabilities: declared,
    usedCapabilities: [],
    transitivelyReachableCapabilities: reachable,
    provablyExcludedCapabilities: excludedExcept(reachable),
    authorityProvableFromTypes: true,
    linearObligations: { consumes: [], producesLinear: false },
    hasUnsafe: false,
    pythonModules: [],
    pythonGrants: [],
    constantTime: false,
    strictIfc: false,
    attributes: [],
    calls: [],
    declassifications: [],
    unauditedSecretSinks: [],
    ...over,
  };
}

export function input(model: CapabilityModel, sources: SourceFile[]): EmitInput {
  return { model, sources, timestamp: FIXED_TIMESTAMP, toolVersion: TOOL_VERSION };
}

/** The model fields of a program without user capabilities, typestates, foreign components or module declassifications. */
const plainProgram = (filename: string) => ({ filename, userCapabilities: [], typestates: [], foreignComponents: [], moduleDeclassifications: [] });

// ---- hello.capa: one function, one capability -------------------------------------------------

const H = "examples/hello.capa";

export const helloModel: CapabilityModel = {
  ...plainProgram("hello.capa"),
  functions: [
    fn({
      name: "main",
      span: span(H, 2, 1, 3),
      params: [capParam("stdio", "Stdio")],
      declaredCapabilities: ["Stdio"],
      usedCapabilities: ["Stdio"],
      calls: [call(H, "method", "stdio.println", 3, 5, ['"Hello, Capa!"'])],
    }),
  ],
};

export const helloInput = (): EmitInput => input(helloModel, [{ path: H, text: fixtureText("hello.capa") }]);

// ---- demo.capa: a user capability, an impl method, a pure function, @vex/@audited/@constant_time

const D = "/home/dev/project/demo.capa";
const MAILER = ["Mailer"];

export const demoModel: CapabilityModel = {
  filename: "demo.capa",
  userCapabilities: [
    { name: "Mailer", methods: ["send"], implementors: ["SmtpMailer"], doc: "A capability for sending mail.", span: span(D, 2, 1) },
  ],
  typestates: [],
  foreignComponents: [],
  moduleDeclassifications: [],
  functions: [
    fn({
      name: "send",
      container: "SmtpMailer",
      span: span(D, 8, 5),
      params: [param("self", "Self"), param("to", "String"), param("body", "String")],
      returnType: "Bool",
      declaredCapabilities: ["Mailer"],
      usedCapabilities: ["Stdio"],
      transitivelyReachableCapabilities: ["Mailer", "Stdio"],
      provablyExcludedCapabilities: excludedExcept(["Mailer", "Stdio"], MAILER),
      calls: [call(D, "method", "self.out.println", 9, 9, ['"to ${...}: ${...}"'])],
    }),
    fn({
      name: "pure_add",
      span: span(D, 13, 5),
      isPub: true,
      doc: "Adds two numbers.",
      params: [param("a", "Int"), param("b", "Int")],
      returnType: "Int",
      provablyExcludedCapabilities: excludedExcept([], MAILER),
    }),
    fn({
      name: "greet",
      span: span(D, 16, 1),
      params: [capParam("out", "Stdio"), param("who", "String")],
      declaredCapabilities: ["Stdio"],
      usedCapabilities: ["Stdio"],
      provablyExcludedCapabilities: excludedExcept(["Stdio"], MAILER),
      attributes: [
        attr(D, 16, "vex", {
          cve: "CVE-2099-0001",
          status: "not_affected",
          justification: "code_not_reachable",
          detail: "greet holds no Net \u2014 ok",
        }),
        attr(D, 17, "audited", { date: "2024-01-02", by: "alice" }),
      ],
      calls: [call(D, "method", "out.println", 19, 5, ['"hello ${...}"'])],
    }),
    fn({
      name: "read_config",
      span: span(D, 21, 1),
      params: [capParam("fs", "Fs"), capParam("out", "Stdio")],
      returnType: "String",
      declaredCapabilities: ["Fs", "Stdio"],
      usedCapabilities: ["Fs"],
      provablyExcludedCapabilities: excludedExcept(["Fs", "Stdio"], MAILER),
      constantTime: true,
      attributes: [attr(D, 21, "constant_time", {})],
      calls: [
        call(D, "method", "fs.restrict_to", 23, 13, ['"/etc"']),
        call(D, "fn", "greet", 24, 5, ["out", '"x"'], "greet"),
      ],
    }),
    fn({
      name: "send_with",
      span: span(D, 27, 1),
      params: [capParam("m", "Mailer")],
      returnType: "Bool",
      declaredCapabilities: ["Mailer"],
      usedCapabilities: ["Mailer"],
      transitivelyReachableCapabilities: ["Mailer", "Stdio"],
      provablyExcludedCapabilities: excludedExcept(["Mailer", "Stdio"], MAILER),
      calls: [call(D, "method", "m.send", 28, 12, ['"a"', '"b"'])],
    }),
    fn({
      name: "main",
      span: span(D, 30, 1),
      params: [capParam("stdio", "Stdio"), capParam("fs", "Fs"), capParam("_env", "Env")],
      declaredCapabilities: ["Stdio", "Fs", "Env"],
      usedCapabilities: ["Stdio"],
      transitivelyReachableCapabilities: ["Env", "Fs", "Stdio"],
      provablyExcludedCapabilities: excludedExcept(["Env", "Fs", "Stdio"], MAILER),
      calls: [
        call(D, "fn", "greet", 31, 5, ["stdio", '"world"'], "greet"),
        call(D, "fn", "read_config", 32, 13, ["fs", "stdio"], "read_config"),
        call(D, "fn", "send_with", 33, 14, ['SmtpMailer { out: stdio, host: "h" }'], "send_with"),
        call(D, "method", "stdio.println", 34, 5, ['"${...}"']),
        call(D, "fn", "pure_add", 34, 22, ["1", "2"], "pure_add"),
      ],
    }),
  ],
};

export const demoInput = (): EmitInput => input(demoModel, [{ path: D, text: fixtureText("demo.capa") }]);

// ---- unsafe.capa: Python interop behind Unsafe and a Fun parameter (authority unprovable) -------

const U = "unsafe.capa";

export const unsafeModel: CapabilityModel = {
  ...plainProgram("unsafe.capa"),
  functions: [
    fn({
      name: "root",
      span: span(U, 1, 1),
      params: [capParam("unsafe", "Unsafe"), param("x", "Float")],
      returnType: "Float",
      declaredCapabilities: ["Unsafe"],
      usedCapabilities: ["Unsafe"],
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      hasUnsafe: true,
      pythonModules: ["math"],
      calls: [
        call(U, "fn", "py_import", 2, 13, ["unsafe", '"math"']),
        call(U, "fn", "py_invoke", 3, 12, ["unsafe", "m.sqrt", "[x]"]),
      ],
    }),
    fn({
      name: "apply",
      span: span(U, 5, 1),
      params: [param("f", "Fun(Int) -> Int"), param("x", "Int")],
      returnType: "Int",
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      calls: [call(U, "fn", "f", 6, 12, ["x"])],
    }),
    fn({
      name: "main",
      span: span(U, 8, 1),
      params: [capParam("stdio", "Stdio"), capParam("unsafe", "Unsafe")],
      declaredCapabilities: ["Stdio", "Unsafe"],
      usedCapabilities: ["Stdio"],
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      hasUnsafe: true,
      calls: [
        call(U, "fn", "root", 9, 13, ["unsafe", "2.0"], "root"),
        call(U, "fn", "apply", 10, 13, ["fun(...) => ...", "3"], "apply"),
        call(U, "method", "stdio.println", 11, 5, ['"${...} ${...}"']),
      ],
    }),
  ],
};

export const unsafeInput = (): EmitInput => input(unsafeModel, [{ path: U, text: fixtureText("unsafe.capa") }]);

// ---- pygrant.capa: attenuated Fs and Net granted to Python, literal and computed imports ------
// Not in the reference (it has no py_grant): the python_* facts are ours (spec/artifacts.md).

const P = "pygrant.capa";
const restrictTo = (arg: string) => ({ method: "restrict_to", args: [arg] });

export const pygrantModel: CapabilityModel = {
  ...plainProgram("pygrant.capa"),
  functions: [
    fn({
      name: "share",
      span: span(P, 1, 1),
      params: [capParam("unsafe", "Unsafe"), capParam("fs", "Fs"), capParam("net", "Net"), param("name", "String")],
      declaredCapabilities: ["Unsafe", "Fs", "Net"],
      usedCapabilities: ["Fs", "Net", "Unsafe"],
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      hasUnsafe: true,
      pythonModules: ["json"],
      pythonDynamicImports: 1,
      pythonGrants: ["Fs", "Net"],
      pythonGrantSites: [
        { capability: "Fs", argument: 'fs.restrict_to("/srv/data")', attenuations: [restrictTo('"/srv/data"')], span: span(P, 2, 5) },
        { capability: "Net", argument: "api", attenuations: [restrictTo('"api.example.com"')], span: span(P, 4, 5) },
      ],
      calls: [
        call(P, "fn", "py_grant", 2, 5, ["unsafe", 'fs.restrict_to("/srv/data")']),
        call(P, "method", "fs.restrict_to", 2, 22, ['"/srv/data"']),
        call(P, "method", "net.restrict_to", 3, 15, ['"api.example.com"']),
        {
          ...call(P, "fn", "py_grant", 4, 5, ["unsafe", "api"]),
          argsFlow: [null, { name: "api", attenuations: [restrictTo('"api.example.com"')] }],
        },
        call(P, "fn", "py_import", 5, 16, ["unsafe", '"json"']),
        call(P, "fn", "py_import", 6, 17, ["unsafe", "name"]),
      ],
    }),
    fn({
      name: "main",
      span: span(P, 8, 1),
      params: [capParam("unsafe", "Unsafe"), capParam("fs", "Fs"), capParam("net", "Net")],
      declaredCapabilities: ["Unsafe", "Fs", "Net"],
      usedCapabilities: ["Fs", "Net", "Unsafe"],
      provablyExcludedCapabilities: [],
      authorityProvableFromTypes: false,
      hasUnsafe: true,
      calls: [call(P, "fn", "share", 9, 5, ["unsafe", "fs", "net", '"os"'], "share")],
    }),
  ],
};

export const pygrantInput = (): EmitInput => input(pygrantModel, [{ path: P, text: fixtureText("pygrant.capa") }]);

export const MODELS = { hello: helloInput, demo: demoInput, unsafe: unsafeInput, pygrant: pygrantInput } as const;
