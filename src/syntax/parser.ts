// Recursive-descent parser from the laid-out chevrotain token stream to the AST in `ast.ts`.
// One function per grammar rule, in the order of notes §2. Reports syntax errors as
// diagnostics and recovers at statement and item boundaries; never throws to its caller.

import type { TokenType } from "./chevrotain.js";
import { DiagnosticBag, type DiagnosticSpec, type Span } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { lexRaw } from "./lexer.js";
import { layout, type LaidToken } from "./layout.js";
import { decodeChar, decodeFloat, decodeInt, decodeString } from "./literals.js";
import { SyntaxMessages as M } from "./messages.js";
import * as T from "./tokens.js";

const K = T.Keywords;
const MAX_NESTING = 40;

/** Internal unwinding to the nearest recovery point; never escapes `parseTokens`. */
class Bail {
  constructor(readonly reported: boolean) {}
}

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
const ADDITIVE: ReadonlyMap<TokenType, A.BinaryOp> = new Map([[T.Plus, "+"], [T.Minus, "-"]] as [TokenType, A.BinaryOp][]);
const MULTIPLICATIVE: ReadonlyMap<TokenType, A.BinaryOp> = new Map([
  [T.Star, "*"], [T.Slash, "/"], [T.Percent, "%"],
] as [TokenType, A.BinaryOp][]);
const SHIFT: ReadonlyMap<TokenType, A.BinaryOp> = new Map([[T.Shl, "<<"], [T.Shr, ">>"]] as [TokenType, A.BinaryOp][]);
const ASSIGN_OPS: ReadonlyMap<TokenType, A.AssignOp> = new Map([
  [T.Eq, "="], [T.PlusEq, "+="], [T.MinusEq, "-="], [T.StarEq, "*="], [T.SlashEq, "/="], [T.PercentEq, "%="],
] as [TokenType, A.AssignOp][]);

export function parseTokens(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string): A.Program {
  return new Parser(tokens, file, bag, text).program();
}

