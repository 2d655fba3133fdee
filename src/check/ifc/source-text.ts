// Source text of an expression as recorded in audit facts: the slice, with runs of whitespace
// (line breaks inside parentheses) collapsed to one space. Pure string handling.

export function exprText(raw: string): string {
  return raw.replace(/\s*\n\s*/g, " ").trim();
}
