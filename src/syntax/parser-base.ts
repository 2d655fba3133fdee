// The machinery under the grammar in `parser.ts`: per-parse state, token look-ahead, spans,
// error reporting and recovery, and the DSL helpers the rules share (bracketed lists, the
// `otherwise` alternative that names what was expected, statement ends). No grammar rule here.

import {
  EmbeddedActionsParser,
  EOF as CHEVROTAIN_EOF,
  isRecognitionException,
  type IToken,
  type IRecognitionException,
  type DSLMethodOpts,
  type TokenType,
} from "./chevrotain.js";
import { DiagnosticBag, type DiagnosticSpec, type Span } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { laidToken, type LaidToken } from "./layout.js";
import { SyntaxMessages as M } from "./messages.js";
import type { SpliceBody } from "./splices.js";
import { describe } from "./token-names.js";
import * as T from "./tokens.js";

const MAX_NESTING = 40;
/** Blocks inside blocks; every later stage walks them recursively, so the parser bounds them. */
const MAX_BLOCK_NESTING = 100;
/** Binary operators in one chain (`a + b + ...`), which nests its tree one level per operator. */
const MAX_CHAIN = 500;

/** Unwinds to the nearest recovery point once a diagnostic is reported; never leaves the parser. */
class Bail {}

/** A `${...}` splice waiting to be parsed once the parse that found it is over (the parser
 * object is not re-entrant). Its errors go to `bag`, the one active where the string stood. */
interface PendingSplice {
  readonly part: { expr: A.Expr };
  readonly body: SpliceBody;
  readonly after: LaidToken;
  readonly depth: number;
  readonly bag: DiagnosticBag;
}

// Token positions as small integers (`| 0`). Chevrotain's recording-phase tokens carry NaN
// positions, and a single NaN stored in a span makes V8 keep every Span's numbers as boxed
// doubles from then on: four extra heap objects per span, a third of the parsed AST's size.

/** Start line and column of a token. */
export function tokLine(t: LaidToken): number {
  return (t.startLine ?? 1) | 0;
}
export function tokCol(t: LaidToken): number {
  return (t.startColumn ?? 1) | 0;
}
/** End line and (exclusive) end column of a token, as `tokSpan` computes them. */
function tokEndLine(t: LaidToken): number {
  return (t.endLine ?? t.startLine ?? 1) | 0;
}
function tokEndCol(t: LaidToken): number {
  const col = tokCol(t);
  return t.tokenType === T.Newline ? col + 1 : ((t.endColumn ?? col) + 1) | 0;
}

/**
 * A list the parser grew with `push`, as the AST keeps it: an exact-size copy. V8 gives an array
 * room for 17 elements on its first push, and most AST lists hold one or two, so a long file's
 * AST was a tenth unused array slots (an emptied one, as a dotted path after its last name is
 * popped, keeps its slot too).
 */
export function fitted<T>(items: T[]): T[] {
  return items.slice();
}

/** The EOF token placed after a file's last token, positioned just past it. */
export function endToken(toks: readonly LaidToken[], text: string): LaidToken {
  const last = toks[toks.length - 1];
  const line = last ? last.endLine ?? last.startLine ?? 1 : 1;
  const col = last ? (last.endColumn ?? 1) + 1 : 1;
  return laidToken(T.EndOfFile, "", text.length, line, col, 0);
}

export abstract class ParserBase extends EmbeddedActionsParser {
  // Per-parse state, reset by `begin`.
  protected file = "";
  protected bag = new DiagnosticBag();
  protected text = "";
  protected depth = 0;
  protected blockDepth = 0;
  /** A `>>` split in two while closing nested generic arguments. */
  protected pendingGt = false;
  protected eofTok: LaidToken = endToken([], "");
  protected lastTok: LaidToken | undefined;
  protected splices: PendingSplice[] = [];
  /** Whether struct literals are off in the innermost expression being parsed. */
  protected noStruct = false;

  protected begin(tokens: LaidToken[], file: string, bag: DiagnosticBag, text: string, depth: number): void {
    this.file = file;
    this.bag = bag;
    this.text = text;
    this.depth = depth;
    this.blockDepth = 0;
    this.pendingGt = false;
    this.noStruct = false;
    this.splices = [];
    this.eofTok = endToken(tokens, text);
    this.lastTok = tokens[tokens.length - 1];
    tokens.push(this.eofTok); // the caller's fresh array from `layout`: no copy of a long file's tokens
    this.input = tokens;
  }

