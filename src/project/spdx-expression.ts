// SPDX license expressions (SPDX spec, annex D): the syntax is checked — identifiers, `+`,
// `WITH` exceptions, `AND`/`OR` and parentheses — not membership of the SPDX licence list,
// which changes with every release of that list.

/** Null when `text` is a well-formed expression, else why not. */
export function spdxExpressionProblem(text: string): string | null {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.length === 0) return "it is empty";
  let i = 0;
  const isId = (t: string | undefined): boolean =>
    t !== undefined && !["AND", "OR", "WITH"].includes(t) && /^(DocumentRef-[A-Za-z0-9.-]+:)?[A-Za-z0-9.-]+\+?$/.test(t);
  const term = (): string | null => {
    const t = tokens[i];
    if (t === "(") {
      i++;
      const inner = expression();
      if (inner !== null) return inner;
      if (tokens[i] !== ")") return "a '(' is not closed";
      i++;
      return null;
    }
    if (!isId(t)) return t === undefined ? "it ends where a licence identifier is expected" : `'${t}' is not a licence identifier`;
    i++;
    if (tokens[i] === "WITH") {
      i++;
      if (!isId(tokens[i])) return "WITH must be followed by an exception identifier";
      i++;
    }
    return null;
  };
  const expression = (): string | null => {
    const first = term();
    if (first !== null) return first;
    while (tokens[i] === "AND" || tokens[i] === "OR") {
      i++;
      const next = term();
      if (next !== null) return next;
    }
    return null;
  };
  const problem = expression();
  if (problem !== null) return problem;
  return i < tokens.length ? `unexpected '${tokens[i]}' (join licences with AND or OR)` : null;
}
