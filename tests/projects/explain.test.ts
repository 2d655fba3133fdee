// `--explain FN` (spec/projects.md): the shortest call chain that brings each capability to a
// function, and the chain from main to it, through the fixture projects.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capa, FIXTURES } from "./helpers.js";

describe("--explain", () => {
  it("follows a call into a dependency to where the capability is used, and shows the chain from main", () => {
    const r = capa(["--explain", "main"], join(FIXTURES, "netleak"));
    expect(r).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "main (src/main.capa:3:1) reaches [Net, Stdio]",
        "reached from: main (src/main.capa:3:1)",
        "Net: main (src/main.capa:3:1) -> body (deps/fetch/http.capa:1:5)",
        "Stdio: main (src/main.capa:3:1)",
        "",
      ].join("\n"),
    });
    expect(capa(["--explain", "body"], join(FIXTURES, "netleak")).stdout).toContain(
      "reached from: main (src/main.capa:3:1) -> body (deps/fetch/http.capa:1:5)\nNet: body (deps/fetch/http.capa:1:5)\n",
    );
  });

  it("names the parameter that carries a capability in", () => {
    const r = capa(["--explain", "record"], join(FIXTURES, "journal"));
    expect(r.stdout).toContain("Stdio: record (deps/audit/log.capa:11:5) through parameter sink: Logger\n");
  });

  it("--format json prints the explanation document", () => {
    const r = capa(["--explain", "main", "--format", "json"], join(FIXTURES, "netleak"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: "capa-explain",
      version: 1,
      function: "main",
      pos: "src/main.capa:3:1",
      capabilities: ["Net", "Stdio"],
      reached_from: [{ function: "main", pos: "src/main.capa:3:1" }],
      chains: [
        {
          capability: "Net",
          path: [
            { function: "main", pos: "src/main.capa:3:1" },
            { function: "body", pos: "deps/fetch/http.capa:1:5" },
          ],
          through_parameters: [],
        },
        { capability: "Stdio", path: [{ function: "main", pos: "src/main.capa:3:1" }], through_parameters: [] },
      ],
    });
  });

  it("a function the program does not have is a usage error listing those it has", () => {
    const r = capa(["--explain", "nope"], join(FIXTURES, "journal"));
    expect(r).toMatchObject({ code: 2, stderr: "capa: --explain: no function 'nope' in this program (functions: Console::write, record, main)\n" });
  });

  it("works on a single file outside any project", () => {
    const r = capa(["--explain", "audit", "tests/projects/diff/v2/main.capa"]);
    expect(r.stdout).toBe("audit (tests/projects/diff/v2/main.capa:16:1) reaches []\nreached from: main (tests/projects/diff/v2/main.capa:23:1) -> audit (tests/projects/diff/v2/main.capa:16:1)\n");
  });
});
