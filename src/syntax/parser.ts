// The Capa grammar as a chevrotain `EmbeddedActionsParser`: one rule per construct of notes §2,
// reading the laid-out token stream (NEWLINE/INDENT/DEDENT from `layout.ts`) and building the
// AST of `ast.ts` directly. Chevrotain chooses alternatives by LL(1) lookahead; the grammar's few
// context-sensitive spots (struct literals, `Fun(`, `if ... then`, named arguments, `>>` closing
// two generic lists) are GATEs. Errors are the reference's messages: a failed CONSUME carries its
// expectation as ERR_MSG, and every alternation ends in a fallback that names what was expected.
// Recovery is ours: a failed statement or item is skipped to the next one at its level.

import {
  EmbeddedActionsParser,
  EOF as CHEVROTAIN_EOF,
  isRecognitionException,
  type IRecognitionException,
  type TokenType,
} from "./chevrotain.js";
import { DiagnosticBag, type DiagnosticSpec, type Span } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import type { LaidToken } from "./layout.js";
import { decodeChar, decodeFloat, decodeInt, decodeString } from "./literals.js";
import { SyntaxMessages as M } from "./messages.js";
import { spliceBody, type SpliceBody } from "./splices.js";
import { describe, kindName, pyRepr } from "./token-names.js";
import * as T from "./tokens.js";

const K = T.Keywords;
const MAX_NESTING = 40;

/** Unwinds to the nearest recovery point once a diagnostic is reported; never leaves the parser. */
class Bail {}

/** Words from other languages at top level, and what Capa writes instead (the reference's hints). */
const KEYWORD_HINTS: ReadonlyMap<string, string> = new Map(
  ([
    ["def", "fun"], ["function", "fun"], ["func", "fun"], ["fn", "fun"], ["class", "type"], ["struct", "type"],
    ["interface", "trait"], ["enum", "type Name =\n        Variant1\n        Variant2"], ["let", "const"],
  ] as [string, string][]).map(([word, capa]) => [word, ` (Capa uses ${pyRepr(capa)} here; did you mean that?)`]),
);

const RESERVED_VARIANTS: ReadonlyMap<string, { owner: string; alternatives: string }> = new Map([
  ["Ok", { owner: "Result", alternatives: "Compliant, Success, Hit, Ready" }],
  ["Err", { owner: "Result", alternatives: "Failure, Bad, Reject, Error" }],
  ["Some", { owner: "Option", alternatives: "Present, Hit, Just, Filled" }],
  ["None", { owner: "Option", alternatives: "Empty, Absent, Missing, Null" }],
]);

const COMPARISON: ReadonlyMap<TokenType, A.BinaryOp> = new Map([
  [T.EqEq, "=="], [T.NotEq, "!="], [T.Lt, "<"], [T.LtEq, "<="], [T.Gt, ">"], [T.GtEq, ">="],
] as [TokenType, A.BinaryOp][]);
const ASSIGN_OPS: ReadonlyMap<TokenType, A.AssignOp> = new Map([
  [T.Eq, "="], [T.PlusEq, "+="], [T.MinusEq, "-="], [T.StarEq, "*="], [T.SlashEq, "/="], [T.PercentEq, "%="],
] as [TokenType, A.AssignOp][]);

/** What precedes an item's keyword: its doc comment, attributes and `pub`. */
interface ItemHead {
  readonly start: LaidToken;
  readonly isPub: boolean;
  readonly doc: string | null;
  readonly attributes: A.Attribute[];
}

/** A `${...}` splice waiting to be parsed once the parse that found it is over (the parser
 * object is not re-entrant). Its errors go to `bag`, the one active where the string stood. */
interface PendingSplice {
  readonly part: { expr: A.Expr };
  readonly body: SpliceBody;
  readonly after: LaidToken;
  readonly depth: number;
  readonly bag: DiagnosticBag;
}

type Signature = Omit<A.FunDecl, "kind" | "body" | "isPub" | "attributes" | "doc" | "span">;

/** Parses one file's laid-out tokens. Reports into `bag`; never throws on user input. */
export function parseTokens(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string): A.Program {
  return grammar().parseProgram(tokens, file, bag, text);
}

let sharedGrammar: CapaParser | undefined;

/** Built once per process on first use: self-analysis is the expensive part, and the parser
 * keeps no state between parses. */
function grammar(): CapaParser {
  sharedGrammar ??= new CapaParser();
  return sharedGrammar;
}

/** For tests: a parser built with chevrotain's full grammar validation switched on. */
export function validateGrammar(): void {
  new CapaParser(true);
}

/** End line and (exclusive) end column of a token, as `tokSpan` computes them. */
function tokEndLine(t: LaidToken): number {
  return t.endLine ?? t.startLine ?? 1;
}
function tokEndCol(t: LaidToken): number {
  const col = t.startColumn ?? 1;
  return t.tokenType === T.Newline ? col + 1 : (t.endColumn ?? col) + 1;
}

/** The EOF token placed after a file's last token, positioned just past it. */
function endToken(toks: readonly LaidToken[], text: string): LaidToken {
  const last = toks[toks.length - 1];
  const line = last ? last.endLine ?? last.startLine ?? 1 : 1;
  const col = last ? (last.endColumn ?? 1) + 1 : 1;
  return {
    image: "", tokenType: T.EndOfFile, tokenTypeIdx: T.EndOfFile.tokenTypeIdx!, startOffset: text.length,
    startLine: line, startColumn: col, endLine: line, endColumn: col,
  } as LaidToken;
}

class CapaParser extends EmbeddedActionsParser {
  // Per-parse state, reset by `begin`.
  private file = "";
  private bag = new DiagnosticBag();
  private text = "";
  private depth = 0;
  /** A `>>` split in two while closing nested generic arguments. */
  private pendingGt = false;
  private eofTok: LaidToken = endToken([], "");
  private lastTok: LaidToken | undefined;
  private splices: PendingSplice[] = [];