  /** Drops the last parse's tokens and text: the shared parser object lives as long as the
   * process, and a long file's token array is as large as its AST. */
  protected release(): void {
    this.input = [];
    this.text = "";
    this.bag = new DiagnosticBag();
    this.eofTok = endToken([], "");
    this.lastTok = undefined;
    this.splices = [];
  }

  // ───────────── token helpers ─────────────

  /** The k-th token ahead (1 = next); the EOF token after the last one past the end. */
  protected peek(k = 1): LaidToken {
    const t = this.LA(k) as LaidToken;
    return t.tokenType === CHEVROTAIN_EOF ? this.eofTok : t;
  }
  protected at(type: TokenType, k = 1): boolean {
    return this.peek(k).tokenType === type;
  }
  protected atEof(): boolean {
    return this.peek().tokenType === T.EndOfFile;
  }
  /** The last token consumed (the next one before any). */
  protected prev(): LaidToken {
    const t = this.LA(0) as LaidToken;
    return t.tokenType === CHEVROTAIN_EOF ? this.peek() : t;
  }
  /** Skips one token (never the EOF); only error recovery skips tokens outside the grammar. */
  protected next(): void {
    if (!this.atEof()) this.SKIP_TOKEN();
  }
  /** A token the grammar requires; its absence is "<message>; got KIND 'text'" at the token found. */
  protected expect(idx: number, type: TokenType, message: string): LaidToken {
    return this.consume(idx, type, { ERR_MSG: message }) as LaidToken;
  }
  protected ident(idx: number, message: string): A.Ident {
    const t = this.expect(idx, T.Identifier, message);
    return { name: t.image, span: this.tokSpan(t) };
  }
  /** Skips a gated OPTION or MANY where `mayStart` (a necessary condition of its GATE, checked on
   * the next tokens) is false: chevrotain builds a closure for every gated production it
   * enters, and the hot ones (after every name, operand and type) almost never apply. While
   * the grammar is being recorded the production is always visited. */
  protected mayStart(condition: boolean): boolean {
    return condition || this.RECORDING_PHASE;
  }
  /** `NEWLINE*`. */
  protected newlines(idx: number): void {
    this.many(idx, this.newlineAt(idx));
  }
  /** The last alternative of a choice, taken for any token the others do not start with: it
   * reports what was expected. Recorded as consuming `Any` (every token's category) so that the
   * grammar analysis sees the choice accept every token; at parse time it consumes nothing. */
  protected otherwise<R>(idx: number, report: () => R) {
    return {
      IGNORE_AMBIGUITIES: true,
      ALT: (): R => {
        if (this.RECORDING_PHASE) this.consume(idx, T.Any);
        return this.ACTION(report);
      },
    };
  }
  /** `otherwise`, reporting "<message>; got KIND 'text'". */
  protected missing(idx: number, message: string) {
    return this.otherwise(idx, () => this.fail(M.expectToken, this.peek(), [message, describe(this.peek())]));
  }
  /** An identifier that a repeated item starts with: the loop enters for any token, and a token
   * that is no identifier is reported as `message` says. */
  protected identTotal(idx: number, message: string): A.Ident {
    const t: LaidToken = this.or(idx, [{ ALT: () => this.consume(idx, T.Identifier) }, this.missing(idx, message)]);
    return { name: t.image, span: this.tokSpan(t) };
  }
  protected fail<Args extends unknown[]>(entry: DiagnosticSpec<Args>, tok: LaidToken, args: Args): never {
    this.bag.report(entry, this.tokSpan(tok), args);
    throw new Bail();
  }
  protected report<Args extends unknown[]>(entry: DiagnosticSpec<Args>, span: Span, args: Args): void {
    this.bag.report(entry, span, args);
  }
  /** At a recovery point: a failed CONSUME becomes its diagnostic; our own failures were reported. */
  protected absorb(e: unknown): void {
    if (e instanceof Bail) return;
    if (e instanceof Error && isRecognitionException(e)) {
      const ex = e as unknown as IRecognitionException;
      const tok = ex.token.tokenType === CHEVROTAIN_EOF ? this.eofTok : (ex.token as LaidToken);
      this.report(M.expectToken, this.tokSpan(tok), [ex.message, describe(tok)]);
      return;
    }
    throw e;
  }
  protected tokSpan(t: LaidToken): Span {
    return { file: this.file, line: tokLine(t), col: tokCol(t), endLine: tokEndLine(t), endCol: tokEndCol(t) };
  }
  // `span`/`spanFrom` run once per AST node: they read token ends directly rather than building
  // the two intermediate spans `tokSpan` would (allocation dominates the parser's time).
  protected span(from: LaidToken, to: LaidToken = this.prev()): Span {
    const line = tokLine(from);
    const col = tokCol(from);
    const endLine = tokEndLine(to);
    const endCol = tokEndCol(to);
    if (endLine < line || (endLine === line && endCol < col)) return this.tokSpan(from);
    return { file: this.file, line, col, endLine, endCol };
  }
  protected spanFrom(start: Span): Span {
    const b = this.prev();
    const endLine = tokEndLine(b);
    if (tokLine(b) < start.line) return start;
    return { file: this.file, line: start.line, col: start.col, endLine, endCol: tokEndCol(b) };
  }
  protected posOf(t: LaidToken) {
    return { file: this.file, line: tokLine(t), col: tokCol(t) };
  }
  /** `++depth`, failing past the nesting limit (a diagnostic, never a stack overflow). */
  protected enter(): void {
    if (++this.depth > MAX_NESTING && !this.RECORDING_PHASE) {
      this.depth = 0;
      this.fail(M.nestingTooDeep, this.peek(), []);
    }
  }
  protected leave(): void {
    this.depth = Math.max(0, this.depth - 1);
  }
  /** One block deeper, failing past the block limit; `leaveBlock` undoes it. */
  protected enterBlock(): void {
    if (++this.blockDepth > MAX_BLOCK_NESTING && !this.RECORDING_PHASE) {
      this.blockDepth--;
      this.fail(M.blocksTooDeep, this.peek(), []);
    }
  }
  protected leaveBlock(): void {
    this.blockDepth = Math.max(0, this.blockDepth - 1);
  }
  /** The `count`-th operator of one binary chain, failing past the chain limit. */
  protected chainOperator(count: number, op: LaidToken): void {
    if (count > MAX_CHAIN && !this.RECORDING_PHASE) this.fail(M.chainTooLong, op, [MAX_CHAIN]);
  }

