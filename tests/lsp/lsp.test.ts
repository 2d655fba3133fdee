// `capa lsp` end to end, as an editor drives it: JSON-RPC over the stdio of a spawned `capa lsp`
// (npm test builds dist/ first). Each test opens its own documents and asserts the responses.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, LspClient } from "./client.js";

const dir = mkdtempSync(join(tmpdir(), "capa-lsp-"));
const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;
let client: LspClient;
let version = 1;

/** Opens (or replaces) a document and waits for its diagnostics. */
async function open(name: string, text: string): Promise<any[]> {
  writeFileSync(join(dir, name), text);
  const uri = uriOf(name);
  const v = version++;
  const diags = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri && p.version === v);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "capa", version: v, text } });
  return (await diags).diagnostics;
}

async function change(name: string, text: string): Promise<any[]> {
  const uri = uriOf(name);
  const v = version++;
  const diags = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri && p.version === v);
  client.notify("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  return (await diags).diagnostics;
}

const at = (name: string, line: number, character: number) => ({ textDocument: { uri: uriOf(name) }, position: { line, character } });

beforeAll(async () => {
  client = new LspClient();
});
afterAll(() => client.kill());

describe("capa lsp", () => {
  it("answers initialize with its capabilities", async () => {
    const result = await client.initialize({ diagnosticsDelayMs: 0 });
    expect(result.serverInfo.name).toBe("capa");
    for (const c of ["documentFormattingProvider", "hoverProvider", "definitionProvider", "referencesProvider", "renameProvider", "documentSymbolProvider", "completionProvider", "signatureHelpProvider", "codeActionProvider", "inlayHintProvider"]) {
      expect(result.capabilities[c], c).toBeTruthy();
    }
  });

  const greet = ["fun greet(out: Stdio, name: String)", '    out.println("hello ${name}")', "", "fun main(stdio: Stdio)", '    let who = "world"', "    greet(stdio, who)", "    greet(stdio, nobody)", ""].join("\n");

  it("publishes a checker error with its code and range on didOpen", async () => {
    const diags = await open("greet.capa", greet);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: "E2001", severity: 1, source: "capa", range: { start: { line: 6, character: 17 }, end: { line: 6, character: 23 } } });
    expect(diags[0].message).toContain("undefined name 'nobody'");
  });

  it("reports positions in UTF-16 code units after a character outside the BMP", async () => {
    const diags = await open("emoji.capa", ["fun main(stdio: Stdio)", '    stdio.println("😀" + nobody)', ""].join("\n"));
    // `nobody` is at code-point column 25 (1-based) and UTF-16 character 25 (0-based): 😀 is two units.
    expect(diags[0].range).toEqual({ start: { line: 1, character: 25 }, end: { line: 1, character: 31 } });
    const h = await client.request("textDocument/hover", at("emoji.capa", 1, 6));
    expect(h.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
  });

  it("publishes nothing for a clean program after a one-line change", async () => {
    expect(await change("greet.capa", greet.replace("nobody", "who"))).toEqual([]);
  });

  it("hovers a call with the callee's signature and its declared and reached capabilities", async () => {
    const h = await client.request("textDocument/hover", at("greet.capa", 5, 5));
    expect(h.contents.value).toContain("fun greet(out: Stdio, name: String)");
    expect(h.contents.value).toContain("Declared capabilities: Stdio");
    expect(h.contents.value).toContain("Reaches: Stdio");
    const capability = await client.request("textDocument/hover", at("greet.capa", 0, 17));
    expect(capability.contents.value).toContain("capability Stdio");
    expect(capability.contents.value).toContain("Methods: print, println, eprintln, read_line");
    const local = await client.request("textDocument/hover", at("greet.capa", 5, 18));
    expect(local.contents.value).toContain("who: String");
    expect(local.contents.value).not.toContain("@secret");
  });

  it("hovers a @secret parameter with its label and a capability method as authority", async () => {
    await open("secret.capa", ["fun show(out: Stdio, k: @secret String)", '    out.println(declassify(k, reason: "demo"))', "", "fun main(stdio: Stdio)", '    show(stdio, "x")', ""].join("\n"));
    const k = await client.request("textDocument/hover", at("secret.capa", 1, 27));
    expect(k.contents.value).toContain("k: String");
    expect(k.contents.value).toContain("@secret");
    const println = await client.request("textDocument/hover", at("secret.capa", 1, 9));
    expect(println.contents.value).toContain("Capability method Stdio.println");
  });

  it("hovers a function whose result is a secret of its own with where the secret comes from", async () => {
    await open("key.capa", ['const KEY: @secret String = "k"', "", "fun key() -> String", "    return KEY", "", "fun main(stdio: Stdio)", "    let k = key()", '    stdio.println(declassify(k, reason: "demo"))', ""].join("\n"));
    const call = await client.request("textDocument/hover", at("key.capa", 6, 13));
    expect(call.contents.value).toContain("@secret result: constant 'KEY' is @secret (1:12)");
    // `k` has no label written on it: the information-flow pass finds it secret.
    const local = await client.request("textDocument/hover", at("key.capa", 7, 29));
    expect(local.contents.value).toContain("let k: String");
    expect(local.contents.value).toContain("@secret (information flow): constant 'KEY' is @secret (1:12)");
  });

  it("reports a syntax error of an unsaved buffer and answers requests on it without failing", async () => {
    const uri = "untitled:Untitled-1";
    const diags = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri);
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "capa", version: 1, text: "fun main(stdio: Stdio)\n    let x = (1 +\n" } });
    const published = (await diags).diagnostics;
    expect(published).toHaveLength(1);
    expect(published[0].code).toMatch(/^E\d{4}$/);
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 9 } })).toBeNull();
    expect(await client.request("textDocument/definition", { textDocument: { uri }, position: { line: 1, character: 9 } })).toEqual([]);
    expect((await client.request("textDocument/documentSymbol", { textDocument: { uri } })).map((s: any) => s.name)).toEqual(["main"]);
  });

  it("goes to the definition of a function and of a local", async () => {
    const fn = await client.request("textDocument/definition", at("greet.capa", 5, 6));
    expect(fn).toEqual([{ uri: uriOf("greet.capa"), range: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } } }]);
    const local = await client.request("textDocument/definition", at("greet.capa", 5, 17));
    expect(local[0].range.start).toEqual({ line: 4, character: 8 });
  });

  it("renames a local at its declaration and every use, and the result still checks", async () => {
    const edit = await client.request("textDocument/rename", { ...at("greet.capa", 4, 9), newName: "guest" });
    const edits = edit.changes[uriOf("greet.capa")];
    expect(edits).toHaveLength(3);
    const renamed = applyEdits(greet.replace("nobody", "who"), edits);
    expect(renamed).toContain('let guest = "world"');
    expect(renamed).toContain("greet(stdio, guest)");
    expect(await change("greet.capa", renamed)).toEqual([]);
  });

  it("renames a function and refuses a keyword as the new name", async () => {
    const edit = await client.request("textDocument/rename", { ...at("greet.capa", 0, 5), newName: "welcome" });
    expect(edit.changes[uriOf("greet.capa")]).toHaveLength(3);
    expect(await client.request("textDocument/rename", { ...at("greet.capa", 0, 5), newName: "match" })).toBeNull();
  });

  it("finds references of a parameter", async () => {
    const refs = await client.request("textDocument/references", { ...at("greet.capa", 0, 23), context: { includeDeclaration: true } });
    expect(refs.map((r: any) => r.range.start.line).sort()).toEqual([0, 1]);
  });

  it("applies the quick fix that prefixes an unused capability with _", async () => {
    const text = ["fun log(out: Stdio, fs: Fs)", '    out.println("x")', "", "fun main(stdio: Stdio, fs: Fs)", "    log(stdio, fs)", ""].join("\n");
    const diags = await open("unused.capa", text);
    const unused = diags.filter((d) => d.code === "E3011");
    expect(unused).toHaveLength(1);
    const actions = await client.request("textDocument/codeAction", { textDocument: { uri: uriOf("unused.capa") }, range: unused[0].range, context: { diagnostics: unused } });
    expect(actions[0].title).toContain("Prefix unused capability 'fs'");
    const fixed = applyEdits(text, actions[0].edit.changes[uriOf("unused.capa")]);
    expect(fixed.split("\n")[0]).toBe("fun log(out: Stdio, _fs: Fs)");
    expect(await change("unused.capa", fixed)).toEqual([]);
  });

  it("applies the quick fix that adds a missing capability parameter and threads it through the callers", async () => {
    const text = ["fun report(n: Int)", '    stdio.println("n = ${n}")', "", "fun twice(n: Int)", "    report(n)", "    report(n * 2)", "", "fun main(out: Stdio)", '    out.println("start")', "    twice(1)", ""].join("\n");
    const diags = await open("thread.capa", text);
    const missing = diags.find((d) => d.code === "E2001");
    const actions = await client.request("textDocument/codeAction", { textDocument: { uri: uriOf("thread.capa") }, range: missing.range, context: { diagnostics: [missing] } });
    expect(actions[0].title).toContain("stdio: Stdio");
    const fixed = applyEdits(text, actions[0].edit.changes[uriOf("thread.capa")]);
    expect(fixed).toContain("fun report(n: Int, stdio: Stdio)");
    expect(fixed).toContain("fun twice(n: Int, stdio: Stdio)");
    expect(fixed).toContain("report(n * 2, stdio)");
    expect(fixed).toContain("twice(1, out)"); // main already holds a Stdio: it passes its own
    expect(await change("thread.capa", fixed)).toEqual([]);
  });

  it("applies the quick fix that wraps a secret sink argument in declassify, with IFC steps as related information", async () => {
    const text = ["fun leak(out: Stdio, k: @secret String)", "    out.println(k)", "", "fun main(stdio: Stdio)", '    leak(stdio, "x")', ""].join("\n");
    const diags = await open("leak.capa", text);
    const leak = diags.find((d) => d.code === "E5001");
    expect(leak.relatedInformation.map((r: any) => r.location.range.start.line)).toEqual([0, 1]);
    const actions = await client.request("textDocument/codeAction", { textDocument: { uri: uriOf("leak.capa") }, range: leak.range, context: { diagnostics: [leak] } });
    const fixed = applyEdits(text, actions[0].edit.changes[uriOf("leak.capa")]);
    expect(fixed).toContain('out.println(declassify(k, reason: ""))');
    expect((await change("leak.capa", fixed)).filter((d) => d.code === "E5001")).toEqual([]);
  });

  it("goes to a definition in an imported module and finds references there", async () => {
    writeFileSync(join(dir, "util.capa"), ["pub fun shout(out: Stdio, s: String)", '    out.println(s + "!")', ""].join("\n"));
    await open("uses.capa", ["import util", "", "fun main(stdio: Stdio)", '    util.shout(stdio, "hi")', ""].join("\n"));
    const def = await client.request("textDocument/definition", at("uses.capa", 3, 10));
    expect(def).toEqual([{ uri: uriOf("util.capa"), range: { start: { line: 0, character: 8 }, end: { line: 0, character: 13 } } }]);
    const refs = await client.request("textDocument/references", { ...at("uses.capa", 3, 10), context: { includeDeclaration: true } });
    expect(refs.map((r: any) => r.uri).sort()).toEqual([uriOf("util.capa"), uriOf("uses.capa")].sort());
    const members = await client.request("textDocument/completion", at("uses.capa", 3, 9));
    expect(members.map((m: any) => m.label)).toEqual(["shout"]);
  });

  it("re-checks an open file when a module it imports changes on disk", async () => {
    writeFileSync(join(dir, "lib.capa"), ["pub fun twice(n: Int) -> Int", "    return n * 2", ""].join("\n"));
    expect(await open("client.capa", ["import lib", "", "fun main(stdio: Stdio)", '    stdio.println("${lib.twice(2)}")', ""].join("\n"))).toEqual([]);
    writeFileSync(join(dir, "lib.capa"), ["pub fun twice(n: String) -> String", "    return n + n", ""].join("\n"));
    const diags = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uriOf("client.capa"));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf("lib.capa"), type: 2 }] });
    expect((await diags).diagnostics.map((d: any) => d.code)).toEqual(["E2121"]); // argument 1 expects String, got Int
  });

  it("re-checks an open file when an open module it imports is edited", async () => {
    await open("lib2.capa", ["pub fun half(n: Int) -> Int", "    return n / 2", ""].join("\n"));
    expect(await open("client2.capa", ["import lib2", "", "fun main(stdio: Stdio)", '    stdio.println("${lib2.half(4)}")', ""].join("\n"))).toEqual([]);
    const diags = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uriOf("client2.capa"));
    await change("lib2.capa", ["pub fun half(n: String) -> String", "    return n", ""].join("\n")); // not saved to disk
    expect((await diags).diagnostics.map((d: any) => d.code)).toEqual(["E2121"]);
  });

  it("lists document symbols, completes capability methods and scope names, and helps with signatures", async () => {
    const symbols = await client.request("textDocument/documentSymbol", { textDocument: { uri: uriOf("greet.capa") } });
    expect(symbols.map((s: any) => s.name)).toEqual(["greet", "main"]);
    const methods = await client.request("textDocument/completion", at("greet.capa", 1, 8));
    expect(methods.map((m: any) => m.label)).toContain("println");
    const names = await client.request("textDocument/completion", at("greet.capa", 5, 4));
    const labels = names.map((m: any) => m.label);
    expect(labels).toEqual(expect.arrayContaining(["stdio", "guest", "greet", "main"]));
    const sig = await client.request("textDocument/signatureHelp", at("greet.capa", 5, 16));
    expect(sig.signatures[0].label).toBe("greet(out: Stdio, name: String) -> ()");
    expect(sig.activeParameter).toBe(1);
  });

  it("completes a capability's methods on a line being typed after the last function, from the last analysis that checked", async () => {
    const uri = uriOf("typing.capa");
    const text = ["fun main(stdio: Stdio)", '    stdio.println("a")', ""].join("\n");
    await open("typing.capa", text);
    const typing = client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri);
    client.notify("textDocument/didChange", { textDocument: { uri, version: version++ }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: "    stdio." }] });
    expect((await typing).diagnostics).toHaveLength(1); // `stdio.` alone does not parse
    const methods = await client.request("textDocument/completion", at("typing.capa", 2, 10));
    expect(methods.map((m: any) => m.label)).toEqual(expect.arrayContaining(["println", "print", "read_line"]));
  });

  it("shows the authority a call passes as an inlay hint", async () => {
    const hints = await client.request("textDocument/inlayHint", { textDocument: { uri: uriOf("greet.capa") }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } });
    expect(hints.map((h: any) => [h.position.line, h.label])).toEqual([[5, "grants Stdio"], [6, "grants Stdio"]]);
  });

  it("formats a document through the formatter, and leaves one with a syntax error alone", async () => {
    const text = ["fun main(stdio: Stdio)", "    let total = 1+2", '    stdio.println("${total}")', ""].join("\n");
    await open("format.capa", text);
    const edits = await client.request("textDocument/formatting", { textDocument: { uri: uriOf("format.capa") }, options: { tabSize: 4, insertSpaces: true } });
    expect(applyEdits(text, edits)).toBe(text.replace("1+2", "1 + 2"));
    await open("broken.capa", "fun main(stdio: Stdio)\n    let x = (1 +\n");
    expect(await client.request("textDocument/formatting", { textDocument: { uri: uriOf("broken.capa") }, options: { tabSize: 4, insertSpaces: true } })).toEqual([]);
  });

  it("shuts down and exits 0", async () => {
    expect(await client.shutdown()).toBe(0);
    expect(client.stderr).toBe("");
  });
});

describe("capa lsp through bin/capa", () => {
  it("starts from the launcher (start-up snapshot or plain bundle), answers initialize and exits 0", async () => {
    const viaLauncher = new LspClient({ launcher: true });
    try {
      const result = await viaLauncher.initialize();
      expect(result.capabilities.hoverProvider).toBe(true);
      expect(await viaLauncher.shutdown()).toBe(0);
      expect(viaLauncher.stderr).toBe("");
    } finally {
      viaLauncher.kill();
    }
  });
});
