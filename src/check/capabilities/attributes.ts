// Attribute validation against ATTRIBUTE_CATALOGUE: unknown names and keys, and repeats.
// `@vex` values are free text here, as in the reference: the VEX emitters map them into the
// CycloneDX vocabulary and warn about words outside it (src/emit/vexEntries.ts).
// Invariant: reads attributes only; reports each attribute's problems at the attribute.

import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Attribute, FunDecl, Program } from "../../syntax/ast.js";
import { ATTRIBUTE_CATALOGUE } from "../model.js";
import { CAP } from "./messages.js";

/** Every `fun` of the program (top-level and impl methods), where attributes may appear. */
export function attributedFunctions(program: Program): FunDecl[] {
  const out: FunDecl[] = [];
  for (const item of program.items) {
    if (item.kind === "Fun") out.push(item);
    else if (item.kind === "Impl") out.push(...item.methods);
  }
  return out;
}

export function checkAttributes(program: Program, bag: DiagnosticBag): void {
  for (const fn of attributedFunctions(program)) checkFunctionAttributes(fn, bag);
}

function checkFunctionAttributes(fn: FunDecl, bag: DiagnosticBag): void {
  const seen = new Set<string>();
  const known = Object.keys(ATTRIBUTE_CATALOGUE).sort().join(", ");
  for (const attr of fn.attributes) {
    const allowed = ATTRIBUTE_CATALOGUE[attr.name];
    if (allowed === undefined) {
      bag.report(CAP.unknownAttribute, attr.span, [attr.name, known]);
      continue;
    }
    if (seen.has(attr.name)) {
      bag.report(CAP.duplicateAttribute, attr.span, [attr.name, fn.name.name]);
      continue;
    }
    seen.add(attr.name);
    checkKeys(attr, allowed, bag);
  }
}

function checkKeys(attr: Attribute, allowed: readonly string[], bag: DiagnosticBag): void {
  const keys = new Set<string>();
  for (const arg of attr.args) {
    if (!allowed.includes(arg.key)) {
      bag.report(CAP.unknownAttributeKey, attr.span, [arg.key, attr.name, [...allowed].sort().join(", ")]);
      continue;
    }
    if (keys.has(arg.key)) bag.report(CAP.duplicateAttributeKey, attr.span, [arg.key, attr.name]);
    keys.add(arg.key);
  }
}
