// The package's metadata agrees with itself (issue 14, item 17): a LICENSE file for the declared
// licence, and a lockfile whose root entry is what `npm install` writes for package.json (a stale
// entry makes every `npm install` rewrite the committed lockfile).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));

it("ships a LICENSE file with the licence package.json declares", () => {
  expect(pkg.license).toBe("MIT");
  const text = readFileSync(join(ROOT, "LICENSE"), "utf8");
  expect(text.split("\n")[0]).toBe("MIT License");
  expect(text).toContain("Permission is hereby granted, free of charge");
});

it("has a lockfile whose root entry matches package.json", () => {
  expect({ name: lock.name, version: lock.version }).toEqual({ name: pkg.name, version: pkg.version });
  const root = lock.packages[""];
  for (const key of ["name", "version", "license", "bin", "engines", "dependencies", "devDependencies"]) {
    expect({ [key]: root[key] }).toEqual({ [key]: pkg[key] });
  }
});

it("claims no Node older than a runtime dependency accepts (package.json engines)", () => {
  const lowest = (range: string): number[] => (/>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range) ?? []).slice(1, 4).map((x) => Number(x ?? 0));
  const ours = lowest(pkg.engines.node);
  const atLeast = (a: number[], b: number[]) => a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! >= b[2]!)));
  for (const [path, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; engines?: { node?: string } }>)) {
    if (path === "" || entry.dev || entry.engines?.node === undefined) continue;
    expect({ path, ours: pkg.engines.node, atLeastTheirs: atLeast(ours, lowest(entry.engines.node)) }).toMatchObject({ atLeastTheirs: true });
  }
});
