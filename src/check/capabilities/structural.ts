// Structural rule on declarations: capabilities appear only as bare parameters — never in struct or
// typestate fields (cap-bearing structs excepted), variant payloads, constants, packed in parameter
// types, or (built-ins) in return types — and `main` takes only host capabilities. The run-time
// wrappers' method names are kept free on declared capabilities and their implementors.
// Invariant: reads declarations and their resolved types only; never walks function bodies.

import { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Item, Program, Span } from "../../syntax/ast.js";
import { WRAPPER_METHOD_NAMES } from "../typecheck/builtins.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import type { FunctionSymbol } from "../typecheck/symbols.js";
import { BUILTIN_CAPABILITIES } from "../model.js";
import { prune, typeToString } from "../types.js";
import { funPosition } from "./call-text.js";
import { CapTypes } from "./cap-types.js";
import { CAP } from "./messages.js";

export function checkStructure(program: Program, typing: TypeCheckResult, bag: DiagnosticBag): void {
  const caps = new CapTypes(typing);
  const isCapBearing = (name: string): boolean => {
    for (const trait of typing.symbols.implementsByType.get(name) ?? []) {
      if (typing.symbols.types.get(trait)?.kind === "capability") return true;
    }
    return false;
  };

  for (const item of program.items) {
    checkLinearHeldByPlainType(item, caps, typing, bag);
    switch (item.kind) {
      case "Struct": {
        const capBearing = isCapBearing(item.name.name);
        for (const f of item.fields) {
          const t = typing.typeOfTypeExpr(f.type);
          const where = `struct field '${f.name.name}'`;
          if (!capBearing) {
            // A cap-bearing struct is itself a capability value and may be held like one (reference).
            const cap = caps.declaredCapability(t);
            if (cap !== null) bag.report(CAP.capInPosition, f.span, [cap, where]);
            continue;
          }
          // A cap-bearing struct holds its capabilities bare: never packed, and never `Unsafe`
          // (a function typed only with the user capability could otherwise reach Python).
          if (caps.mentionsUnsafe(t)) bag.report(CAP.unsafeInCapBearingStruct, f.span, [where]);
          const nested = caps.nestedCapability(t);
          if (nested !== null) bag.report(CAP.capInContainerType, f.span, [nested, where]);
        }
        break;
      }
      case "Typestate":
        for (const f of item.fields) {
          const cap = caps.anyCapability(typing.typeOfTypeExpr(f.type));
          if (cap !== null) bag.report(CAP.capInPosition, f.span, [cap, `typestate field '${f.name.name}'`]);
        }
        break;
      case "Sum":
        for (const v of item.variants) {
          for (const p of v.payload) {
            // A cap-bearing struct in a payload is a capability value like a parameter (reference).
            const cap = caps.declaredCapability(typing.typeOfTypeExpr(p));
            if (cap !== null) {
              bag.report(CAP.capInPosition, v.span, [cap, `payload of variant '${v.name.name}'`]);
              break;
            }
          }
        }
        break;
      case "Const": {
        const cap = caps.anyCapability(typing.typeOfTypeExpr(item.type));
        if (cap !== null) bag.report(CAP.capInPosition, item.span, [cap, `constant '${item.name.name}'`]);
        break;
      }
      case "Capability":
        for (const m of item.methods) reportWrapperName(m.name.name, item.name.name, m.span);
        break;
      case "Impl":
        // The run-time dispatches a wrapper name on a capability value to the wrapper, so an
        // implementor's method of that name would be one thing to the checker and another at run time.
        if (item.target.kind === "NamedType" && isCapBearing(item.target.name)) {
          for (const m of item.methods) reportWrapperName(m.name.name, item.target.name, funPosition(m));
        }
        break;
      default:
        break;
    }
  }

  function reportWrapperName(method: string, owner: string, span: Span): void {
    if (WRAPPER_METHOD_NAMES.has(method)) bag.report(CAP.wrapperNameTaken, span, [method, owner]);
  }

  for (const fn of typing.symbols.allFunctions) {
    if (fn.decl.kind !== "Fun") continue;
    checkSignature(fn, caps, bag);
  }
  const main = typing.symbols.functions.get("main");
  if (main !== undefined && main.decl.kind === "Fun") checkMain(main, caps, bag);
}

