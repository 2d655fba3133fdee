// Incremental parsing for the editor: a file is cut into top-level chunks (an item with the doc
// comments, attributes and comments before it), each parsed on its own and cached by its text,
// so a one-line edit re-parses one chunk. A chunk seen at another line is reused by shifting
// its spans. The result is the AST a whole-file parse builds (tests/lsp/incremental-parse.test.ts
// compares them over every example); whenever a chunk has a diagnostic, the whole file is parsed
// as usual, so the errors reported are exactly the whole-file parse's.

import type { Span } from "../diagnostics/diagnostic.js";
import type { Item } from "../syntax/ast.js";
import { parseSource, type ParseResult } from "../syntax/index.js";

interface ParsedChunk {
  /** The chunk parsed as if it started on line 1. */
  readonly items: readonly Item[];
  readonly start: { readonly line: number; readonly col: number };
  readonly end: { readonly line: number; readonly col: number };
  /** The line of the sentinel item parsed after a chunk that is not the file's last. */
  readonly sentinelLine: number;
  readonly ok: boolean;
}

/** Parsed after every chunk but the last, so that a block item ends where the whole-file parse
 * ends it: at the next item's first token (a span ending at its column 1 ends there). */
const SENTINEL = "const __capa_chunk_end: Int = 0\n";

interface PlacedChunk {
  readonly startLine: number;
  readonly items: readonly Item[];
  /** The last item with its end moved to the next chunk's start, for the start it was made for. */
  moved?: { readonly to: string; readonly item: Item };
}

export class IncrementalParser {
  /** Per file: chunk text → its standalone parse, from the file's previous parse only. */
  private readonly parsed = new Map<string, Map<string, ParsedChunk>>();
  /** Per file: chunk text at a start line → its items placed there (node identity kept across parses). */
  private readonly placed = new Map<string, Map<string, PlacedChunk>>();

  parse(text: string, file: string): ParseResult {
    const chunks = splitTopLevel(text);
    if (chunks.length < 2) return this.whole(text, file);
    const oldParsed = this.parsed.get(file) ?? new Map<string, ParsedChunk>();
    const oldPlaced = this.placed.get(file) ?? new Map<string, PlacedChunk>();
    const newParsed = new Map<string, ParsedChunk>();
    const newPlaced = new Map<string, PlacedChunk>();
    const pieces: { chunk: ParsedChunk; placed: PlacedChunk; text: string }[] = [];
    chunks.forEach((c, i) => {
      const last = i === chunks.length - 1;
      const cacheKey = last ? `${c.text}\u0000last` : c.text;
      let chunk = newParsed.get(cacheKey) ?? oldParsed.get(cacheKey);
      if (chunk === undefined) {
        const r = parseSource(last ? c.text : c.text + SENTINEL, file);
        const sentinelLine = c.text.split("\n").length;
        const items = last ? r.program.items : r.program.items.slice(0, -1);
        const sentinelOk = last || r.program.items[r.program.items.length - 1]?.span.line === sentinelLine;
        chunk = { items, start: { line: r.program.span.line, col: r.program.span.col }, end: { line: r.program.span.endLine, col: r.program.span.endCol }, sentinelLine, ok: r.diagnostics.length === 0 && sentinelOk };
      }
      newParsed.set(cacheKey, chunk);
      const placeKey = `${c.startLine}\u0000${cacheKey}`;
      const placed = oldPlaced.get(placeKey) ?? newPlaced.get(placeKey) ?? { startLine: c.startLine, items: shifted(chunk.items, c.startLine - 1) };
      newPlaced.set(placeKey, placed);
      pieces.push({ chunk, placed, text: c.text });
    });
    if (pieces.some((p) => !p.chunk.ok)) return this.whole(text, file);
    this.parsed.set(file, newParsed);
    this.placed.set(file, newPlaced);
    const items: Item[] = [];
    pieces.forEach((p, i) => {
      const next = pieces[i + 1]?.placed.items[0];
      const last = p.placed.items[p.placed.items.length - 1];
      if (next === undefined || last === undefined) return items.push(...p.placed.items);
      // A block item's span runs on to the next item's first token, which its own chunk cannot see.
      const eof = { line: p.chunk.sentinelLine + p.placed.startLine - 1, col: 2 };
      const to = { line: next.span.line, col: next.span.col + 1 };
      const toKey = `${to.line}:${to.col}`;
      if (p.placed.moved?.to !== toKey) p.placed.moved = { to: toKey, item: endsMoved(last, eof, to) };
      items.push(...p.placed.items.slice(0, -1), p.placed.moved.item);
    });
    const head = pieces[0]!;
    const tail = pieces[pieces.length - 1]!;
    const end = { line: tail.chunk.end.line + tail.placed.startLine - 1, col: tail.chunk.end.col };
    return { program: { kind: "Program", file, items, span: { file, line: head.chunk.start.line, col: head.chunk.start.col, endLine: end.line, endCol: end.col } }, diagnostics: [] };
  }

