// Chevrotain token vocabulary for Capa. Declares token types only; no lexing state lives here.
// Layout tokens (NEWLINE, INDENT, DEDENT) are produced by `layout.ts`, never by the raw lexer.

import { createToken, Lexer, type ITokenConfig, type TokenType } from "./chevrotain.js";

/** The category every token belongs to: a choice whose last alternative starts with `Any` is
 * total, which is how the parser names what it expected whatever the next token is. */
export const Any = createToken({ name: "Any", pattern: Lexer.NA });

/** The categories of the binary operators (their precedence is the parser's business) and of
 * the assignment operators. */
export const BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA });
export const AssignOperator = createToken({ name: "AssignOperator", pattern: Lexer.NA });
/** The category of literal tokens (numbers, strings, characters, `true`, `false`). */
export const Literal = createToken({ name: "Literal", pattern: Lexer.NA });

function token(config: ITokenConfig): TokenType {
  return createToken({ ...config, categories: [...(config.categories as TokenType[] | undefined ?? []), Any] });
}

/** Identifiers as the reference reads them (Python's `isalpha` to start, `isalnum` after): a
 * Unicode letter or `_`, then letters, numbers (`²`, `Ⅻ`, `①` too) or `_`. Symbols (`×`, `€`,
 * emoji) are no identifier characters. A matcher function, since chevrotain cannot analyse
 * `\p{...}` classes. */
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/uy;
export const Identifier = token({
  name: "Identifier",
  pattern: {
    exec(text: string, offset: number) {
      IDENTIFIER.lastIndex = offset;
      return IDENTIFIER.exec(text);
    },
  },
  line_breaks: false,
  start_chars_hint: identifierStartUnits(),
});

/** The UTF-16 units an identifier may start with, for chevrotain's first-character index:
 * exactly `_` and the letters below U+0100, and every unit above (the matcher decides there;
 * listing the letters would take a scan of the whole BMP at every start). */
function identifierStartUnits(): number[] {
  const letter = /\p{L}/u;
  const units = [0x5f];
  for (let unit = 0; unit < 0x100; unit++) if (letter.test(String.fromCharCode(unit))) units.push(unit);
  for (let unit = 0x100; unit <= 0xffff; unit++) units.push(unit);
  return units;
}

const KEYWORD_NAMES = [
  "fun", "type", "trait", "impl", "capability", "extern", "const", "pub", "import", "as", "let", "var",
  "if", "then", "elif", "else", "match", "while", "for", "in", "break", "continue", "return", "true",
  "false", "and", "or", "not", "self", "Self", "consume", "borrow", "linear", "typestate", "become",
  "async", "await", "yield", "defer", "where", "mut",
] as const;

export type KeywordName = (typeof KEYWORD_NAMES)[number];

/** Keyword tokens by spelling; each uses `longer_alt` so `format` lexes as an identifier. */
export const Keywords: Readonly<Record<KeywordName, TokenType>> = Object.fromEntries(
  // Longest first, so `typestate` is tried before `type`.
  [...KEYWORD_NAMES].sort((a, b) => b.length - a.length).map((word) => [
    word,
    token({
      name: `Kw_${word}`,
      pattern: word, // a string pattern: no regex analysis when the lexer is built at start-up
      longer_alt: Identifier,
      categories: word === "and" || word === "or" ? [BinaryOperator] : word === "true" || word === "false" ? [Literal] : [],
    }),
  ]),
) as Record<KeywordName, TokenType>;

function punct(name: string, pattern: string, ...categories: TokenType[]): TokenType {
  return token({ name, pattern, categories });
}

