// The dead-`Unsafe` lint, as the reference's: a warning on each `Unsafe` parameter whose token can
// never reach a Python bridge call (`py_import` / `py_invoke`; ours also `py_grant`), directly or
// through the functions it is forwarded to. Typically a `_u: Unsafe` left in a signature after
// its last Python call was migrated away. Conservative: anything the call records cannot follow
// (a method call, a callback, a closure, a cut or elided argument, a signature that could carry
// the token in another shape) counts as reaching Python, so it may under-report but a flagged
// parameter can always be removed. Reads the capability model's call records and the AST.

import { DiagnosticBag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FunDecl, Program } from "../syntax/ast.js";
import { M } from "./messages.js";
import type { CapabilityModel, FunctionFacts } from "./model.js";
import { typeExprText } from "./type-text.js";

const BRIDGE_CALLS: ReadonlySet<string> = new Set(["py_import", "py_invoke", "py_grant"]);
/** Types that can hold no capability: a parameter or result of these cannot smuggle a token. */
const PLAIN_TYPES: ReadonlySet<string> = new Set(["Int", "Float", "String", "Bool", "Char", "Unit", "List", "Map", "Set", "Option", "Result", "JsonValue", "IoError", "Revoker", "AuditLog", "Stdio", "Fs", "Net", "Env", "Clock", "Random", "Proc", "Db", "Serve"]);

const rootName = (type: string): string => type.split("<", 1)[0]!.split(".", 1)[0]!.trim();
const isToken = (type: string): boolean => rootName(type) === "Unsafe";

/** Whether a type's text can carry an `Unsafe` token other than as a plain `Unsafe` parameter. */
function mayCarry(type: string): boolean {
  if (type.includes("Fun(") || type.includes("Unsafe")) return true;
  const names = type.match(/[A-Za-z_]\w*/g) ?? [];
  return names.some((n) => !PLAIN_TYPES.has(n));
}

/** A call argument's text may carry one of `targets` (string literals cannot; elided text may). */
function argMayCarry(arg: string, targets: ReadonlySet<string>): boolean {
  if (arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"')) return false;
  if ((arg.match(/[A-Za-z_]\w*/g) ?? []).some((t) => targets.has(t))) return true;
  return arg.includes("...") || /<[A-Za-z_]\w*>/.test(arg);
}

/** Whether any of `functions` (every function the model lists, or more) has a parameter written
 * as an `Unsafe` token, or one whose written type is left to inference: without one the lint
 * has nothing to report, and the model need not be built for it. */
export function mayHaveDeadUnsafe(functions: readonly FunDecl[]): boolean {
  return functions.some((f) => f.params.some((p) => !p.isSelf && (p.type === null || isToken(typeExprText(p.type)))));
}

export function deadUnsafeWarnings(program: Program, model: CapabilityModel): Diagnostic[] {
  const decls = new Map<string, FunDecl>();
  for (const item of program.items) if (item.kind === "Fun") decls.set(item.name.name, item);
  const facts = new Map<string, FunctionFacts>(model.functions.filter((f) => f.container === null).map((f) => [f.qualifiedName, f]));
  const memo = new Map<string, boolean>();

  /** The top-level callees the token is forwarded to, or null when it escapes the analysis. */
  const forwardedTo = (f: FunctionFacts, targets: ReadonlySet<string>): string[] | null => {
    const out: string[] = [];
    for (const call of f.calls) {
      if (!call.args.some((a) => argMayCarry(a, targets))) continue;
      if (BRIDGE_CALLS.has(call.callee) || call.kind !== "fn" || call.target === null || !facts.has(call.target)) return null;
      out.push(call.target);
    }
    return out;
  };

  const reaches = (name: string, stack: ReadonlySet<string>): boolean => {
    if (stack.has(name)) return true; // a cycle: assume it does
    const known = memo.get(name);
    if (known !== undefined) return known;
    const result = computeReach(name, new Set([...stack, name]));
    memo.set(name, result);
    return result;
  };

  const computeReach = (name: string, stack: ReadonlySet<string>): boolean => {
    const f = facts.get(name)!;
    if (f.calls.some((c) => BRIDGE_CALLS.has(c.callee))) return true;
    if (f.params.some((p) => !isToken(p.type) && mayCarry(p.type)) || mayCarry(f.returnType)) return true;
    const targets = new Set(f.params.filter((p) => isToken(p.type)).map((p) => p.name));
    if (targets.size === 0) return false;
    const callees = forwardedTo(f, targets);
    return callees === null || callees.some((c) => reaches(c, stack));
  };

  const bag = new DiagnosticBag();
  for (const [name, decl] of decls) {
    const f = facts.get(name);
    if (f === undefined) continue;
    const tokens = f.params.filter((p) => isToken(p.type));
    if (tokens.length === 0 || reaches(name, new Set())) continue;
    const deps = [...new Set(forwardedTo(f, new Set(tokens.map((p) => p.name))) ?? [])].map((c) => facts.get(c)!.sourceName ?? facts.get(c)!.name).sort();
    for (const p of decl.params.filter((q) => tokens.some((t) => t.name === q.name))) {
      const col = p.span.col + (p.mode === null ? 0 : p.mode.length + 1);
      const at = { ...p.span, col, endLine: p.span.line, endCol: col + p.name.length };
      const who = f.sourceName ?? f.name;
      if (deps.length === 0) bag.report(M.deadUnsafe, at, [p.name, who]);
      else bag.report(M.deadUnsafeForwarded, at, [p.name, who, deps.join(", ")]);
    }
  }
  return bag.sorted();
}
