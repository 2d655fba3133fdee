// `--format sarif` (spec/projects.md): every diagnostic as a SARIF 2.1.0 log that validates
// against the official OASIS schema shipped in spec/schemas/; rule ids are our codes; an
// information-flow path is a codeFlow, step by step, across modules; a problem without a
// position is a tool notification.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import AjvDraft04 from "ajv-draft-04";
import { createRequire } from "node:module";
import type { FormatsPlugin } from "ajv-formats";
import { capa, FIXTURES, ROOT, tree } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "capa-sarif-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(join(ROOT, "spec/schemas/sarif-schema-2.1.0.json"), "utf8"));
const ajv = new AjvDraft04({ strict: false, allErrors: true });
(createRequire(import.meta.url)("ajv-formats") as { default: FormatsPlugin }).default(ajv); // uri, date-time: checked, not ignored
const validate = ajv.compile(schema);

function sarifOf(stdout: string) {
  const log = JSON.parse(stdout);
  expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
  expect(log.version).toBe("2.1.0");
  return log.runs[0];
}

describe("--format sarif", () => {
  it("the official schema is the one shipped, and it rejects what is not SARIF", () => {
    expect(schema.id).toBe("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false); // a driver needs a name
  });

  it("turns an information-flow path across two modules into a codeFlow", () => {
    const dir = tree(join(scratch, "flow"), {
      "util.capa": 'pub fun show(stdio: Stdio, text: String)\n    let line = "> ${text}"\n    stdio.println(line)\n',
      "main.capa": 'import util\n\nfun main(stdio: Stdio, env: Env)\n    let key = env.get("API_KEY")\n    util.show(stdio, key.unwrap_or(""))\n',
    });
    const r = capa(["--check", "main.capa", "--format", "sarif"], dir);
    expect(r.code).toBe(0); // information-flow findings are warnings
    const run = sarifOf(r.stdout);
    expect(run.tool.driver.rules).toEqual([{ id: "E5003", shortDescription: { text: expect.any(String) }, defaultConfiguration: { level: "warning" } }]);
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: "E5003", ruleIndex: 0, level: "warning" });
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "main.capa", uriBaseId: "%SRCROOT%" }, region: { startLine: 5, startColumn: 22, endLine: 5, endColumn: 39 } });
    const steps = result.codeFlows[0].threadFlows[0].locations.map((l: { location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } }; message: { text: string } } }) => [
      l.location.physicalLocation.artifactLocation.uri,
      l.location.physicalLocation.region.startLine,
      l.location.physicalLocation.region.startColumn,
      l.location.message.text,
    ]);
    expect(steps).toEqual([
      ["main.capa", 4, 15, "Env.get returns a @secret value"],
      ["main.capa", 4, 9, "bound to 'key'"],
      ["main.capa", 5, 22, "passed to 'show' as text"],
      ["util.capa", 3, 19, "reaches Stdio.println (argument 1) inside 'show'"],
    ]);
    expect(result.message.text).not.toContain("source 4:15"); // the path is in the codeFlow, not the text
  });

  it("reports checker errors (exit 1) with their hints in the message, and runs on files outside the working folder", () => {
    const dir = tree(join(scratch, "errors"), { "bad.capa": 'fun main(stdio: Stdio)\n    let n: Int = "three"\n    stdio.println("${n}")\n' });
    const r = capa(["--check", join(dir, "bad.capa"), "--format", "sarif"], ROOT);
    expect(r.code).toBe(1);
    const run = sarifOf(r.stdout);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results[0].level).toBe("error");
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.*\/errors\/bad\.capa$/);
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  it("a problem without a position is a notification; the log is still valid", () => {
    const r = capa(["--check", "no-such-file.capa", "--format", "sarif"], scratch);
    expect(r.code).toBe(2);
    const run = sarifOf(r.stdout);
    expect(run.results).toEqual([]);
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ descriptor: { id: "U0010" }, level: "error", message: { text: "no-such-file.capa: no such file" } }] });
  });

  it("carries the project gates' violations too (G0001 of --check-capabilities)", () => {
    const r = capa(["--check-capabilities", "--format", "sarif"], join(FIXTURES, "netleak"));
    expect(r.code).toBe(1);
    const run = sarifOf(r.stdout);
    expect(run.results).toMatchObject([{ ruleId: "G0001", locations: [{ physicalLocation: { artifactLocation: { uri: "src/main.capa" }, region: { startLine: 3 } } }] }]);
  });

  it("an empty log when there is nothing to say", () => {
    const r = capa(["--check", "--format", "sarif"], join(FIXTURES, "greeter"));
    expect(r.code).toBe(0);
    expect(sarifOf(r.stdout).results).toEqual([]);
  });
});