// Longest operators first (maximal munch).
export const DotDotEq = punct("DotDotEq", "..=", BinaryOperator);
export const DotDot = punct("DotDot", "..", BinaryOperator);
export const Arrow = punct("Arrow", "->");
export const FatArrow = punct("FatArrow", "=>");
export const EqEq = punct("EqEq", "==", BinaryOperator);
export const NotEq = punct("NotEq", "!=", BinaryOperator);
export const LtEq = punct("LtEq", "<=", BinaryOperator);
export const GtEq = punct("GtEq", ">=", BinaryOperator);
export const Shl = punct("Shl", "<<", BinaryOperator);
export const Shr = punct("Shr", ">>", BinaryOperator);
export const PlusEq = punct("PlusEq", "+=", AssignOperator);
export const MinusEq = punct("MinusEq", "-=", AssignOperator);
export const StarEq = punct("StarEq", "*=", AssignOperator);
export const SlashEq = punct("SlashEq", "/=", AssignOperator);
export const PercentEq = punct("PercentEq", "%=", AssignOperator);
export const Plus = punct("Plus", "+", BinaryOperator);
export const Minus = punct("Minus", "-", BinaryOperator);
export const Star = punct("Star", "*", BinaryOperator);
export const Slash = punct("Slash", "/", BinaryOperator);
export const Percent = punct("Percent", "%", BinaryOperator);
export const Eq = punct("Eq", "=", AssignOperator);
export const Lt = punct("Lt", "<", BinaryOperator);
export const Gt = punct("Gt", ">", BinaryOperator);
export const Amp = punct("Amp", "&", BinaryOperator);
export const Pipe = punct("Pipe", "|", BinaryOperator);
export const Caret = punct("Caret", "^", BinaryOperator);
export const Question = punct("Question", "?");
export const Dot = punct("Dot", ".");
export const Comma = punct("Comma", ",");
export const Colon = punct("Colon", ":");
export const Semicolon = punct("Semicolon", ";");
export const At = punct("At", "@");
export const LParen = punct("LParen", "(");
export const RParen = punct("RParen", ")");
export const LBracket = punct("LBracket", "[");
export const RBracket = punct("RBracket", "]");
export const LBrace = punct("LBrace", "{");
export const RBrace = punct("RBrace", "}");
export const Underscore = token({
  name: "Underscore",
  pattern: /_/,
  longer_alt: Identifier,
});
/** A lone `!` (not `!=`): reported with a hint to use `not`. */
export const Bang = punct("Bang", "!");

// Literals. Their text is decoded and validated in `literals.ts`.
export const FloatLiteral = token({
  categories: [Literal],
  name: "FloatLiteral",
  pattern: /[0-9][0-9_]*(?:\.[0-9][0-9_]*(?:[eE][+-]?[0-9_]*)?|[eE][+-]?[0-9_]*)/,
});
export const IntLiteral = token({
  categories: [Literal],
  name: "IntLiteral",
  // A prefixed literal stops at the first character its base does not allow, as the reference.
  pattern: /0[xX][0-9a-fA-F_]*|0[oO][0-7_]*|0[bB][01_]*|[0-9][0-9_]*/,
});
export const StringLiteral = token({ name: "StringLiteral", pattern: Lexer.NA, categories: [Literal] });
export const RawStringLiteral = token({ name: "RawStringLiteral", pattern: Lexer.NA, categories: [Literal] });
export const CharLiteral = token({ name: "CharLiteral", pattern: Lexer.NA, categories: [Literal] });
export const DocComment = token({ name: "DocComment", pattern: Lexer.NA });

// Layout tokens, synthesised by `layout.ts`.
export const Newline = token({ name: "NEWLINE", pattern: Lexer.NA });
export const Indent = token({ name: "INDENT", pattern: Lexer.NA });
export const Dedent = token({ name: "DEDENT", pattern: Lexer.NA });
export const EndOfFile = token({ name: "EOF", pattern: Lexer.NA });

/** Every token type the parser may see, in lexer priority order for the punctuation. */
export const PUNCTUATION: readonly TokenType[] = [
  DotDotEq, DotDot, Arrow, FatArrow, EqEq, NotEq, LtEq, GtEq, Shl, Shr, PlusEq, MinusEq, StarEq,
  SlashEq, PercentEq, Plus, Minus, Star, Slash, Percent, Eq, Lt, Gt, Amp, Pipe, Caret, Question, Dot,
  Comma, Colon, Semicolon, At, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Bang,
];

export const ALL_TOKENS: readonly TokenType[] = [
  Any,
  BinaryOperator,
  AssignOperator,
  Literal,
  ...Object.values(Keywords),
  Underscore,
  Identifier,
  FloatLiteral,
  IntLiteral,
  StringLiteral,
  RawStringLiteral,
  CharLiteral,
  DocComment,
  ...PUNCTUATION,
  Newline,
  Indent,
  Dedent,
  EndOfFile,
];
