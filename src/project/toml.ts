// Reading a TOML file into plain tables, for capa.toml and capa-policy.toml: one place that knows
// smol-toml's error shape.
import { parse, TomlError } from "smol-toml";

export type Table = Record<string, unknown>;

export const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

export type TomlRead = { readonly ok: true; readonly data: Table } | { readonly ok: false; readonly why: string; readonly line: number; readonly column: number };

/** Parses TOML text; a syntax error gives its first line (without the library's prefix) and position. */
export function readToml(text: string): TomlRead {
  try {
    return { ok: true, data: parse(text) as Table };
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    return { ok: false, why: e.message.split("\n")[0]!.replace(/^Invalid TOML document: /, ""), line: e.line, column: e.column };
  }
}
