// spec/diagnostics.md must list every catalogue code, and codes must be unique across stages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
// @ts-expect-error plain .mjs helper shared with the generator script
import { CATALOGUE_MODULES, collectSpecs } from "../../spec/diagnostic-catalogues.mjs";

it("spec/diagnostics.md lists every diagnostic code exactly once", async () => {
  const modules = await Promise.all((CATALOGUE_MODULES as string[]).map((m) => import(/* @vite-ignore */ pathToFileURL(join(__dirname, "../../src", `${m}.ts`)).href)));
  const specs = collectSpecs(modules) as { code: string }[];
  expect(specs.length).toBeGreaterThan(100);
  const doc = readFileSync(join(__dirname, "../../spec/diagnostics.md"), "utf8");
  const documented = [...doc.matchAll(/^\| ([ERUPGF]\d{4}) \|/gm)].map((m) => m[1]);
  expect(documented).toEqual(specs.map((s) => s.code));
});