function checkSignature(fn: FunctionSymbol, caps: CapTypes, bag: DiagnosticBag): void {
  for (const p of fn.params) {
    if (p.isSelf || p.node === null) continue;
    const where = `the type of parameter '${p.name}'`;
    const nested = caps.nestedCapability(p.type);
    if (nested !== null) bag.report(CAP.capInContainerType, p.node.span, [nested, where]);
    if (caps.nestedLinear(p.type) !== null) bag.report(CAP.linearInContainerType, p.node.span, [where]);
  }
  if (fn.decl.kind !== "Fun" || fn.decl.returnType === null) return;
  const where = `the return type of function '${fn.name}'`;
  const builtin = caps.builtinIn(fn.ret);
  if (builtin !== null) bag.report(CAP.capReturned, funPosition(fn.decl), [builtin, fn.name]);
  const nested = caps.nestedCapability(fn.ret);
  if (nested !== null) bag.report(CAP.capInContainerType, funPosition(fn.decl), [nested, where]);
  if (caps.nestedLinear(fn.ret) !== null) bag.report(CAP.linearInContainerType, funPosition(fn.decl), [where]);
}

/**
 * Single-owner values are never packed in a container inside a declaration. A plain struct may
 * hold one bare (it becomes a *carrier*, tracked field by field by the linear flow); a sum-type
 * payload may not (stricter than the reference: a `match` would copy the obligation unnoticed).
 */
function checkLinearHeldByPlainType(item: Item, caps: CapTypes, typing: TypeCheckResult, bag: DiagnosticBag): void {
  if (item.kind === "Struct" || item.kind === "Typestate") {
    const kind = item.kind === "Struct" ? "struct" : "typestate";
    for (const f of item.fields) {
      if (caps.nestedLinear(typing.typeOfTypeExpr(f.type)) !== null) bag.report(CAP.linearInContainerType, f.span, [`${kind} field '${f.name.name}'`]);
    }
  } else if (item.kind === "Sum") {
    for (const v of item.variants) {
      const types = v.payload.map((p) => typing.typeOfTypeExpr(p));
      if (types.some((t) => caps.nestedLinear(t) !== null)) {
        bag.report(CAP.linearInContainerType, v.span, [`payload of variant '${v.name.name}'`]);
        continue;
      }
      const lin = types.find((t) => caps.holdsObligation(t));
      if (lin !== undefined) bag.report(CAP.linearInPlainType, v.span, [caps.anyLinear(lin)!, `the payload of variant '${v.name.name}'`, item.name.name], [linearHint("a linear type")]);
    }
  }
}

const linearHint = (fix: string): string =>
  `declare the holder as ${fix} so its own use is tracked, or keep the single-owner value in its own binding`;

/** `main` is bound by the host by type, so only built-in capabilities can be supplied. Any other
 * parameter still checks (the language's own tests use one to stand for an unknown input), with a
 * note; `--run` refuses the program before anything runs. */
function checkMain(main: FunctionSymbol, caps: CapTypes, bag: DiagnosticBag): void {
  for (const p of main.params) {
    if (p.isSelf || p.node === null || caps.nestedCapability(p.type) !== null) continue;
    const t = prune(p.type);
    if (t.kind === "Cap" || t.kind === "Unknown") continue;
    bag.report(CAP.mainParamNotCapability, p.node.span, [p.name, typeToString(t), BUILTIN_CAPABILITIES.join(", ")], [
      "to run it, read the value at run time instead (for example from env.args() or stdio.read_line())",
    ]);
  }
}