  constructor(validate = false) {
    super(T.ALL_TOKENS as TokenType[], { maxLookahead: 1, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  parseProgram(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string): A.Program {
    this.begin(tokens, file, bag, text, 0);
    const program = this.program();
    this.parsePendingSplices();
    return program;
  }

  parseSplice(tokens: LaidToken[], file: string, bag: DiagnosticBag, depth: number): A.Expr | null {
    this.begin(tokens, file, bag, this.text, depth);
    const e = this.spliceBody() ?? null;
    this.parsePendingSplices();
    return e;
  }

  private begin(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string, depth: number): void {
    this.file = file;
    this.bag = bag;
    this.text = text;
    this.depth = depth;
    this.pendingGt = false;
    this.splices = [];
    this.eofTok = endToken(tokens, text);
    this.lastTok = tokens[tokens.length - 1];
    this.input = [...tokens, this.eofTok];
  }

  // ───────────── token helpers ─────────────

  /** The k-th token ahead (1 = next); the EOF token after the last one past the end. */
  private peek(k = 1): LaidToken {
    const t = this.LA(k) as LaidToken;
    return t.tokenType === CHEVROTAIN_EOF ? this.eofTok : t;
  }
  private at(type: TokenType, k = 1): boolean {
    return this.peek(k).tokenType === type;
  }
  private atEof(): boolean {
    return this.peek().tokenType === T.EndOfFile;
  }
  /** The last token consumed (the next one before any). */
  private prev(): LaidToken {
    const t = this.LA(0) as LaidToken;
    return t.tokenType === CHEVROTAIN_EOF ? this.peek() : t;
  }
  /** Skips one token (never the EOF); only error recovery skips tokens outside the grammar. */
  private next(): void {
    if (!this.atEof()) this.SKIP_TOKEN();
  }
  /** A token the grammar requires; its absence is "<message>; got KIND 'text'" at the token found. */
  private expect(idx: number, type: TokenType, message: string): LaidToken {
    return this.consume(idx, type, { ERR_MSG: message }) as LaidToken;
  }
  private ident(idx: number, message: string): A.Ident {
    const t = this.expect(idx, T.Identifier, message);
    return { name: t.image, span: this.tokSpan(t) };
  }
  /** `NEWLINE*`. */
  private newlines(idx: number): void {
    this.many(idx, () => this.consume(idx, T.Newline));
  }
  /** The last alternative of a choice, taken for any token the others do not start with: it
   * reports what was expected. Recorded as consuming `Any` (every token's category) so that the
   * grammar analysis sees the choice accept every token; at parse time it consumes nothing. */
  private otherwise<R>(idx: number, report: () => R) {
    return {
      IGNORE_AMBIGUITIES: true,
      ALT: (): R => {
        if (this.RECORDING_PHASE) this.consume(idx, T.Any);
        return this.ACTION(report);
      },
    };
  }
  /** `otherwise`, reporting "<message>; got KIND 'text'". */
  private missing(idx: number, message: string) {
    return this.otherwise(idx, () => this.fail(M.expectToken, this.peek(), [message, describe(this.peek())]));
  }
  /** An identifier that a repeated item starts with: the loop enters for any token, and a token
   * that is no identifier is reported as `message` says. */
  private identTotal(idx: number, message: string): A.Ident {
    const t: LaidToken = this.or(idx, [{ ALT: () => this.consume(idx, T.Identifier) }, this.missing(idx, message)]);
    return { name: t.image, span: this.tokSpan(t) };
  }
  private fail<Args extends unknown[]>(entry: DiagnosticSpec<Args>, tok: LaidToken, args: Args): never {
    this.bag.report(entry, this.tokSpan(tok), args);
    throw new Bail();
  }
  private report<Args extends unknown[]>(entry: DiagnosticSpec<Args>, span: Span, args: Args): void {
    this.bag.report(entry, span, args);
  }
  /** At a recovery point: a failed CONSUME becomes its diagnostic; our own failures were reported. */
  private absorb(e: unknown): void {
    if (e instanceof Bail) return;
    if (e instanceof Error && isRecognitionException(e)) {
      const ex = e as unknown as IRecognitionException;
      const tok = ex.token.tokenType === CHEVROTAIN_EOF ? this.eofTok : (ex.token as LaidToken);
      this.report(M.expectToken, this.tokSpan(tok), [ex.message, describe(tok)]);
      return;
    }
    throw e;
  }
  private tokSpan(t: LaidToken): Span {
    const line = t.startLine ?? 1;
    const col = t.startColumn ?? 1;
    return { file: this.file, line, col, endLine: t.endLine ?? line, endCol: t.tokenType === T.Newline ? col + 1 : (t.endColumn ?? col) + 1 };
  }
  // `span`/`spanFrom` run once per AST node: they read token ends directly rather than building
  // the two intermediate spans `tokSpan` would (allocation dominates the parser's time).
  private span(from: LaidToken, to: LaidToken = this.prev()): Span {
    const line = from.startLine ?? 1;
    const col = from.startColumn ?? 1;
    const endLine = tokEndLine(to);
    const endCol = tokEndCol(to);
    if (endLine < line || (endLine === line && endCol < col)) return this.tokSpan(from);
    return { file: this.file, line, col, endLine, endCol };
  }
  private spanFrom(start: Span): Span {
    const b = this.prev();
    const endLine = tokEndLine(b);
    if ((b.startLine ?? 1) < start.line) return start;
    return { file: this.file, line: start.line, col: start.col, endLine, endCol: tokEndCol(b) };
  }
  private posOf(t: LaidToken) {
    return { file: this.file, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
  }
  /** `++depth`, failing past the nesting limit (a diagnostic, never a stack overflow). */
  private enter(): void {
    if (++this.depth > MAX_NESTING && !this.RECORDING_PHASE) {
      this.depth = 0;
      this.fail(M.nestingTooDeep, this.peek(), []);
    }
  }
  private leave(): void {
    this.depth = Math.max(0, this.depth - 1);
  }

  /** A statement ends at NEWLINE, at a DEDENT or the end, or right after a block it ended
   * with; otherwise "expected newline <where>" as the reference says it. */
  private endStatement(idx: number, where: () => string): void {
    this.or(idx, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.consume(idx, T.Newline) },
        {
          ALT: () =>
            this.ACTION(() => {
              if (this.at(T.Dedent) || this.atEof()) return;
              const before = this.prev().tokenType;
              if (before === T.Dedent || before === T.Newline) return;
              this.fail(M.expectedNewline, this.peek(), [where()]);
            }),
        },
      ],
    });
  }

  /** Skips to the start of the next statement at the current block level. */
  private recoverStatement(): void {
    let depth = 0;
    while (!this.atEof()) {
      const t = this.peek();
      if (t.tokenType === T.Indent) depth++;
      else if (t.tokenType === T.Dedent) {
        if (depth === 0) return;
        depth--;
        this.next();
        if (depth === 0 && !this.at(T.Newline)) return;
        continue;
      } else if (t.tokenType === T.Newline && depth === 0) {
        this.next();
        if (!this.at(T.Indent)) return;
        continue;
      }
      this.next();
    }
  }

  /** Skips to the next top-level item (a token after a NEWLINE at indentation 0). */
  private recoverItem(): void {
    let depth = 0;
    for (let t = this.peek(); !this.atEof(); t = this.peek()) {
      if (t.tokenType === T.Indent) depth++;
      else if (t.tokenType === T.Dedent) depth = Math.max(0, depth - 1);
      else if (t.tokenType === T.Newline && depth === 0) {
        this.next();
        if (!this.at(T.Indent)) return;
        continue;
      }
      this.next();
      if (depth === 0 && t.tokenType === T.Dedent) return;
    }
  }

  /** `( item (',' item)* ','? )?` before `close`, items parsed by `item(occurrence)`: the shape of
   * every bracketed list. Uses DSL occurrences `base` and `base + 1`. */
  private commaList<R>(base: number, close: TokenType, item: (occurrence: number) => R): R[] {
    const out: R[] = [];
    this.option(base, {
      GATE: () => !this.at(close),
      DEF: () => {
        out.push(item(base));
        this.many(base, {
          GATE: () => !this.at(close, 2),
          DEF: () => {
            this.consume(base, T.Comma);
            out.push(item(base + 1));
          },
        });
        this.option(base + 1, () => this.consume(base + 1, T.Comma));
      },
    });
    return out;
  }

  // ───────────── items ─────────────

  private program = this.RULE("program", (): A.Program => {
    const items: A.Item[] = [];
    const start = this.peek();
    this.newlines(1);
    this.MANY({
      GATE: () => !this.atEof(),
      DEF: () => {
        const before = this.LA(1);
        try {
          items.push(this.SUBRULE(this.item));
        } catch (e) {
          this.absorb(e);
          this.recoverItem();
        }
        this.newlines(2);
        this.ACTION(() => {
          this.skipStrayLayout();
          if (this.LA(1) === before) this.next();
        });
      },
    });
    // Consumed so that chevrotain sees all input read (it builds an exception otherwise).
    this.CONSUME(T.EndOfFile);
    return this.ACTION(() => {
      const end = this.lastTok;
      const span: Span = end ? this.span(start, end) : { file: this.file, line: 1, col: 1, endLine: 1, endCol: 1 };
      return { kind: "Program", file: this.file, items, span };
    });
  });

  /** INDENT or DEDENT where an item should start: a stray indented line is reported and skipped. */
  private skipStrayLayout(): void {
    while (this.at(T.Dedent) || this.at(T.Indent)) {
      if (this.at(T.Indent)) {
        this.report(M.expectedDeclaration, this.tokSpan(this.peek()), [kindName(this.peek()), ""]);
        this.recoverItem();
      } else this.next();
      while (this.at(T.Newline)) this.next();
    }
  }

  private item = this.RULE("item", (): A.Item => {
    const first = this.peek();
    const attributes: A.Attribute[] = [];
    this.MANY(() => {
      attributes.push(this.SUBRULE(this.attribute));
      this.newlines(1);
    });
    const start = attributes.length > 0 ? first : this.peek();
    const isPub = this.OPTION(() => this.CONSUME(K.pub)) !== undefined;
    const t = this.peek();
    const doc = first.doc ?? null;
    const head: ItemHead = { start, isPub, doc: doc ?? t.doc ?? null, attributes };
    const noAttributes = (what: string) =>
      this.ACTION(() => {
        if (attributes.length > 0) this.report(M.attributeTarget, this.tokSpan(t), [what]);
      });
    return this.OR([
      { ALT: () => this.SUBRULE(this.funDecl, { ARGS: [head] }) },
      {
        ALT: () => {
          noAttributes("type");
          return this.SUBRULE(this.typeDecl, { ARGS: [head, false] });
        },
      },
      {
        ALT: () => {
          noAttributes("type");
          this.CONSUME(K.linear);
          this.ACTION(() => {
            if (!this.at(K.type)) this.fail(M.linearNeedsType, this.peek(), []);
          });
          return this.SUBRULE2(this.typeDecl, { ARGS: [head, true] });
        },
      },
      {
        ALT: () => {
          noAttributes("typestate");
          return this.SUBRULE(this.typestateDecl, { ARGS: [head] });
        },
      },
      {
        ALT: () => {
          noAttributes(t.tokenType === K.trait ? "trait" : "capability");
          return this.SUBRULE(this.traitLike, { ARGS: [head] });
        },
      },
      {
        ALT: () => {
          noAttributes("impl");
          this.ACTION(() => {
            if (doc !== null) this.report(M.docOnImpl, this.tokSpan(t), []);
          });
          return this.SUBRULE(this.implDecl, { ARGS: [head] });
        },
      },
      {
        ALT: () => {
          noAttributes("const");
          this.ACTION(() => {
            if (doc !== null) this.report(M.docOnConst, this.tokSpan(t), []);
          });
          return this.SUBRULE(this.constDecl, { ARGS: [head] });
        },
      },
      {
        ALT: () => {
          noAttributes("extern");
          return this.SUBRULE(this.externDecl, { ARGS: [head] });
        },
      },
      {
        ALT: () => {
          noAttributes("import");
          return this.SUBRULE(this.importDecl, { ARGS: [head] });
        },
      },
      this.otherwise(1, () => {
        if (doc !== null) this.fail(M.danglingDoc, first, []);
        this.fail(M.expectedDeclaration, t, [kindName(t), t.tokenType === T.Identifier ? (KEYWORD_HINTS.get(t.image) ?? "") : ""]);
      }),
    ]);
  });

  private attribute = this.RULE("attribute", (): A.Attribute => {
    const at = this.expect(1, T.At, "expected '@' to begin attribute");
    const name = this.ident(1, "expected attribute name after '@'");
    const args: A.AttributeArg[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      args.push(...this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.attributeArg)));
      this.expect(1, T.RParen, "expected ')' to close attribute arguments");
    });
    const span = this.ACTION(() => this.span(at));
    this.endStatement(1, () => `after '@${name.name}' attribute`);
    return this.ACTION(() => ({ name: name.name, args, span }));
  });

  private attributeArg = this.RULE("attributeArg", (): A.AttributeArg => {
    const key = this.identTotal(1, "expected attribute argument name");
    this.expect(1, T.Colon, `expected ':' after attribute key '${key.name}'`);
    const v: LaidToken = this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.RawStringLiteral) },
      this.otherwise(2, () =>
        this.fail(M.expectToken, this.peek(), [`attribute argument '${key.name}' must be a string literal`, describe(this.peek())]),
      ),
    ]);
    return this.ACTION(() => ({ key: key.name, value: this.stringValue(v), span: this.spanFrom(key.span) }));
  });

  private stringValue(t: LaidToken): string {
    const parts = decodeString(t.image, t.tokenType === T.RawStringLiteral, this.posOf(t), this.bag);
    return parts.map((p) => (p.kind === "text" ? p.value : "${" + p.source + "}")).join("");
  }

  private generics = this.RULE("generics", (): A.Ident[] => {
    const out: A.Ident[] = [];
    this.OPTION(() => {
      this.CONSUME(T.Lt);
      out.push(this.ident(1, "expected type parameter name"));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        out.push(this.ident(2, "expected type parameter name"));
      });
      this.SUBRULE(this.closeAngle, { ARGS: ["expected '>' to close type parameter list"] });
    });
    return out;
  });

  /** `>`, or half of a `>>` that closes two generic lists at once. */
  private closeAngle = this.RULE("closeAngle", (message: string): void => {
    this.OR([
      { GATE: () => !this.pendingGt, ALT: () => this.CONSUME(T.Gt) },
      {
        GATE: () => !this.pendingGt,
        ALT: () => {
          this.CONSUME(T.Shr);
          this.ACTION(() => (this.pendingGt = true));
        },
      },
      {
        ALT: () =>
          this.ACTION(() => {
            if (!this.pendingGt) this.fail(M.expectToken, this.peek(), [message, describe(this.peek())]);
            this.pendingGt = false;
          }),
      },
    ]);
  });

  private params = this.RULE("params", (allowUntyped: boolean): A.Param[] => {
    this.expect(1, T.LParen, "expected '(' for parameter list");
    const params = this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.param, { ARGS: [allowUntyped] }));
    this.expect(2, T.RParen, "expected ')' to close parameter list");
    return params;
  });

  private param = this.RULE("param", (allowUntyped: boolean): A.Param => {
    const start = this.peek();
    const mode: A.ParamMode =
      this.OPTION(() =>
        this.OR([
          { ALT: (): A.ParamMode => (this.CONSUME(K.consume), "consume") },
          { ALT: (): A.ParamMode => (this.CONSUME(K.borrow), "borrow") },
        ]),
      ) ?? null;
    return this.OR2({
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        ALT: (): A.Param => {
          this.CONSUME(K.self);
          return this.ACTION(() => ({ kind: "Param", name: "self", type: null, mode, isSelf: true, span: this.span(start) }));
        },
      },
      {
        ALT: (): A.Param => {
          const name: A.Ident = this.OR3([
            {
              ALT: () => {
                const u = this.CONSUME(T.Underscore) as LaidToken;
                return { name: "_", span: this.tokSpan(u) };
              },
            },
            { ALT: () => this.ident(1, "expected parameter name") },
            this.missing(1, "expected parameter name"),
          ]);
          const type = this.OR4([
            {
              ALT: () => {
                this.CONSUME(T.Colon);
                return this.SUBRULE(this.type);
              },
            },
            {
              ALT: () =>
                this.ACTION(() => {
                  if (!allowUntyped) {
                    this.fail(M.expectToken, this.peek(), [`expected ':' after parameter name ${pyRepr(name.name)}`, describe(this.peek())]);
                  }
                  return null;
                }),
            },
          ]);
          return this.ACTION(() => ({ kind: "Param", name: name.name, type: type ?? null, mode, isSelf: false, span: this.span(start) }));
        },
      },
    ]});
  });

  private funSignature = this.RULE("funSignature", (): Signature => {
    this.expect(1, K.fun, "expected 'fun'");
    const name = this.ident(1, "expected function name");
    const generics = this.SUBRULE(this.generics);
    const params = this.SUBRULE(this.params, { ARGS: [false] });
    const returnType =
      this.OPTION(() => {
        this.CONSUME(T.Arrow);
        return this.SUBRULE(this.type);
      }) ?? null;
    return { name, generics, params, returnType };
  });

  private funDecl = this.RULE("funDecl", (h: ItemHead): A.FunDecl => {
    const sig = this.SUBRULE(this.funSignature);
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ kind: "Fun", ...sig, isPub: h.isPub, doc: h.doc, attributes: h.attributes, body, span: this.span(h.start) }));
  });

  private typeDecl = this.RULE("typeDecl", (h: ItemHead, isLinear: boolean): A.StructDecl | A.SumDecl => {
    this.expect(1, K.type, "expected 'type'");
    const name = this.ident(1, "expected type name");
    const generics = this.SUBRULE(this.generics);
    return this.OR([
      {
        ALT: (): A.StructDecl => {
          const fields = this.SUBRULE(this.fieldDecls);
          const span = this.ACTION(() => this.span(h.start));
          this.endStatement(3, () => "after struct declaration");
          return this.ACTION(() => ({ kind: "Struct", name, isPub: h.isPub, isLinear, doc: h.doc, generics, fields, span }));
        },
      },
      {
        ALT: (): A.SumDecl => {
          this.expect(1, T.Eq, "'{' or '='");
          const variants: A.Variant[] = [];
          // The reference has no one-line form (`type C = A | B`): variants go on indented lines.
          this.expect(1, T.Newline, "expected newline after '=' in sum type");
          this.expect(1, T.Indent, "expected indented variants for sum type");
          this.MANY({
            GATE: () => !this.at(T.Dedent) && !this.atEof(),
            DEF: () => {
              variants.push(this.SUBRULE(this.variant));
              this.endStatement(2, () => "after variant");
            },
          });
          this.expect(1, T.Dedent, "expected dedent at end of sum type");
          return this.ACTION(() => ({ kind: "Sum", name, isPub: h.isPub, doc: h.doc, generics, variants, span: this.span(h.start) }));
        },
      },
      this.missing(1, "'{' or '='"),
    ]);
  });

  private variant = this.RULE("variant", (): A.Variant => {
    const start = this.peek();
    const name = this.identTotal(1, "expected variant name");
    this.ACTION(() => {
      const reserved = RESERVED_VARIANTS.get(name.name);
      if (reserved) this.report(M.reservedVariant, name.span, [name.name, reserved.owner, reserved.alternatives]);
    });
    const payload: A.TypeExpr[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      payload.push(this.SUBRULE(this.type));
      this.MANY({
        GATE: () => !this.at(T.RParen, 2),
        DEF: () => {
          this.CONSUME(T.Comma);
          payload.push(this.SUBRULE2(this.type));
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
      this.expect(1, T.RParen, "expected ')' after variant payload type(s)");
    });
    return this.ACTION(() => ({ name, payload, span: this.span(start) }));
  });

  private fieldDecls = this.RULE("fieldDecls", (): A.FieldDecl[] => {
    this.expect(1, T.LBrace, "expected '{'");
    const fields = this.commaList(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldDecl));
    this.expect(1, T.RBrace, "expected '}' to close struct");
    return fields;
  });

  private fieldDecl = this.RULE("fieldDecl", (): A.FieldDecl => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name");
    this.expect(1, T.Colon, "expected ':' after field name");
    const type = this.SUBRULE(this.type);
    return this.ACTION(() => ({ name, type, span: this.span(start) }));
  });

  private typestateDecl = this.RULE("typestateDecl", (h: ItemHead): A.TypestateDecl => {
    this.expect(1, K.typestate, "expected 'typestate'");
    const name = this.ident(1, "expected typestate name");
    const fields = this.OPTION(() => this.SUBRULE(this.fieldDecls)) ?? [];
    this.expect(1, T.Newline, "expected newline after typestate header");
    this.expect(1, T.Indent, "expected indented states for typestate");
    const states: A.Ident[] = [];
    this.MANY({
      GATE: () => !this.at(T.Dedent) && !this.atEof(),
      DEF: () => {
        states.push(this.identTotal(2, "expected state name"));
        this.endStatement(3, () => "after state name");
      },
    });
    this.expect(1, T.Dedent, "expected dedent at end of typestate");
    return this.ACTION(() => ({ kind: "Typestate", name, isPub: h.isPub, doc: h.doc, fields, states, span: this.span(h.start) }));
  });

  private traitLike = this.RULE("traitLike", (h: ItemHead): A.TraitDecl | A.CapabilityDecl => {
    const isTrait = this.OR([
      { ALT: () => (this.CONSUME(K.trait), true) },
      { ALT: () => (this.CONSUME(K.capability), false) },
    ]);
    const name = this.ident(1, isTrait ? "expected trait name" : "expected capability name");
    const generics = this.SUBRULE(this.generics);
    const methods = this.SUBRULE(this.signatureBlock, { ARGS: [false] });
    return this.ACTION(() => ({ kind: isTrait ? "Trait" : "Capability", name, isPub: h.isPub, doc: h.doc, generics, methods, span: this.span(h.start) }));
  });

  private signatureBlock = this.RULE("signatureBlock", (required: boolean): A.FunSig[] => {
    const methods: A.FunSig[] = [];
    this.expect(1, T.Newline, "end of line");
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Indent);
          this.MANY({
            GATE: () => !this.at(T.Dedent) && !this.atEof(),
            DEF: () =>
              this.OR2([
                {
                  ALT: () => {
                    const s = this.peek();
                    const sig = this.SUBRULE(this.funSignature);
                    this.ACTION(() => methods.push({ kind: "FunSig", ...sig, doc: s.doc ?? null, span: this.span(s) }));
                    this.endStatement(3, () => "after method signature");
                  },
                },
                this.missing(1, "expected 'fun'"),
              ]),
          });
          this.expect(1, T.Dedent, "end of signatures");
        },
      },
      {
        ALT: () =>
          this.ACTION(() => {
            if (required) this.fail(M.expectToken, this.peek(), ["expected indented method signatures", describe(this.peek())]);
          }),
      },
    ]);
    return methods;
  });

  private implDecl = this.RULE("implDecl", (h: ItemHead): A.ImplDecl => {
    this.expect(1, K.impl, "expected 'impl'");
    this.ACTION(() => {
      if (!this.at(T.Identifier)) this.fail(M.expectToken, this.peek(), ["expected type or trait name", describe(this.peek())]);
    });
    const first = this.SUBRULE(this.type);
    let trait: A.TraitRef | null = null;
    let target = first;
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.ACTION(() => {
        if (first.kind !== "NamedType") this.fail(M.expected, this.prev(), ["a trait name before 'for'", "a type"]);
        trait = { qualifier: first.qualifier, name: first.name, args: first.args, span: first.span };
      });
      target = this.SUBRULE2(this.type);
    });
    this.expect(1, T.Newline, "expected newline after impl header");
    const methods: A.FunDecl[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.Indent);
      this.MANY({
        GATE: () => !this.at(T.Dedent) && !this.atEof(),
        DEF: () => {
          try {
            methods.push(this.SUBRULE(this.implMethod));
          } catch (e) {
            this.absorb(e);
            this.recoverStatement();
          }
          this.newlines(2);
        },
      });
      this.expect(1, T.Dedent, "expected dedent at end of impl block");
    });
    return this.ACTION(() => ({ kind: "Impl", trait, target, methods, span: this.span(h.start) }));
  });

  private implMethod = this.RULE("implMethod", (): A.FunDecl => {
    const s = this.peek();
    const attributes: A.Attribute[] = [];
    this.MANY(() => attributes.push(this.SUBRULE(this.attribute)));
    const start = attributes.length > 0 ? s : this.peek();
    const isPub = this.OPTION(() => this.CONSUME(K.pub)) !== undefined;
    const doc = s.doc ?? this.peek().doc ?? null;
    return this.OR([{ ALT: () => this.SUBRULE(this.funDecl, { ARGS: [{ start, isPub, doc, attributes }] }) }, this.missing(1, "expected 'fun'")]);
  });

  private constDecl = this.RULE("constDecl", (h: ItemHead): A.ConstDecl => {
    this.expect(1, K.const, "expected 'const'");
    const name = this.ident(1, "expected constant name");
    this.expect(1, T.Colon, "expected ':' after constant name");
    const type = this.SUBRULE(this.type);
    this.expect(1, T.Eq, "expected '=' in constant declaration");
    const value = this.SUBRULE(this.expr, { ARGS: [false] });
    const span = this.ACTION(() => this.span(h.start));
    this.endStatement(1, () => "after constant declaration");
    return this.ACTION(() => ({ kind: "Const", name, isPub: h.isPub, type, value, span }));
  });

  private externDecl = this.RULE("externDecl", (h: ItemHead): A.ExternDecl => {
    this.expect(1, K.extern, "expected 'extern'");
    this.ACTION(() => {
      if (!(this.at(T.Identifier) && this.peek().image === "component")) this.fail(M.externComponent, this.peek(), []);
    });
    this.CONSUME1(T.Identifier);
    const name = this.ident(2, "expected foreign-component name");
    this.ACTION(() => {
      if (!(this.at(T.Identifier) && this.peek().image === "from")) this.fail(M.externFrom, this.peek(), []);
    });
    this.CONSUME3(T.Identifier);
    const src = this.expect(1, T.StringLiteral, "expected a string-literal path to the .wasm Component Model artifact after 'from'");
    const methods = this.SUBRULE(this.signatureBlock, { ARGS: [true] });
    return this.ACTION(() => ({ kind: "Extern", name, isPub: h.isPub, source: this.stringValue(src), methods, span: this.span(h.start) }));
  });

  private importDecl = this.RULE("importDecl", (h: ItemHead): A.ImportDecl => {
    this.expect(1, K.import, "expected 'import'");
    const path = [this.ident(1, "expected module name").name];
    this.MANY(() => {
      this.CONSUME(T.Dot);
      path.push(this.ident(2, "expected identifier after '.'").name);
    });
    const alias =
      this.OPTION(() => {
        this.CONSUME(K.as);
        return this.ident(3, "expected alias name").name;
      }) ?? null;
    const span = this.ACTION(() => this.span(h.start));
    this.endStatement(1, () => "after import declaration");
    return this.ACTION(() => ({ kind: "Import", path, alias, span }));
  });

  // ───────────── types ─────────────

  private type = this.RULE("type", (): A.TypeExpr => {
    const start = this.peek();
    const label: A.FlowLabel =
      this.OPTION({
        GATE: () => this.at(T.Identifier, 2) && (this.peek(2).image === "secret" || this.peek(2).image === "public"),
        DEF: () => {
          this.CONSUME(T.At);
          return this.CONSUME(T.Identifier).image as "secret" | "public";
        },
      }) ?? null;
    return this.OR([
      {
        ALT: (): A.TypeExpr => {
          this.CONSUME(K.Self);
          return this.ACTION(() => ({ kind: "SelfType", label, span: this.span(start) }));
        },
      },
      {
        ALT: (): A.TypeExpr => {
          this.CONSUME(T.LParen);
          const elements = this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.type));
          const trailingComma = this.ACTION(() => this.prev().tokenType === T.Comma);
          this.expect(1, T.RParen, "expected ')' or ',' in type");
          return this.ACTION(() => {
            if (elements.length === 1 && !trailingComma) return withLabel(elements[0]!, label);
            return { kind: "TupleType", elements, label, span: this.span(start) };
          });
        },
      },
      {
        GATE: () => this.peek().image === "Fun" && this.at(T.LParen, 2),
        ALT: (): A.TypeExpr => {
          this.CONSUME2(T.Identifier);
          this.CONSUME2(T.LParen);
          const params = this.commaList(3, T.RParen, (occurrence) => this.subrule(occurrence, this.type));
          this.expect(2, T.RParen, "expected ')' to close 'Fun(...)'");
          this.expect(1, T.Arrow, "expected '->' after 'Fun(...)'");
          const ret = this.SUBRULE5(this.type);
          return this.ACTION(() => ({ kind: "FunType", params, ret, label, span: this.span(start) }));
        },
      },
      { ALT: (): A.TypeExpr => this.SUBRULE(this.namedType, { ARGS: [label, start] }) },
      this.missing(1, "expected type name"),
    ]);
  });

  private namedType = this.RULE("namedType", (label: A.FlowLabel, start: LaidToken): A.NamedType => {
    const path = [this.CONSUME(T.Identifier).image];
    this.MANY({
      GATE: () => this.at(T.Identifier, 2),
      DEF: () => {
        this.CONSUME(T.Dot);
        path.push(this.CONSUME2(T.Identifier).image);
      },
    });
    const name = path.pop()!;
    const args: A.TypeExpr[] = [];
    this.OPTION(() => {
      this.CONSUME(T.Lt);
      args.push(this.SUBRULE(this.type));
      this.MANY2({
        GATE: () => !this.pendingGt,
        DEF: () => {
          this.CONSUME(T.Comma);
          args.push(this.SUBRULE2(this.type));
        },
      });
      this.SUBRULE(this.closeAngle, { ARGS: ["expected '>' to close type argument list"] });
    });
    const state =
      this.OPTION2({
        GATE: () => this.at(T.Identifier, 2) && this.at(T.RBracket, 3),
        DEF: () => {
          this.CONSUME(T.LBracket);
          const s = this.CONSUME3(T.Identifier).image;
          this.CONSUME(T.RBracket);
          return s;
        },
      }) ?? null;
    return this.ACTION(() => ({ kind: "NamedType", qualifier: path, name, args, state, label, span: this.span(start) }));
  });

  // ───────────── statements ─────────────

  private block = this.RULE("block", (): A.Block => {
    this.expect(1, T.Newline, "expected newline before block");
    const indent = this.expect(1, T.Indent, "expected indented block");
    const stmts: A.Stmt[] = [];
    this.MANY({
      GATE: () => !this.at(T.Dedent) && !this.atEof(),
      DEF: () => {
        const before = this.LA(1);
        try {
          stmts.push(this.SUBRULE(this.statement));
        } catch (e) {
          this.absorb(e);
          this.recoverStatement();
        }
        this.newlines(2);
        this.ACTION(() => {
          if (this.LA(1) === before) this.next();
        });
      },
    });
    this.OPTION(() => this.CONSUME(T.Dedent));
    return this.ACTION(() => {
      const first = stmts[0];
      const span = first ? this.spanFrom(first.span) : this.span(indent);
      return { kind: "Block", stmts, span };
    });
  });

  private statement = this.RULE("statement", (): A.Stmt => {
    const start = this.peek();
    this.ACTION(() => {
      if (start.doc !== undefined && start.tokenType !== K.fun) this.report(M.danglingDoc, this.tokSpan(start), []);
    });
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.let);
            const pattern = this.SUBRULE(this.pattern);
            const type =
              this.OPTION(() => {
                this.CONSUME(T.Colon);
                return this.SUBRULE(this.type);
              }) ?? null;
            this.expect(1, T.Eq, "expected '=' in let binding");
            const value = this.SUBRULE(this.expr, { ARGS: [false] });
            const span = this.ACTION(() => this.span(start));
            this.endStatement(11, () => "after let binding");
            return this.ACTION(() => ({ kind: "Let", pattern, type, value, span }));
          },
        },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.var);
            const name = this.ident(1, "expected variable name");
            const type =
              this.OPTION2(() => {
                this.CONSUME2(T.Colon);
                return this.SUBRULE2(this.type);
              }) ?? null;
            this.expect(2, T.Eq, "expected '=' in var declaration");
            const value = this.SUBRULE2(this.expr, { ARGS: [false] });
            const span = this.ACTION(() => this.span(start));
            this.endStatement(12, () => "after var declaration");
            return this.ACTION(() => ({ kind: "Var", name, type, value, span }));
          },
        },
        // `if c then a else b` at statement start is an expression statement, not an if block.
        { GATE: () => !this.isIfExpression(), ALT: (): A.Stmt => this.SUBRULE(this.ifStatement) },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.while);
            const cond = this.SUBRULE3(this.expr, { ARGS: [true] });
            const body = this.SUBRULE(this.block);
            return this.ACTION(() => ({ kind: "While", cond, body, span: this.span(start) }));
          },
        },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.for);
            const pattern = this.SUBRULE2(this.pattern);
            this.expect(1, K.in, "expected 'in' in for loop");
            const iterable = this.SUBRULE4(this.expr, { ARGS: [true] });
            const body = this.SUBRULE2(this.block);
            return this.ACTION(() => ({ kind: "For", pattern, iterable, body, span: this.span(start) }));
          },
        },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.return);
            const value =
              this.OPTION3({
                GATE: () => !(this.at(T.Newline) || this.at(T.Dedent) || this.atEof() || this.at(T.RBrace) || this.at(T.Comma)),
                DEF: () => this.SUBRULE5(this.expr, { ARGS: [false] }),
              }) ?? null;
            const span = this.ACTION(() => this.span(start));
            this.endStatement(13, () => "after return statement");
            return this.ACTION(() => ({ kind: "Return", value, span }));
          },
        },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.break);
            const span = this.ACTION(() => this.span(start));
            this.endStatement(14, () => "after 'break'");
            return this.ACTION(() => ({ kind: "Break", span }));
          },
        },
        {
          ALT: (): A.Stmt => {
            this.CONSUME(K.continue);
            const span = this.ACTION(() => this.span(start));
            this.endStatement(15, () => "after 'continue'");
            return this.ACTION(() => ({ kind: "Continue", span }));
          },
        },
        {
          ALT: (): A.Stmt => {
            const expr = this.SUBRULE6(this.expr, { ARGS: [false] });
            const op = this.OPTION4(() => {
              const t = this.OR2([
                { ALT: () => this.CONSUME(T.Eq) },
                { ALT: () => this.CONSUME(T.PlusEq) },
                { ALT: () => this.CONSUME(T.MinusEq) },
                { ALT: () => this.CONSUME(T.StarEq) },
                { ALT: () => this.CONSUME(T.SlashEq) },
                { ALT: () => this.CONSUME(T.PercentEq) },
              ]);
              const op = ASSIGN_OPS.get(t.tokenType)!;
              const value = this.SUBRULE7(this.expr, { ARGS: [false] });
              return { op, value };
            });
            const span = this.ACTION(() => this.span(start));
            this.endStatement(16, () => (op === undefined ? "after expression statement" : `after assignment '${op.op}'`));
            return this.ACTION(() => (op === undefined ? { kind: "ExprStmt", expr, span } : { kind: "Assign", target: expr, op: op.op, value: op.value, span }));
          },
        },
      ],
    });
  });

  /** Whether the `if` ahead has a `then` before its line ends (an if-expression). */
  private isIfExpression(): boolean {
    let depth = 0;
    for (let k = 2; ; k++) {
      const t = this.peek(k);
      if (t.tokenType === T.EndOfFile || (depth === 0 && (t.tokenType === T.Newline || t.tokenType === T.Indent))) return false;
      if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LBrace) depth++;
      if (t.tokenType === T.RParen || t.tokenType === T.RBracket || t.tokenType === T.RBrace) depth--;
      if (depth === 0 && t.tokenType === K.then) return true;
    }
  }

  private ifStatement = this.RULE("ifStatement", (): A.IfStmt => {
    const start = this.expect(1, K.if, "expected 'if'");
    const branches: A.CondBranch[] = [];
    const cond = this.SUBRULE(this.expr, { ARGS: [true] });
    const body = this.SUBRULE(this.block);
    this.ACTION(() => branches.push({ cond, body, span: this.span(start) }));
    this.MANY(() => {
      const t = this.CONSUME(K.elif) as LaidToken;
      const c = this.SUBRULE2(this.expr, { ARGS: [true] });
      const b = this.SUBRULE2(this.block);
      this.ACTION(() => branches.push({ cond: c, body: b, span: this.span(t) }));
    });
    const elseBody =
      this.OPTION(() => {
        this.CONSUME(K.else);
        return this.OR([
          {
            // `else if` reads as `elif`.
            ALT: (): A.Block => {
              const nested = this.SUBRULE(this.ifStatement);
              return this.ACTION(() => ({ kind: "Block", stmts: [nested], span: nested.span }));
            },
          },
          { ALT: (): A.Block => this.SUBRULE3(this.block) },
          this.missing(1, "expected newline before block"),
        ]);
      }) ?? null;
    return this.ACTION(() => ({ kind: "If", branches, elseBody, span: this.span(start) }));
  });

  // ───────────── expressions ─────────────

  /** `noStruct`: struct literals are off (match scrutinees and block-header conditions). */
  private expr = this.RULE("expr", (noStruct: boolean): A.Expr => {
    this.enter();
    try {
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.lambda) },
          { ALT: () => this.SUBRULE(this.ifExpr) },
          { ALT: () => this.SUBRULE(this.orExpr, { ARGS: [noStruct] }) },
        ],
      });
    } finally {
      this.leave();
    }
  });

  private lambda = this.RULE("lambda", (): A.LambdaExpr => {
    const start = this.expect(1, K.fun, "expected 'fun'");
    const params = this.SUBRULE(this.params, { ARGS: [true] });
    const returnType =
      this.OPTION(() => {
        this.CONSUME(T.Arrow);
        return this.SUBRULE(this.type);
      }) ?? null;
    this.expect(1, T.FatArrow, "expected '=>' before lambda body");
    const body: A.Expr | A.Block = this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.expr, { ARGS: [false] }) }],
    });
    return this.ACTION(() => ({ kind: "Lambda", params, returnType, body, span: this.span(start) }));
  });

  private ifExpr = this.RULE("ifExpr", (): A.IfExpr => {
    const start = this.expect(1, K.if, "expected 'if'");
    const cond = this.SUBRULE(this.expr, { ARGS: [false] });
    this.expect(1, K.then, "expected 'then' in if-expression");
    const then = this.SUBRULE2(this.expr, { ARGS: [false] });
    this.expect(1, K.else, "expected 'else' in if-expression");
    const otherwise = this.SUBRULE3(this.expr, { ARGS: [false] });
    return this.ACTION(() => ({ kind: "IfExpr", cond, then, else: otherwise, span: this.span(start) }));
  });

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
    return { kind: "Binary", op, left, right, span: joinSpans(left.span, right.span) };
  }

  private orExpr = this.RULE("orExpr", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.andExpr, { ARGS: [ns] });
    this.MANY(() => {
      this.CONSUME(K.or);
      const right = this.SUBRULE2(this.andExpr, { ARGS: [ns] });
      left = this.ACTION(() => this.binary("or", left, right));
    });
    return left;
  });

  private andExpr = this.RULE("andExpr", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.notExpr, { ARGS: [ns] });
    this.MANY(() => {
      this.CONSUME(K.and);
      const right = this.SUBRULE2(this.notExpr, { ARGS: [ns] });
      left = this.ACTION(() => this.binary("and", left, right));
    });
    return left;
  });

  private notExpr = this.RULE("notExpr", (ns: boolean): A.Expr =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.Expr => {
            const t = this.CONSUME(K.not) as LaidToken;
            this.enter();
            try {
              const operand = this.SUBRULE(this.notExpr, { ARGS: [ns] });
              return this.ACTION(() => ({ kind: "Unary", op: "not", operand, span: this.spanFrom(this.tokSpan(t)) }));
            } finally {
              this.leave();
            }
          },
        },
        { ALT: (): A.Expr => this.SUBRULE(this.comparison, { ARGS: [ns] }) },
      ],
    }),
  );

  private comparison = this.RULE("comparison", (ns: boolean): A.Expr => {
    const left = this.SUBRULE(this.rangeExpr, { ARGS: [ns] });
    return (
      this.OPTION(() => {
        const op = this.OR([
          { ALT: () => this.CONSUME(T.EqEq) },
          { ALT: () => this.CONSUME(T.NotEq) },
          { ALT: () => this.CONSUME(T.Lt) },
          { ALT: () => this.CONSUME(T.LtEq) },
          { ALT: () => this.CONSUME(T.Gt) },
          { ALT: () => this.CONSUME(T.GtEq) },
        ]);
        const right = this.SUBRULE2(this.rangeExpr, { ARGS: [ns] });
        return this.ACTION(() => {
          if (COMPARISON.has(this.peek().tokenType)) this.fail(M.nonAssocComparison, this.peek(), []);
          return this.binary(COMPARISON.get(op.tokenType)!, left, right);
        });
      }) ?? left
    );
  });

  private rangeExpr = this.RULE("rangeExpr", (ns: boolean): A.Expr => {
    const left = this.SUBRULE(this.bitOr, { ARGS: [ns] });
    return (
      this.OPTION(() => {
        const inclusive = this.OR([
          { ALT: () => (this.CONSUME(T.DotDot), false) },
          { ALT: () => (this.CONSUME(T.DotDotEq), true) },
        ]);
        const right = this.SUBRULE2(this.bitOr, { ARGS: [ns] });
        // A second range operator is left for the caller to reject, as the reference does.
        return this.ACTION((): A.Expr => ({ kind: "Range", start: left, end: right, inclusive, span: joinSpans(left.span, right.span) }));
      }) ?? left
    );
  });

  private bitOr = this.RULE("bitOr", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.bitXor, { ARGS: [ns] });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      const right = this.SUBRULE2(this.bitXor, { ARGS: [ns] });
      left = this.ACTION(() => this.binary("|", left, right));
    });
    return left;
  });

  private bitXor = this.RULE("bitXor", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.bitAnd, { ARGS: [ns] });
    this.MANY(() => {
      this.CONSUME(T.Caret);
      const right = this.SUBRULE2(this.bitAnd, { ARGS: [ns] });
      left = this.ACTION(() => this.binary("^", left, right));
    });
    return left;
  });

  private bitAnd = this.RULE("bitAnd", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.shift, { ARGS: [ns] });
    this.MANY(() => {
      this.CONSUME(T.Amp);
      const right = this.SUBRULE2(this.shift, { ARGS: [ns] });
      left = this.ACTION(() => this.binary("&", left, right));
    });
    return left;
  });

  private shift = this.RULE("shift", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.additive, { ARGS: [ns] });
    this.MANY(() => {
      const op: A.BinaryOp = this.OR([
        { ALT: () => (this.CONSUME(T.Shl), "<<") },
        { ALT: () => (this.CONSUME(T.Shr), ">>") },
      ]);
      const right = this.SUBRULE2(this.additive, { ARGS: [ns] });
      left = this.ACTION(() => this.binary(op, left, right));
    });
    return left;
  });

  private additive = this.RULE("additive", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.multiplicative, { ARGS: [ns] });
    this.MANY(() => {
      const op: A.BinaryOp = this.OR([
        { ALT: () => (this.CONSUME(T.Plus), "+") },
        { ALT: () => (this.CONSUME(T.Minus), "-") },
      ]);
      const right = this.SUBRULE2(this.multiplicative, { ARGS: [ns] });
      left = this.ACTION(() => this.binary(op, left, right));
    });
    return left;
  });

  private multiplicative = this.RULE("multiplicative", (ns: boolean): A.Expr => {
    let left = this.SUBRULE(this.unary, { ARGS: [ns] });
    this.MANY(() => {
      const op: A.BinaryOp = this.OR([
        { ALT: () => (this.CONSUME(T.Star), "*") },
        { ALT: () => (this.CONSUME(T.Slash), "/") },
        { ALT: () => (this.CONSUME(T.Percent), "%") },
      ]);
      const right = this.SUBRULE2(this.unary, { ARGS: [ns] });
      left = this.ACTION(() => this.binary(op, left, right));
    });
    return left;
  });

  private unary = this.RULE("unary", (ns: boolean): A.Expr =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.Expr => {
            const t = this.CONSUME(T.Minus) as LaidToken;
            this.enter();
            try {
              const operand = this.SUBRULE(this.unary, { ARGS: [ns] });
              return this.ACTION(() => ({ kind: "Unary", op: "-", operand, span: this.spanFrom(this.tokSpan(t)) }));
            } finally {
              this.leave();
            }
          },
        },
        {
          ALT: (): A.Expr => {
            const bang = this.CONSUME(T.Bang) as LaidToken;
            return this.ACTION(() => this.fail(M.bang, bang, []));
          },
        },
        { ALT: (): A.Expr => this.SUBRULE(this.postfix, { ARGS: [ns] }) },
      ],
    }),
  );

  private postfix = this.RULE("postfix", (ns: boolean): A.Expr => {
    let e = this.SUBRULE(this.primary, { ARGS: [ns] });
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const name = this.ident(1, "expected field or method name");
            this.OR2([
              {
                ALT: () => {
                  const args = this.SUBRULE(this.args);
                  e = this.ACTION(() => ({ kind: "MethodCall", receiver: e, method: name, args, span: this.spanFrom(e.span) }));
                },
              },
              { ALT: () => (e = this.ACTION(() => ({ kind: "Field", object: e, name, span: this.spanFrom(e.span) }))) },
            ]);
          },
        },
        {
          ALT: () => {
            const args = this.SUBRULE2(this.args);
            e = this.ACTION(() => ({ kind: "Call", callee: e, args, span: this.spanFrom(e.span) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expr, { ARGS: [false] });
            this.expect(1, T.RBracket, "expected ']' after index expression");
            e = this.ACTION(() => ({ kind: "Index", object: e, index, span: this.spanFrom(e.span) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Question);
            e = this.ACTION(() => ({ kind: "Try", expr: e, span: this.spanFrom(e.span) }));
          },
        },
      ]);
    });
    return e;
  });

  private args = this.RULE("args", (): A.Arg[] => {
    this.expect(1, T.LParen, "expected '('");
    const args = this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.arg));
    this.expect(1, T.RParen, "expected ')' to close call argument list");
    return args;
  });

  private arg = this.RULE("arg", (): A.Arg => {
    const start = this.peek();
    const name =
      this.OPTION({
        GATE: () => this.at(T.Colon, 2),
        DEF: () => {
          const t = this.CONSUME(T.Identifier) as LaidToken;
          this.CONSUME(T.Colon);
          return { name: t.image, span: this.tokSpan(t) };
        },
      }) ?? null;
    const value = this.SUBRULE(this.expr, { ARGS: [false] });
    return this.ACTION(() => ({ name, value, span: this.span(start) }));
  });

  private primary = this.RULE("primary", (ns: boolean): A.Expr => {
    const t = this.peek();
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.IntLiteral);
            return this.ACTION(() => ({ kind: "Int", value: decodeInt(t.image, this.posOf(t), this.bag), raw: t.image, span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.FloatLiteral);
            return this.ACTION(() => ({ kind: "Float", value: decodeFloat(t.image, this.posOf(t), this.bag), raw: t.image, span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.StringLiteral);
            return this.ACTION(() => this.stringExpr(t));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.RawStringLiteral);
            return this.ACTION(() => this.stringExpr(t));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.CharLiteral);
            return this.ACTION(() => ({ kind: "Char", value: decodeChar(t.image, this.posOf(t), this.bag), span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(K.true);
            return this.ACTION(() => ({ kind: "Bool", value: true, span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(K.false);
            return this.ACTION(() => ({ kind: "Bool", value: false, span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Expr => {
            this.CONSUME(K.self);
            return this.ACTION(() => ({ kind: "Self", span: this.tokSpan(t) }));
          },
        },
        { ALT: (): A.Expr => this.SUBRULE(this.matchExpr) },
        { ALT: (): A.Expr => this.SUBRULE(this.lambda) },
        { ALT: (): A.Expr => this.SUBRULE(this.ifExpr) },
        {
          ALT: (): A.Expr => {
            this.CONSUME(K.become);
            this.expect(1, T.LParen, "expected '(' after 'become'");
            const value = this.SUBRULE(this.expr, { ARGS: [false] });
            this.expect(5, T.Comma, "expected ',' between the value and the target state in become(value, State)");
            const state = this.ident(1, "expected a target state name in become(value, State)");
            this.expect(1, T.RParen, "expected ')' to close become(...)");
            return this.ACTION(() => ({ kind: "Become", value, state, span: this.span(t) }));
          },
        },
        { ALT: (): A.Expr => this.SUBRULE(this.parenthesized) },
        {
          ALT: (): A.Expr => {
            this.CONSUME(T.LBracket);
            const elements = this.commaList(1, T.RBracket, (occurrence) => this.subrule(occurrence + 1, this.expr, { ARGS: [false] }));
            this.expect(1, T.RBracket, "expected ']' to close list literal");
            return this.ACTION(() => ({ kind: "List", elements, span: this.span(t) }));
          },
        },
        { ALT: (): A.Expr => this.SUBRULE(this.nameOrStructLit, { ARGS: [ns] }) },
        this.otherwise(1, () => this.fail(M.expected, t, ["expression", describe(t)])),
      ],
    });
  });

  private parenthesized = this.RULE("parenthesized", (): A.Expr => {
    const open = this.expect(1, T.LParen, "expected '('");
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        ALT: (): A.Expr => {
          this.CONSUME(T.RParen);
          return this.ACTION(() => ({ kind: "Unit", span: this.span(open) }));
        },
      },
      {
        ALT: (): A.Expr => {
          const first = this.SUBRULE(this.expr, { ARGS: [false] });
          return this.OR2({
            IGNORE_AMBIGUITIES: true,
            DEF: [
            { ALT: (): A.Expr => (this.CONSUME2(T.RParen), first) },
            {
              ALT: (): A.Expr => {
                const elements = [first];
                this.MANY({
                  GATE: () => !this.at(T.RParen, 2),
                  DEF: () => {
                    this.CONSUME(T.Comma);
                    elements.push(this.SUBRULE2(this.expr, { ARGS: [false] }));
                  },
                });
                this.OPTION(() => this.CONSUME2(T.Comma));
                this.expect(3, T.RParen, "expected ')' to close tuple");
                return this.ACTION(() => ({ kind: "Tuple", elements, span: this.span(open) }));
              },
            },
            this.missing(2, "expected ')' to close tuple"),
          ]});
        },
      },
    ]});
  });

  private nameOrStructLit = this.RULE("nameOrStructLit", (ns: boolean): A.Expr => {
    const t = this.CONSUME(T.Identifier) as LaidToken;
    const upper = !ns && /^\p{Lu}/u.test(t.image);
    return this.OR([
      { GATE: () => upper, ALT: (): A.Expr => this.SUBRULE(this.structLit, { ARGS: [t, null] }) },
      {
        GATE: () => upper && this.at(T.Identifier, 2) && this.at(T.RBracket, 3) && this.at(T.LBrace, 4),
        ALT: (): A.Expr => {
          this.CONSUME(T.LBracket);
          const state = this.CONSUME2(T.Identifier).image;
          this.CONSUME(T.RBracket);
          return this.SUBRULE2(this.structLit, { ARGS: [t, state] });
        },
      },
      { ALT: (): A.Expr => this.ACTION(() => ({ kind: "Name", name: t.image, span: this.tokSpan(t) })) },
    ]);
  });

  private structLit = this.RULE("structLit", (nameTok: LaidToken, state: string | null): A.StructLit => {
    this.expect(1, T.LBrace, "expected '{'");
    const fields = this.commaList(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldInit));
    this.expect(1, T.RBrace, "expected '}' to close struct literal");
    return this.ACTION(() => ({
      kind: "StructLit",
      qualifier: [],
      name: { name: nameTok.image, span: this.tokSpan(nameTok) },
      state,
      fields,
      span: this.span(nameTok),
    }));
  });

  private fieldInit = this.RULE("fieldInit", (): A.FieldInit => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name");
    this.expect(1, T.Colon, "expected ':' in struct literal field");
    const value = this.SUBRULE(this.expr, { ARGS: [false] });
    return this.ACTION(() => ({ name, value, span: this.span(start) }));
  });

  private stringExpr(t: LaidToken): A.Expr {
    const raw = t.tokenType === T.RawStringLiteral;
    const span = this.tokSpan(t);
    const parts = decodeString(t.image, raw, this.posOf(t), this.bag);
    if (parts.length === 1 && parts[0]!.kind === "text") return { kind: "String", value: parts[0]!.value, isRaw: raw, span };
    const line = t.startLine ?? 1;
    const col = t.startColumn ?? 1;
    const out: A.InterpPart[] = parts.map((p) => {
      const pspan: Span = { file: this.file, line, col: col + p.delta, endLine: line, endCol: col + p.delta + (p.kind === "text" ? p.value.length : p.source.length) };
      if (p.kind === "text") return { kind: "Text", value: p.value, span: pspan };
      const body = spliceBody(p.source, this.file, line, col + p.delta);
      const part = { kind: "Splice" as const, expr: body.placeholder, span: pspan };
      this.splices.push({ part, body, after: this.peek(), depth: this.depth, bag: this.bag });
      return part;
    });
    return { kind: "Interp", parts: out, span };
  }

  /** Parses the splices the last parse found, each with this same grammar (spans point into the
   * original file). A problem inside is reported as the reference does: "error parsing
   * interpolation: ..." at the token after the string literal. */
  private parsePendingSplices(): void {
    const pending = this.splices;
    this.splices = [];
    const { file, text } = this;
    for (const s of pending) {
      const bag = new DiagnosticBag();
      const tokens = s.body.tokens(bag);
      if (!bag.hasErrors) {
        const e = this.parseSplice(tokens, file, bag, s.depth);
        if (e !== null) s.part.expr = e;
      }
      const first = bag.sorted()[0];
      if (first !== undefined) s.bag.report(M.interpolationError, this.spanAt(file, s.after), [first.message]);
      this.file = file;
      this.text = text;
    }
  }

  private spanAt(file: string, t: LaidToken): Span {
    const line = t.startLine ?? 1;
    const col = t.startColumn ?? 1;
    return { file, line, col, endLine: t.endLine ?? line, endCol: t.tokenType === T.Newline ? col + 1 : (t.endColumn ?? col) + 1 };
  }

  private spliceBody = this.RULE("spliceBody", (): A.Expr | null => {
    try {
      const e = this.SUBRULE(this.expr, { ARGS: [false] });
      this.newlines(1);
      this.OR([
        { ALT: () => this.CONSUME(T.EndOfFile) },
        this.otherwise(1, () => this.report(M.interpolationLeftover, this.tokSpan(this.peek()), [])),
      ]);
      return e;
    } catch (e) {
      this.absorb(e);
      return null;
    }
  });

  private matchExpr = this.RULE("matchExpr", (): A.MatchExpr => {
    const start = this.expect(1, K.match, "expected 'match'");
    const scrutinee = this.SUBRULE(this.expr, { ARGS: [true] });
    const arms: A.MatchArm[] = [];
    return this.OR([
      {
        ALT: (): A.MatchExpr => {
          this.CONSUME(T.LBrace);
          arms.push(...this.commaList(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.arm, { ARGS: [true] })));
          this.expect(1, T.RBrace, "expected '}' to close inline match arms");
          return this.ACTION(() => ({ kind: "Match", scrutinee, arms, inline: true, span: this.span(start) }));
        },
      },
      {
        ALT: (): A.MatchExpr => {
          this.expect(1, T.Newline, "expected newline or '{' after match scrutinee");
          this.expect(1, T.Indent, "expected indented match arms");
          this.MANY({
            GATE: () => !this.at(T.Dedent) && !this.atEof(),
            DEF: () => {
              arms.push(this.SUBRULE3(this.arm, { ARGS: [false] }));
              this.newlines(3);
            },
          });
          this.expect(1, T.Dedent, "expected dedent at end of match");
          return this.ACTION(() => ({ kind: "Match", scrutinee, arms, inline: false, span: this.span(start) }));
        },
      },
      this.missing(1, "expected newline or '{' after match scrutinee"),
    ]);
  });

  private arm = this.RULE("arm", (inline: boolean): A.MatchArm => {
    const start = this.peek();
    const patterns = [this.SUBRULE(this.pattern)];
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      patterns.push(this.SUBRULE2(this.pattern));
    });
    const guard =
      this.OPTION(() => {
        this.CONSUME(K.if);
        return this.SUBRULE(this.expr, { ARGS: [false] });
      }) ?? null;
    this.expect(1, T.Arrow, inline ? "expected '->' in inline match arm" : "expected '->' in match arm");
    const body: A.Expr | A.Block = this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => !inline && this.at(T.Newline), ALT: () => this.SUBRULE(this.block) },
        {
          GATE: () => !inline || this.at(K.return) || this.at(K.break) || this.at(K.continue),
          ALT: (): A.Expr | A.Block => {
            const stmt = this.SUBRULE(this.statement);
            return this.ACTION(() => (!inline && stmt.kind === "ExprStmt" ? stmt.expr : { kind: "Block", stmts: [stmt], span: stmt.span }));
          },
        },
        { ALT: () => this.SUBRULE2(this.expr, { ARGS: [false] }) },
      ],
    });
    return this.ACTION(() => ({ patterns, guard, body, span: this.span(start) }));
  });

  // ───────────── patterns ─────────────

  private pattern = this.RULE("pattern", (): A.Pattern => {
    const t = this.peek();
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.Pattern => {
            this.CONSUME(T.Underscore);
            return this.ACTION(() => ({ kind: "WildcardPat", span: this.tokSpan(t) }));
          },
        },
        {
          ALT: (): A.Pattern => {
            const value = this.SUBRULE(this.literal) as A.LiteralPat["value"];
            return this.ACTION(() => ({ kind: "LiteralPat", value, negative: false, span: value.span }));
          },
        },
        {
          ALT: (): A.Pattern => {
            this.CONSUME(T.Minus);
            this.ACTION(() => {
              const n = this.peek();
              if (n.tokenType !== T.IntLiteral && n.tokenType !== T.FloatLiteral) this.fail(M.expectedPattern, t, [kindName(t)]);
            });
            const value = this.SUBRULE2(this.literal) as A.IntLit | A.FloatLit;
            return this.ACTION(() => ({ kind: "LiteralPat", value, negative: true, span: this.span(t) }));
          },
        },
        {
          ALT: (): A.Pattern => {
            this.CONSUME(T.LParen);
            const elements = this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.pattern));
            this.expect(1, T.RParen, elements.length > 1 ? "expected ')' to close tuple pattern" : "expected ')' to close pattern");
            return this.ACTION(() => (elements.length === 1 ? elements[0]! : { kind: "TuplePat", elements, span: this.span(t) }));
          },
        },
        { ALT: (): A.Pattern => this.SUBRULE(this.namedPattern) },
        this.otherwise(1, () => this.fail(M.expectedPattern, t, [kindName(t)])),
      ],
    });
  });

  /** A literal in a pattern: the same tokens and values as in an expression. */
  private literal = this.RULE("literal", (): A.Expr => {
    const t = this.peek();
    this.OR([
      { ALT: () => this.CONSUME(T.IntLiteral) },
      { ALT: () => this.CONSUME(T.FloatLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.RawStringLiteral) },
      { ALT: () => this.CONSUME(T.CharLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
    ]);
    return this.ACTION(() => this.literalValue(t));
  });

  private literalValue(t: LaidToken): A.Expr {
    const span = this.tokSpan(t);
    switch (t.tokenType) {
      case T.IntLiteral:
        return { kind: "Int", value: decodeInt(t.image, this.posOf(t), this.bag), raw: t.image, span };
      case T.FloatLiteral:
        return { kind: "Float", value: decodeFloat(t.image, this.posOf(t), this.bag), raw: t.image, span };
      case T.CharLiteral:
        return { kind: "Char", value: decodeChar(t.image, this.posOf(t), this.bag), span };
      case K.true:
      case K.false:
        return { kind: "Bool", value: t.tokenType === K.true, span };
      default:
        return this.stringExpr(t);
    }
  }

  private namedPattern = this.RULE("namedPattern", (): A.Pattern => {
    const t = this.CONSUME(T.Identifier) as LaidToken;
    const path = [t.image];
    let last = t;
    this.MANY({
      GATE: () => this.at(T.Identifier, 2),
      DEF: () => {
        this.CONSUME(T.Dot);
        last = this.CONSUME2(T.Identifier) as LaidToken;
        path.push(last.image);
      },
    });
    const name: A.Ident = this.ACTION(() => ({ name: path.pop()!, span: this.tokSpan(last) }));
    return this.OR([
      {
        ALT: (): A.Pattern => {
          this.CONSUME(T.LParen);
          const args = this.commaList(1, T.RParen, (occurrence) => this.subrule(occurrence, this.pattern));
          this.expect(1, T.RParen, "expected ')' after variant payload(s)");
          return this.ACTION(() => ({ kind: "CtorPat", qualifier: path, name, args, span: this.span(t) }));
        },
      },
      {
        GATE: () => /^\p{Lu}/u.test(name.name),
        ALT: (): A.Pattern => {
          this.CONSUME(T.LBrace);
          const fields = this.commaList(3, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldPattern));
          this.expect(1, T.RBrace, "expected '}' to close struct pattern");
          return this.ACTION(() => ({ kind: "StructPat", qualifier: path, name, fields, span: this.span(t) }));
        },
      },
      {
        ALT: (): A.Pattern =>
          this.ACTION(() =>
            path.length > 0 ? { kind: "CtorPat", qualifier: path, name, args: null, span: this.span(t) } : { kind: "NamePat", name: name.name, span: this.tokSpan(t) },
          ),
      },
    ]);
  });

  private fieldPattern = this.RULE("fieldPattern", (): A.FieldPat => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name in struct pattern");
    const pattern =
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        return this.SUBRULE(this.pattern);
      }) ?? null;
    return this.ACTION(() => ({ name, pattern, span: this.span(start) }));
  });
}

function withLabel(t: A.TypeExpr, label: A.FlowLabel): A.TypeExpr {
  return label === null ? t : { ...t, label };
}

function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}
