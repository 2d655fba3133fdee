// `capa test [PATH...]`: finds the test programs, runs them, reports. Exit codes: 0 every test
// passed, 1 a test failed, 2 usage errors and "no tests found".

import { availableParallelism } from "node:os";
import { writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { makeProblem } from "../../diagnostics/diagnostic.js";
import { writeAll } from "../../runtime/capabilities/fdWrite.js";
import { CLI_MESSAGES as U } from "../messages.js";
import { Reporter } from "../report.js";
import { discoverTests } from "./discover.js";
import { resultLine, resultsToJson, resultsToJunit, summaryLine, tally } from "./format.js";
import { runTests } from "./run.js";

const DEFAULT_TIMEOUT_SECONDS = 30;

interface TestFlags {
  filter?: string;
  jobs?: string;
  timeout: string;
  format: "text" | "json";
  junit?: string;
}

function buildTestCommand(report: Reporter): Command {
  return new Command("capa test")
    .description(
      "Run the project's tests: every tests/test_*.capa under the project root (the nearest folder upward\n" +
        "holding a capa.toml, else the current folder), or the files and folders named. Each test runs as\n" +
        "`capa --run` would, in its own process, with the project root as working folder and its src/ and\n" +
        "root on the module search path; it passes when main completes (exit 0) and fails on a check error,\n" +
        "a run-time error, a panic (e.g. a failed std.testing assertion), a non-zero exit or the timeout.",
    )
    .usage("[options] [paths...]")
    .argument("[paths...]", "test files, or folders searched for test_*.capa")
    .option("--filter <substring>", "run only the tests whose name (path from the root) contains SUBSTRING")
    .option("--jobs <n>", "run up to N tests at once (default: the number of cores)")
    .option("--timeout <seconds>", "fail a test still running after SECONDS", String(DEFAULT_TIMEOUT_SECONDS))
    .addOption(new Option("--format <format>", "text: a line per test and the summary 'N passed, M failed'; json: one JSON document").choices(["text", "json"]).default("text"))
    .option("--junit <file>", "also write a JUnit XML report to FILE")
    .helpOption("-h, --help", "describe every option")
    .addHelpText(
      "after",
      "\nFakes: a test asks for hermetic capabilities on a leading comment line, e.g.\n" +
        "  // capa-test: fs=temp clock=1700000000 net=tests/fixtures/web\n" +
        "fs=temp (or fs=DIR, a copy of DIR): main's Fs is confined to a fresh temporary folder, where relative\n" +
        "paths resolve; clock=SECONDS: the clock starts there and moves only when the program sleeps;\n" +
        "net=DIR: http://HOST/PATH is answered with the file DIR/HOST/PATH (404 when missing) by a local\n" +
        "fixture server, https is refused. Operations and requests are recorded in --format json.\n" +
        "\nExit codes: 0 every test passed, 1 a test failed, 2 usage error or no tests found.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => writeAll(1, s),
      writeErr: (s) => writeAll(2, s),
      outputError: (message) => report.problem(makeProblem(U.badOption, [message.replace(/^error: /, "").trimEnd()])),
    });
}

/** A whole number >= 1, or null. */
function positive(value: string): number | null {
  return /^[1-9]\d*$/.test(value) ? Number(value) : null;
}

/** `--format json` is read before commander runs, so usage errors come as a JSON array too. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));
}

export async function testCommand(argv: readonly string[]): Promise<number> {
  // Usage problems only: results have their own formats. With --format json a usage error is the
  // same JSON array of diagnostics `capa --format json` prints, on stdout.
  const report = new Reporter(wantsJson(argv) ? "json" : "text");
  const code = await testWithReporter(argv, report);
  if (code === 2) report.finish();
  return code;
}

async function testWithReporter(argv: readonly string[], report: Reporter): Promise<number> {
  const command = buildTestCommand(report);
  try {
    command.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help") return 0;
      return 2;
    }
    throw e;
  }
  const flags = command.opts<TestFlags>();
  const paths = (command.processedArgs[0] as string[] | undefined) ?? [];
  const jobs = flags.jobs === undefined ? availableParallelism() : positive(flags.jobs);
  if (jobs === null) return report.usage(U.badCount, ["--jobs", flags.jobs!]);
  const timeout = positive(flags.timeout);
  if (timeout === null) return report.usage(U.badCount, ["--timeout", flags.timeout]);

  const found = discoverTests(paths, process.cwd(), flags.filter);
  if (!found.ok) return report.usage(U.noSuchFile, [found.path]);
  if (found.tests.length === 0) return report.usage(U.noTests, [found.root]);

  const text = flags.format === "text";
  const results = await runTests(found.tests, { root: found.root, timeoutMs: timeout * 1000, jobs, env: process.env }, (r) => {
    if (text) writeAll(1, resultLine(r) + "\n");
  });
  const t = tally(results);
  if (flags.junit !== undefined) {
    try {
      writeFileSync(flags.junit, resultsToJunit(results));
    } catch (e) {
      report.usage(U.cannotWrite, [flags.junit, (e as Error).message]);
      return 2;
    }
  }
  writeAll(1, text ? summaryLine(t) + "\n" : resultsToJson(found.root, results) + "\n");
  return t.failed > 0 ? 1 : 0;
}
