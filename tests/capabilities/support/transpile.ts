// Transpiles the sources to plain ESM in a temp dir so a child `node` process can load the capabilities.
// The whole of src/ is transpiled (same layout) because the capabilities import a few runtime
// helpers beside their folder (Python float and JSON texts).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SRC = fileURLToPath(new URL("../../../src/", import.meta.url));

function transpileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) transpileTree(path, join(to, name));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
      const { outputText } = ts.transpileModule(readFileSync(path, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(to, name.replace(/\.ts$/, ".js")), outputText);
    }
  }
}

/** Returns the directory holding the capabilities' `index.js` and its siblings. */
export function transpileCapabilities(): string {
  const out = mkdtempSync(join(tmpdir(), "capa-caps-js-"));
  transpileTree(SRC, out);
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  return join(out, "runtime", "capabilities");
}
