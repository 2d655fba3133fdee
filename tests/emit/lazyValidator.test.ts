// Importing the emit stage (every CLI run does) must not load ajv; the first validation does.
import { createRequire } from "node:module";
import { expect, test } from "vitest";

const require = createRequire(import.meta.url);
const ajvLoaded = () => Object.keys(require.cache).some((k) => /[\\/]node_modules[\\/]ajv[\\/]/.test(k));

test("ajv is loaded by the first validation, not by importing or emitting", async () => {
  const emit = await import("../../src/emit/index.js");
  const { helloInput } = await import("./models.js");
  const r = emit.emitArtifact("manifest", helloInput());
  expect(ajvLoaded()).toBe(false);
  expect(r.ok && emit.validateArtifact("manifest", r.text).valid).toBe(true);
  expect(ajvLoaded()).toBe(true);
});
