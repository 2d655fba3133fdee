// `capa --doc FILE`: one self-contained HTML page (inline style, no scripts, no outside links)
// over the capability model: per function its doc comment, signature, declared and reached
// capabilities, attributes, `@vex` claims and declassification sites; a capability index (which
// functions reach Net); the user capabilities. Pure: the same model gives the same bytes.

import type { CapabilityModel, FunctionFacts, UserCapabilityFacts } from "../check/model.js";
import { BUILTIN_CAPABILITIES } from "../check/model.js";
import { displayFilename } from "./display.js";

export interface DocInput {
  readonly model: CapabilityModel;
  /** The root file as the lexer named it (positions are shown relative to its folder). */
  readonly rootFile: string;
  /** The page title: the project's name, else the file's. */
  readonly title: string;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** An id for a function's section: `fn-` and its qualified name with anything but [A-Za-z0-9_-] spelled out. */
export function functionAnchor(qualifiedName: string): string {
  return "fn-" + qualifiedName.replace(/[^A-Za-z0-9_-]/g, (c) => (c === ":" ? "." : `_${c.codePointAt(0)!.toString(16)}`));
}

const capAnchor = (name: string): string => `cap-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;

/** Doc comment text as paragraphs (blank lines separate them), `code` spans kept as <code>. */
function docHtml(doc: string | null): string {
  if (doc === null || doc.trim() === "") return `<p class="nodoc">No documentation.</p>`;
  return doc
    .trim()
    .split(/\n\s*\n/)
    .map((para) => `<p>${escape(para.trim()).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function signature(f: FunctionFacts): string {
  const params = f.params.map((p) => {
    const mode = p.consuming ? "consume " : p.borrowing ? "borrow " : "";
    if (p.name === "self") return `${mode}<span class="param">self</span>`;
    const type = p.isCapability ? `<span class="cap">${escape(p.type)}</span>` : escape(p.type);
    return `${mode}<span class="param">${escape(p.name)}</span>: ${type}`;
  });
  const ret = f.returnType === "()" ? "" : ` -&gt; <span class="ret">${escape(f.returnType)}</span>`;
  const owner = f.container === null ? "" : `${escape(f.container)}::`;
  return `<pre class="sig"><code>${f.isPub ? `<span class="kw">pub</span> ` : ""}<span class="kw">fun</span> ${owner}<span class="name">${escape(f.name)}</span>(${params.join(", ")})${ret}</code></pre>`;
}

function capabilityBadges(names: readonly string[]): string {
  if (names.length === 0) return `<span class="none">none</span>`;
  return names.map((c) => `<a class="badge${c === "Unsafe" ? " unsafe" : ""}" href="#${capAnchor(c)}">${escape(c)}</a>`).join(" ");
}

function position(rootFile: string, span: { file: string; line: number; col: number }): string {
  return `${escape(displayFilename(span.file, rootFile))}:${span.line}:${span.col}`;
}

function attributesHtml(f: FunctionFacts): string {
  const shown = f.attributes.filter((a) => a.name !== "vex");
  if (shown.length === 0) return "";
  const items = shown.map((a) => {
    const args = a.args.map((kv) => `${escape(kv.key)}: <code>${escape(kv.value)}</code>`).join(", ");
    return `<li class="attribute"><span class="attr-name">@${escape(a.name)}</span>${args === "" ? "" : `(${args})`}</li>`;
  });
  return `<h4>Attributes</h4>\n<ul class="attributes">${items.join("")}</ul>`;
}

const attrValue = (args: readonly { key: string; value: string }[], key: string): string | null => args.find((a) => a.key === key)?.value ?? null;

function vexHtml(f: FunctionFacts): string {
  const claims = f.attributes.filter((a) => a.name === "vex");
  if (claims.length === 0) return "";
  const rows = claims.map((a) => {
    const cell = (key: string): string => `<td>${escape(attrValue(a.args, key) ?? "")}</td>`;
    return `<tr>${cell("cve")}${cell("status")}${cell("justification")}${cell("detail")}</tr>`;
  });
  return `<h4>VEX claims</h4>\n<table class="vex"><thead><tr><th>vulnerability</th><th>status</th><th>justification</th><th>detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function declassificationsHtml(model: CapabilityModel, rootFile: string, f: FunctionFacts): string {
  if (f.declassifications.length === 0) return "";
  const items = f.declassifications.map(
    (d) => `<li class="declassification"><code>${escape(d.value)}</code> at ${position(rootFile, d.span)}: ${escape(d.reason)}</li>`,
  );
  return `<h4>Declassification sites</h4>\n<ul class="declassifications">${items.join("")}</ul>`;
}

function flags(f: FunctionFacts): string {
  const out: string[] = [];
  if (f.constantTime) out.push("@constant_time");
  if (f.strictIfc) out.push("@strict_ifc");
  if (f.hasUnsafe) out.push("uses Unsafe");
  if (!f.authorityProvableFromTypes) out.push("authority not provable from its types");
  return out.length === 0 ? "" : `<p class="flags">${out.map((s) => `<span class="flag">${escape(s)}</span>`).join(" ")}</p>`;
}

function functionSection(model: CapabilityModel, rootFile: string, f: FunctionFacts): string {
  return [
    `<section class="entry" id="${functionAnchor(f.qualifiedName)}">`,
    `<h3>${escape(f.qualifiedName)} <span class="where">${position(rootFile, f.span)}</span></h3>`,
    signature(f),
    docHtml(f.doc),
    `<dl class="caps"><dt>declares</dt><dd>${capabilityBadges(f.declaredCapabilities)}</dd><dt>reaches</dt><dd>${capabilityBadges(f.transitivelyReachableCapabilities)}</dd></dl>`,
    flags(f),
    attributesHtml(f),
    vexHtml(f),
    declassificationsHtml(model, rootFile, f),
    `</section>`,
  ]
    .filter((s) => s !== "")
    .join("\n");
}

const fnLink = (f: FunctionFacts): string => `<a href="#${functionAnchor(f.qualifiedName)}"><code>${escape(f.qualifiedName)}</code></a>`;

/** For each capability some function reaches: the functions that reach it, those that declare it first. */
function capabilityIndex(model: CapabilityModel, user: readonly UserCapabilityFacts[]): string {
  const names = [...BUILTIN_CAPABILITIES, ...user.map((u) => u.name).sort()];
  const rows: string[] = [];
  for (const cap of names) {
    const reaching = model.functions.filter((f) => f.transitivelyReachableCapabilities.includes(cap));
    if (reaching.length === 0) continue;
    const declaring = reaching.filter((f) => f.declaredCapabilities.includes(cap));
    const through = reaching.filter((f) => !f.declaredCapabilities.includes(cap));
    rows.push(
      `<tr id="${capAnchor(cap)}"><th scope="row">${escape(cap)}</th><td>${declaring.map(fnLink).join(", ") || "<span class=\"none\">none</span>"}</td><td>${through.map(fnLink).join(", ") || "<span class=\"none\">none</span>"}</td></tr>`,
    );
  }
  if (rows.length === 0) return `<p>No function reaches any capability: the program is pure.</p>`;
  return `<table class="index"><thead><tr><th>capability</th><th>declared by</th><th>reached only through calls by</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Declassifications in constants (the manifest's module_declassifications). */
function moduleDeclassificationsHtml(model: CapabilityModel, rootFile: string): string {
  if (model.moduleDeclassifications.length === 0) return "";
  const items = model.moduleDeclassifications.map(
    (d) => `<li class="declassification"><code>${escape(d.value)}</code> in const <code>${escape(d.owner)}</code> at ${position(rootFile, d.span)}: ${escape(d.reason)}</li>`,
  );
  return `<h2 id="module-declassifications">Declassification sites in constants</h2>\n<ul class="declassifications">${items.join("")}</ul>`;
}

function userCapabilitiesHtml(user: readonly UserCapabilityFacts[]): string {
  if (user.length === 0) return "";
  const items = user.map(
    (u) =>
      `<section class="entry" id="${capAnchor(u.name)}-decl"><h3><span class="kw">capability</span> ${escape(u.name)}</h3>\n${docHtml(u.doc)}\n<p>methods: ${u.methods.map((m) => `<code>${escape(m)}</code>`).join(", ") || "none"}; implemented by: ${u.implementors.map((t) => `<code>${escape(t)}</code>`).join(", ") || "none"}</p></section>`,
  );
  return `<h2 id="user-capabilities">User capabilities</h2>\n${items.join("\n")}`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; background: #fff; margin: 0; }
header, main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 1px solid #d0d7de; }
h1 { margin: 0.5rem 0; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; margin-top: 2rem; }
h3 { margin-bottom: 0.3rem; } h4 { margin: 0.8rem 0 0.3rem; font-size: 0.95rem; }
.where { font-weight: normal; font-size: 0.8rem; color: #656d76; }
pre.sig { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 0.9rem; overflow-x: auto; }
.kw { color: #cf222e; font-weight: 600; } .name { color: #8250df; font-weight: 600; }
.cap { color: #0550ae; font-weight: 600; } .ret { color: #116329; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 999px; background: #ddf4ff; color: #0550ae; text-decoration: none; font-family: ui-monospace, monospace; font-size: 0.85rem; }
.badge.unsafe { background: #ffebe9; color: #cf222e; }
.none, .nodoc { color: #656d76; font-style: italic; }
.flag { display: inline-block; padding: 0 0.5rem; border: 1px solid #d0d7de; border-radius: 4px; font-size: 0.85rem; }
dl.caps { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.5rem 0; }
dl.caps dt { color: #656d76; } dl.caps dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
.entry { border-bottom: 1px solid #eaeef2; padding-bottom: 0.8rem; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; }
`;

/** The whole page, ending in a newline. */
export function emitDocPage(input: DocInput): string {
  const { model, rootFile, title } = input;
  const functions = model.functions;
  const toc = functions.map((f) => `<li>${fnLink(f)}</li>`).join("");
  const vexCount = functions.reduce((n, f) => n + f.attributes.filter((a) => a.name === "vex").length, 0);
  const declassCount = functions.reduce((n, f) => n + f.declassifications.length, model.moduleDeclassifications.length);
  const page = [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escape(title)} — Capa documentation</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<header><h1>${escape(title)}</h1><p>${functions.length} function${functions.length === 1 ? "" : "s"}, ${vexCount} VEX claim${vexCount === 1 ? "" : "s"}, ${declassCount} declassification site${declassCount === 1 ? "" : "s"}. Capabilities are proved by the checker: <em>declares</em> lists a function's capability parameters, <em>reaches</em> everything it can exercise through them and its callees.</p></header>`,
    "<main>",
    `<h2 id="capability-index">Capability index</h2>`,
    capabilityIndex(model, model.userCapabilities),
    `<h2 id="functions">Functions</h2>`,
    `<nav><ul class="toc">${toc}</ul></nav>`,
    ...functions.map((f) => functionSection(model, rootFile, f)),
    moduleDeclassificationsHtml(model, rootFile),
    userCapabilitiesHtml(model.userCapabilities),
    "</main>",
    "</body>",
    "</html>",
    "",
  ];
  return page.filter((s) => s !== "").join("\n") + "\n";
}
