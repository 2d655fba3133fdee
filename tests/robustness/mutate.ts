// Deterministic damage for the robustness fuzzer: small token- and line-level edits of a program,
// the kind a typo, a bad merge or a hostile author makes. Pure functions of (source, seed).

/** A small linear congruential generator: the same seed gives the same damage on every machine. */
export function lcg(seed: number): (n: number) => number {
  let state = (seed >>> 0) || 1;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % Math.max(1, n);
  };
}

/** Words, spaces and punctuation, so edits keep the rest of the text intact. */
const PIECES = /(\s+|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?|->|=>|==|!=|<=|>=|\.\.=?|[^\sA-Za-z_0-9])/;

/** Text a damaged program may gain: keywords, operators, brackets, names Capa gives meaning to. */
const INSERTS = [
  "(", ")", "[", "]", "{", "}", ",", ":", ".", "?", "=", "->", "=>", "..", "+", "-", "*", "<", ">", "|", "@",
  "fun", "let", "var", "if", "elif", "else", "match", "while", "for", "in", "return", "break", "consume",
  "linear", "type", "trait", "impl", "capability", "self", "Self", "then", "not", "and", "or", "become",
  "Some", "None", "Ok", "Err", "Fs", "Stdio", "Unsafe", "List", "Map", "Option", "_", "0", "\"s\"", "1.5",
  "declassify", "py_import", "@secret", "@strict_ifc()", "\n", "\n    ", "    ",
];

/** `count` damaged copies of `source`, each with one to three edits. */
export function mutations(source: string, count: number, seed: number): string[] {
  const rnd = lcg(seed);
  const out: string[] = [];
  for (let m = 0; m < count; m++) {
    let text = source;
    for (let edits = 1 + rnd(3); edits > 0; edits--) text = damageOnce(text, rnd);
    out.push(text);
  }
  return out;
}

function damageOnce(source: string, rnd: (n: number) => number): string {
  const w = source.split(PIECES).filter((p) => p !== "");
  const ls = source.split("\n");
  const k = rnd(w.length);
  const line = rnd(ls.length);
  switch (rnd(9)) {
    case 0: // drop a piece
      w.splice(k, 1);
      break;
    case 1: // insert a piece Capa gives meaning to
      w.splice(k, 0, INSERTS[rnd(INSERTS.length)]!);
      break;
    case 2: // copy a piece of this program elsewhere
      w.splice(k, 0, w[rnd(w.length)]!);
      break;
    case 3: // swap two neighbours
      if (k + 1 < w.length) [w[k], w[k + 1]] = [w[k + 1]!, w[k]!];
      break;
    case 4: // replace a piece by another of the program
      w[k] = w[rnd(w.length)]!;
      break;
    case 5: // drop a line
      ls.splice(line, 1);
      return ls.join("\n");
    case 6: // repeat a line
      ls.splice(line, 0, ls[line]!);
      return ls.join("\n");
    case 7: // shift a line's indentation
      ls[line] = rnd(2) === 0 ? `    ${ls[line]}` : ls[line]!.replace(/^ {1,4}/, "");
      return ls.join("\n");
    default: // move a line
      ls.splice(rnd(ls.length), 0, ...ls.splice(line, 1));
      return ls.join("\n");
  }
  return w.join("");
}
