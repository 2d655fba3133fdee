// Catalogue of the command line's own messages: usage and I/O problems (exit 2) and artefacts
// that could not be made. Holds wording only; src/cli/main.ts decides when each applies.
import { spec } from "../diagnostics/diagnostic.js";

export const CLI_MESSAGES = {
  noInputFile: spec("U0001", "no input file given", () => "no input file (try 'capa --help')"),
  oneMode: spec("U0002", "more than one mode flag", () =>
    "choose one mode: --check, --run, --parse, --tokens, --check-capabilities, --capability-diff, --explain or one artefact flag"),
  outputWithoutArtifact: spec("U0003", "-o/--output or --validate without an artefact flag", () =>
    "-o/--output and --validate apply only to --manifest, --cyclonedx, --spdx, --vex or --provenance"),
  severalFiles: spec("U0004", "several files for a mode that takes one", (mode: string, extra: string) =>
    `${mode} takes one file; only --check takes several (program arguments go after --: 'capa --run file.capa -- ${extra}')`),
  stdinWithFiles: spec("U0005", "a file name given together with --stdin", (name: string) =>
    `--stdin reads the program from standard input, so '${name}' is not a file to read; program arguments go after --`),
  observeWithoutRun: spec("U0007", "--observe-authority without --run", () => "--observe-authority applies only to --run"),
  observedWithoutProvenance: spec("U0008", "--observed without --provenance", () => "--observed applies only to --provenance"),
  badObserved: spec("U0016", "an --observed file that is not an observed-authority record", (path: string, why: string) => `${path}: ${why}`),
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
} as const;