  /** A statement ends at NEWLINE, at a DEDENT or the end, or right after a block it ended
   * with; otherwise "expected newline <where>" as the reference says it. */
  protected endStatement(idx: number, where: string | (() => string)): void {
    if (this.option(idx, this.newlineAt(idx)) !== undefined) return;
    if (this.at(T.Dedent) || this.atEof()) return;
    const before = this.prev().tokenType;
    if (before === T.Dedent || before === T.Newline) return;
    this.fail(M.expectedNewline, this.peek(), [typeof where === "string" ? where : where()]);
  }
  /** `CONSUME<idx>(NEWLINE)`, one function per occurrence index rather than one per call. */
  private newlineAt(idx: number): () => IToken {
    return (this.newlineConsumers[idx] ??= () => this.consume(idx, T.Newline));
  }
  private readonly newlineConsumers: (() => IToken)[] = [];

  /** Skips to the start of the next statement at the current block level. */
  protected recoverStatement(): void {
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
  protected recoverItem(): void {
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

  /** A parser, built once per call site, for `( item (',' item)* ','? )?` before `close` (the
   * shape of every bracketed list), items parsed by `item(occurrence)`. Uses DSL occurrences
   * `base` and `base + 1`. The list being filled is `listItems`, saved around nested lists. */
  protected listOf<R>(base: number, close: TokenType, item: (occurrence: number) => R): () => R[] {
    const trailingComma = () => this.consume(base + 1, T.Comma);
    const rest: DSLMethodOpts<void> = {
      GATE: () => !this.at(close, 2),
      DEF: () => {
        this.consume(base, T.Comma);
        const value = item(base + 1);
        this.listItems.push(value);
      },
    };
    const first: DSLMethodOpts<void> = {
      GATE: () => !this.at(close),
      DEF: () => {
        const value = item(base);
        this.listItems.push(value);
        this.many(base, rest);
        this.option(base + 1, trailingComma);
      },
    };
    return () => {
      const outer = this.listItems;
      const items: R[] = [];
      this.listItems = items;
      try {
        this.option(base, first);
      } finally {
        this.listItems = outer;
      }
      return fitted(items);
    };
  }
  protected listItems: unknown[] = [];

  constructor(validate: boolean) {
    super(T.ALL_TOKENS as TokenType[], { maxLookahead: 1, skipValidations: !validate, traceInitPerf: process.env.CAPA_TRACE_INIT === "1" ? 2 : false });
  }
}
