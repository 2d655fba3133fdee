// Reads SQL text the way SQLite's tokenizer does, far enough to split it into statements and to
// refuse, before SQLite sees the text, the statements that would open a second file: ATTACH and
// DETACH, VACUUM INTO, and load_extension(). (The WebAssembly SQLite has no authorizer hook, so
// this stands in for the reference's: same verdicts, same SQLite wording.)

export type Token = { kind: "word"; text: string } | { kind: "quoted"; text: string } | { kind: "string" } | { kind: "punct"; text: string };

/** Tokens of `sql`, comments and whitespace dropped; quoted identifiers keep their text. */
export function tokenizeSql(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= n) break;
        if (sql[j] === close) {
          if (close !== "]" && sql[j + 1] === close) {
            text += close;
            j += 2;
            continue;
          }
          j++;
          break;
        }
        text += sql[j];
        j++;
      }
      out.push(c === "'" ? { kind: "string" } : { kind: "quoted", text });
      i = j;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
      out.push({ kind: "word", text: sql.slice(i, j).toUpperCase() });
      i = j;
    } else {
      out.push({ kind: "punct", text: c });
      i++;
    }
  }
  return out;
}

const isWord = (t: Token | undefined, w: string): boolean => t !== undefined && t.kind === "word" && t.text === w;
const isSemi = (t: Token | undefined): boolean => t !== undefined && t.kind === "punct" && t.text === ";";

/** Splits tokens into statements at `;`, keeping a trigger body (`BEGIN ... ; END`) whole, as sqlite3_complete does. */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let inTriggerBody = false;
  for (const t of tokens) {
    if (isSemi(t)) {
      const endsTrigger = inTriggerBody && isWord(current[current.length - 1], "END") && isSemi(current[current.length - 2]);
      if (inTriggerBody && !endsTrigger) {
        current.push(t);
        continue;
      }
      if (current.length > 0) statements.push(current);
      current = [];
      inTriggerBody = false;
      continue;
    }
    current.push(t);
    if (!inTriggerBody && isWord(t, "BEGIN") && startsTrigger(current)) inTriggerBody = true;
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function startsTrigger(stmt: readonly Token[]): boolean {
  let i = 0;
  if (!isWord(stmt[i++], "CREATE")) return false;
  if (isWord(stmt[i], "TEMP") || isWord(stmt[i], "TEMPORARY")) i++;
  return isWord(stmt[i], "TRIGGER");
}

/** The statement's first keyword after EXPLAIN [QUERY PLAN], or null. */
export function leadingKeyword(stmt: readonly Token[]): string | null {
  let i = 0;
  if (isWord(stmt[i], "EXPLAIN")) {
    i++;
    if (isWord(stmt[i], "QUERY") && isWord(stmt[i + 1], "PLAN")) i += 2;
  }
  const t = stmt[i];
  return t !== undefined && t.kind === "word" ? t.text : null;
}

export type Refusal = "not-authorized" | "authorization-denied";

/** Why SQLite must not run this statement, or null when it may. */
export function refusal(stmt: readonly Token[]): Refusal | null {
  const first = leadingKeyword(stmt);
  if (first === "ATTACH" || first === "DETACH") return "not-authorized";
  if (first === "VACUUM" && stmt.some((t) => isWord(t, "INTO"))) return "authorization-denied";
  const loadsExtension = stmt.some((t) => (t.kind === "word" || t.kind === "quoted") && t.text.toUpperCase() === "LOAD_EXTENSION");
  return loadsExtension ? "not-authorized" : null;
}
