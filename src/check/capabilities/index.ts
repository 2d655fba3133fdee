// The capability discipline over a type-checked program: structural placement, attributes, `main`,
// per-body rules (bindings, containers, generics, aliasing, mandatory use) and ownership
// (consume, linear/typestate obligations). Invariant: reports diagnostics only; never throws on
// user input and never re-derives types the type checker already fixed.

import { DiagnosticBag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Program } from "../../syntax/ast.js";
import type { TypeCheckResult } from "../typecheck/index.js";
import { attributedFunctions, checkAttributes } from "./attributes.js";
import { BodyRules } from "./body-rules.js";
import { checkBorrowParams } from "./borrow.js";
import { CapTypes } from "./cap-types.js";
import { LinearFlow } from "./linear.js";
import { checkStructure } from "./structural.js";
import { checkTraitBounds } from "./trait-bounds.js";

export { CAP } from "./messages.js";

export function checkCapabilityRules(program: Program, typing: TypeCheckResult): Diagnostic[] {
  const bag = new DiagnosticBag();
  checkStructure(program, typing, bag);
  checkAttributes(program, bag);
  checkTraitBounds(program, typing, bag);
  const rules = new BodyRules(typing, bag);
  const flow = new LinearFlow(typing, bag);
  const entry = program.items.find((i) => i.kind === "Fun" && i.name.name === "main");
  for (const fn of attributedFunctions(program)) {
    rules.checkFunction(fn);
    checkBorrowParams(fn, typing, bag);
    flow.checkFunction(fn, { ownsParams: fn === entry });
  }
  // A constant whose declared type holds a capability is already reported once, at the constant.
  const caps = new CapTypes(typing);
  for (const item of program.items) {
    if (item.kind === "Const" && caps.anyCapability(typing.typeOfTypeExpr(item.type)) === null) rules.checkExpr(item.value);
  }
  return bag.sorted();
}
