// Serialises artefacts byte-for-byte like Python's `json.dumps(obj, indent=2)`. Never reorders keys:
// insertion order is the documented field order.

/**
 * `JSON.stringify(value, null, 2)` already matches Python's indent/separators, escapes and
 * empty-container forms; the one difference is that Python (ensure_ascii) escapes every
 * non-ASCII UTF-16 unit as `\uXXXX`. Non-ASCII can only occur inside strings, so escaping
 * the finished text is exact. Astral characters come out as two escaped surrogates, as in Python.
 */
export function pythonJsonDumps(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The bytes an artefact flag prints: the document and the newline Python's `print` adds. */
export function artifactText(value: unknown): string {
  return `${pythonJsonDumps(value)}\n`;
}

/** One compact line (a JSON Lines record), non-ASCII escaped as in `pythonJsonDumps`. */
export function compactJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
