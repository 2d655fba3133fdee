// Transpiles the capability sources to plain ESM in a temp dir so a child `node` process can load them.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SOURCE_DIR = fileURLToPath(new URL("../../../src/runtime/capabilities/", import.meta.url));

/** Returns the directory holding `index.js` and its siblings. */
export function transpileCapabilities(): string {
  const out = mkdtempSync(join(tmpdir(), "capa-caps-js-"));
  for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCE_DIR, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, ".js")), outputText);
  }
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  return out;
}