/** End line and (exclusive) end column of a token, as `tokSpan` computes them. */
function tokEndLine(t: LaidToken): number {
  return t.endLine ?? t.startLine ?? 1;
}
function tokEndCol(t: LaidToken): number {
  const col = t.startColumn ?? 1;
  return t.tokenType === T.Newline ? col + 1 : (t.endColumn ?? col) + 1;
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** A `>>` split in two while closing nested generic arguments. */
  private pendingGt = false;
  private readonly eof: LaidToken;

  constructor(
    private readonly toks: LaidToken[],
    private readonly file: string,
    private readonly bag: DiagnosticBag,
    private readonly text: string,
  ) {
    const last = toks[toks.length - 1];
    const line = last ? last.endLine ?? last.startLine ?? 1 : 1;
    const col = last ? (last.endColumn ?? 1) + 1 : 1;
    this.eof = { image: "", tokenType: EOF_TYPE, startOffset: text.length, startLine: line, startColumn: col, endLine: line, endColumn: col } as LaidToken;
  }

  // ───────────── token helpers ─────────────

  private peek(k = 0): LaidToken {
    return this.toks[this.pos + k] ?? this.eof;
  }
  private at(type: TokenType, k = 0): boolean {
    return this.peek(k).tokenType === type;
  }
  private next(): LaidToken {
    const t = this.peek();
    if (this.pos < this.toks.length) this.pos++;
    return t;
  }
  private eat(type: TokenType): LaidToken | null {
    return this.at(type) ? this.next() : null;
  }
  private prev(): LaidToken {
    return this.toks[this.pos - 1] ?? this.peek();
  }
  /** The reference's `_expect`: "<message>; got KIND 'text'" at the token found. */
  private expect(type: TokenType, message: string): LaidToken {
    if (this.at(type)) return this.next();
    this.fail(M.expectToken, this.peek(), [message, describe(this.peek())]);
  }
  private fail<Args extends unknown[]>(entry: DiagnosticSpec<Args>, tok: LaidToken, args: Args): never {
    this.bag.report(entry, this.tokSpan(tok), args);
    throw new Bail(true);
  }
  private report<Args extends unknown[]>(entry: DiagnosticSpec<Args>, span: Span, args: Args): void {
    this.bag.report(entry, span, args);
  }
  private tokSpan(t: LaidToken): Span {
    const line = t.startLine ?? 1;
    const col = t.startColumn ?? 1;
    const width = t.tokenType === T.Newline || t.image.length === 0 ? 1 : t.image.length;
    return { file: this.file, line, col, endLine: t.endLine ?? line, endCol: t.tokenType === T.Newline ? col + 1 : (t.endColumn ?? col) + 1 + (width > 0 ? 0 : 0) };
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
  private ident(message = "expected identifier"): A.Ident {
    const t = this.peek();
    if (t.tokenType === T.Identifier) {
      this.next();
      return { name: t.image, span: this.tokSpan(t) };
    }
    this.fail(M.expectToken, t, [message, describe(t)]);
  }
  private skipNewlines(): void {
    while (this.at(T.Newline)) this.next();
  }
  /** A statement ends at NEWLINE, at a DEDENT or the end, or right after a block it ended
   * with; otherwise "expected newline <where>" as the reference says it. */
  private endStatement(where: string): void {
    if (this.eat(T.Newline)) return;
    if (this.at(T.Dedent) || this.at(EOF_TYPE)) return;
    const before = this.prev().tokenType;
    if (before === T.Dedent || before === T.Newline) return;
    this.fail(M.expectedNewline, this.peek(), [where]);
  }

  /** Skips to the start of the next statement at the current block level. */
  private recoverStatement(): void {
    let depth = 0;
    while (!this.at(EOF_TYPE)) {
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
    for (let t = this.peek(); !this.at(EOF_TYPE); t = this.peek()) {
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

  // ───────────── items ─────────────

  program(): A.Program {
    const items: A.Item[] = [];
    const start = this.peek();
    this.skipNewlines();
    while (!this.at(EOF_TYPE)) {
      const before = this.pos;
      try {
        const item = this.item();
        if (item) items.push(item);
      } catch (e) {
        if (!(e instanceof Bail)) throw e;
        this.recoverItem();
      }
      this.skipNewlines();
      while (this.at(T.Dedent) || this.at(T.Indent)) {
        if (this.at(T.Indent)) {
          try {
            this.fail(M.expectedDeclaration, this.peek(), [kindName(this.peek()), ""]);
          } catch {
            this.recoverItem();
          }
        } else this.next();
        this.skipNewlines();
      }
      if (this.pos === before) this.next();
    }
    const end = this.toks[this.toks.length - 1];
    const span: Span = end ? this.span(start, end) : { file: this.file, line: 1, col: 1, endLine: 1, endCol: 1 };
    return { kind: "Program", file: this.file, items, span };
  }

  private item(): A.Item | null {
    const first = this.peek();
    const doc = first.doc ?? null;
    const attributes: A.Attribute[] = [];
    while (this.at(T.At)) {
      attributes.push(this.attribute());
      this.skipNewlines();
    }
    const start = attributes.length > 0 ? first : this.peek();
    const isPub = this.eat(K.pub) !== null;
    const t = this.peek();
    const rejectAttrs = (what: string) => {
      if (attributes.length > 0) this.report(M.attributeTarget, this.tokSpan(t), [what]);
    };
    switch (t.tokenType) {
      case K.fun:
        return this.funDecl(start, isPub, doc ?? t.doc ?? null, attributes);
      case K.type:
        rejectAttrs("type");
        return this.typeDecl(start, isPub, false, doc ?? t.doc ?? null);
      case K.linear:
        rejectAttrs("type");
        this.next();
        if (!this.at(K.type)) this.fail(M.linearNeedsType, this.peek(), []);
        return this.typeDecl(start, isPub, true, doc ?? t.doc ?? null);
      case K.typestate:
        rejectAttrs("typestate");
        return this.typestateDecl(start, isPub, doc ?? t.doc ?? null);
      case K.trait:
      case K.capability:
        rejectAttrs(t.tokenType === K.trait ? "trait" : "capability");
        return this.traitLike(start, isPub, doc ?? t.doc ?? null);
      case K.impl:
        rejectAttrs("impl");
        if (doc !== null) this.report(M.docOnImpl, this.tokSpan(t), []);
        return this.implDecl(start);
      case K.const:
        rejectAttrs("const");
        if (doc !== null) this.report(M.docOnConst, this.tokSpan(t), []);
        return this.constDecl(start, isPub);
      case K.extern:
        rejectAttrs("extern");
        return this.externDecl(start, isPub);
      case K.import:
        rejectAttrs("import");
        return this.importDecl(start);
      default:
        if (doc !== null) this.fail(M.danglingDoc, first, []);
        this.fail(M.expectedDeclaration, t, [kindName(t), t.tokenType === T.Identifier ? (KEYWORD_HINTS.get(t.image) ?? "") : ""]);
    }
  }

  private attribute(): A.Attribute {
    const at = this.expect(T.At, "expected '@' to begin attribute");
    const name = this.ident("expected attribute name after '@'");
    const args: A.AttributeArg[] = [];
    if (this.eat(T.LParen)) {
      while (!this.at(T.RParen)) {
        const key = this.ident("expected attribute argument name");
        this.expect(T.Colon, `expected ':' after attribute key '${key.name}'`);
        const v = this.peek();
        if (v.tokenType !== T.StringLiteral && v.tokenType !== T.RawStringLiteral) {
          this.fail(M.expectToken, v, [`attribute argument '${key.name}' must be a string literal`, describe(v)]);
        }
        this.next();
        const value = this.stringValue(v);
        args.push({ key: key.name, value, span: this.spanFrom(key.span) });
        if (!this.eat(T.Comma)) break;
      }
      this.expect(T.RParen, "expected ')' to close attribute arguments");
    }
    const span = this.span(at);
    this.endStatement(`after '@${name.name}' attribute`);
    return { name: name.name, args, span };
  }

  private stringValue(t: LaidToken): string {
    const parts = decodeString(t.image, t.tokenType === T.RawStringLiteral, this.posOf(t), this.bag);
    return parts.map((p) => (p.kind === "text" ? p.value : "${" + p.source + "}")).join("");
  }

  private posOf(t: LaidToken) {
    return { file: this.file, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
  }

  private generics(): A.Ident[] {
    const out: A.Ident[] = [];
    if (!this.eat(T.Lt)) return out;
    do out.push(this.ident("expected type parameter name"));
    while (this.eat(T.Comma));
    this.closeAngle("expected '>' to close type parameter list");
    return out;
  }

  private closeAngle(message: string): void {
    if (this.pendingGt) {
      this.pendingGt = false;
      return;
    }
    if (this.eat(T.Gt)) return;
    if (this.at(T.Shr)) {
      this.next();
      this.pendingGt = true;
      return;
    }
    this.fail(M.expectToken, this.peek(), [message, describe(this.peek())]);
  }

  private params(allowUntyped: boolean): A.Param[] {
    this.expect(T.LParen, "expected '(' for parameter list");
    const params: A.Param[] = [];
    while (!this.at(T.RParen)) {
      params.push(this.param(allowUntyped));
      if (!this.eat(T.Comma)) break;
    }
    this.expect(T.RParen, "expected ')' to close parameter list");
    return params;
  }

  private param(allowUntyped: boolean): A.Param {
    const start = this.peek();
    let mode: A.ParamMode = null;
    if (this.eat(K.consume)) mode = "consume";
    else if (this.eat(K.borrow)) mode = "borrow";
    if (this.at(K.self)) {
      this.next();
      return { kind: "Param", name: "self", type: null, mode, isSelf: true, span: this.span(start) };
    }
    const name = this.at(T.Underscore) ? { name: "_", span: this.tokSpan(this.next()) } : this.ident("expected parameter name");
    let type: A.TypeExpr | null = null;
    if (this.eat(T.Colon)) type = this.type();
    else if (!allowUntyped) this.fail(M.expectToken, this.peek(), [`expected ':' after parameter name ${pyRepr(name.name)}`, describe(this.peek())]);
    return { kind: "Param", name: name.name, type, mode, isSelf: false, span: this.span(start) };
  }

  private funSignature(): Omit<A.FunDecl, "kind" | "body" | "isPub" | "attributes" | "doc" | "span"> {
    this.expect(K.fun, "expected 'fun'");
    const name = this.ident("expected function name");
    const generics = this.generics();
    const params = this.params(false);
    const returnType = this.eat(T.Arrow) ? this.type() : null;
    return { name, generics, params, returnType };
  }

  private funDecl(start: LaidToken, isPub: boolean, doc: string | null, attributes: A.Attribute[]): A.FunDecl {
    const sig = this.funSignature();
    const body = this.block("function body");
    return { kind: "Fun", ...sig, isPub, doc, attributes, body, span: this.span(start) };
  }

  private typeDecl(start: LaidToken, isPub: boolean, isLinear: boolean, doc: string | null): A.StructDecl | A.SumDecl {
    this.expect(K.type, "expected 'type'");
    const name = this.ident("expected type name");
    const generics = this.generics();
    if (this.at(T.LBrace)) {
      const fields = this.fieldDecls();
      const span = this.span(start);
      this.endStatement("after struct declaration");
      return { kind: "Struct", name, isPub, isLinear, doc, generics, fields, span };
    }
    this.expect(T.Eq, "'{' or '='");
    const variants: A.Variant[] = [];
    // The reference has no one-line form (`type C = A | B`): variants go on indented lines.
    this.expect(T.Newline, "expected newline after '=' in sum type");
    this.expect(T.Indent, "expected indented variants for sum type");
    while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
      variants.push(this.variant());
      this.endStatement("after variant");
    }
    this.expect(T.Dedent, "expected dedent at end of sum type");
    return { kind: "Sum", name, isPub, doc, generics, variants, span: this.span(start) };
  }

  private variant(): A.Variant {
    const start = this.peek();
    const name = this.ident("expected variant name");
    const reserved = RESERVED_VARIANTS.get(name.name);
    if (reserved) this.report(M.reservedVariant, name.span, [name.name, reserved.owner, reserved.alternatives]);
    const payload: A.TypeExpr[] = [];
    if (this.eat(T.LParen)) {
      do payload.push(this.type());
      while (this.eat(T.Comma) && !this.at(T.RParen));
      this.expect(T.RParen, "expected ')' after variant payload type(s)");
    }
    return { name, payload, span: this.span(start) };
  }

  private fieldDecls(): A.FieldDecl[] {
    this.expect(T.LBrace, "expected '{'");
    const fields: A.FieldDecl[] = [];
    while (!this.at(T.RBrace)) {
      const start = this.peek();
      const name = this.ident("expected field name");
      this.expect(T.Colon, "expected ':' after field name");
      const type = this.type();
      fields.push({ name, type, span: this.span(start) });
      if (!this.eat(T.Comma)) break;
    }
    this.expect(T.RBrace, "expected '}' to close struct");
    return fields;
  }

  private typestateDecl(start: LaidToken, isPub: boolean, doc: string | null): A.TypestateDecl {
    this.expect(K.typestate, "expected 'typestate'");
    const name = this.ident("expected typestate name");
    const fields = this.at(T.LBrace) ? this.fieldDecls() : [];
    this.expect(T.Newline, "expected newline after typestate header");
    this.expect(T.Indent, "expected indented states for typestate");
    const states: A.Ident[] = [];
    while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
      states.push(this.ident("expected state name"));
      this.endStatement("after state name");
    }
    this.expect(T.Dedent, "expected dedent at end of typestate");
    return { kind: "Typestate", name, isPub, doc, fields, states, span: this.span(start) };
  }

  private traitLike(start: LaidToken, isPub: boolean, doc: string | null): A.TraitDecl | A.CapabilityDecl {
    const kw = this.next();
    const name = this.ident(kw.tokenType === K.trait ? "expected trait name" : "expected capability name");
    const generics = this.generics();
    const methods = this.signatureBlock(false);
    const kind = kw.tokenType === K.trait ? "Trait" : "Capability";
    return { kind, name, isPub, doc, generics, methods, span: this.span(start) };
  }

  private signatureBlock(required: boolean): A.FunSig[] {
    const methods: A.FunSig[] = [];
    this.expect(T.Newline, "end of line");
    if (!this.eat(T.Indent)) {
      if (required) this.fail(M.expectToken, this.peek(), ["expected indented method signatures", describe(this.peek())]);
      return methods;
    }
    while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
      const s = this.peek();
      const sig = this.funSignature();
      methods.push({ kind: "FunSig", ...sig, doc: s.doc ?? null, span: this.span(s) });
      this.endStatement("after method signature");
    }
    this.expect(T.Dedent, "end of signatures");
    return methods;
  }

  private implDecl(start: LaidToken): A.ImplDecl {
    this.expect(K.impl, "expected 'impl'");
    if (!this.at(T.Identifier)) this.fail(M.expectToken, this.peek(), ["expected type or trait name", describe(this.peek())]);
    const first = this.type();
    let trait: A.TraitRef | null = null;
    let target = first;
    if (this.eat(K.for)) {
      if (first.kind !== "NamedType") this.fail(M.expected, this.prev(), ["a trait name before 'for'", "a type"]);
      trait = { qualifier: first.qualifier, name: first.name, args: first.args, span: first.span };
      target = this.type();
    }
    this.expect(T.Newline, "expected newline after impl header");
    const methods: A.FunDecl[] = [];
    if (this.eat(T.Indent)) {
      while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
        try {
          const s = this.peek();
          const doc = s.doc ?? null;
          const attributes: A.Attribute[] = [];
          while (this.at(T.At)) attributes.push(this.attribute());
          const mStart = attributes.length > 0 ? s : this.peek();
          const isPub = this.eat(K.pub) !== null;
          methods.push(this.funDecl(mStart, isPub, doc ?? this.peek().doc ?? null, attributes));
        } catch (e) {
          if (!(e instanceof Bail)) throw e;
          this.recoverStatement();
        }
        this.skipNewlines();
      }
      this.expect(T.Dedent, "expected dedent at end of impl block");
    }
    return { kind: "Impl", trait, target, methods, span: this.span(start) };
  }

  private constDecl(start: LaidToken, isPub: boolean): A.ConstDecl {
    this.expect(K.const, "expected 'const'");
    const name = this.ident("expected constant name");
    this.expect(T.Colon, "expected ':' after constant name");
    const type = this.type();
    this.expect(T.Eq, "expected '=' in constant declaration");
    const value = this.expr();
    const span = this.span(start);
    this.endStatement("after constant declaration");
    return { kind: "Const", name, isPub, type, value, span };
  }

  private externDecl(start: LaidToken, isPub: boolean): A.ExternDecl {
    this.expect(K.extern, "expected 'extern'");
    if (!(this.at(T.Identifier) && this.peek().image === "component")) this.fail(M.externComponent, this.peek(), []);
    this.next();
    const name = this.ident("expected foreign-component name");
    if (!(this.at(T.Identifier) && this.peek().image === "from")) this.fail(M.externFrom, this.peek(), []);
    this.next();
    const src = this.expect(T.StringLiteral, "expected a string-literal path to the .wasm Component Model artifact after 'from'");
    const methods = this.signatureBlock(true);
    return { kind: "Extern", name, isPub, source: this.stringValue(src), methods, span: this.span(start) };
  }

  private importDecl(start: LaidToken): A.ImportDecl {
    this.expect(K.import, "expected 'import'");
    const path = [this.ident("expected module name").name];
    while (this.eat(T.Dot)) path.push(this.ident("expected identifier after '.'").name);
    const alias = this.eat(K.as) ? this.ident("expected alias name").name : null;
    const span = this.span(start);
    this.endStatement("after import declaration");
    return { kind: "Import", path, alias, span };
  }

  // ───────────── types ─────────────

  private type(): A.TypeExpr {
    const start = this.peek();
    let label: A.FlowLabel = null;
    if (this.at(T.At) && this.at(T.Identifier, 1) && (this.peek(1).image === "secret" || this.peek(1).image === "public")) {
      this.next();
      label = this.next().image as "secret" | "public";
    }
    const t = this.peek();
    if (t.tokenType === K.Self) {
      this.next();
      return { kind: "SelfType", label, span: this.span(start) };
    }
    if (t.tokenType === T.LParen) {
      this.next();
      const elements: A.TypeExpr[] = [];
      let trailingComma = false;
      while (!this.at(T.RParen)) {
        elements.push(this.type());
        trailingComma = false;
        if (!this.eat(T.Comma)) break;
        trailingComma = true;
      }
      this.expect(T.RParen, "expected ')' or ',' in type");
      if (elements.length === 1 && !trailingComma) return withLabel(elements[0]!, label);
      return { kind: "TupleType", elements, label, span: this.span(start) };
    }
    if (t.tokenType === T.Identifier && t.image === "Fun" && this.at(T.LParen, 1)) {
      this.next();
      this.next();
      const params: A.TypeExpr[] = [];
      while (!this.at(T.RParen)) {
        params.push(this.type());
        if (!this.eat(T.Comma)) break;
      }
      this.expect(T.RParen, "expected ')' to close 'Fun(...)'");
      this.expect(T.Arrow, "expected '->' after 'Fun(...)'");
      const ret = this.type();
      return { kind: "FunType", params, ret, label, span: this.span(start) };
    }
    const path = [this.ident("expected type name").name];
    while (this.at(T.Dot) && this.at(T.Identifier, 1)) {
      this.next();
      path.push(this.next().image);
    }
    const name = path.pop()!;
    const args: A.TypeExpr[] = [];
    if (this.eat(T.Lt)) {
      do args.push(this.type());
      while (!this.pendingGt && this.eat(T.Comma));
      this.closeAngle("expected '>' to close type argument list");
    }
    let state: string | null = null;
    if (this.at(T.LBracket) && this.at(T.Identifier, 1) && this.at(T.RBracket, 2)) {
      this.next();
      state = this.next().image;
      this.next();
    }
    return { kind: "NamedType", qualifier: path, name, args, state, label, span: this.span(start) };
  }

  // ───────────── statements ─────────────

  private block(what: string): A.Block {
    void what;
    this.expect(T.Newline, "expected newline before block");
    const indent = this.expect(T.Indent, "expected indented block");
    const stmts: A.Stmt[] = [];
    while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
      const before = this.pos;
      try {
        stmts.push(this.statement());
      } catch (e) {
        if (!(e instanceof Bail)) throw e;
        this.recoverStatement();
      }
      this.skipNewlines();
      if (this.pos === before) this.next();
    }
    this.eat(T.Dedent);
    const first = stmts[0];
    const span = first ? this.spanFrom(first.span) : this.span(indent);
    return { kind: "Block", stmts, span };
  }

  private statement(): A.Stmt {
    const start = this.peek();
    if (start.doc !== undefined && start.tokenType !== K.fun) this.report(M.danglingDoc, this.tokSpan(start), []);
    switch (start.tokenType) {
      case K.let: {
        this.next();
        const pattern = this.pattern();
        const type = this.eat(T.Colon) ? this.type() : null;
        this.expect(T.Eq, "expected '=' in let binding");
        const value = this.expr();
        const span = this.span(start);
        this.endStatement("after let binding");
        return { kind: "Let", pattern, type, value, span };
      }
      case K.var: {
        this.next();
        const name = this.ident("expected variable name");
        const type = this.eat(T.Colon) ? this.type() : null;
        this.expect(T.Eq, "expected '=' in var declaration");
        const value = this.expr();
        const span = this.span(start);
        this.endStatement("after var declaration");
        return { kind: "Var", name, type, value, span };
      }
      case K.if: {
        if (this.isIfExpression()) break;
        return this.ifStatement();
      }
      case K.while: {
        this.next();
        const cond = this.expr(true);
        const body = this.block("loop body");
        return { kind: "While", cond, body, span: this.span(start) };
      }
      case K.for: {
        this.next();
        const pattern = this.pattern();
        this.expect(K.in, "expected 'in' in for loop");
        const iterable = this.expr(true);
        const body = this.block("loop body");
        return { kind: "For", pattern, iterable, body, span: this.span(start) };
      }
      case K.return: {
        this.next();
        const value = this.at(T.Newline) || this.at(T.Dedent) || this.at(EOF_TYPE) || this.at(T.RBrace) || this.at(T.Comma) ? null : this.expr();
        const span = this.span(start);
        this.endStatement("after return statement");
        return { kind: "Return", value, span };
      }
      case K.break:
      case K.continue: {
        this.next();
        const span = this.span(start);
        this.endStatement(start.tokenType === K.break ? "after 'break'" : "after 'continue'");
        return start.tokenType === K.break ? { kind: "Break", span } : { kind: "Continue", span };
      }
      default:
        break;
    }
    const expr = this.expr();
    const op = ASSIGN_OPS.get(this.peek().tokenType);
    if (op !== undefined) {
      this.next();
      const value = this.expr();
      const span = this.span(start);
      this.endStatement(`after assignment '${op}'`);
      return { kind: "Assign", target: expr, op, value, span };
    }
    const span = this.span(start);
    this.endStatement("after expression statement");
    return { kind: "ExprStmt", expr, span };
  }

  /** `if c then a else b` at statement start is an expression statement, not an if block. */
  private isIfExpression(): boolean {
    let depth = 0;
    for (let k = 1; ; k++) {
      const t = this.peek(k);
      if (t.tokenType === EOF_TYPE || (depth === 0 && (t.tokenType === T.Newline || t.tokenType === T.Indent))) return false;
      if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LBrace) depth++;
      if (t.tokenType === T.RParen || t.tokenType === T.RBracket || t.tokenType === T.RBrace) depth--;
      if (depth === 0 && t.tokenType === K.then) return true;
    }
  }

  private ifStatement(): A.IfStmt {
    const start = this.expect(K.if, "expected 'if'");
    const branches: A.CondBranch[] = [];
    const cond = this.expr(true);
    const body = this.block("'if' body");
    branches.push({ cond, body, span: this.span(start) });
    let elseBody: A.Block | null = null;
    for (;;) {
      const t = this.peek();
      if (t.tokenType === K.elif) {
        this.next();
        const c = this.expr(true);
        const b = this.block("'elif' body");
        branches.push({ cond: c, body: b, span: this.span(t) });
        continue;
      }
      if (t.tokenType === K.else) {
        this.next();
        if (this.at(K.if)) {
          // `else if` reads as `elif`.
          const nested = this.ifStatement();
          elseBody = { kind: "Block", stmts: [nested], span: nested.span };
        } else elseBody = this.block("'else' body");
      }
      break;
    }
    return { kind: "If", branches, elseBody, span: this.span(start) };
  }

  // ───────────── expressions ─────────────

  /** `noStruct`: struct literals are off (match scrutinees and block-header conditions). */
  expr(noStruct = false): A.Expr {
    if (++this.depth > MAX_NESTING) {
      this.depth = 0;
      this.fail(M.nestingTooDeep, this.peek(), []);
    }
    try {
      const t = this.peek();
      if (t.tokenType === K.fun) return this.lambda();
      if (t.tokenType === K.if) return this.ifExpr();
      return this.orExpr(noStruct);
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private lambda(): A.LambdaExpr {
    const start = this.expect(K.fun, "expected 'fun'");
    const params = this.params(true);
    const returnType = this.eat(T.Arrow) ? this.type() : null;
    this.expect(T.FatArrow, "expected '=>' before lambda body");
    const body: A.Expr | A.Block = this.at(T.Newline) ? this.block("lambda body") : this.expr();
    return { kind: "Lambda", params, returnType, body, span: this.span(start) };
  }

  private ifExpr(): A.IfExpr {
    const start = this.expect(K.if, "expected 'if'");
    const cond = this.expr();
    this.expect(K.then, "expected 'then' in if-expression");
    const then = this.expr();
    this.expect(K.else, "expected 'else' in if-expression");
    const otherwise = this.expr();
    return { kind: "IfExpr", cond, then, else: otherwise, span: this.span(start) };
  }

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
    return { kind: "Binary", op, left, right, span: joinSpans(left.span, right.span) };
  }

  private orExpr(ns: boolean): A.Expr {
    let left = this.andExpr(ns);
    while (this.eat(K.or)) left = this.binary("or", left, this.andExpr(ns));
    return left;
  }

  private andExpr(ns: boolean): A.Expr {
    let left = this.notExpr(ns);
    while (this.eat(K.and)) left = this.binary("and", left, this.notExpr(ns));
    return left;
  }

  private notExpr(ns: boolean): A.Expr {
    const t = this.peek();
    if (this.eat(K.not)) {
      const operand = this.nested(() => this.notExpr(ns));
      return { kind: "Unary", op: "not", operand, span: this.spanFrom(this.tokSpan(t)) };
    }
    return this.comparison(ns);
  }

  private nested<R>(f: () => R): R {
    if (++this.depth > MAX_NESTING) {
      this.depth = 0;
      this.fail(M.nestingTooDeep, this.peek(), []);
    }
    try {
      return f();
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private comparison(ns: boolean): A.Expr {
    const left = this.rangeExpr(ns);
    const op = COMPARISON.get(this.peek().tokenType);
    if (op === undefined) return left;
    this.next();
    const right = this.rangeExpr(ns);
    if (COMPARISON.has(this.peek().tokenType)) this.fail(M.nonAssocComparison, this.peek(), []);
    return this.binary(op, left, right);
  }

  private rangeExpr(ns: boolean): A.Expr {
    const left = this.bitOr(ns);
    const t = this.peek().tokenType;
    if (t !== T.DotDot && t !== T.DotDotEq) return left;
    this.next();
    const right = this.bitOr(ns);
    // A second range operator is left for the caller to reject, as the reference does.
    return { kind: "Range", start: left, end: right, inclusive: t === T.DotDotEq, span: joinSpans(left.span, right.span) };
  }

  private bitOr(ns: boolean): A.Expr {
    let left = this.bitXor(ns);
    while (this.eat(T.Pipe)) left = this.binary("|", left, this.bitXor(ns));
    return left;
  }

  private bitXor(ns: boolean): A.Expr {
    let left = this.bitAnd(ns);
    while (this.eat(T.Caret)) left = this.binary("^", left, this.bitAnd(ns));
    return left;
  }

  private bitAnd(ns: boolean): A.Expr {
    let left = this.shift(ns);
    while (this.eat(T.Amp)) left = this.binary("&", left, this.shift(ns));
    return left;
  }

  private shift(ns: boolean): A.Expr {
    let left = this.additive(ns);
    for (let op = SHIFT.get(this.peek().tokenType); op !== undefined; op = SHIFT.get(this.peek().tokenType)) {
      this.next();
      left = this.binary(op, left, this.additive(ns));
    }
    return left;
  }

  private additive(ns: boolean): A.Expr {
    let left = this.multiplicative(ns);
    for (let op = ADDITIVE.get(this.peek().tokenType); op !== undefined; op = ADDITIVE.get(this.peek().tokenType)) {
      this.next();
      left = this.binary(op, left, this.multiplicative(ns));
    }
    return left;
  }

  private multiplicative(ns: boolean): A.Expr {
    let left = this.unary(ns);
    for (let op = MULTIPLICATIVE.get(this.peek().tokenType); op !== undefined; op = MULTIPLICATIVE.get(this.peek().tokenType)) {
      this.next();
      left = this.binary(op, left, this.unary(ns));
    }
    return left;
  }

  private unary(ns: boolean): A.Expr {
    const t = this.peek();
    if (t.tokenType === T.Minus) {
      this.next();
      const operand = this.nested(() => this.unary(ns));
      return { kind: "Unary", op: "-", operand, span: this.spanFrom(this.tokSpan(t)) };
    }
    if (t.tokenType === T.Bang) this.fail(M.bang, t, []);
    return this.postfix(ns);
  }

  private postfix(ns: boolean): A.Expr {
    let e = this.primary(ns);
    for (;;) {
      const t = this.peek();
      if (t.tokenType === T.Dot) {
        this.next();
        const name = this.ident("expected field or method name");
        if (this.at(T.LParen)) {
          const args = this.args();
          e = { kind: "MethodCall", receiver: e, method: name, args, span: this.spanFrom(e.span) };
        } else e = { kind: "Field", object: e, name, span: this.spanFrom(e.span) };
      } else if (t.tokenType === T.LParen) {
        const args = this.args();
        e = { kind: "Call", callee: e, args, span: this.spanFrom(e.span) };
      } else if (t.tokenType === T.LBracket) {
        this.next();
        const index = this.expr();
        this.expect(T.RBracket, "expected ']' after index expression");
        e = { kind: "Index", object: e, index, span: this.spanFrom(e.span) };
      } else if (t.tokenType === T.Question) {
        this.next();
        e = { kind: "Try", expr: e, span: this.spanFrom(e.span) };
      } else return e;
    }
  }

  private args(): A.Arg[] {
    this.expect(T.LParen, "expected '('");
    const args: A.Arg[] = [];
    while (!this.at(T.RParen)) {
      const start = this.peek();
      let name: A.Ident | null = null;
      if (this.at(T.Identifier) && this.at(T.Colon, 1)) {
        name = { name: this.next().image, span: this.tokSpan(start) };
        this.next();
      }
      const value = this.expr();
      args.push({ name, value, span: this.span(start) });
      if (!this.eat(T.Comma)) break;
    }
    this.expect(T.RParen, "expected ')' to close call argument list");
    return args;
  }

  private primary(ns: boolean): A.Expr {
    const t = this.peek();
    const span = this.tokSpan(t);
    switch (t.tokenType) {
      case T.IntLiteral:
        this.next();
        return { kind: "Int", value: decodeInt(t.image, this.posOf(t), this.bag), raw: t.image, span };
      case T.FloatLiteral:
        this.next();
        return { kind: "Float", value: decodeFloat(t.image, this.posOf(t), this.bag), raw: t.image, span };
      case T.StringLiteral:
      case T.RawStringLiteral:
        this.next();
        return this.stringExpr(t);
      case T.CharLiteral: {
        this.next();
        return { kind: "Char", value: decodeChar(t.image, this.posOf(t), this.bag), span };
      }
      case K.true:
      case K.false:
        this.next();
        return { kind: "Bool", value: t.tokenType === K.true, span };
      case K.self:
        this.next();
        return { kind: "Self", span };
      case K.match:
        return this.matchExpr();
      case K.fun:
        return this.lambda();
      case K.if:
        return this.ifExpr();
      case K.become: {
        this.next();
        this.expect(T.LParen, "expected '(' after 'become'");
        const value = this.expr();
        this.expect(T.Comma, "expected ',' between the value and the target state in become(value, State)");
        const state = this.ident("expected a target state name in become(value, State)");
        this.expect(T.RParen, "expected ')' to close become(...)");
        return { kind: "Become", value, state, span: this.span(t) };
      }
      case T.LParen:
        return this.parenthesized();
      case T.LBracket: {
        this.next();
        const elements: A.Expr[] = [];
        while (!this.at(T.RBracket)) {
          elements.push(this.expr());
          if (!this.eat(T.Comma)) break;
        }
        this.expect(T.RBracket, "expected ']' to close list literal");
        return { kind: "List", elements, span: this.span(t) };
      }
      case T.Identifier:
        return this.nameOrStructLit(ns);
      default:
        this.fail(M.expected, t, ["expression", describe(t)]);
    }
  }

  private parenthesized(): A.Expr {
    const open = this.expect(T.LParen, "expected '('");
    if (this.eat(T.RParen)) return { kind: "Unit", span: this.span(open) };
    const first = this.expr();
    if (this.eat(T.RParen)) return first;
    const elements = [first];
    while (this.eat(T.Comma)) {
      if (this.at(T.RParen)) break;
      elements.push(this.expr());
    }
    this.expect(T.RParen, "expected ')' to close tuple");
    return { kind: "Tuple", elements, span: this.span(open) };
  }

  private nameOrStructLit(ns: boolean): A.Expr {
    const t = this.next();
    const span = this.tokSpan(t);
    const upper = /^\p{Lu}/u.test(t.image);
    if (upper && !ns) {
      if (this.at(T.LBrace)) return this.structLit(t, null);
      if (this.at(T.LBracket) && this.at(T.Identifier, 1) && this.at(T.RBracket, 2) && this.at(T.LBrace, 3)) {
        this.next();
        const state = this.next().image;
        this.next();
        return this.structLit(t, state);
      }
    }
    return { kind: "Name", name: t.image, span };
  }

  private structLit(nameTok: LaidToken, state: string | null): A.StructLit {
    this.expect(T.LBrace, "expected '{'");
    const fields: A.FieldInit[] = [];
    while (!this.at(T.RBrace)) {
      const start = this.peek();
      const name = this.ident("expected field name");
      this.expect(T.Colon, "expected ':' in struct literal field");
      const value = this.expr();
      fields.push({ name, value, span: this.span(start) });
      if (!this.eat(T.Comma)) break;
    }
    this.expect(T.RBrace, "expected '}' to close struct literal");
    return {
      kind: "StructLit",
      qualifier: [],
      name: { name: nameTok.image, span: this.tokSpan(nameTok) },
      state,
      fields,
      span: this.span(nameTok),
    };
  }

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
      return { kind: "Splice", expr: this.spliceExpr(p.source, line, col + p.delta, this.peek()), span: pspan };
    });
    return { kind: "Interp", parts: out, span };
  }

  /** Parses a `${...}` body with this same parser; spans point into the original file. Any
   * problem inside is reported as the reference does: "error parsing interpolation: ..." at
   * the token after the string literal. */
  private spliceExpr(source: string, line: number, col: number, after: LaidToken): A.Expr {
    const body = source.replace(/^[ \t]+/, "");
    const start = col + source.length - body.length;
    const text = unescapeSplice(body);
    const bag = new DiagnosticBag();
    const raw = lexRaw(text, this.file, bag).map((r) => ({ ...r, line, col: r.col + start - 1 }));
    const toks = layout(raw, text, this.file, bag).filter((x) => x.tokenType !== T.Indent && x.tokenType !== T.Dedent);
    let e: A.Expr = { kind: "Unit", span: { file: this.file, line, col: start, endLine: line, endCol: start + body.length } };
    if (!bag.hasErrors) {
      const sub = new Parser(toks, this.file, bag, this.text);
      sub.depth = this.depth;
      try {
        e = sub.expr();
        sub.skipNewlines();
        if (!sub.at(EOF_TYPE)) sub.report(M.interpolationLeftover, sub.tokSpan(sub.peek()), []);
      } catch (err) {
        if (!(err instanceof Bail)) throw err;
      }
    }
    const first = bag.sorted()[0];
    if (first !== undefined) this.report(M.interpolationError, this.tokSpan(after), [first.message]);
    return e;
  }

  private matchExpr(): A.MatchExpr {
    const start = this.expect(K.match, "expected 'match'");
    const scrutinee = this.expr(true);
    const arms: A.MatchArm[] = [];
    if (this.eat(T.LBrace)) {
      while (!this.at(T.RBrace)) {
        arms.push(this.arm(true));
        if (!this.eat(T.Comma)) break;
      }
      this.expect(T.RBrace, "expected '}' to close inline match arms");
      return { kind: "Match", scrutinee, arms, inline: true, span: this.span(start) };
    }
    this.expect(T.Newline, "expected newline or '{' after match scrutinee");
    this.expect(T.Indent, "expected indented match arms");
    while (!this.at(T.Dedent) && !this.at(EOF_TYPE)) {
      arms.push(this.arm(false));
      this.skipNewlines();
    }
    this.expect(T.Dedent, "expected dedent at end of match");
    return { kind: "Match", scrutinee, arms, inline: false, span: this.span(start) };
  }

  private arm(inline: boolean): A.MatchArm {
    const start = this.peek();
    const patterns = [this.pattern()];
    while (this.eat(T.Pipe)) patterns.push(this.pattern());
    const guard = this.eat(K.if) ? this.expr() : null;
    this.expect(T.Arrow, inline ? "expected '->' in inline match arm" : "expected '->' in match arm");
    let body: A.Expr | A.Block;
    if (!inline && this.at(T.Newline)) body = this.block("match arm body");
    else if (inline) {
      const t = this.peek();
      if (t.tokenType === K.return || t.tokenType === K.break || t.tokenType === K.continue) {
        const stmt = this.statement();
        body = { kind: "Block", stmts: [stmt], span: stmt.span };
      } else body = this.expr();
    } else {
      const stmt = this.statement();
      body = stmt.kind === "ExprStmt" ? stmt.expr : { kind: "Block", stmts: [stmt], span: stmt.span };
    }
    return { patterns, guard, body, span: this.span(start) };
  }

  // ───────────── patterns ─────────────

  private pattern(): A.Pattern {
    const t = this.peek();
    const span = this.tokSpan(t);
    switch (t.tokenType) {
      case T.Underscore:
        this.next();
        return { kind: "WildcardPat", span };
      case T.IntLiteral:
      case T.FloatLiteral:
      case T.StringLiteral:
      case T.RawStringLiteral:
      case T.CharLiteral:
      case K.true:
      case K.false: {
        const value = this.primary(true) as A.LiteralPat["value"];
        return { kind: "LiteralPat", value, negative: false, span: value.span };
      }
      case T.Minus: {
        this.next();
        const n = this.peek();
        if (n.tokenType !== T.IntLiteral && n.tokenType !== T.FloatLiteral) this.fail(M.expectedPattern, t, [kindName(t)]);
        const value = this.primary(true) as A.IntLit | A.FloatLit;
        return { kind: "LiteralPat", value, negative: true, span: this.span(t) };
      }
      case T.LParen: {
        this.next();
        const elements: A.Pattern[] = [];
        while (!this.at(T.RParen)) {
          elements.push(this.pattern());
          if (!this.eat(T.Comma)) break;
        }
        this.expect(T.RParen, elements.length > 1 ? "expected ')' to close tuple pattern" : "expected ')' to close pattern");
        if (elements.length === 1) return elements[0]!;
        return { kind: "TuplePat", elements, span: this.span(t) };
      }
      case T.Identifier: {
        this.next();
        const path = [t.image];
        let last = t;
        while (this.at(T.Dot) && this.at(T.Identifier, 1)) {
          this.next();
          last = this.next();
          path.push(last.image);
        }
        const name: A.Ident = { name: path.pop()!, span: this.tokSpan(last) };
        if (this.eat(T.LParen)) {
          const args: A.Pattern[] = [];
          while (!this.at(T.RParen)) {
            args.push(this.pattern());
            if (!this.eat(T.Comma)) break;
          }
          this.expect(T.RParen, "expected ')' after variant payload(s)");
          return { kind: "CtorPat", qualifier: path, name, args, span: this.span(t) };
        }
        if (this.at(T.LBrace) && /^\p{Lu}/u.test(name.name)) {
          this.next();
          const fields: A.FieldPat[] = [];
          while (!this.at(T.RBrace)) {
            const fstart = this.peek();
            const fname = this.ident("expected field name in struct pattern");
            const pattern = this.eat(T.Colon) ? this.pattern() : null;
            fields.push({ name: fname, pattern, span: this.span(fstart) });
            if (!this.eat(T.Comma)) break;
          }
          this.expect(T.RBrace, "expected '}' to close struct pattern");
          return { kind: "StructPat", qualifier: path, name, fields, span: this.span(t) };
        }
        if (path.length > 0) return { kind: "CtorPat", qualifier: path, name, args: null, span: this.span(t) };
        return { kind: "NamePat", name: name.name, span };
      }
      default:
        this.fail(M.expectedPattern, t, [kindName(t)]);
    }
  }
}

const EOF_TYPE = T.EndOfFile;

/** A splice body as the sub-lexer sees it: the outer string's escapes decoded (`\\"` is a
 * quote), string literals nested inside the splice copied verbatim. */
function unescapeSplice(src: string): string {
  if (!src.includes("\\")) return src;
  const SIMPLE: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0" };
  let out = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
    } else if (c === "\\" && SIMPLE[src[i + 1] ?? ""] !== undefined) {
      out += SIMPLE[src[i + 1]!];
      i++;
    } else out += c;
  }
  return out;
}

function withLabel(t: A.TypeExpr, label: A.FlowLabel): A.TypeExpr {
  return label === null ? t : { ...t, label };
}

function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}

function isKeyword(t: LaidToken): boolean {
  return t.tokenType.name.startsWith("Kw_");
}

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
  [T.RawStringLiteral, "STRING_LIT"], [T.CharLiteral, "CHAR_LIT"], [T.Bang, "BANG"],
] as [TokenType, string][]);

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

function pyRepr(s: string): string {
  const body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  if (s.includes("'") && !s.includes('"')) return `"${body}"`;
  return `'${body.replace(/'/g, "\\'")}'`;
}
