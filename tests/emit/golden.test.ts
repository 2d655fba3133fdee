// Golden files: the exact bytes each emitter prints for three hand-built models (fixed timestamp).
import { describe, expect, test } from "vitest";
import { ARTIFACT_FORMATS, emitArtifact } from "../../src/emit/index.js";
import { MODELS } from "./models.js";

describe.each(Object.entries(MODELS))("golden artefacts for %s.capa", (name, makeInput) => {
  test.each(ARTIFACT_FORMATS)("--%s", async (format) => {
    const result = emitArtifact(format, makeInput());
    if (!result.ok) throw new Error(result.error);
    await expect(result.text).toMatchFileSnapshot(`golden/${name}.${format}.json`);
  });
});
