// The reference's wire shape for Db.query rows: JSON text (CPython json.dumps: ASCII-only, ", "
// separators) of arrays of strings, each cell as Python's str() of the value, NULL as "null".
import { floatRepr } from "../numeric.js";
import { SQLITE_BLOB, SQLITE_FLOAT, SQLITE_INTEGER, SQLITE_TEXT, type Cell } from "./sqliteEngine.js";

/** Python's repr of a bytes value (`b'A\x00'`), what str() gives for a BLOB. */
export function pyBytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = "";
  for (const b of bytes) {
    if (b === 0x5c) out += "\\\\";
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(b);
  }
  return `b${quote}${out}${quote}`;
}

export function cellText(cell: Cell): string {
  switch (cell.type) {
    case SQLITE_INTEGER:
      return String(cell.value);
    case SQLITE_FLOAT:
      return floatRepr(cell.value as number);
    case SQLITE_TEXT:
      return cell.value as string;
    case SQLITE_BLOB:
      return pyBytesRepr(cell.value as Uint8Array);
    default:
      return "null";
  }
}

/** json.dumps of a string with ensure_ascii: everything outside printable ASCII as \uXXXX. */
function pyJsonString(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function rowsJson(rows: readonly Cell[][]): string {
  return `[${rows.map((row) => `[${row.map((c) => pyJsonString(cellText(c))).join(", ")}]`).join(", ")}]`;
}
