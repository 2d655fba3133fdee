// `capa lsp`: a Language Server Protocol server over stdio. It owns the open documents and their
// analyses; every request is answered by one of the small modules beside it. Diagnostics are
// published per document after a short quiet period (debounced), and a change to an open module
// re-checks the open documents that import it.

import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";
import {
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyseDocument, type Analysis } from "./analysis.js";
import { IncrementalParser } from "./incremental-parse.js";
import { codeActions } from "./code-actions.js";
import { completion } from "./completion.js";
import { lspDiagnostics } from "./diagnostics.js";
import { documentSymbols } from "./document-symbols.js";
import { formatDocument } from "./formatting.js";
import { hover } from "./hover.js";
import { inlayHints } from "./inlay-hints.js";
import { definition, prepareRename, references, rename } from "./navigation.js";
import { signatureHelp } from "./signature-help.js";
import { SourceText } from "./text.js";
import { VERSION } from "../version.js";

/** Quiet period after the last change before a document is re-checked, unless the client sets
 * `initializationOptions.diagnosticsDelayMs`. */
const DEFAULT_DELAY_MS = 30;

/** Serves one client on the given streams until it sends `exit`. */
export function startLanguageServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  const connection = createConnection(input, output);
  const server = new CapaServer(connection);
  server.listen();
  return new Promise((done) => connection.onExit(() => done(server.shutDown ? 0 : 1)));
}

class CapaServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis>();
  /** The last analysis of each document that reached the checker: completion and signature help
   * read names and types from it while the text being typed does not parse. */
  private readonly lastChecked = new Map<string, Analysis>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Shared by every analysis: chunks of a file are cached by file path and text. */
  private readonly parser = new IncrementalParser();
  private delayMs = DEFAULT_DELAY_MS;
  private watchFiles = false;
  shutDown = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params): InitializeResult => {
      this.watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      const delay = (params.initializationOptions as { diagnosticsDelayMs?: unknown } | undefined)?.diagnosticsDelayMs;
      if (typeof delay === "number" && delay >= 0) this.delayMs = delay;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          hoverProvider: true,
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          documentSymbolProvider: true,
          completionProvider: { triggerCharacters: ["."] },
          signatureHelpProvider: { triggerCharacters: ["(", ","] },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          inlayHintProvider: true,
          documentFormattingProvider: true,
        },
        serverInfo: { name: "capa", version: VERSION },
      };
    });
    // Modules that are not open change on disk: ask the client to report .capa files changing.
    c.onInitialized(() => {
      if (this.watchFiles) void c.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.capa" }] });
    });
    c.onDidChangeWatchedFiles((p) => {
      const changed = new Set(p.changes.map((ch) => pathOf(ch.uri)));
      for (const [uri, a] of this.analyses) if ([...a.sources.keys()].some((f) => changed.has(resolve(f)))) this.recheck(uri);
    });
    c.onShutdown(() => {
      this.shutDown = true;
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
    });
    this.documents.onDidOpen((e) => this.schedule(e.document.uri, 0));
    this.documents.onDidChangeContent((e) => {
      this.schedule(e.document.uri, this.delayMs);
      const path = pathOf(e.document.uri);
      for (const [uri, a] of this.analyses) if (uri !== e.document.uri && a.sources.has(path)) this.recheck(uri);
    });
    this.documents.onDidClose((e) => {
      clearTimeout(this.timers.get(e.document.uri));
      this.timers.delete(e.document.uri);
      this.analyses.delete(e.document.uri);
      this.lastChecked.delete(e.document.uri);
      this.parser.forget(pathOf(e.document.uri));
      void c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });

    c.onHover((p) => this.answer(p.textDocument.uri, null, (a, src) => hover(a, src.point(p.position))));
    c.onDefinition((p) => this.answer(p.textDocument.uri, [], (a, src) => definition(a, src.point(p.position), (f) => this.uriOf(f))));
    c.onReferences((p) => this.answer(p.textDocument.uri, [], (a, src) => references(a, src.point(p.position), p.context.includeDeclaration, (f) => this.uriOf(f))));
    c.onPrepareRename((p) => this.answer(p.textDocument.uri, null, (a, src) => prepareRename(a, src.point(p.position))));
    c.onRenameRequest((p) => this.answer(p.textDocument.uri, null, (a, src) => rename(a, src.point(p.position), p.newName, (f) => this.uriOf(f))));
    c.onDocumentSymbol((p) => this.answer(p.textDocument.uri, [], (a) => documentSymbols(a)));
    c.onCompletion((p) => this.answer(p.textDocument.uri, [], (_a, src) => completion(src, src.point(p.position), this.lastChecked.get(p.textDocument.uri) ?? null)));
    c.onSignatureHelp((p) => this.answer(p.textDocument.uri, null, (_a, src) => signatureHelp(src, src.point(p.position), this.lastChecked.get(p.textDocument.uri) ?? null)));
    c.onCodeAction((p) => {
      const doc = this.documents.get(p.textDocument.uri);
      return this.answer(p.textDocument.uri, [], (a) => codeActions(a, p.textDocument.uri, p.context.diagnostics, (r) => doc?.getText(r) ?? "", (f) => this.uriOf(f)));
    });
    c.onDocumentFormatting((p) => this.answer(p.textDocument.uri, [], (a, src) => formatDocument(src, a.path)));
    c.languages.inlayHint.on((p) => this.answer(p.textDocument.uri, [], (a) => inlayHints(a, p.range)));

    this.documents.listen(c);
    c.listen();
  }

  /** Runs a request against the document's current analysis; a failure is logged, not thrown. */
  private answer<T>(uri: string, fallback: T, f: (a: Analysis, source: SourceText) => T): T {
    const a = this.analysisOf(uri);
    if (a === null) return fallback;
    try {
      return f(a, a.sources.get(a.path)!);
    } catch (e) {
      this.connection.console.error(`capa lsp: ${(e as Error).stack ?? String(e)}`);
      return fallback;
    }
  }

  /** The analysis of the document's current version, computed now if the debounce has not yet. */
  private analysisOf(uri: string): Analysis | null {
    const doc = this.documents.get(uri);
    if (doc === undefined) return null;
    const cached = this.analyses.get(uri);
    if (cached !== undefined && cached.version === doc.version) return cached;
    try {
      const a = analyseDocument(pathOf(uri), doc.getText(), doc.version, (path) => this.openText(path), this.parser);
      this.analyses.set(uri, a);
      if (a.front.checked !== null) this.lastChecked.set(uri, a);
      return a;
    } catch (e) {
      this.connection.console.error(`capa lsp: ${(e as Error).stack ?? String(e)}`);
      return null;
    }
  }

  /** A module the document imports changed: its analysis is stale though its own text is not. */
  private recheck(uri: string): void {
    this.analyses.delete(uri);
    this.schedule(uri, this.delayMs);
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, delay),
    );
  }

  private publish(uri: string): void {
    const a = this.analysisOf(uri);
    if (a === null) return;
    try {
      void this.connection.sendDiagnostics({ uri, version: a.version, diagnostics: lspDiagnostics(a, (f) => this.uriOf(f)) });
    } catch (e) {
      this.connection.console.error(`capa lsp: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private openText(path: string): string | undefined {
    return this.documents.all().find((d) => pathOf(d.uri) === path)?.getText();
  }

  private uriOf(path: string): string {
    const open = this.documents.all().find((d) => pathOf(d.uri) === resolve(path));
    return open?.uri ?? pathToFileURL(resolve(path)).href;
  }
}

/** The file a document URI names; a non-file URI (an unsaved buffer) is its own name. */
function pathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}
