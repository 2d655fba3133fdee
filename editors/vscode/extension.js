// The Capa extension: starts `capa lsp` (stdio) for .capa files. Highlighting comes from the
// TextMate grammar alone; everything else (diagnostics, hover, navigation, formatting through
// `capa --fmt`'s formatter) comes from the language server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("capa").get("command", "capa");
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient("capa", "Capa language server", { run: server, debug: server }, { documentSelector: [{ scheme: "file", language: "capa" }] });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client === undefined ? undefined : client.stop();
}

module.exports = { activate, deactivate };
