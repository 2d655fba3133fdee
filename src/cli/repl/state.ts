// What a `capa repl` session has accumulated, and the program it stands for: the declarations
// entered so far at the top level, then a synthesised `main` taking every pre-bound root
// capability, whose body is one probe per capability (never run: it only marks the parameter as
// used, so the checker's unused-capability rule holds before the user touches it) followed by the
// statements entered so far. Pure text work; no I/O.

/** The root capabilities the prompt binds by name, in main's parameter order. */
export const ROOT_CAPABILITIES: readonly (readonly [name: string, type: string, probe: string])[] = [
  ["stdio", "Stdio", 'stdio.print("")'],
  ["fs", "Fs", 'fs.allows("")'],
  ["net", "Net", 'net.allows("")'],
  ["env", "Env", 'env.allows("")'],
  ["clock", "Clock", "clock.allows()"],
  ["random", "Random", "random.float_unit()"],
];

/** Statements of main before the user's: the probes. */
export const PROBE_COUNT = ROOT_CAPABILITIES.length;

const ITEM_START = /^(pub\s+|linear\s+)?(fun|type|trait|impl|capability|const|import|typestate|extern)\b|^@|^\/\/\/|^\/\*\*/;

/** A declaration goes to the top level; anything else is a statement of main. */
export function isItem(input: string): boolean {
  return ITEM_START.test(input.trimStart());
}

export interface Assembled {
  readonly text: string;
  /** 1-based line of the program where the given extra input starts (0 when there is none). */
  readonly extraLine: number;
}

const indent = (block: string): string =>
  block
    .split("\n")
    .map((l) => (l === "" ? l : `    ${l}`))
    .join("\n");

export class ReplState {
  items: string[] = [];
  statements: string[] = [];
  /** Statements of main the runtime has already run (probes included). */
  ran = PROBE_COUNT;

  /** The program with an optional extra item or statement appended. */
  assemble(extra: { item?: string; statement?: string } = {}): Assembled {
    const lines: string[] = [];
    for (const item of this.items) lines.push(item, "");
    let extraLine = 0;
    if (extra.item !== undefined) {
      extraLine = lines.length + 1;
      lines.push(extra.item, "");
    }
    lines.push(`fun main(${ROOT_CAPABILITIES.map(([n, t]) => `${n}: ${t}`).join(", ")})`);
    lines.push("    // the prompt's root capabilities, each used once here so none is unused; never run");
    for (const [, , probe] of ROOT_CAPABILITIES) lines.push(`    ${probe}`);
    for (const s of this.statements) lines.push(indent(s));
    if (extra.statement !== undefined) {
      extraLine = lines.join("\n").split("\n").length + 1;
      lines.push(indent(extra.statement));
    }
    return { text: lines.join("\n") + "\n", extraLine };
  }

  reset(): void {
    this.items = [];
    this.statements = [];
    this.ran = PROBE_COUNT;
  }
}

/** Brackets still open at the end of `text` (strings and comments skipped roughly: enough to
 * know whether a pasted literal continues). */
function openBrackets(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
  }
  return depth;
}

const BLOCK_STATEMENT = /^(if|elif|else|while|for|match)\b/;

/** Whether the input typed so far continues on the next line: a bracket is open, or it opens an
 * indented block (a declaration, `if`/`while`/`for`/`match`, a `match` on the right of `let`, a
 * line ending in `=`, `->` or `=>`) and the user has not yet ended it with an empty line. */
export function needsMore(lines: readonly string[]): boolean {
  const text = lines.join("\n");
  if (openBrackets(text) > 0) return true;
  const last = lines[lines.length - 1] ?? "";
  if (last.trim() === "") return false; // an empty line ends a block
  const first = lines[0]!.trim();
  const opensBlock =
    (isItem(first) && !/^(import|const)\b/.test(first) && !/^(pub\s+)?type\s+\w+(<[^>]*>)?\s*\{.*\}\s*$/.test(first)) ||
    BLOCK_STATEMENT.test(first) ||
    /\bmatch\b[^{]*$/.test(first) ||
    /(=|->|=>)\s*$/.test(first);
  return opensBlock;
}
