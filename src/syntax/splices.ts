// The body of a `${...}` splice as tokens of its own: the outer string's escapes decoded, then
// lexed and laid out like a file, with positions moved to where the splice stands in the source.

import { DiagnosticBag, type Span } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { layout, type LaidToken } from "./layout.js";
import { lexRaw } from "./lexer.js";
import { decodeEscape, nestedStringEnd } from "./literals.js";
import * as T from "./tokens.js";

export interface SpliceBody {
  /** What the splice stands for until (or unless) its expression parses: its text as Unit. */
  readonly placeholder: A.Expr;
  /** Lexes the body; problems go to `bag`. */
  tokens(bag: DiagnosticBag): LaidToken[];
}

/** `source` is the splice's text between `${` and `}`, which starts at `line`:`col`. */
export function spliceBody(source: string, file: string, line: number, col: number): SpliceBody {
  const body = source.replace(/^[ \t]+/, "");
  const start = col + source.length - body.length;
  const span: Span = { file, line, col: start, endLine: line, endCol: start + body.length };
  return {
    placeholder: { kind: "Unit", span },
    tokens(bag) {
      const text = unescapeSplice(body);
      const raw = lexRaw(text, file, bag).map((r) => ({ ...r, line, col: r.col + start - 1 }));
      return layout(raw, text, file, bag).filter((x) => x.tokenType !== T.Indent && x.tokenType !== T.Dedent);
    },
  };
}

/** A splice body as the sub-lexer sees it: the outer string's escapes decoded (`\\"` is a
 * quote; their errors were the outer string's, see `checkString`), string literals nested
 * inside the splice copied verbatim. */
export function unescapeSplice(src: string): string {
  if (!src.includes("\\")) return src;
  const reported = new DiagnosticBag();
  const pos = { file: "", line: 1, col: 1 };
  let out = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      const end = nestedStringEnd(src, i);
      out += src.slice(i, end + 1);
      i = end;
    } else if (c === "\\") {
      const escape = decodeEscape(src, i, pos, reported);
      out += escape.value;
      i = escape.next - 1;
    } else out += c;
  }
  return out;
}
