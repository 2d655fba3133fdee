// A small pretty-printing document algebra (after Wadler's "prettier printer"): the formatter
// describes the layout it wants as a Doc, and `render` picks, group by group, the flat form when
// it fits the line width and the broken form when it does not.

export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | LineSuffix | BreakParent | Verbatim;

export interface Group {
  readonly kind: "group";
  readonly body: Doc;
  /** Decided when built: the group holds a hard line (or a breakParent), so it cannot be flat. */
  readonly broken: boolean;
}
export interface Indent {
  readonly kind: "indent";
  readonly body: Doc;
}
/** A line break; flat, `soft` is nothing and otherwise a space. `hard` always breaks. */
export interface Line {
  readonly kind: "line";
  readonly soft: boolean;
  readonly hard: boolean;
}
export interface IfBreak {
  readonly kind: "ifBreak";
  readonly broken: Doc;
  readonly flat: Doc;
}
/** Text held back until the next line break (a trailing `//` comment). */
export interface LineSuffix {
  readonly kind: "suffix";
  readonly text: string;
}
/** Text whose trailing blanks are kept (a `///` doc comment: they are part of its documentation). */
export interface Verbatim {
  readonly kind: "verbatim";
  readonly text: string;
}
export function verbatim(text: string): Verbatim {
  return { kind: "verbatim", text };
}
/** Forces every enclosing group to break (after a trailing `//` comment). */
export interface BreakParent {
  readonly kind: "breakParent";
}

export const line: Line = { kind: "line", soft: false, hard: false };
export const softline: Line = { kind: "line", soft: true, hard: false };
export const hardline: Line = { kind: "line", soft: false, hard: true };
export const breakParent: BreakParent = { kind: "breakParent" };

export function group(body: Doc): Group {
  return { kind: "group", body, broken: mustBreak(body) };
}
export function indent(body: Doc): Indent {
  return { kind: "indent", body };
}
export function ifBreak(broken: Doc, flat: Doc = ""): IfBreak {
  return { kind: "ifBreak", broken, flat };
}
export function lineSuffix(text: string): LineSuffix {
  return { kind: "suffix", text };
}

/** `items` separated by `sep`. */
export function join(sep: Doc, items: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  items.forEach((d, i) => {
    if (i > 0) out.push(sep);
    out.push(d);
  });
  return out;
}

/** Whether `doc` holds a hard line outside any nested group (nested groups carry their own flag). */
function mustBreak(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return (doc as readonly Doc[]).some(mustBreak);
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.kind) {
    case "group":
      return d.broken;
    case "indent":
      return mustBreak(d.body);
    case "line":
      return d.hard;
    case "ifBreak":
      return mustBreak(d.broken) || mustBreak(d.flat);
    case "breakParent":
      return true;
    case "suffix":
    case "verbatim":
      return false;
  }
}

type Mode = "flat" | "break";
interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/** Lays `doc` out in `width` columns with `indentWidth` spaces per level. Lines carry no
 * trailing spaces. */
export function render(doc: Doc, width: number, indentWidth: number): string {
  const out: string[] = [];
  let column = 0;
  let suffixes: string[] = [];
  /** The line so far ends in verbatim text: its trailing blanks stay. */
  let keepBlanks = false;
  const stack: Command[] = [{ indent: 0, mode: "break", doc }];
  const newline = (indent: number) => {
    if (suffixes.length > 0) {
      out.push(...suffixes);
      suffixes = [];
    }
    if (!keepBlanks) trimTrailingSpaces(out);
    keepBlanks = false;
    out.push("\n", " ".repeat(indent));
    column = indent;
  };
  while (stack.length > 0) {
    const { indent: ind, mode, doc: d } = stack.pop()!;
    if (typeof d === "string") {
      out.push(d);
      column += d.length;
      if (d !== "") keepBlanks = false;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent: ind, mode, doc: (d as readonly Doc[])[i]! });
      continue;
    }
    const node = d as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case "group": {
        const flat = !node.broken && (mode === "flat" || fits(node.body, width - column, stack));
        stack.push({ indent: ind, mode: flat ? "flat" : "break", doc: node.body });
        break;
      }
      case "indent":
        stack.push({ indent: ind + indentWidth, mode, doc: node.body });
        break;
      case "line":
        if (mode === "flat" && !node.hard) {
          if (!node.soft) {
            out.push(" ");
            column += 1;
          }
        } else newline(ind);
        break;
      case "ifBreak":
        stack.push({ indent: ind, mode, doc: mode === "break" ? node.broken : node.flat });
        break;
      case "suffix":
        suffixes.push(node.text);
        break;
      case "verbatim":
        out.push(node.text);
        column += node.text.length;
        keepBlanks = true;
        break;
      case "breakParent":
        break;
    }
  }
  out.push(...suffixes);
  trimTrailingSpaces(out);
  return out.join("");
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.replace(/ +$/, "");
    if (trimmed.length > 0) {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}

/** Whether `doc`, laid flat, and what follows it up to the next line break fit in `room`. */
function fits(doc: Doc, room: number, rest: readonly Command[]): boolean {
  const todo: { mode: Mode; doc: Doc }[] = [{ mode: "flat", doc }];
  let restIndex = rest.length - 1;
  // A comment held back to the line's end counts as much as one written inline: where the
  // comment stands must not change the decision, or formatting again would undo it.
  while (room >= 0) {
    if (todo.length === 0) {
      if (restIndex < 0) return true;
      const next = rest[restIndex--]!;
      todo.push({ mode: next.mode, doc: next.doc });
      continue;
    }
    const { mode, doc: d } = todo.pop()!;
    if (typeof d === "string") {
      room -= d.length;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) todo.push({ mode, doc: (d as readonly Doc[])[i]! });
      continue;
    }
    const node = d as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case "group":
        if (mode === "flat" && node.broken) return false;
        todo.push({ mode: node.broken ? "break" : mode, doc: node.body });
        break;
      case "indent":
        todo.push({ mode, doc: node.body });
        break;
      case "line":
        if (mode === "break" || node.hard) return true;
        if (!node.soft) room -= 1;
        break;
      case "ifBreak":
        todo.push({ mode, doc: mode === "break" ? node.broken : node.flat });
        break;
      case "verbatim":
        room -= node.text.length;
        break;
      case "suffix":
        room -= node.text.length;
        break;
      case "breakParent":
        break;
    }
  }
  return false;
}
