// The TextMate grammar (editors/vscode/syntaxes/capa.tmLanguage.json) as VS Code runs it
// (vscode-textmate over the Oniguruma WebAssembly build), checked against our own lexer on the
// examples: every keyword, string, char, number and comment the lexer finds is scoped as such
// by the grammar; attributes, flow labels and `${...}` splices get their own scopes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { commentsOf, lexSource } from "../../src/syntax/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GRAMMAR = join(ROOT, "editors/vscode/syntaxes/capa.tmLanguage.json");
const EXAMPLES = ["attenuation", "bank", "basics", "closures", "collections", "errors", "generics", "hello", "ifc", "ifc_warnings", "json", "linear", "patterns", "traits", "user_capabilities"];
/** Every other program we have, for the same cross-check (those our lexer accepts). */
const FIXTURES = execFileSync("find", ["tests", "stdlib", "-name", "*.capa"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").sort();

interface ScopedToken {
  readonly line: number;
  /** UTF-16 offsets within the line. */
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

let grammar: textmate.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(createRequire(import.meta.url).resolve("vscode-oniguruma"), "..", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.capa" ? textmate.parseRawGrammar(readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null),
  });
  const loaded = await registry.loadGrammar("source.capa");
  if (loaded === null) throw new Error("the grammar did not load");
  grammar = loaded;
});

function tokenize(text: string): ScopedToken[] {
  const out: ScopedToken[] = [];
  let stack = textmate.INITIAL;
  text.split("\n").forEach((lineText, i) => {
    const r = grammar.tokenizeLine(lineText, stack);
    for (const t of r.tokens) out.push({ line: i + 1, start: t.startIndex, end: t.endIndex, scopes: t.scopes });
    stack = r.ruleStack;
  });
  return out;
}

/** The scopes at a position given as the lexer gives it (1-based line, column in code points). */
function scopesAt(tokens: readonly ScopedToken[], lines: readonly string[], line: number, col: number): string {
  const offset = [...(lines[line - 1] ?? "")].slice(0, col - 1).join("").length;
  const t = tokens.find((x) => x.line === line && x.start <= offset && offset < x.end);
  return t === undefined ? "" : t.scopes.join(" ");
}

const EXPECTED: readonly [RegExp, RegExp][] = [
  [/^KW_/, /\b(keyword|storage|constant\.language|variable\.language)\./],
  [/^STRING_LIT$/, /\bstring\.quoted\./],
  [/^CHAR_LIT$/, /\bstring\.quoted\.single\./],
  [/^(INT|FLOAT)_LIT$/, /\bconstant\.numeric\./],
  [/^DOC_COMMENT$/, /\bcomment\.(line|block)\.documentation\./],
];

