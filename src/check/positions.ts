// Where the reference reports an expression: a range at its operator (`1..3` at `..`), and a method
// call, field read or index at its receiver's position, recursively. Shared by the type checker's
// messages and the capability model's call positions so both agree with the reference.
import type { Span } from "../diagnostics/diagnostic.js";
import type { Expr } from "../syntax/ast.js";

export function referencePos(e: Expr): Span {
  switch (e.kind) {
    case "Range":
      return { ...e.span, line: e.start.span.endLine, col: e.start.span.endCol };
    case "MethodCall": {
      const r = referencePos(e.receiver);
      return { ...e.span, line: r.line, col: r.col };
    }
    default:
      return e.span;
  }
}
