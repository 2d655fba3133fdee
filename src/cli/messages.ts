// Catalogue of the command line's own messages: usage and I/O problems (exit 2) and artefacts
// that could not be made. Holds wording only; src/cli/main.ts decides when each applies.
import { spec } from "../diagnostics/diagnostic.js";

export const CLI_MESSAGES = {
  noInputFile: spec("U0001", "no input file given", () => "no input file (try 'capa --help')"),
  oneMode: spec("U0002", "more than one mode flag", () =>
    "choose one mode: --check, --run, --parse, --tokens, --check-capabilities, --capability-diff, --explain, --doc, --fmt, --fmt-check, --manifest-digest, --compose-sbom, --check-policies, --conformance-report or one artefact flag"),
  outputWithoutArtifact: spec("U0003", "-o/--output or --validate without an artefact flag", () =>
    "-o/--output applies only to an artefact (--manifest, --cyclonedx, --spdx, --vex, --provenance, --manifest-digest, --compose-sbom, --conformance-report) or --doc; --validate only to the first five"),
  severalFiles: spec("U0004", "several files for a mode that takes one", (mode: string, extra: string) =>
    `${mode} takes one file; only --check, --fmt and --fmt-check take several (program arguments go after --: 'capa --run file.capa -- ${extra}')`),
  stdinWithFiles: spec("U0005", "a file name given together with --stdin", (name: string) =>
    `--stdin reads the program from standard input, so '${name}' is not a file to read; program arguments go after --`),
  observeWithoutRun: spec("U0007", "--observe-authority without --run", () => "--observe-authority applies only to --run"),
  observedWithoutProvenance: spec("U0008", "--observed without --provenance", () => "--observed applies only to --provenance"),
  badObserved: spec("U0016", "an --observed file that is not an observed-authority record", (path: string, why: string) => `${path}: ${why}`),
  limitsWithoutRun: spec("U0009", "--timeout or --max-steps without --run", () => "--timeout and --max-steps apply only to --run"),
  badTimeout: spec("U0017", "a --timeout that is not a positive number", (value: string) => `--timeout expects a positive number of seconds, got '${value}'`),
  badMaxSteps: spec("U0018", "a --max-steps that is not a positive whole number", (value: string) => `--max-steps expects a positive whole number, got '${value}'`),
  badOption: spec("U0006", "an option commander does not accept", (message: string) => message),
  noSuchFile: spec("U0010", "a source file that does not exist", (path: string) => `${path}: no such file`),
  isDirectory: spec("U0011", "a directory given as a source file", (path: string) => `${path}: is a directory, not a .capa file`),
  permissionDenied: spec("U0012", "a source file capa may not read", (path: string) => `${path}: permission denied`),
  cannotRead: spec("U0013", "a source file or standard input that cannot be read", (path: string, why: string) => `${path}: cannot read (${why})`),
  notUtf8: spec("U0014", "a source file that is not valid UTF-8", (path: string, byte: number) => `${path}: not valid UTF-8 at byte ${byte}`),
  cannotWrite: spec("U0015", "an -o/--output path that cannot be written", (path: string, why: string) => `cannot write ${path}: ${why}`),
  initUsage: spec("U0021", "capa init given options or more than one folder", () => "usage: capa init [DIR] (DIR defaults to the current folder)"),
  diffUsage: spec("U0022", "--capability-diff without exactly two manifests", (given: number) =>
    `--capability-diff takes two manifests, OLD.json NEW.json (got ${given})`),
  failOnWideningAlone: spec("U0023", "--fail-on-widening without --capability-diff", () => "--fail-on-widening applies only to --capability-diff"),
  artifactFailed: spec("U0020", "an artefact that could not be made or failed its schema", (why: string) => why),
  noTests: spec("U0030", "capa test found no test programs", (where: string) =>
    `no tests found: looked for tests/test_*.capa under ${where} (a project root has a capa.toml; or name test files or folders)`),
  badCount: spec("U0031", "a capa test --jobs or --timeout value that is not a positive number", (flag: string, value: string) =>
    `${flag} takes a positive whole number, not '${value}'`),
  watchMode: spec("U0032", "--watch without --check or --run", () => "--watch applies only to --check and --run"),
  watchStdin: spec("U0033", "--watch together with --stdin", () => "--watch needs a file to watch, not --stdin"),
  testTimedOut: spec("U0034", "a test program still running at the --timeout", (ms: number) => `timed out after ${ms} ms`),
  testExited: spec("U0035", "a test program that ended with a non-zero exit code and no diagnostic", (how: string) => `exited ${how}`),
  testNotStarted: spec("U0036", "a test program whose process could not be started", (why: string) => `could not start: ${why}`),
  fakesWithoutRun: spec("U0050", "--fs-root or --fake-clock without --run", () => "--fs-root and --fake-clock apply only to --run"),
  badFakeClock: spec("U0051", "a --fake-clock that is not a number of seconds", (value: string) =>
    `--fake-clock expects seconds since the epoch (a number >= 0), got '${value}'`),
  badFsRoot: spec("U0052", "an --fs-root that is not an existing folder", (path: string) => `--fs-root: ${path} is not an existing folder`),
  badTestDirective: spec("U0053", "a '// capa-test:' line in a test program that capa test cannot follow", (where: string, why: string) =>
    `${where}: ${why} (spec/testing.md, "Fakes")`),
  fakeSetupFailed: spec("U0055", "capa test could not set up a test's fakes (temporary folder, fixture server)", (why: string) =>
    `could not set up the fakes: ${why}`),
  replUsage: spec("U0054", "capa repl given arguments other than --timeout SECONDS", () =>
    "usage: capa repl [--timeout SECONDS] (SECONDS: how long one input may run, a positive whole number; default 10)"),
} as const;

