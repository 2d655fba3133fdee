// Catalogue of lexical and syntax diagnostics (E1xxx). The only place their wording lives.

import { spec } from "../diagnostics/diagnostic.js";

export const SyntaxMessages = {
  unexpectedChar: spec("E1001", "a character that starts no token", (ch: string) => `unexpected character '${ch}'`),
  bang: spec(
    "E1002",
    "`!` used for negation",
    () => "unexpected '!'; for logical negation, use 'not'; for inequality, use '!='",
  ),
  unterminatedBlockComment: spec("E1003", "`/*` without a matching `*/`", () => "unterminated block comment"),
  tabIndent: spec(
    "E1004",
    "a tab in leading indentation",
    () => "tabs are not allowed at the start of a line; use spaces only (4 by convention)",
  ),
  inconsistentIndent: spec(
    "E1005",
    "a dedent to a column that matches no enclosing block",
    () => "inconsistent indentation: indent does not match any outer level",
  ),
  unmatchedCloser: spec(
    "E1006",
    "a closing bracket with no opener",
    (ch: string) => `unmatched closing '${ch}' (no matching opener)`,
  ),
  mismatchedCloser: spec(
    "E1007",
    "a closing bracket of the wrong kind",
    (open: string, got: string) => `mismatched delimiter: expected closing match for '${open}', got '${got}'`,
  ),
  unclosedOpener: spec(
    "E1008",
    "a bracket still open at end of file",
    (open: string, line: number, col: number) => `Unclosed '${open}' (opened at line ${line}, col ${col})`,
  ),
  numberLeadingUnderscore: spec(
    "E1010",
    "a digit group starting with `_`",
    () => "numeric literal cannot start with underscore",
  ),
  numberTrailingUnderscore: spec(
    "E1011",
    "a numeric literal ending with `_`",
    () => "numeric literal cannot end with underscore",
  ),
  numberDoubleUnderscore: spec(
    "E1012",
    "`__` inside a numeric literal",
    () => "consecutive underscores in numeric literal",
  ),
  exponentDigit: spec("E1013", "an exponent with no digits", () => "expected digit in exponent"),
  invalidDigit: spec(
    "E1014",
    "a digit that the literal's base does not allow",
    (raw: string) => `invalid numeric literal '${raw}'`,
  ),
  unterminatedString: spec(
    "E1020",
    "a string literal cut by a newline",
    () => "unterminated string literal (newline before closing quote)",
  ),
  unknownEscape: spec("E1021", "an escape Capa does not define", (seq: string) => `unknown escape sequence: \\${seq}`),
  emptyUnicodeEscape: spec("E1022", "`\\u{}`", () => "empty unicode escape sequence"),
  longUnicodeEscape: spec(
    "E1023",
    "`\\u{...}` with more than 6 hex digits",
    () => "unicode escape sequence too long (max 6 hex digits)",
  ),
  unicodeOutOfRange: spec(
    "E1024",
    "`\\u{...}` above U+10FFFF",
    (hex: string) => `unicode escape U+${hex} out of range (max U+10FFFF)`,
  ),
  badUnicodeEscape: spec(
    "E1025",
    "`\\u` not followed by `{hex}`",
    () => "invalid unicode escape sequence: expected \\u{XXXX}",
  ),
  emptyChar: spec("E1026", "`''`", () => "empty character literal"),
  longChar: spec(
    "E1027",
    "a character literal with more than one code point",
    () => "character literal must contain exactly one character",
  ),
  unterminatedChar: spec("E1028", "a character literal without its closing quote", () => "unterminated character literal"),
  unterminatedInterpolation: spec(
    "E1029",
    "`${` without its closing `}`",
    () => "unterminated interpolation: '${' without a matching '}'",
  ),
  emptyInterpolation: spec("E1030", "`${}`", () => "empty interpolation '${}'"),
  // ── syntax ──
  expected: spec(
    "E1100",
    "the parser met a token that cannot continue the construct",
    (what: string, got: string) => `expected ${what}, got ${got}`,
  ),
  nonAssocComparison: spec(
    "E1101",
    "chained comparisons such as `a < b < c`",
    () => "comparison operators are non-associative; use parentheses or boolean operators to combine",
  ),
  nonAssocRange: spec(
    "E1102",
    "chained ranges such as `a..b..c`",
    () => "range operators are non-associative; use parentheses",
  ),
  nestingTooDeep: spec(
    "E1103",
    "expressions nested more than 40 levels",
    () => "expression nesting too deep (limit 40); simplify or split the expression",
  ),
  danglingDoc: spec(
    "E1104",
    "a doc comment with nothing to document",
    () => "doc comment must be followed by a 'fun', 'type', 'trait', 'capability' or impl method",
  ),
  reservedVariant: spec(
    "E1105",
    "a variant named Ok, Err, Some or None",
    (name: string, owner: string, alternatives: string) =>
      `variant '${name}' is reserved (collides with the built-in ${owner}::${name} constructor). Rename this variant. Common alternatives: ${alternatives}.`,
  ),
  attributeTarget: spec(
    "E1106",
    "an attribute before something that is not a function",
    (what: string) => `attributes are not valid on '${what}' (v1 supports them on 'fun' only)`,
  ),
  docOnConst: spec(
    "E1110",
    "a doc comment on a constant",
    () =>
      "doc comments (`///`) are not valid on 'const' (v1 supports them on fun / type / trait / capability). Use a plain comment (`//`) for a constant-level note, or move the doc above the next declaration.",
  ),
  docOnImpl: spec(
    "E1111",
    "a doc comment on an impl block",
    () =>
      "doc comments (`///`) are not valid on 'impl' (attach to its methods instead, or use a plain comment `//` for an impl-block-level note).",
  ),
  expectedDigit: spec("E1112", "a base prefix with no digits", (base: string) => `expected ${base} digit`),
  attributeValue: spec(
    "E1107",
    "an attribute argument that is not a string literal",
    () => "attribute arguments must be string literals (key: \"value\")",
  ),
  reservedWord: spec(
    "E1108",
    "a word reserved for future use",
    (word: string) => `'${word}' is a reserved word`,
  ),
  semicolon: spec("E1109", "`;`", () => "unexpected ';': Capa statements end at the end of the line"),
} as const;
