// The Capa grammar as a chevrotain `EmbeddedActionsParser`: one rule per construct of notes §2,
// reading the laid-out token stream (NEWLINE/INDENT/DEDENT from `layout.ts`) and building the
// AST of `ast.ts` directly. Chevrotain chooses alternatives by LL(1) lookahead; the grammar's few
// context-sensitive spots (struct literals, `Fun(`, `if ... then`, named arguments, `>>` closing
// two generic lists) are GATEs. Errors are the reference's messages: a failed CONSUME carries its
// expectation as ERR_MSG, and every alternation ends in a fallback that names what was expected.
// Recovery is ours: a failed statement or item is skipped to the next one at its level. The
// machinery under the rules (state, look-ahead, spans, errors, shared DSL helpers) is in
// `parser-base.ts`.

import type { DSLMethodOpts, IOrAlt, OrMethodOpts, TokenType } from "./chevrotain.js";
import { DiagnosticBag, type Span } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import type { LaidToken } from "./layout.js";
import { decodeChar, decodeFloat, decodeInt, decodeString } from "./literals.js";
import { SyntaxMessages as M } from "./messages.js";
import { endToken, fitted, ParserBase, tokCol, tokLine } from "./parser-base.js";
import { spliceBody } from "./splices.js";
import { describe, kindName, pyRepr } from "./token-names.js";
import * as T from "./tokens.js";

const K = T.Keywords;


/** Words from other languages at top level, and what Capa writes instead (the reference's hints). */
const KEYWORD_HINTS: ReadonlyMap<string, string> = new Map(
  ([
    ["def", "fun"], ["function", "fun"], ["func", "fun"], ["fn", "fun"], ["class", "type"], ["struct", "type"],
    ["interface", "trait"], ["enum", "type Name =\n        Variant1\n        Variant2"], ["let", "const"],
  ] as [string, string][]).map(([word, capa]) => [word, ` (Capa uses ${pyRepr(capa)} here; did you mean that?)`]),
);


/** Precedence levels of the binary operators, 1 binding loosest; `not` sits at NOT_LEVEL. */
const BINARY_LEVELS: ReadonlyMap<TokenType, number> = new Map([
  [K.or, 1], [K.and, 2], [T.EqEq, 4], [T.NotEq, 4], [T.Lt, 4], [T.LtEq, 4], [T.Gt, 4], [T.GtEq, 4],
  [T.DotDot, 5], [T.DotDotEq, 5], [T.Pipe, 6], [T.Caret, 7], [T.Amp, 8], [T.Shl, 9], [T.Shr, 9],
  [T.Plus, 10], [T.Minus, 10], [T.Star, 11], [T.Slash, 11], [T.Percent, 11],
] as [TokenType, number][]);
const NOT_LEVEL = 3;
const COMPARISON_LEVEL = 4;
const RANGE_LEVEL = 5;
const BINARY_OPS: ReadonlyMap<TokenType, A.BinaryOp> = new Map([
  [K.or, "or"], [K.and, "and"], [T.EqEq, "=="], [T.NotEq, "!="], [T.Lt, "<"], [T.LtEq, "<="], [T.Gt, ">"], [T.GtEq, ">="],
  [T.Pipe, "|"], [T.Caret, "^"], [T.Amp, "&"], [T.Shl, "<<"], [T.Shr, ">>"], [T.Plus, "+"], [T.Minus, "-"],
  [T.Star, "*"], [T.Slash, "/"], [T.Percent, "%"],
] as [TokenType, A.BinaryOp][]);

// Subrule arguments, shared rather than allocated per call.
const STRUCTS = { ARGS: [false] as [boolean] };
const NO_STRUCTS = { ARGS: [true] as [boolean] };
/** `{ ARGS: [level] }` for each precedence level a right operand may start at. */
const OPERAND_ARGS = Array.from({ length: 13 }, (_, level) => ({ ARGS: [level] as [number] }));
const LOOSEST = OPERAND_ARGS[1]!;
const UNTYPED_OK = { ARGS: [true] as [boolean] };
const TYPED_ONLY = { ARGS: [false] as [boolean] };
const INLINE_ARM = { ARGS: [true] as [boolean] };
const BLOCK_ARM = { ARGS: [false] as [boolean] };
const ARM_BODY = { ARGS: [true] as [boolean] };

const COMPARISON: ReadonlyMap<TokenType, A.BinaryOp> = new Map([
  [T.EqEq, "=="], [T.NotEq, "!="], [T.Lt, "<"], [T.LtEq, "<="], [T.Gt, ">"], [T.GtEq, ">="],
] as [TokenType, A.BinaryOp][]);
/** Expression kinds that may stand left of `=` / `+=`. */
const ASSIGNABLE: ReadonlySet<A.Expr["kind"]> = new Set(["Name", "Field", "Index"]);

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

/** A top-level item's head, with its first token, its keyword and the doc comment on the first
 * token itself (which `impl` and `const` may not carry). */
interface TopItemHead extends ItemHead {
  readonly first: LaidToken;
  readonly keyword: LaidToken;
  readonly ownDoc: string | null;
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

class CapaParser extends ParserBase {
  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }

  parseProgram(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string): A.Program {
    this.begin(tokens, file, bag, text, 0);
    const program = this.program();
    this.parsePendingSplices();
    this.release();
    return program;
  }