  forget(file: string): void {
    this.parsed.delete(file);
    this.placed.delete(file);
  }

  private whole(text: string, file: string): ParseResult {
    this.forget(file);
    return parseSource(text, file);
  }
}

/** A top-level chunk: its text (from its first line to the line before the next chunk) and where it starts. */
export interface Chunk {
  readonly startLine: number;
  readonly text: string;
}

/**
 * Cuts a file where an item starts at column 0 outside any bracket, block comment or line
 * continuation; the doc comments, attributes, comments and blank lines just above an item go
 * with it. A cut the scanner gets wrong makes a chunk that does not parse, and then the caller
 * parses the whole file.
 */
export function splitTopLevel(text: string): Chunk[] {
  const lines = text.split("\n");
  const starts: number[] = [0];
  let depth = 0;
  let comment = 0;
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i > 0 && depth === 0 && comment === 0 && !continued && /^[A-Za-z]/.test(line)) {
      let start = i;
      while (start > starts[starts.length - 1]! && attachesBelow(lines[start - 1]!)) start -= 1;
      if (start > starts[starts.length - 1]!) starts.push(start);
    }
    ({ depth, comment } = scanLine(line, depth, comment));
    continued = line.endsWith("\\");
  }
  return starts.map((s, i) => ({ startLine: s + 1, text: lines.slice(s, starts[i + 1] ?? lines.length).join("\n") + (i + 1 < starts.length ? "\n" : "") }));
}

/** Lines that belong to the item below them: blank, comment, doc comment or attribute lines. */
function attachesBelow(line: string): boolean {
  return /^\s*$/.test(line) || /^\s*(\/\/|\/\*|\*|@)/.test(line);
}

/** Bracket depth and block-comment nesting after one line; strings and line comments skipped. */
function scanLine(line: string, depth: number, comment: number): { depth: number; comment: number } {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const n = line[i + 1];
    if (comment > 0) {
      if (c === "*" && n === "/") (comment -= 1), (i += 1);
      else if (c === "/" && n === "*") (comment += 1), (i += 1);
      continue;
    }
    if (c === "/" && n === "/") break;
    if (c === "/" && n === "*") {
      comment += 1;
      i += 1;
    } else if (c === '"' || c === "'") {
      i += 1;
      while (i < line.length && line[i] !== c) i += line[i] === "\\" ? 2 : 1;
    } else if (c === "(" || c === "[" || c === "{") depth += 1;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return { depth, comment };
}

/** A copy of AST nodes with every span moved down `delta` lines. */
function shifted<T>(node: T, delta: number): T {
  if (delta === 0) return node;
  if (Array.isArray(node)) return node.map((n) => shifted(n, delta)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === "span" ? { ...(v as Span), line: (v as Span).line + delta, endLine: (v as Span).endLine + delta } : shifted(v, delta);
  }
  return out as T;
}

/** A copy of an item where every span ending at `from` ends at `to` instead. */
function endsMoved<T>(node: T, from: { line: number; col: number }, to: { line: number; col: number }): T {
  if (Array.isArray(node)) return node.map((n) => endsMoved(n, from, to)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "span") {
      const s = v as Span;
      out[k] = s.endLine === from.line && s.endCol === from.col ? { ...s, endLine: to.line, endCol: to.col } : s;
    } else out[k] = endsMoved(v, from, to);
  }
  return out as T;
}
