// The default mode's token listing, laid out as the reference prints it:
// `{line:>4}:{col:<3}  {KIND:<14}  {repr(text)}[  → {repr(value)}]` with Python's repr().

import type { TokenView } from "../syntax/index.js";

/** Python's repr() of a str: single quotes unless only double quotes avoid escaping. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

export function formatTokenLine(t: TokenView, floatRepr: (x: number) => string): string {
  const pos = `${String(t.line).padStart(4)}:${String(t.col).padEnd(3)}`;
  const text = t.text === "" ? "" : pythonStrRepr(t.text);
  let value = "";
  if (t.value !== undefined) {
    const v = t.value;
    value = `  → ${v.kind === "int" ? v.value.toString() : v.kind === "float" ? floatRepr(v.value) : pythonStrRepr(v.value)}`;
  }
  return `${pos}  ${t.type.padEnd(14)}  ${text}${value}`;
}
