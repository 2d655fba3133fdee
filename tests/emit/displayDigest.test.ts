import { describe, expect, test } from "vitest";
import { programDigest, sha256Hex, sourceDigests } from "../../src/emit/digest.js";
import { displayBasename, displayFilename } from "../../src/emit/display.js";

describe("display file names", () => {
  test("the root becomes its basename wherever it lives", () => {
    expect(displayFilename("/home/u/proj/app.capa", "/home/u/proj/app.capa")).toBe("app.capa");
    expect(displayFilename("proj/app.capa", "proj/app.capa")).toBe("app.capa");
  });

  test("imports are shown relative to the root's directory with / separators", () => {
    expect(displayFilename("/home/u/proj/vendor/lib.capa", "/home/u/proj/app.capa")).toBe("vendor/lib.capa");
    expect(displayFilename("proj\\vendor\\lib.capa", "proj\\app.capa")).toBe("vendor/lib.capa");
    expect(displayFilename("proj/./vendor/../util.capa", "proj/app.capa")).toBe("util.capa");
  });

  test("files outside the root directory keep their lexed path", () => {
    expect(displayFilename("/opt/capa/libraries/json.capa", "/home/u/proj/app.capa")).toBe("/opt/capa/libraries/json.capa");
    expect(displayFilename("../shared/x.capa", "app.capa")).toBe("../shared/x.capa");
    expect(displayFilename("/abs/x.capa", "rel/app.capa")).toBe("/abs/x.capa");
  });

  test("pseudo names stay verbatim", () => {
    expect(displayFilename("<input>", "<input>")).toBe("<input>");
    expect(displayBasename("<stdin>")).toBe("<stdin>");
  });
});

describe("source digests", () => {
  test("one file: the sha256 of its UTF-8 text", () => {
    expect(programDigest([{ path: "/x/a.capa", text: "é\n" }])).toBe(sha256Hex("é\n"));
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  test("several files: sha256 over the sorted display:digest lines", () => {
    const root = { path: "/p/app.capa", text: "A" };
    const lib = { path: "/p/vendor/lib.capa", text: "B" };
    const expected = sha256Hex([`app.capa\n${sha256Hex("A")}`, `vendor/lib.capa\n${sha256Hex("B")}`].join("\n"));
    expect(programDigest([root, lib])).toBe(expected);
    expect(sourceDigests([root, lib]).map((d) => d.display)).toEqual(["app.capa", "vendor/lib.capa"]);
  });

  test("no source text: no digest", () => {
    expect(programDigest([])).toBeNull();
  });
});