  parseSplice(tokens: LaidToken[], file: string, bag: DiagnosticBag, depth: number): A.Expr | null {
    this.begin(tokens, file, bag, this.text, depth);
    const e = this.spliceBody() ?? null;
    this.parsePendingSplices();
    return e;
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
        if (!this.RECORDING_PHASE) {
          this.skipStrayLayout();
          if (this.LA(1) === before) this.next();
        }
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
    this.attributesRead = attributes;
    this.MANY(this.itemAttribute);
    const start = attributes.length > 0 ? first : this.peek();
    const isPub = this.OPTION(this.pubKeyword) !== undefined;
    const keyword = this.peek();
    const ownDoc = first.doc ?? null;
    this.head = { start, isPub, doc: ownDoc ?? keyword.doc ?? null, attributes, first, keyword, ownDoc };
    return this.OR(this.itemAlts);
  });
  private attributesRead: A.Attribute[] = [];
  private itemAttribute = () => {
    const attribute = this.SUBRULE(this.attribute);
    this.attributesRead.push(attribute);
    this.newlines(1);
  };
  private pubKeyword = () => this.CONSUME(K.pub);
  /** The head of the item being parsed, read by the alternatives before anything nested. */
  private head: TopItemHead = { start: endToken([], ""), isPub: false, doc: null, attributes: [], first: endToken([], ""), keyword: endToken([], ""), ownDoc: null };
  private itemAlts: IOrAlt<A.Item>[] = [
    { ALT: () => this.SUBRULE(this.funDecl, { ARGS: [this.head] }) },
    {
      ALT: () => {
        const h = this.noAttributes("type");
        return this.SUBRULE(this.typeDecl, { ARGS: [h, false] });
      },
    },
    {
      ALT: () => {
        const h = this.noAttributes("type");
        this.CONSUME(K.linear);
        if (!this.RECORDING_PHASE && !this.at(K.type)) this.fail(M.linearNeedsType, this.peek(), []);
        return this.SUBRULE2(this.typeDecl, { ARGS: [h, true] });
      },
    },
    { ALT: () => this.SUBRULE(this.typestateDecl, { ARGS: [this.noAttributes("typestate")] }) },
    { ALT: () => this.SUBRULE(this.traitLike, { ARGS: [this.noAttributes(this.head.keyword.tokenType === K.trait ? "trait" : "capability")] }) },
    {
      ALT: () => {
        const h = this.noAttributes("impl");
        if (!this.RECORDING_PHASE && h.ownDoc !== null) this.report(M.docOnImpl, this.tokSpan(h.keyword), []);
        return this.SUBRULE(this.implDecl, { ARGS: [h] });
      },
    },
    {
      ALT: () => {
        const h = this.noAttributes("const");
        if (!this.RECORDING_PHASE && h.ownDoc !== null) this.report(M.docOnConst, this.tokSpan(h.keyword), []);
        return this.SUBRULE(this.constDecl, { ARGS: [h] });
      },
    },
    { ALT: () => this.SUBRULE(this.externDecl, { ARGS: [this.noAttributes("extern")] }) },
    { ALT: () => this.SUBRULE(this.importDecl, { ARGS: [this.noAttributes("import")] }) },
    this.otherwise(1, () => {
      const { first, keyword: t, ownDoc } = this.head;
      if (ownDoc !== null) this.fail(M.danglingDoc, first, []);
      this.fail(M.expectedDeclaration, t, [kindName(t), t.tokenType === T.Identifier ? (KEYWORD_HINTS.get(t.image) ?? "") : ""]);
    }),
  ];

  /** The current item's head, after reporting attributes written on a `what` (only `fun` takes them). */
  private noAttributes(what: string): TopItemHead {
    const h = this.head;
    if (!this.RECORDING_PHASE && h.attributes.length > 0) this.report(M.attributeTarget, this.tokSpan(h.keyword), [what]);
    return h;
  }

  private attribute = this.RULE("attribute", (): A.Attribute => {
    const at = this.expect(1, T.At, "expected '@' to begin attribute");
    const name = this.ident(1, "expected attribute name after '@'");
    const args: A.AttributeArg[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      args.push(...this.attributeArgList());
      this.expect(1, T.RParen, "expected ')' to close attribute arguments");
    });
    const span = this.span(at);
    this.endStatement(3, () => `after '@${name.name}' attribute`);
    if (this.RECORDING_PHASE) return undefined as never;
    return { name: name.name, args, span };
  });

  private attributeArgList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.attributeArg));

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
    if (this.RECORDING_PHASE) return undefined as never;
    return { key: key.name, value: this.stringValue(v), span: this.spanFrom(key.span) };
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
    // A lambda's list is named as such in messages, as in the reference.
    this.expect(1, T.LParen, allowUntyped ? "expected '(' for lambda parameters" : "expected '(' for parameter list");
    this.untypedParams = allowUntyped;
    const params = this.paramList();
    this.expect(2, T.RParen, allowUntyped ? "expected ')' after lambda parameters" : "expected ')' to close parameter list");
    return params;
  });

  /** Whether the parameter list being read may leave types out (a lambda's). */
  private untypedParams = false;
  private paramList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.param, this.untypedParams ? UNTYPED_OK : TYPED_ONLY));

  private param = this.RULE("param", (allowUntyped: boolean): A.Param => {
    const start = this.peek();
    const mode = this.OPTION(this.paramMode) ?? null;
    const name = this.OR2(this.paramNameAlts);
    if (name === null) return { kind: "Param", name: "self", type: null, mode, isSelf: true, span: this.span(start) };
    const type = this.OPTION2(this.typeAnnotation) ?? null;
    if (this.RECORDING_PHASE) return undefined as never;
    if (type === null && !allowUntyped) {
      this.fail(M.expectToken, this.peek(), [`expected ':' after parameter name ${pyRepr(name.name)}`, describe(this.peek())]);
    }
    return { kind: "Param", name: name.name, type, mode, isSelf: false, span: this.span(start) };
  });
  private paramMode = (): A.ParamMode => this.OR(this.paramModeAlts);
  private paramModeAlts: IOrAlt<A.ParamMode>[] = [
    { ALT: () => (this.CONSUME(K.consume), "consume") },
    { ALT: () => (this.CONSUME(K.borrow), "borrow") },
  ];
  /** A parameter's name: `self` (null), `_` or an identifier. */
  private paramNameAlts: IOrAlt<A.Ident | null>[] = [
    { ALT: () => (this.CONSUME(K.self), null) },
    {
      ALT: () => {
        const u = this.CONSUME(T.Underscore) as LaidToken;
        return { name: "_", span: this.tokSpan(u) };
      },
    },
    { ALT: () => this.ident(1, "expected parameter name") },
    this.missing(1, "expected parameter name"),
  ];
  private typeAnnotation = (): A.TypeExpr => {
    this.CONSUME(T.Colon);
    return this.SUBRULE(this.type);
  };

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
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Fun", ...sig, isPub: h.isPub, doc: h.doc, attributes: h.attributes, body, span: this.span(h.start) };
  });

  private typeDecl = this.RULE("typeDecl", (h: ItemHead, isLinear: boolean): A.StructDecl | A.SumDecl => {
    this.expect(1, K.type, "expected 'type'");
    const name = this.ident(1, "expected type name");
    const generics = this.SUBRULE(this.generics);
    return this.OR([
      {
        ALT: (): A.StructDecl => {
          const fields = this.SUBRULE(this.fieldDecls);
          const span = this.RECORDING_PHASE ? (undefined as never) : this.span(h.start);
          this.endStatement(3, "after struct declaration");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Struct", name, isPub: h.isPub, isLinear, doc: h.doc, generics, fields, span };
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
              this.endStatement(2, "after variant");
            },
          });
          this.expect(1, T.Dedent, "expected dedent at end of sum type");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Sum", name, isPub: h.isPub, doc: h.doc, generics, variants: fitted(variants), span: this.span(h.start) };
        },
      },
      this.missing(1, "'{' or '='"),
    ]);
  });

  private variant = this.RULE("variant", (): A.Variant => {
    const start = this.peek();
    const name = this.identTotal(1, "expected variant name");
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
    if (this.RECORDING_PHASE) return undefined as never;
    return { name, payload: fitted(payload), span: this.span(start) };
  });

  private fieldDecls = this.RULE("fieldDecls", (): A.FieldDecl[] => {
    this.expect(1, T.LBrace, "expected '{'");
    const fields = this.fieldDeclList();
    this.expect(1, T.RBrace, "expected '}' to close struct");
    return fields;
  });

  private fieldDeclList = this.listOf(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldDecl));

  private fieldDecl = this.RULE("fieldDecl", (): A.FieldDecl => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name");
    this.expect(1, T.Colon, "expected ':' after field name");
    const type = this.SUBRULE(this.type);
    if (this.RECORDING_PHASE) return undefined as never;
    return { name, type, span: this.span(start) };
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
        this.endStatement(3, "after state name");
      },
    });
    this.expect(1, T.Dedent, "expected dedent at end of typestate");
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Typestate", name, isPub: h.isPub, doc: h.doc, fields, states, span: this.span(h.start) };
  });

  private traitLike = this.RULE("traitLike", (h: ItemHead): A.TraitDecl | A.CapabilityDecl => {
    const isTrait = this.OR([
      { ALT: () => (this.CONSUME(K.trait), true) },
      { ALT: () => (this.CONSUME(K.capability), false) },
    ]);
    const name = this.ident(1, isTrait ? "expected trait name" : "expected capability name");
    const generics = this.SUBRULE(this.generics);
    const methods = this.SUBRULE(this.signatureBlock, { ARGS: [false] });
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: isTrait ? "Trait" : "Capability", name, isPub: h.isPub, doc: h.doc, generics, methods, span: this.span(h.start) };
  });

  /** `uses [Net, Logger]`: `uses` is a contextual keyword, an identifier everywhere else. */
  private usesClause = this.RULE("usesClause", (): NonNullable<A.FunSig["uses"]> => {
    const keyword = this.CONSUME(T.Identifier);
    this.expect(1, T.LBracket, "expected '[' after 'uses'");
    const atoms: A.Ident[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const atom = this.ident(2, "expected a capability name in the 'uses' clause");
        this.ACTION(() => atoms.push(atom));
      },
    });
    this.expect(3, T.RBracket, "expected ']' to close the 'uses' clause");
    return { atoms, span: this.tokSpan(keyword) };
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
                    const uses =
                      this.OPTION({
                        GATE: () => this.at(T.Identifier) && this.peek().image === "uses",
                        DEF: () => this.SUBRULE(this.usesClause),
                      }) ?? null;
                    this.ACTION(() => methods.push({ kind: "FunSig", ...sig, uses, doc: s.doc ?? null, span: this.span(s) }));
                    this.endStatement(3, "after method signature");
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
    if (!this.RECORDING_PHASE) {
      if (!this.at(T.Identifier)) this.fail(M.expectToken, this.peek(), ["expected type or trait name", describe(this.peek())]);
    }
    const first = this.SUBRULE(this.type);
    let trait: A.TraitRef | null = null;
    let target = first;
    this.OPTION(() => {
      this.CONSUME(K.for);
      if (!this.RECORDING_PHASE) {
        if (first.kind !== "NamedType") this.fail(M.expected, this.prev(), ["a trait name before 'for'", "a type"]);
        trait = { qualifier: first.qualifier, name: first.name, args: first.args, span: first.span };
        if (!this.at(T.Identifier)) this.fail(M.expectToken, this.peek(), ["expected target type name", describe(this.peek())]);
      }
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
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Impl", trait, target, methods, span: this.span(h.start) };
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
    const value = this.SUBRULE(this.expr, STRUCTS);
    const span = this.RECORDING_PHASE ? (undefined as never) : this.span(h.start);
    this.endStatement(1, "after constant declaration");
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Const", name, isPub: h.isPub, type, value, span };
  });

  private externDecl = this.RULE("externDecl", (h: ItemHead): A.ExternDecl => {
    this.expect(1, K.extern, "expected 'extern'");
    if (!this.RECORDING_PHASE) {
      if (!(this.at(T.Identifier) && this.peek().image === "component")) this.fail(M.externComponent, this.peek(), []);
    }
    this.CONSUME1(T.Identifier);
    const name = this.ident(2, "expected foreign-component name");
    if (!this.RECORDING_PHASE) {
      if (!(this.at(T.Identifier) && this.peek().image === "from")) this.fail(M.externFrom, this.peek(), []);
    }
    this.CONSUME3(T.Identifier);
    const src = this.expect(1, T.StringLiteral, "expected a string-literal path to the .wasm Component Model artifact after 'from'");
    const methods = this.SUBRULE(this.signatureBlock, { ARGS: [true] });
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Extern", name, isPub: h.isPub, source: this.stringValue(src), methods, span: this.span(h.start) };
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
    const span = this.RECORDING_PHASE ? (undefined as never) : this.span(h.start);
    this.endStatement(1, "after import declaration");
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Import", path, alias, span };
  });

  // ───────────── types ─────────────

  private type = this.RULE("type", (): A.TypeExpr => {
    const start = this.peek();
    const label = (this.mayStart(this.at(T.At)) && this.OPTION(this.flowLabel)) || null;
    this.typeStart = start;
    this.typeLabel = label;
    return this.OR(this.typeAlts);
  });
  private flowLabel: DSLMethodOpts<A.FlowLabel> = {
    GATE: () => this.at(T.Identifier, 2) && (this.peek(2).image === "secret" || this.peek(2).image === "public"),
    DEF: () => {
      this.CONSUME(T.At);
      return this.CONSUME(T.Identifier).image as "secret" | "public";
    },
  };
  // Where the type being parsed starts and its label: read by the alternatives before anything
  // nested can overwrite them.
  private typeStart: LaidToken = endToken([], "");
  private typeLabel: A.FlowLabel = null;
  private typeAlts: IOrAlt<A.TypeExpr>[] = [
    {
      ALT: (): A.TypeExpr => {
        const { typeStart: start, typeLabel: label } = this;
        this.CONSUME(K.Self);
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "SelfType", label, span: this.span(start) };
      },
    },
    {
      ALT: (): A.TypeExpr => {
        const { typeStart: start, typeLabel: label } = this;
        this.CONSUME(T.LParen);
        const elements = this.tupleTypeList();
        const trailingComma = this.prev().tokenType === T.Comma;
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
        const { typeStart: start, typeLabel: label } = this;
        this.CONSUME2(T.Identifier);
        this.CONSUME2(T.LParen);
        const params = this.funTypeParamList();
        this.expect(2, T.RParen, "expected ')' to close 'Fun(...)'");
        this.expect(1, T.Arrow, "expected '->' after 'Fun(...)'");
        const ret = this.SUBRULE5(this.type);
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "FunType", params, ret, label, span: this.span(start) };
      },
    },
    { ALT: (): A.TypeExpr => this.SUBRULE(this.namedType) },
    this.missing(1, "expected type name"),
  ];
  private tupleTypeList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.type));
  private funTypeParamList = this.listOf(3, T.RParen, (occurrence) => this.subrule(occurrence, this.type));

  /** `a.b.Name<Args>[State]`; its start and label are those of the enclosing `type`. */
  private namedType = this.RULE("namedType", (): A.NamedType => {
    const { typeStart: start, typeLabel: label } = this;
    const path = [this.CONSUME(T.Identifier).image];
    this.segments = path;
    if (this.mayStart(this.at(T.Dot))) this.MANY(this.qualifierSegment);
    const name = path.pop()!;
    const args = this.OPTION(this.typeArgs) ?? [];
    const state = (this.mayStart(this.at(T.LBracket)) && this.OPTION2(this.typeState)) || null;
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "NamedType", qualifier: fitted(path), name, args, state, label, span: this.span(start) };
  });
  /** The dotted path being read by `qualifierSegment` (tokens only: nothing nested), and its
   * last token. */
  private segments: string[] = [];
  private segmentEnd: LaidToken = endToken([], "");
  private qualifierSegment: DSLMethodOpts<void> = {
    GATE: () => this.at(T.Identifier, 2),
    DEF: () => {
      this.CONSUME(T.Dot);
      this.segmentEnd = this.CONSUME2(T.Identifier) as LaidToken;
      this.segments.push(this.segmentEnd.image);
    },
  };
  private typeArgs = (): A.TypeExpr[] => {
    this.CONSUME(T.Lt);
    const args = [this.SUBRULE(this.type)];
    this.MANY2({
      GATE: () => !this.pendingGt,
      DEF: () => {
        this.CONSUME(T.Comma);
        args.push(this.SUBRULE2(this.type));
      },
    });
    this.SUBRULE(this.closeAngle, { ARGS: ["expected '>' to close type argument list"] });
    return args;
  };
  private typeState: DSLMethodOpts<string> = {
    GATE: () => this.at(T.Identifier, 2) && this.at(T.RBracket, 3),
    DEF: () => {
      this.CONSUME(T.LBracket);
      const s = this.CONSUME3(T.Identifier).image;
      this.CONSUME(T.RBracket);
      return s;
    },
  };

  // ───────────── statements ─────────────

  private block = this.RULE("block", (): A.Block => {
    this.expect(1, T.Newline, "expected newline before block");
    const indent = this.expect(1, T.Indent, "expected indented block");
    const stmts: A.Stmt[] = [];
    this.blockStmts = stmts;
    this.enterBlock();
    try {
      this.MANY(this.blockStatement);
    } finally {
      this.leaveBlock();
    }
    this.OPTION(this.dedent);
    if (this.RECORDING_PHASE) return undefined as never;
    const first = stmts[0];
    return { kind: "Block", stmts: fitted(stmts), span: first ? this.spanFrom(first.span) : this.span(indent) };
  });
  /** The statements of the innermost block being read (restored after each nested statement). */
  private blockStmts: A.Stmt[] = [];
  private blockStatement: DSLMethodOpts<void> = {
    GATE: () => !this.at(T.Dedent) && !this.atEof(),
    DEF: () => {
      const stmts = this.blockStmts;
      const before = this.LA(1);
      try {
        const stmt = this.SUBRULE(this.statement);
        stmts.push(stmt);
      } catch (e) {
        this.absorb(e);
        this.recoverStatement();
      }
      this.blockStmts = stmts;
      this.newlines(2);
      if (!this.RECORDING_PHASE && this.LA(1) === before) this.next();
    },
  };
  private dedent = () => this.CONSUME(T.Dedent);

  private statement = this.RULE("statement", (): A.Stmt => {
    const start = this.peek();
    if (!this.RECORDING_PHASE) {
      if (start.doc !== undefined && start.tokenType !== K.fun) this.report(M.danglingDoc, this.tokSpan(start), []);
    }
    return this.OR(this.statementAlts);
  });
  private statementAlts: OrMethodOpts<A.Stmt> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.let);
            const pattern = this.SUBRULE(this.pattern);
            const { type, value } = this.bindingTail(1, "expected '=' in let binding");
            const span = this.span(start);
            this.endStatement(11, "after let binding");
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Let", pattern, type, value, span };
          },
        },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.var);
            const name = this.ident(1, "expected variable name");
            const { type, value } = this.bindingTail(2, "expected '=' in var declaration");
            const span = this.span(start);
            this.endStatement(12, "after var declaration");
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Var", name, type, value, span };
          },
        },
        // `if c then a else b` at statement start is an expression statement, not an if block.
        { GATE: () => this.at(K.if) && !this.isIfExpression(), ALT: (): A.Stmt => this.SUBRULE(this.ifStatement) },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.while);
            const cond = this.SUBRULE3(this.expr, NO_STRUCTS);
            const body = this.SUBRULE(this.block);
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "While", cond, body, span: this.span(start) };
          },
        },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.for);
            const pattern = this.SUBRULE2(this.pattern);
            this.expect(1, K.in, "expected 'in' in for loop");
            const iterable = this.SUBRULE4(this.expr, NO_STRUCTS);
            const body = this.SUBRULE2(this.block);
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "For", pattern, iterable, body, span: this.span(start) };
          },
        },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.return);
            const value =
              this.OPTION3({
                GATE: () => !(this.at(T.Newline) || this.at(T.Dedent) || this.atEof() || this.at(T.RBrace) || this.at(T.Comma)),
                DEF: () => this.SUBRULE5(this.expr, STRUCTS),
              }) ?? null;
            const span = this.span(start);
            this.endStatement(13, "after return statement");
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Return", value, span };
          },
        },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.break);
            const span = this.span(start);
            this.endStatement(14, "after 'break'");
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Break", span };
          },
        },
        {
          ALT: (): A.Stmt => {
            const start = this.peek();
            this.CONSUME(K.continue);
            const span = this.span(start);
            this.endStatement(15, "after 'continue'");
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Continue", span };
          },
        },
        { ALT: (): A.Stmt => this.SUBRULE2(this.exprStatement) },
      ],
    };

  /** `(':' type)? '=' value`, the rest of a `let` or a `var`, with DSL occurrences `idx`. */
  private bindingTail(idx: number, missingEq: string): { type: A.TypeExpr | null; value: A.Expr } {
    const annotation = (this.annotationAt[idx] ??= () => {
      this.consume(idx, T.Colon);
      return this.subrule(idx, this.type);
    });
    const type = this.option(idx, annotation) ?? null;
    this.expect(idx, T.Eq, missingEq);
    const value = this.subrule(idx, this.expr, STRUCTS);
    return { type, value };
  }
  private readonly annotationAt: (() => A.TypeExpr)[] = [];

  /** An expression on its own, or the target of an assignment; `inArm`: the body of a match arm
   * on the arm's own line (only the message for what follows differs). */
  private exprStatement = this.RULE("exprStatement", (inArm = false): A.Stmt => {
    const start = this.peek();
    const expr = this.SUBRULE(this.expr, STRUCTS);
    const op = this.OPTION(() => {
      const t = this.CONSUME(T.AssignOperator);
      const value = this.SUBRULE2(this.expr, STRUCTS);
      // Reported where the statement ends, as the reference does.
      if (!this.RECORDING_PHASE && !ASSIGNABLE.has(expr.kind)) this.report(M.invalidAssignTarget, this.tokSpan(this.peek()), []);
      return { op: ASSIGN_OPS.get(t.tokenType)!, value };
    });
    const span = this.span(start);
    this.endStatement(1, () => {
      if (op === undefined) return inArm ? "after match arm body" : "after expression statement";
      return inArm ? `after assignment '${op.op}' in match arm` : `after assignment '${op.op}'`;
    });
    if (this.RECORDING_PHASE) return undefined as never;
    return op === undefined ? { kind: "ExprStmt", expr, span } : { kind: "Assign", target: expr, op: op.op, value: op.value, span };
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
    const cond = this.SUBRULE(this.expr, NO_STRUCTS);
    const body = this.SUBRULE(this.block);
    this.ACTION(() => branches.push({ cond, body, span: this.span(start) }));
    this.MANY(() => {
      const t = this.CONSUME(K.elif) as LaidToken;
      const c = this.SUBRULE2(this.expr, NO_STRUCTS);
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
              if (this.RECORDING_PHASE) return undefined as never;
              return { kind: "Block", stmts: [nested], span: nested.span };
            },
          },
          { ALT: (): A.Block => this.SUBRULE3(this.block) },
          this.missing(1, "expected newline before block"),
        ]);
      }) ?? null;
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "If", branches, elseBody, span: this.span(start) };
  });

  // ───────────── expressions ─────────────

  /** `noStruct`: struct literals are off (match scrutinees and block-header conditions) until a
   * nested expression (in brackets, arguments, ...) turns them back on. */
  private expr = this.RULE("expr", (noStruct: boolean): A.Expr => {
    this.enter();
    const outer = this.noStruct;
    this.noStruct = noStruct;
    try {
      return this.OR(
        (this.exprAlts ??= {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.SUBRULE(this.lambda) },
            { ALT: () => this.SUBRULE(this.ifExpr) },
            { ALT: () => this.SUBRULE(this.binaryExpr, LOOSEST) },
          ],
        }),
      );
    } finally {
      this.noStruct = outer;
      this.leave();
    }
  });
  private exprAlts?: OrMethodOpts<A.Expr>;

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
      DEF: [{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.expr, STRUCTS) }],
    });
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "Lambda", params, returnType, body, span: this.span(start) };
  });

  private ifExpr = this.RULE("ifExpr", (): A.IfExpr => {
    const start = this.expect(1, K.if, "expected 'if'");
    const cond = this.SUBRULE(this.expr, STRUCTS);
    this.expect(1, K.then, "expected 'then' in if-expression");
    const then = this.SUBRULE2(this.expr, STRUCTS);
    this.expect(1, K.else, "expected 'else' in if-expression");
    const otherwise = this.SUBRULE3(this.expr, STRUCTS);
    if (this.RECORDING_PHASE) return undefined as never;
    return { kind: "IfExpr", cond, then, else: otherwise, span: this.span(start) };
  });

  /** Binary operators by precedence climbing: an operand, then operators of level `minLevel` or
   * tighter (BINARY_LEVELS) with their right operands one level tighter. Comparisons and ranges
   * do not associate: after one, only a looser operator may follow (and a second comparison is
   * an error, as in the reference). The loop keeps its state in `climb`, saved around the nested
   * right operand, so that no closure is made per operand. */
  private binaryExpr = this.RULE("binaryExpr", (minLevel: number): A.Expr => {
    const outer = this.climb;
    this.minLevel = minLevel;
    const left = this.OR(
      (this.operandAlts ??= {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: () => {
              // `not` binds looser than comparisons: as their operand it starts no expression.
              if (!this.RECORDING_PHASE) {
                if (this.minLevel > NOT_LEVEL) this.fail(M.expected, this.peek(), ["expression", describe(this.peek())]);
              }
              return this.SUBRULE(this.notExpr);
            },
          },
          { ALT: () => this.SUBRULE(this.unary) },
        ],
      }),
    );
    if (!this.mayStart(BINARY_LEVELS.has(this.LA(1).tokenType))) return left;
    this.climb = { left, minLevel, ceiling: Infinity, operators: 0 };
    try {
      this.MANY(this.binaryLoop);
      return this.climb.left;
    } finally {
      this.climb = outer;
    }
  });
  private minLevel = 0;
  private operandAlts?: OrMethodOpts<A.Expr>;
  private climb = { left: null as unknown as A.Expr, minLevel: 0, ceiling: Infinity, operators: 0 };
  private binaryLoop: DSLMethodOpts<void> = {
    GATE: () => {
      const level = BINARY_LEVELS.get(this.LA(1).tokenType) ?? 0;
      return level >= this.climb.minLevel && level <= this.climb.ceiling;
    },
    DEF: () => {
      const climb = this.climb;
      const op = this.CONSUME(T.BinaryOperator);
      this.chainOperator(++climb.operators, op as LaidToken);
      const level = BINARY_LEVELS.get(op.tokenType) ?? 0;
      const right = this.SUBRULE2(this.binaryExpr, OPERAND_ARGS[level + 1]);
      this.climb = climb;
      this.ACTION(() => {
        const left = climb.left;
        if (level === RANGE_LEVEL) {
          climb.ceiling = RANGE_LEVEL - 1; // a second range operator is left for the caller to reject
          climb.left = { kind: "Range", start: left, end: right, inclusive: op.tokenType === T.DotDotEq, span: joinSpans(left.span, right.span) };
          return;
        }
        if (level === COMPARISON_LEVEL) {
          if (COMPARISON.has(this.peek().tokenType)) this.fail(M.nonAssocComparison, this.peek(), []);
          climb.ceiling = COMPARISON_LEVEL - 1;
        } else climb.ceiling = level;
        climb.left = { kind: "Binary", op: BINARY_OPS.get(op.tokenType)!, left, right, span: joinSpans(left.span, right.span) };
      });
    },
  };

  private notExpr = this.RULE("notExpr", (): A.Expr => {
    const t = this.CONSUME(K.not) as LaidToken;
    this.enter();
    try {
      const operand = this.SUBRULE(this.binaryExpr, { ARGS: [NOT_LEVEL] });
      if (this.RECORDING_PHASE) return undefined as never;
      return { kind: "Unary", op: "not", operand, span: this.spanFrom(this.tokSpan(t)) };
    } finally {
      this.leave();
    }
  });

  private unary = this.RULE("unary", (): A.Expr =>
    this.OR(
      (this.unaryAlts ??= {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: (): A.Expr => {
              const t = this.CONSUME(T.Minus) as LaidToken;
              this.enter();
              try {
                const operand = this.SUBRULE(this.unary);
                if (this.RECORDING_PHASE) return undefined as never;
                return { kind: "Unary", op: "-", operand, span: this.spanFrom(this.tokSpan(t)) };
              } finally {
                this.leave();
              }
            },
          },
          {
            ALT: (): A.Expr => {
              const bang = this.CONSUME(T.Bang) as LaidToken;
              if (this.RECORDING_PHASE) return undefined as never;
              return this.fail(M.bang, bang, []);
            },
          },
          { ALT: (): A.Expr => this.SUBRULE(this.postfix) },
        ],
      }),
    ),
  );
  private unaryAlts?: OrMethodOpts<A.Expr>;

  /** Calls, indexing, field access and `?` after a primary. Each suffix reads the expression
   * it applies to from `receiver`, set just before the choice. */
  private postfix = this.RULE("postfix", (): A.Expr => {
    const outer = this.suffixes;
    this.suffixes = 0;
    try {
      this.receiver = this.SUBRULE(this.primary);
      this.MANY(this.suffix);
      return this.receiver;
    } finally {
      this.suffixes = outer;
    }
  });
  /** Suffixes (`.f`, `(...)`, `[...]`, `?`) read so far on the innermost postfix chain: each nests the tree one level. */
  private suffixes = 0;
  private suffix = () => {
    this.chainOperator(++this.suffixes, this.peek());
    this.receiver = this.OR(this.suffixAlts);
  };
  private receiver: A.Expr = { kind: "Unit", span: { file: "", line: 1, col: 1, endLine: 1, endCol: 1 } };
  private suffixAlts: IOrAlt<A.Expr>[] = [
    {
      ALT: () => {
        const receiver = this.receiver;
        this.CONSUME(T.Dot);
        const name = this.ident(1, "expected field or method name");
        return this.OR2([
          {
            ALT: (): A.Expr => {
              const args = this.SUBRULE(this.args);
              if (this.RECORDING_PHASE) return undefined as never;
              return { kind: "MethodCall", receiver, method: name, args, span: this.spanFrom(receiver.span) };
            },
          },
          { ALT: (): A.Expr => this.ACTION(() => ({ kind: "Field", object: receiver, name, span: this.spanFrom(receiver.span) })) },
        ]);
      },
    },
    {
      ALT: () => {
        const callee = this.receiver;
        const args = this.SUBRULE2(this.args);
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "Call", callee, args, span: this.spanFrom(callee.span) };
      },
    },
    {
      ALT: () => {
        const object = this.receiver;
        this.CONSUME(T.LBracket);
        const index = this.SUBRULE(this.expr, STRUCTS);
        this.expect(1, T.RBracket, "expected ']' after index expression");
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "Index", object, index, span: this.spanFrom(object.span) };
      },
    },
    {
      ALT: () => {
        const expr = this.receiver;
        this.CONSUME(T.Question);
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "Try", expr, span: this.spanFrom(expr.span) };
      },
    },
  ];

  private args = this.RULE("args", (): A.Arg[] => {
    this.expect(1, T.LParen, "expected '('");
    const args = this.argList();
    this.expect(1, T.RParen, "expected ')' to close call argument list");
    return args;
  });

  private argList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.arg));

  private arg = this.RULE("arg", (): A.Arg => {
    const start = this.peek();
    const name = (this.mayStart(this.at(T.Colon, 2)) && this.OPTION(this.argName)) || null;
    const value = this.SUBRULE(this.expr, STRUCTS);
    if (this.RECORDING_PHASE) return undefined as never;
    return { name, value, span: this.span(start) };
  });
  private argName: DSLMethodOpts<A.Ident> = {
    GATE: () => this.at(T.Colon, 2),
    DEF: () => {
      const t = this.CONSUME(T.Identifier) as LaidToken;
      this.CONSUME(T.Colon);
      return { name: t.image, span: this.tokSpan(t) };
    },
  };


  private listElements = this.listOf(1, T.RBracket, (occurrence) => this.subrule(occurrence + 1, this.expr, STRUCTS));

  private primary = this.RULE("primary", (): A.Expr => this.OR(this.primaryAlts));
  private primaryAlts: OrMethodOpts<A.Expr> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      ...[T.IntLiteral, T.FloatLiteral, T.StringLiteral, T.RawStringLiteral, T.CharLiteral, K.true, K.false].map((type) => ({
        ALT: (): A.Expr => {
          const t = this.CONSUME(type) as LaidToken;
          if (this.RECORDING_PHASE) return undefined as never;
          return this.literalValue(t);
        },
      })),
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(K.self) as LaidToken;
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Self", span: this.tokSpan(t) };
        },
      },
      { ALT: (): A.Expr => this.SUBRULE(this.matchExpr) },
      { ALT: (): A.Expr => this.SUBRULE(this.lambda) },
      { ALT: (): A.Expr => this.SUBRULE(this.ifExpr) },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(K.become) as LaidToken;
          this.expect(1, T.LParen, "expected '(' after 'become'");
          const value = this.SUBRULE(this.expr, STRUCTS);
          this.expect(5, T.Comma, "expected ',' between the value and the target state in become(value, State)");
          const state = this.ident(1, "expected a target state name in become(value, State)");
          this.expect(1, T.RParen, "expected ')' to close become(...)");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Become", value, state, span: this.span(t) };
        },
      },
      { ALT: (): A.Expr => this.SUBRULE(this.parenthesized) },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.LBracket) as LaidToken;
          const elements = this.listElements();
          this.expect(1, T.RBracket, "expected ']' to close list literal");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "List", elements, span: this.span(t) };
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.Identifier) as LaidToken;
          this.nameTok = t;
          const lit = this.mayStart(this.at(T.LBrace) || this.at(T.LBracket)) ? this.OPTION(this.structLitAfterName) : undefined;
          return lit ?? { kind: "Name", name: t.image, span: this.tokSpan(t) };
        },
      },
      this.otherwise(1, () => this.fail(M.expected, this.peek(), ["expression", describe(this.peek())])),
    ],
  };

  private parenthesized = this.RULE("parenthesized", (): A.Expr => {
    const open = this.expect(1, T.LParen, "expected '('");
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        ALT: (): A.Expr => {
          this.CONSUME(T.RParen);
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Unit", span: this.span(open) };
        },
      },
      {
        ALT: (): A.Expr => {
          const first = this.SUBRULE(this.expr, STRUCTS);
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
                    elements.push(this.SUBRULE2(this.expr, STRUCTS));
                  },
                });
                this.OPTION(() => this.CONSUME2(T.Comma));
                this.expect(3, T.RParen, "expected ')' to close tuple");
                if (this.RECORDING_PHASE) return undefined as never;
                return { kind: "Tuple", elements, span: this.span(open) };
              },
            },
            this.missing(2, "expected ')' or ',' in parenthesized expression"),
          ]});
        },
      },
    ]});
  });

  /** After a name: a struct literal `Name { ... }` or `Name[State] { ... }`, where struct
   * literals are on and the name is capitalised. Reads the name from `nameTok`. */
  private structLitAfterName: DSLMethodOpts<A.StructLit> = {
    GATE: () =>
      (this.at(T.LBrace) || (this.at(T.LBracket) && this.at(T.Identifier, 2) && this.at(T.RBracket, 3) && this.at(T.LBrace, 4))) &&
      !this.noStruct &&
      /^\p{Lu}/u.test(this.nameTok.image),
    DEF: () =>
      this.OR2([
        { ALT: () => this.SUBRULE(this.structLit, { ARGS: [this.nameTok, null] }) },
        {
          ALT: () => {
            const nameTok = this.nameTok;
            this.CONSUME2(T.LBracket);
            const state = this.CONSUME2(T.Identifier).image;
            this.CONSUME(T.RBracket);
            return this.SUBRULE2(this.structLit, { ARGS: [nameTok, state] });
          },
        },
      ]),
  };
  private nameTok: LaidToken = endToken([], "");

  private structLit = this.RULE("structLit", (nameTok: LaidToken, state: string | null): A.StructLit => {
    this.expect(1, T.LBrace, "expected '{'");
    const fields = this.fieldInitList();
    this.expect(1, T.RBrace, "expected '}' to close struct literal");
    if (this.RECORDING_PHASE) return undefined as never;
    return {
      kind: "StructLit",
      qualifier: [],
      name: { name: nameTok.image, span: this.tokSpan(nameTok) },
      state,
      fields,
      span: this.span(nameTok),
    };
  });

  private fieldInitList = this.listOf(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldInit));

  private fieldInit = this.RULE("fieldInit", (): A.FieldInit => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name");
    this.expect(1, T.Colon, "expected ':' in struct literal field");
    const value = this.SUBRULE(this.expr, STRUCTS);
    if (this.RECORDING_PHASE) return undefined as never;
    return { name, value, span: this.span(start) };
  });

  private stringExpr(t: LaidToken): A.Expr {
    const raw = t.tokenType === T.RawStringLiteral;
    const span = this.tokSpan(t);
    const parts = decodeString(t.image, raw, this.posOf(t), this.bag);
    if (parts.length === 1 && parts[0]!.kind === "text") return { kind: "String", value: parts[0]!.value, isRaw: raw, span };
    const line = tokLine(t);
    const col = tokCol(t);
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
    for (const s of pending) {
      const bag = new DiagnosticBag();
      const tokens = s.body.tokens(bag);
      if (!bag.hasErrors) {
        const e = this.parseSplice(tokens, this.file, bag, s.depth);
        if (e !== null) s.part.expr = e;
      }
      const first = bag.sorted()[0];
      if (first !== undefined) s.bag.report(M.interpolationError, this.tokSpan(s.after), [first.message]);
    }
  }

  private spliceBody = this.RULE("spliceBody", (): A.Expr | null => {
    try {
      const e = this.SUBRULE(this.expr, STRUCTS);
      this.newlines(1);
      this.OR(this.spliceEndAlts);
      return e;
    } catch (e) {
      this.absorb(e);
      return null;
    }
  });

  private spliceEndAlts: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.EndOfFile) },
    this.otherwise(1, () => this.report(M.interpolationLeftover, this.tokSpan(this.peek()), [])),
  ];

  private matchExpr = this.RULE("matchExpr", (): A.MatchExpr => {
    const start = this.expect(1, K.match, "expected 'match'");
    const scrutinee = this.SUBRULE(this.expr, NO_STRUCTS);
    const arms: A.MatchArm[] = [];
    return this.OR([
      {
        ALT: (): A.MatchExpr => {
          this.CONSUME(T.LBrace);
          arms.push(...this.inlineArmList());
          this.expect(1, T.RBrace, "expected '}' to close inline match arms");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Match", scrutinee, arms, inline: true, span: this.span(start) };
        },
      },
      {
        ALT: (): A.MatchExpr => {
          this.expect(1, T.Newline, "expected newline or '{' after match scrutinee");
          this.expect(1, T.Indent, "expected indented match arms");
          this.MANY({
            GATE: () => !this.at(T.Dedent) && !this.atEof(),
            DEF: () => {
              arms.push(this.SUBRULE3(this.arm, BLOCK_ARM));
              this.newlines(3);
            },
          });
          this.expect(1, T.Dedent, "expected dedent at end of match");
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "Match", scrutinee, arms: fitted(arms), inline: false, span: this.span(start) };
        },
      },
      this.missing(1, "expected newline or '{' after match scrutinee"),
    ]);
  });

  private inlineArmList = this.listOf(1, T.RBrace, (occurrence) => this.subrule(occurrence, this.arm, INLINE_ARM));

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
        return this.SUBRULE(this.expr, STRUCTS);
      }) ?? null;
    this.expect(1, T.Arrow, inline ? "expected '->' in inline match arm" : "expected '->' in match arm");
    const body: A.Expr | A.Block = this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => !inline && this.at(T.Newline), ALT: () => this.SUBRULE(this.block) },
        // On the arm's own line, as in the reference: `return`, `break` and `continue`; in an
        // indented match an assignment too; otherwise an expression (so `let` or `while` there
        // is "expected expression", and `if` must be an if-expression).
        {
          GATE: () => this.at(K.return) || this.at(K.break) || this.at(K.continue),
          ALT: (): A.Block => {
            const stmt = this.SUBRULE(this.statement);
            if (this.RECORDING_PHASE) return undefined as never;
            return { kind: "Block", stmts: [stmt], span: stmt.span };
          },
        },
        {
          GATE: () => !inline,
          ALT: (): A.Expr | A.Block => {
            const stmt = this.SUBRULE(this.exprStatement, ARM_BODY);
            if (this.RECORDING_PHASE) return undefined as never;
            return stmt.kind === "ExprStmt" ? stmt.expr : { kind: "Block", stmts: [stmt], span: stmt.span };
          },
        },
        { ALT: () => this.SUBRULE2(this.expr, STRUCTS) },
      ],
    });
    if (this.RECORDING_PHASE) return undefined as never;
    return { patterns, guard, body, span: this.span(start) };
  });

  // ───────────── patterns ─────────────

  private pattern = this.RULE("pattern", (): A.Pattern => {
    this.patternStart = this.peek();
    return this.OR(this.patternAlts);
  });
  /** The first token of the pattern being read, for the alternatives to take before nesting. */
  private patternStart: LaidToken = endToken([], "");
  private patternAlts: OrMethodOpts<A.Pattern> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: (): A.Pattern => {
          const t = this.CONSUME(T.Underscore) as LaidToken;
          if (this.RECORDING_PHASE) return undefined as never;
          return { kind: "WildcardPat", span: this.tokSpan(t) };
        },
      },
      {
        ALT: (): A.Pattern => {
          const t = this.CONSUME(T.Literal) as LaidToken;
          if (this.RECORDING_PHASE) return undefined as never;
          const value = this.literalValue(t) as A.LiteralPat["value"];
          return { kind: "LiteralPat", value, negative: false, span: value.span };
        },
      },
      {
        ALT: (): A.Pattern => {
          const t = this.CONSUME(T.Minus) as LaidToken;
          if (!this.RECORDING_PHASE) {
            const n = this.peek();
            if (n.tokenType !== T.IntLiteral && n.tokenType !== T.FloatLiteral) this.fail(M.expectedPattern, t, [kindName(t)]);
          }
          const number = this.CONSUME2(T.Literal) as LaidToken;
          if (this.RECORDING_PHASE) return undefined as never;
          const value = this.literalValue(number) as A.IntLit | A.FloatLit;
          return { kind: "LiteralPat", value, negative: true, span: this.span(t) };
        },
      },
      {
        ALT: (): A.Pattern => {
          const t = this.CONSUME(T.LParen) as LaidToken;
          const elements = this.tuplePatternList();
          this.expect(1, T.RParen, elements.length > 1 ? "expected ')' to close tuple pattern" : "expected ')' to close pattern");
          if (this.RECORDING_PHASE) return undefined as never;
          return elements.length === 1 ? elements[0]! : { kind: "TuplePat", elements, span: this.span(t) };
        },
      },
      { ALT: (): A.Pattern => this.SUBRULE(this.namedPattern) },
      this.otherwise(1, () => this.fail(M.expectedPattern, this.patternStart, [kindName(this.patternStart)])),
    ],
  };

  /** A literal token's value, as an expression or in a pattern. */
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

  private tuplePatternList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.pattern));
  private ctorPatternList = this.listOf(1, T.RParen, (occurrence) => this.subrule(occurrence, this.pattern));
  private fieldPatternList = this.listOf(3, T.RBrace, (occurrence) => this.subrule(occurrence, this.fieldPattern));

  private namedPattern = this.RULE("namedPattern", (): A.Pattern => {
    const t = this.CONSUME(T.Identifier) as LaidToken;
    const path = [t.image];
    this.segments = path;
    this.segmentEnd = t;
    if (this.mayStart(this.at(T.Dot))) this.MANY(this.qualifierSegment);
    const last = this.segmentEnd;
    const name: A.Ident = { name: path.pop()!, span: this.tokSpan(last) };
    this.patternName = { start: t, path: fitted(path), name };
    return this.OR(this.namedPatternAlts);
  });
  /** The name a named pattern starts with, for its alternatives to take before nesting. */
  private patternName: { start: LaidToken; path: string[]; name: A.Ident } = { start: endToken([], ""), path: [], name: { name: "", span: this.tokSpan(endToken([], "")) } };
  private namedPatternAlts: IOrAlt<A.Pattern>[] = [
    {
      ALT: (): A.Pattern => {
        const { start, path, name } = this.patternName;
        this.CONSUME(T.LParen);
        const args = this.ctorPatternList();
        this.expect(1, T.RParen, "expected ')' after variant payload(s)");
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "CtorPat", qualifier: path, name, args, span: this.span(start) };
      },
    },
    {
      GATE: () => this.at(T.LBrace) && /^\p{Lu}/u.test(this.patternName.name.name),
      ALT: (): A.Pattern => {
        const { start, path, name } = this.patternName;
        this.CONSUME(T.LBrace);
        const fields = this.fieldPatternList();
        this.expect(1, T.RBrace, "expected '}' to close struct pattern");
        if (this.RECORDING_PHASE) return undefined as never;
        return { kind: "StructPat", qualifier: path, name, fields, span: this.span(start) };
      },
    },
    {
      ALT: (): A.Pattern => {
        const { start, path, name } = this.patternName;
        if (this.RECORDING_PHASE) return undefined as never;
        return path.length > 0 ? { kind: "CtorPat", qualifier: path, name, args: null, span: this.span(start) } : { kind: "NamePat", name: name.name, span: this.tokSpan(start) };
      },
    },
  ];

  private fieldPattern = this.RULE("fieldPattern", (): A.FieldPat => {
    const start = this.peek();
    const name = this.identTotal(1, "expected field name in struct pattern");
    const pattern =
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        return this.SUBRULE(this.pattern);
      }) ?? null;
    if (this.RECORDING_PHASE) return undefined as never;
    return { name, pattern, span: this.span(start) };
  });
}

function withLabel(t: A.TypeExpr, label: A.FlowLabel): A.TypeExpr {
  return label === null ? t : { ...t, label };
}

function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}
