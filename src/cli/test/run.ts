// Runs test programs: each as its own `capa --run --format json FILE` child process (isolation, and
// a timeout that can always be enforced by killing it), with the project root as the working
// folder, several at a time. A test passes when its `main` completes with exit code 0.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, isAbsolute, join, relative, sep } from "node:path";
import { makeProblem } from "../../diagnostics/diagnostic.js";
import { capaCommand, killGroup } from "../launcher.js";
import { CLI_MESSAGES as U } from "../messages.js";
import { R } from "../../runtime/messages.js";
import type { TestFile } from "./discover.js";
import { parseFakeRequest, prepareFakes, type FakeRecord, type PreparedFakes } from "./fakes.js";

/** Why a test failed: a check error, a run-time error, a panic, the timeout, or a non-zero exit. */
export type FailureKind = "check" | "runtime" | "panic" | "timeout" | "exit" | "setup";

export interface TestFailure {
  readonly kind: FailureKind;
  /** The first error's message. */
  readonly message: string;
  /** Where it happened, when known. */
  readonly file: string | null;
  readonly line: number | null;
  readonly col: number | null;
}

export interface TestResult {
  readonly test: TestFile;
  readonly passed: boolean;
  readonly durationMs: number;
  readonly failure: TestFailure | null;
  /** The program's own output, kept for the JSON and JUnit reports. */
  readonly stdout: string;
  readonly stderr: string;
  /** What the test's fakes recorded, when it asked for any (spec/testing.md, "Fakes"). */
  readonly fakes?: FakeRecord;
}

export interface RunSettings {
  readonly root: string;
  readonly timeoutMs: number;
  readonly jobs: number;
  readonly env: NodeJS.ProcessEnv;
  /** How a test's process is started (tests of the runner put a stand-in here). */
  readonly launch?: (args: readonly string[]) => { command: string; args: string[] };
  /** How long past its timeout a test's process may take to stop itself before it is killed. */
  readonly killGraceMs?: number;
}

/** Runs every test, at most `jobs` at once; `onResult` sees each result in the tests' order, as
 * soon as it and every one before it have finished. Resolves to all results in that order. */
export async function runTests(tests: readonly TestFile[], settings: RunSettings, onResult: (r: TestResult) => void): Promise<TestResult[]> {
  const results: (TestResult | undefined)[] = new Array(tests.length);
  let nextToStart = 0;
  let nextToReport = 0;
  const worker = async (): Promise<void> => {
    while (nextToStart < tests.length) {
      const i = nextToStart++;
      results[i] = await runOne(tests[i]!, settings);
      while (nextToReport < tests.length && results[nextToReport] !== undefined) onResult(results[nextToReport++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(settings.jobs, tests.length)) }, worker));
  return results as TestResult[];
}

/** Tests may import the project's modules: its `src/` folder and its root join the module search
 * path (ahead of any CAPA_PATH already set). */
function childEnv(settings: RunSettings, fakes: PreparedFakes | null): NodeJS.ProcessEnv {
  const own = [join(settings.root, "src"), settings.root];
  const existing = settings.env.CAPA_PATH;
  return { ...settings.env, ...fakes?.env, NO_COLOR: "1", FORCE_COLOR: undefined, CAPA_PATH: [...own, ...(existing ? [existing] : [])].join(delimiter) };
}

/** A test's fakes set up, or the failure that a bad `// capa-test:` line makes it. */
async function setUpFakes(test: TestFile, root: string): Promise<PreparedFakes | null | TestFailure> {
  let text: string;
  try {
    text = readFileSync(test.path, "utf8");
  } catch {
    return null; // the run itself reports the unreadable file
  }
  const parsed = parseFakeRequest(text, test.name, root);
  if (!parsed.ok) return { kind: "setup", message: parsed.message, file: null, line: null, col: null };
  if (parsed.request === null) return null;
  try {
    return await prepareFakes(parsed.request);
  } catch (e) {
    return { kind: "setup", message: makeProblem(U.fakeSetupFailed, [(e as Error).message]).message, file: null, line: null, col: null };
  }
}

