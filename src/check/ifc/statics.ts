// Statically known values, just enough to recognise dead code: Bool constants and Int intervals
// (literals, `let`-bound and `const` values, a `for` variable over a literal range, and the
// arithmetic and comparisons over them). A branch whose condition is known false never runs, so
// the walker skips it. Pure functions; `null` means "not known".

export type Konst = { readonly kind: "bool"; readonly value: boolean } | { readonly kind: "int"; readonly lo: number; readonly hi: number };

export function boolK(value: boolean): Konst {
  return { kind: "bool", value };
}

export function intK(lo: number, hi: number = lo): Konst | null {
  return Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && lo <= hi ? { kind: "int", lo, hi } : null;
}

/** The interval a `for` variable takes over `start..end` (or `..=`), when both ends are known. */
export function rangeK(start: Konst | null, end: Konst | null, inclusive: boolean): Konst | null {
  if (start?.kind !== "int" || end?.kind !== "int") return null;
  return intK(start.lo, inclusive ? end.hi : end.hi - 1);
}

export function unaryK(op: string, a: Konst | null): Konst | null {
  if (!a) return null;
  if (op === "not" && a.kind === "bool") return boolK(!a.value);
  if (op === "-" && a.kind === "int") return intK(-a.hi, -a.lo);
  return null;
}

export function binaryK(op: string, a: Konst | null, b: Konst | null): Konst | null {
  if (!a || !b) {
    // `false and x` / `true or x` are known whatever x is
    if (op === "and" && a?.kind === "bool" && !a.value) return a;
    if (op === "or" && a?.kind === "bool" && a.value) return a;
    return null;
  }
  if (a.kind === "bool" && b.kind === "bool") {
    if (op === "and") return boolK(a.value && b.value);
    if (op === "or") return boolK(a.value || b.value);
    if (op === "==") return boolK(a.value === b.value);
    if (op === "!=") return boolK(a.value !== b.value);
    return null;
  }
  if (a.kind !== "int" || b.kind !== "int") return null;
  switch (op) {
    case "+":
      return intK(a.lo + b.lo, a.hi + b.hi);
    case "-":
      return intK(a.lo - b.hi, a.hi - b.lo);
    case "*": {
      const ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return intK(Math.min(...ps), Math.max(...ps));
    }
    case "<":
      return a.hi < b.lo ? boolK(true) : a.lo >= b.hi ? boolK(false) : null;
    case "<=":
      return a.hi <= b.lo ? boolK(true) : a.lo > b.hi ? boolK(false) : null;
    case ">":
      return binaryK("<", b, a);
    case ">=":
      return binaryK("<=", b, a);
    case "==":
      return a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? boolK(true) : a.hi < b.lo || b.hi < a.lo ? boolK(false) : null;
    case "!=": {
      const eq = binaryK("==", a, b);
      return eq?.kind === "bool" ? boolK(!eq.value) : null;
    }
    default:
      return null;
  }
}
