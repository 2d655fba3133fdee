// Catalogue of lexical and syntax diagnostics (E1xxx). The only place their wording lives.

import { spec } from "../diagnostics/diagnostic.js";
import { pyRepr } from "./token-names.js";

export const SyntaxMessages = {
  unexpectedChar: spec("E1001", "a character that starts no token", (ch: string) => `unexpected character: ${pyRepr(ch)}`),
  bang: spec(
    "E1002",
    "`!` used for negation",
    () => "unexpected '!'; for logical negation, use 'not'; for inequality, use '!='",
  ),
  unterminatedBlockComment: spec("E1003", "`/*` without a matching `*/`", () => "unterminated block comment"),
  unterminatedDocComment: spec("E1009", "`/**` without a matching `*/`", () => "unterminated doc block comment"),
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
  unterminatedString: spec(
    "E1020",
    "a string literal cut by a newline",
    () => "unterminated string literal (newline before closing quote)",
  ),
  unterminatedStringEof: spec("E1031", "a string literal cut by the end of the file", () => "unterminated string literal"),
  unterminatedRawString: spec(
    "E1032",
    "a raw string literal cut by a newline",
    () => "unterminated raw string literal (newline before closing quote)",
  ),
  unterminatedRawStringEof: spec("E1033", "a raw string literal cut by the end of the file", () => "unterminated raw string literal"),
  unterminatedEscape: spec("E1034", "a `\\` as the last character of the file", () => "unterminated escape sequence"),
  octalEscape: spec(
    "E1035",
    "`\\0` followed by a digit",
    (digit: string) => `octal escape '\\0${digit}...' is not supported; use '\\u{HEX}' for arbitrary code points, or '\\0' alone for NUL`,
  ),
  unicodeNoBrace: spec("E1036", "`\\u` not followed by `{`", () => "expected '{' after \\u in unicode escape sequence"),
  invalidHexDigit: spec(
    "E1037",
    "a non-hex character inside `\\u{...}`",
    (ch: string) => `invalid hex digit in unicode escape: ${pyRepr(ch)}`,
  ),
  unterminatedUnicodeEscape: spec("E1038", "`\\u{` without its `}`", () => "unterminated unicode escape sequence"),
  charClosingQuote: spec(
    "E1039",
    "a character literal with more than one character, or without its closing quote",
    () => "expected closing quote in character literal (character literals contain a single character)",
  ),
  unterminatedCharNewline: spec(
    "E1040",
    "a `'` at the end of a line",
    () => "unterminated character literal (newline before closing quote)",
  ),
  intOutOfRange: spec(
    "E1041",
    "an integer literal whose magnitude exceeds 2^63",
    (raw: string, max: string) => `integer literal ${pyRepr(raw)} is out of range for Int (signed 64-bit; max magnitude ${max})`,
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
  emptyChar: spec("E1026", "`''`", () => "empty character literal"),
  unterminatedChar: spec("E1028", "a character literal without its closing quote", () => "unterminated character literal"),
  // ── syntax ──
  expectToken: spec(
    "E1113",
    "a required token is missing; the message names what was expected and the token found",
    (expected: string, got: string) => `${expected}; got ${got}`,
  ),
  expectedNewline: spec(
    "E1114",
    "more tokens after a complete statement or declaration",
    (where: string) => `expected newline ${where}`,
  ),
  expectedDeclaration: spec(
    "E1115",
    "a token that starts no top-level declaration",
    (got: string, hint: string) => `expected top-level declaration (import / const / type / trait / capability / impl / fun), got ${got}${hint}`,
  ),
  linearNeedsType: spec("E1118", "`linear` not followed by `type`", () => "expected 'type' after 'linear'"),
  externComponent: spec(
    "E1119",
    "`extern` not followed by `component`",
    () => "expected 'component' after 'extern' (the only 'extern' form is 'extern component Name from \"artifact.wasm\"')",
  ),
  externFrom: spec(
    "E1120",
    "`extern component Name` not followed by `from`",
    () => "expected 'from' after the foreign-component name (write `extern component Name from \"artifact.wasm\"`)",
  ),
  expectedPattern: spec("E1121", "a token that starts no pattern", (got: string) => `expected pattern, got ${got}`),
  unterminatedInterpolation: spec(
    "E1029",
    "`${` without its closing `}`",
    (value: string) => `unterminated interpolation in string literal: ${pyRepr(value)}`,
  ),
  interpolationError: spec(
    "E1116",
    "an error inside a `${...}` splice, reported after the string literal",
    (message: string) => `error parsing interpolation: ${message}`,
  ),
  interpolationLeftover: spec(
    "E1117",
    "more than one expression inside `${...}`",
    () => "unexpected token after interpolation expression; an interpolation must contain exactly one expression",
  ),
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
  invalidAssignTarget: spec(
    "E1122",
    "an assignment whose left side is not a name, field or index",
    () => "invalid assignment target (must be name, field, or index)",
  ),
  nestingTooDeep: spec(
    "E1103",
    "expressions nested more than 40 levels",
    () => "expression nesting too deep (limit 40); simplify or split the expression",
  ),
  blocksTooDeep: spec(
    "E1108",
    "blocks nested more than 100 levels",
    () => "expression nesting too deep; simplify or split the expression",
  ),
  chainTooLong: spec(
    "E1109",
    "more than 500 binary operators in one chain",
    (limit: number) => `expression too long (chain limit ${limit}); simplify or split the expression`,
  ),
  danglingDoc: spec(
    "E1104",
    "a doc comment with nothing to document",
    () => "doc comment must be followed by a 'fun', 'type', 'trait', 'capability' or impl method",
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
} as const;