describe("the TextMate grammar", () => {
  /** How many lexer tokens and comments of `file` were checked against the grammar's scopes. */
  function crossCheck(file: string): number {
    const text = readFileSync(file, "utf8");
    const lexed = lexSource(text, file);
    if (lexed.diagnostics.length > 0) return 0;
    const lines = text.split("\n");
    const tokens = tokenize(text);
    let checked = 0;
    for (const tok of lexed.tokens) {
      const rule = EXPECTED.find(([kind]) => kind.test(tok.type));
      if (rule === undefined) continue;
      expect(`${file}:${tok.line}:${tok.col} ${tok.type} ${tok.text} → ${scopesAt(tokens, lines, tok.line, tok.col)}`).toMatch(rule[1]);
      checked++;
    }
    for (const c of commentsOf(text, file)) {
      expect(`${file}:${c.line}:${c.col} ${c.text} → ${scopesAt(tokens, lines, c.line, c.col)}`).toMatch(/\bcomment\./);
      expect(`${file}:${c.endLine}:${c.endCol - 1} ${c.text} → ${scopesAt(tokens, lines, c.endLine, c.endCol - 1)}`).toMatch(/\bcomment\./);
      checked++;
    }
    return checked;
  }

  it.each(EXAMPLES)("scopes examples/%s.capa as our lexer reads it", (name) => {
    expect(crossCheck(join(ROOT, "examples", `${name}.capa`))).toBeGreaterThan(0);
  });

  it("scopes every fixture and standard-library module as our lexer reads it", () => {
    let checked = 0;
    for (const f of FIXTURES) checked += crossCheck(join(ROOT, f));
    expect(FIXTURES.length).toBeGreaterThan(900);
    expect(checked).toBeGreaterThan(15_000);
  });

  const SAMPLE = [
    "/// Doc for f.",
    "@deprecated(reason: \"use g\", since: \"1.2\")",
    "@strict_ifc",
    "pub fun f(pin: @secret Int, name: @public String) -> @secret Int // a comment",
    "    /* block /* nested */ still comment */",
    '    let s = "pin ${pin + 1} of ${name.length()} and $$ \\n"',
    "    let c = 'x'",
    '    let raw = r"C:\\dir\\${name}"',
    "    return match pin { 0 -> 1, _ -> pin }",
  ].join("\n");

  function scopesOf(fragment: string, occurrence = 0): string {
    const lines = SAMPLE.split("\n");
    const tokens = tokenize(SAMPLE);
    let seen = 0;
    for (let l = 0; l < lines.length; l++) {
      let at = lines[l]!.indexOf(fragment);
      while (at >= 0) {
        if (seen++ === occurrence) return tokens.find((t) => t.line === l + 1 && t.start <= at && at < t.end)!.scopes.join(" ");
        at = lines[l]!.indexOf(fragment, at + 1);
      }
    }
    throw new Error(`no ${fragment}`);
  }

  it("scopes attributes, their keys and their string values", () => {
    expect(scopesOf("@deprecated")).toContain("meta.attribute.capa");
    expect(scopesOf("deprecated")).toContain("entity.name.function.attribute.capa");
    expect(scopesOf("reason")).toContain("variable.parameter.attribute.capa");
    expect(scopesOf('"use g"')).toContain("string.quoted.double.capa");
    expect(scopesOf("strict_ifc")).toContain("entity.name.function.attribute.capa");
  });

  it("scopes flow labels as modifiers, not as attributes", () => {
    expect(scopesOf("@secret")).toContain("storage.modifier.flow-label.capa");
    expect(scopesOf("@secret")).not.toContain("meta.attribute");
    expect(scopesOf("@public")).toContain("storage.modifier.flow-label.capa");
  });

  it("scopes `${...}` splices as embedded code inside the string", () => {
    expect(scopesOf("${")).toContain("punctuation.section.interpolation.begin.capa");
    expect(scopesOf("pin + 1")).toContain("meta.embedded.interpolation.capa");
    expect(scopesOf("+ 1")).toContain("keyword.operator.arithmetic.capa");
    expect(scopesOf("length")).toContain("entity.name.function.method.capa");
    expect(scopesOf(" and $$")).toContain("string.quoted.double.capa");
    expect(scopesOf(" and $$")).not.toContain("meta.embedded");
    expect(scopesOf("$$")).toContain("constant.character.escape");
    expect(scopesOf("\\n")).toContain("constant.character.escape.capa");
    // Raw strings have no escapes, but splice as the reference 1.32.1 does.
    expect(scopesOf("C:")).toContain("string.quoted.raw.capa");
    expect(scopesOf("\\dir")).not.toContain("constant.character.escape");
    expect(scopesOf("name}")).toContain("meta.embedded.interpolation.capa");
  });

  it("scopes comments, nested block comments and doc comments", () => {
    expect(scopesOf("/// Doc")).toContain("comment.line.documentation.capa");
    expect(scopesOf("// a comment")).toContain("comment.line.double-slash.capa");
    expect(scopesOf("still comment")).toContain("comment.block.capa");
  });

  it("scopes declarations, keywords and the inline match's braces", () => {
    expect(scopesOf("pub")).toContain("storage.modifier.capa");
    expect(scopesOf("fun")).toContain("storage.type.function.capa");
    expect(scopesOf("f(")).toContain("entity.name.function.capa");
    expect(scopesOf("match")).toContain("keyword.control.capa");
    expect(scopesOf("_ ->")).toContain("variable.language.wildcard.capa");
    expect(scopesOf("return")).toContain("keyword.control.capa");
  });
});

describe("the VS Code extension manifest", () => {
  const dir = join(ROOT, "editors/vscode");
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  it("contributes the capa language with this grammar, under the grammar's own scope name", () => {
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: "capa", extensions: [".capa"] })]);
    const [entry] = manifest.contributes.grammars;
    expect(entry).toMatchObject({ language: "capa", scopeName: "source.capa" });
    expect(JSON.parse(readFileSync(join(dir, entry.path), "utf8")).scopeName).toBe("source.capa");
    expect(JSON.parse(readFileSync(join(dir, manifest.contributes.languages[0].configuration), "utf8")).comments.lineComment).toBe("//");
  });

  it("starts `capa lsp` over stdio from its entry point", () => {
    const source = readFileSync(join(dir, manifest.main), "utf8");
    expect(source).toMatch(/args: \["lsp"\]/);
    expect(source).toMatch(/TransportKind\.stdio/);
    expect(manifest.contributes.configuration.properties["capa.command"].default).toBe("capa");
  });
});
