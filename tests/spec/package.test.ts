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
