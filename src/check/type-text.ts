// Types as the programmer wrote them, for the capability model's `type` / `return_type` fields:
// `Unit` stays `Unit`, `()` stays `()`, aliases and module qualifiers are not resolved. A typestate
// index is left out (`Door[Open]` is `Door`), and flow labels are not part of the text: both as
// the reference's manifest writes them (spec/artifacts.md).
import type { TypeExpr } from "../syntax/ast.js";

export function typeExprText(t: TypeExpr): string {
  switch (t.kind) {
    case "NamedType": {
      const name = [...t.qualifier, t.name].join(".");
      return t.args.length === 0 ? name : `${name}<${t.args.map(typeExprText).join(", ")}>`;
    }
    case "FunType":
      return `Fun(${t.params.map(typeExprText).join(", ")}) -> ${typeExprText(t.ret)}`;
    case "TupleType":
      return `(${t.elements.map(typeExprText).join(", ")})`;
    case "SelfType":
      return "Self";
  }
}
