// Reads Proc.exec's `args_json` (a JSON array of strings) with the reference's (CPython json) error texts.
import { parseJson } from "../stdlib/json.js";
import { CVariant } from "../values.js";
import { procMessages } from "./messages.js";

export type ArgvParse = { ok: true; argv: string[] } | { ok: false; cause: string };

export function parseArgvJson(text: string): ArgvParse {
  const parsed = parseJson(text);
  if (parsed.tag !== "Ok") return { ok: false, cause: String(parsed.payload[0]) };
  const json = parsed.payload[0] as CVariant;
  if (json.tag !== "JArr") return { ok: false, cause: procMessages.argsNotStrings };
  const argv: string[] = [];
  for (const item of json.payload[0] as CVariant[]) {
    if (item.tag !== "JStr") return { ok: false, cause: procMessages.argsNotStrings };
    argv.push(item.payload[0] as string);
  }
  return { ok: true, argv };
}
