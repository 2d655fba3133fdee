// `capa --doc FILE`: one self-contained HTML page over the capability model. The page is parsed
// with parse5 (an HTML5 parser, the algorithm browsers use) and must raise no parse error; the
// facts (doc comments, signatures, declared/reached capabilities, attributes, @vex claims,
// declassification sites, the capability index) are read back from the parsed tree.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const ROOT = join(__dirname, "../..");
const CAPA = join(ROOT, "bin/capa.js");
const PAGE = join(__dirname, "doc/page.capa");

function capa(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CAPA, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const VOID_ELEMENTS = new Set(["meta", "br", "hr", "img", "input", "link"]);

/** Problems in a page: parse5's tokenizer errors, plus what its tree builder repairs silently: an
 * element the source did not write (implied), a non-void element not closed by its own end tag,
 * and an end tag that closed nothing (more end tags in the text than elements they closed). */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const doc = parse(html, { sourceCodeLocationInfo: true, onParseError: (e) => problems.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  let closed = 0;
  for (const el of walk(doc)) {
    const loc = el.sourceCodeLocation;
    if (!loc) problems.push(`<${el.tagName}> implied, not written`);
    else if (loc.endTag) closed++;
    else if (!VOID_ELEMENTS.has(el.tagName)) problems.push(`<${el.tagName}> at ${loc.startLine}:${loc.startCol} is not closed`);
  }
  const endTags = (html.match(/<\/[A-Za-z][A-Za-z0-9]*\s*>/g) ?? []).length;
  if (endTags !== closed) problems.push(`${endTags - closed} end tag(s) that close nothing`);
  return problems;
}

/** The document, failing the test on any HTML problem. */
function parseStrict(html: string): DefaultTreeAdapterMap["document"] {
  expect(htmlProblems(html)).toEqual([]);
  return parse(html);
}

function* walk(node: Node): Generator<Element> {
  if ("tagName" in node) yield node;
  if ("childNodes" in node) for (const child of node.childNodes) yield* walk(child);
  if ("content" in node && node.content) yield* walk(node.content as Node);
}

const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

function text(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in node ? node.childNodes.map(text).join("") : "";
}

const byId = (doc: Node, id: string): Element | undefined => [...walk(doc)].find((e) => attr(e, "id") === id);

describe("the HTML check itself", () => {
  it("finds the errors a browser would repair silently (so a clean page means something)", () => {
    const page = (body: string) => `<!DOCTYPE html><html><head><title>x</title></head><body>${body}</body></html>`;
    expect(htmlProblems(page("<p>a</p>"))).toEqual([]);
    expect(htmlProblems(page("<p>a</b>"))).toEqual(["<p> at 1:57 is not closed", "1 end tag(s) that close nothing"]);
    expect(htmlProblems(page("<table><tr><td>a</td></tr></table>"))).toEqual(["<tbody> implied, not written"]);
    expect(htmlProblems(page('<p id="a" id="b">x</p>'))).toEqual(["duplicate-attribute at 1:69"]);
  });
});

describe("capa --doc", () => {
  const r = capa(["--doc", PAGE]);
  const doc = parseStrict(r.stdout);
  const elements = [...walk(doc)];

  it("prints a valid, self-contained HTML page (exit 0): no scripts, no outside resources, unique ids, every # link resolves", () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(elements.filter((e) => e.tagName === "script" || e.tagName === "link" || e.tagName === "img")).toEqual([]);
    const ids = elements.map((e) => attr(e, "id")).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const hrefs = elements.map((e) => attr(e, "href")).filter((h): h is string => h !== undefined);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) {
      expect(href.startsWith("#")).toBe(true);
      expect(ids).toContain(href.slice(1));
    }
    expect(text(elements.find((e) => e.tagName === "title")!)).toBe("page.capa — Capa documentation");
  });

  it("documents each function: signature, doc comment paragraphs, declared and reached capabilities", () => {
    const fetch = byId(doc, "fn-fetch_status")!;
    expect(text([...walk(fetch)].find((e) => e.tagName === "pre")!)).toBe("pub fun fetch_status(net: Net) -> Result<String, IoError>");
    const paragraphs = [...walk(fetch)].filter((e) => e.tagName === "p").map(text);
    expect(paragraphs).toEqual(["Fetches the status page.", "Second paragraph: uses net.get & friends."]);
    const caps = [...walk(fetch)].find((e) => e.tagName === "dl")!;
    expect(text(caps)).toBe("declaresNetreachesNet");
    // A method reached through its capability: declares Logger, reaches Stdio through the implementor.
    const log = byId(doc, "fn-ConsoleLogger..log")!;
    expect(text([...walk(log)].find((e) => e.tagName === "dl")!)).toBe("declaresLoggerreachesLogger Stdio");
    expect(text([...walk(log)].find((e) => e.tagName === "pre")!)).toBe("fun ConsoleLogger::log(self, msg: String)");
  });

  it("shows attributes, @vex claims and declassification sites with their positions", () => {
    const fetch = byId(doc, "fn-fetch_status")!;
    expect(text([...walk(fetch)].find((e) => attr(e, "class") === "attributes")!)).toBe("@audited(date: 2026-01-02, by: sec-team)");
    const vex = [...walk(fetch)].find((e) => attr(e, "class") === "vex")!;
    expect([...walk(vex)].filter((e) => e.tagName === "td").map(text)).toEqual(["CVE-2024-12345", "not_affected", "code_not_reachable", "the parser is never given input"]);
    const report = byId(doc, "fn-report")!;
    expect(text([...walk(report)].find((e) => attr(e, "class") === "declassification")!)).toBe("pin % 10 at page.capa:24:17: last digit only, for support calls");
    expect(text(elements.find((e) => e.tagName === "header")!)).toContain("5 functions, 1 VEX claim, 1 declassification site");
  });

  it("has a capability index: for each capability, the functions that declare it and those that reach it only through calls", () => {
    const row = (cap: string) => [...walk(byId(doc, `cap-${cap}`)!)].filter((e) => e.tagName === "td").map(text);
    expect(row("Net")).toEqual(["fetch_status, main", "none"]);
    expect(row("Stdio")).toEqual(["make_logger, main", "ConsoleLogger::log, report"]);
    expect(byId(doc, "cap-Fs")).toBeUndefined(); // nothing reaches Fs
  });

  it("escapes doc comment text: markup in a comment is shown, never interpreted", () => {
    const logger = byId(doc, "cap-Logger-decl")!;
    expect(text(logger)).toContain("Says log(msg) and <b>nothing</b> else.");
    expect([...walk(logger)].some((e) => e.tagName === "b")).toBe(false);
  });

  it("is byte-for-byte the same on every run, and -o writes it to a file", () => {
    expect(capa(["--doc", PAGE]).stdout).toBe(r.stdout);
    const out = join(mkdtempSync(join(tmpdir(), "capa-doc-")), "page.html");
    const w = capa(["--doc", PAGE, "-o", out]);
    expect([w.code, w.stdout, w.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(out, "utf8")).toBe(r.stdout);
  });

  it("titles a project's page with its package name", () => {
    const p = capa(["--doc", "examples/project/src/main.capa"]);
    expect(p.code).toBe(0);
    const pdoc = parseStrict(p.stdout);
    expect(text([...walk(pdoc)].find((e) => e.tagName === "title")!)).toBe("project — Capa documentation");
  });

  it("reports check errors instead of a page (exit 1), and refuses a second mode (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-doc-"));
    writeFileSync(join(dir, "bad.capa"), "/// Adds.\nfun add(a: Int) -> Int\n    return a + \"x\"\n");
    const bad = capa(["--doc", join(dir, "bad.capa")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("bad.capa:3:");
    const twice = capa(["--doc", "--run", PAGE]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("choose one mode");
  });
});