/** The status lines `--watch` prints on stderr around each round (not diagnostics: no codes). */
export const WATCH_TEXT = {
  starting: (time: string, command: string) => `[${time}] ${command}`,
  finished: (time: string, code: number, files: number) =>
    `[${time}] exit ${code}; watching ${files} file${files === 1 ? "" : "s"} for changes (Ctrl-C to stop)`,
  changed: (time: string, file: string) => `[${time}] ${file} changed`,
} as const;

/** What `capa repl` prints besides values and diagnostics (src/cli/repl/). */
export const REPL_TEXT = {
  usage: "Usage: capa repl [--timeout SECONDS]   (one input may run SECONDS, default 10; then TimeoutError)",
  banner: (version: string) => `Capa ${version} REPL. :help lists the commands; Ctrl-D (or :quit) leaves.`,
  prompt: "capa> ",
  more: "...   ",
  help: [
    "Enter a declaration (fun, type, impl, trait, capability, const, import), a statement (let, var,",
    "assignment, if, while, for, match) or an expression (its value is printed). A line that opens a",
    "block continues on indented lines; an empty line ends it. Bindings persist; each input runs once.",
    "Root capabilities by name: stdio: Stdio, fs: Fs, net: Net, env: Env, clock: Clock, random: Random",
    "(attenuate them as in a program: let tmp = fs.restrict_to(\"/tmp\")). Unsafe is not pre-bound.",
    "",
    "  :type EXPR   the type of EXPR, without running it",
    "  :caps FN     the capabilities function FN declares and reaches (FN or Type::method)",
    "  :show        the program accumulated so far",
    "  :reset       forget every declaration and binding",
    "  :help        this list",
    "  :quit        leave (also Ctrl-D)",
  ].join("\n"),
  unknownCommand: (name: string) => `unknown command ':${name}' (try :help)`,
  needsArgument: (command: string, what: string) => `:${command} needs ${what}`,
  noSuchFunction: (name: string) => `no function named '${name}' (declare it first, or name a method as Type::method)`,
  caps: (signature: string, declared: string, reached: string) => `${signature}\n  declares: ${declared}\n  reaches:  ${reached}`,
  none: "none",
  cleared: "session cleared",
} as const;