const KILL_GRACE_MS = 5_000;

async function runOne(test: TestFile, settings: RunSettings): Promise<TestResult> {
  const started = performance.now();
  const fakes = await setUpFakes(test, settings.root);
  if (fakes !== null && "kind" in fakes) return { test, passed: false, durationMs: Math.round(performance.now() - started), failure: fakes, stdout: "", stderr: "" };
  const result = await runProcess(test, settings, fakes, started);
  return fakes === null ? result : { ...result, fakes: await fakes.finish() };
}

function runProcess(test: TestFile, settings: RunSettings, fakes: PreparedFakes | null, started: number): Promise<TestResult> {
  // Its own process group, so a timeout also ends whatever the test started (e.g. a Python bridge).
  // The run stops itself at the timeout and says where it was; the kill is the backstop for a
  // test that never gets there (a check or a start-up that hangs).
  const capa = (settings.launch ?? capaCommand)(["--run", "--timeout", String(settings.timeoutMs / 1000), "--format", "json", ...(fakes?.args ?? []), test.path]);
  const child = spawn(capa.command, capa.args, {
    cwd: settings.root,
    env: childEnv(settings, fakes),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, settings.timeoutMs + (settings.killGraceMs ?? KILL_GRACE_MS));
  return new Promise((resolvePromise) => {
    const finish = (code: number | null, spawnError: Error | null): void => {
      clearTimeout(timer);
      const durationMs = Math.round(performance.now() - started);
      const parsed = splitDiagnostics(stderr);
      const failure = timedOut
        ? { kind: "timeout" as const, message: makeProblem(U.testTimedOut, [settings.timeoutMs]).message, file: null, line: null, col: null }
        : spawnError !== null
          ? { kind: "exit" as const, message: makeProblem(U.testNotStarted, [spawnError.message]).message, file: null, line: null, col: null }
          : failureOf(code, parsed.diagnostics, settings.root);
      resolvePromise({ test, passed: failure === null, durationMs, failure, stdout, stderr: parsed.programStderr });
    };
    child.once("error", (e) => finish(null, e));
    child.once("close", (code) => finish(code, null));
  });
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  file: string | null;
  line: number | null;
  col: number | null;
  message: string;
}

/** The child's stderr is the program's own stderr followed by capa's JSON diagnostics document
 * (`--format json` writes it last); the document starts at the last line opening a JSON array
 * that parses to the end. */
export function splitDiagnostics(stderr: string): { programStderr: string; diagnostics: JsonDiagnostic[] } {
  const starts = [...stderr.matchAll(/^\[/gm)].map((m) => m.index!).reverse();
  for (const start of starts) {
    try {
      const doc: unknown = JSON.parse(stderr.slice(start));
      if (Array.isArray(doc)) return { programStderr: stderr.slice(0, start), diagnostics: doc as JsonDiagnostic[] };
    } catch {
      // not the document: the program's own text
    }
  }
  return { programStderr: stderr, diagnostics: [] };
}

/** The run's first error decides the failure; a clean exit 0 is a pass. */
function failureOf(code: number | null, diagnostics: readonly JsonDiagnostic[], root: string): TestFailure | null {
  const first = diagnostics.find((d) => d.severity === "error");
  if (first !== undefined) {
    const kind: FailureKind =
      first.code === R.timeLimit.code ? "timeout"
      : first.code.startsWith("R") ? (first.message.startsWith("panic:") ? "panic" : "runtime")
      : first.code.startsWith("U") ? "exit"
      : "check";
    return { kind, message: first.message, file: first.file === null ? null : fromRoot(first.file, root), line: first.line, col: first.col };
  }
  if (code === 0) return null;
  return { kind: "exit", message: makeProblem(U.testExited, [code === null ? "on a signal" : `with code ${code}`]).message, file: null, line: null, col: null };
}

/** A file under the project root is named from it (as the tests are); others keep their path. */
function fromRoot(file: string, root: string): string {
  const rel = relative(root, file);
  return isAbsolute(file) && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : file;
}
