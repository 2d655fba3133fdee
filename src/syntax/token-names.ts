// How tokens are named in messages, as the reference names them: `IDENT`, `INT_LIT`, `KW_FUN`,
// `DOT`, ..., followed by the token's text as Python's repr prints it.

import type { TokenType } from "./chevrotain.js";
import type { LaidToken } from "./layout.js";
import * as T from "./tokens.js";

const PUNCT_NAMES: ReadonlyMap<TokenType, string> = new Map([
  [T.Plus, "PLUS"], [T.Minus, "MINUS"], [T.Star, "STAR"], [T.Slash, "SLASH"], [T.Percent, "PERCENT"],
  [T.Amp, "AMPERSAND"], [T.Caret, "CARET"], [T.Shl, "LSHIFT"], [T.Shr, "RSHIFT"], [T.EqEq, "EQ_EQ"],
  [T.NotEq, "BANG_EQ"], [T.Lt, "LT"], [T.LtEq, "LT_EQ"], [T.Gt, "GT"], [T.GtEq, "GT_EQ"], [T.Eq, "EQ"],
  [T.PlusEq, "PLUS_EQ"], [T.MinusEq, "MINUS_EQ"], [T.StarEq, "STAR_EQ"], [T.SlashEq, "SLASH_EQ"],
  [T.PercentEq, "PERCENT_EQ"], [T.At, "AT"], [T.Arrow, "ARROW"], [T.FatArrow, "FAT_ARROW"],
  [T.Question, "QUESTION"], [T.DotDot, "DOT_DOT"], [T.DotDotEq, "DOT_DOT_EQ"], [T.Dot, "DOT"],
  [T.Comma, "COMMA"], [T.Colon, "COLON"], [T.Semicolon, "SEMI"], [T.Underscore, "UNDERSCORE"],
  [T.Pipe, "PIPE"], [T.LParen, "LPAREN"], [T.RParen, "RPAREN"], [T.LBracket, "LBRACKET"],
  [T.RBracket, "RBRACKET"], [T.LBrace, "LBRACE"], [T.RBrace, "RBRACE"], [T.Newline, "NEWLINE"],
  [T.Indent, "INDENT"], [T.Dedent, "DEDENT"], [T.EndOfFile, "EOF"], [T.Identifier, "IDENT"],
  [T.IntLiteral, "INT_LIT"], [T.FloatLiteral, "FLOAT_LIT"], [T.StringLiteral, "STRING_LIT"],
  [T.RawStringLiteral, "STRING_LIT"], [T.CharLiteral, "CHAR_LIT"], [T.Bang, "BANG"], [T.DocComment, "DOC_COMMENT"],
] as [TokenType, string][]);

function isKeyword(t: LaidToken): boolean {
  return t.tokenType.name.startsWith("Kw_");
}

/** The reference's name for a token's kind (`IDENT`, `INT_LIT`, `KW_FUN`, `DOT`, ...). */
export function kindName(t: LaidToken): string {
  if (isKeyword(t)) return t.image === "Self" ? "KW_BIG_SELF" : `KW_${t.image.toUpperCase()}`;
  return PUNCT_NAMES.get(t.tokenType) ?? t.tokenType.name;
}

/** How a token is named after "got" in messages: its kind, then its text as Python's repr
 * prints it (nothing for text-less tokens such as DEDENT, EOF or a final NEWLINE). */
export function describe(t: LaidToken): string {
  return t.image.length > 0 ? `${kindName(t)} ${pyRepr(t.image)}` : kindName(t);
}

/** A string quoted the way the reference (Python's `repr`) prints it in messages. */
export function pyRepr(s: string): string {
  const body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  if (s.includes("'") && !s.includes('"')) return `"${body}"`;
  return `'${body.replace(/'/g, "\\'")}'`;
}
