// The Proc capability: runs one program per call, never through a shell, under a deadline and an
// output cap, with a scrubbed environment; every call passes `gate` before any system call.
//
// Restriction rules (intersection of raw strings, as the reference): a bare-name rule (`git`)
// admits only bare commands equal to it or starting with `git-`; a path rule (`/usr/bin/git`)
// admits only a path command. At call time the binary's identity is fixed by its real path:
// a bare name is looked up in PATH (absolute entries only, so `.` or an empty entry cannot let a
// file planted in the working directory shadow the real command) and the real path found is what
// is spawned (the OS does no second lookup); a path command must resolve to the real path the
// rule resolved to when `restrict_to` was called, so `/usr/bin/../bin/git` passes and a symlink
// swapped in later does not.
import { accessSync, constants, statSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { spawnSync } from "node:child_process";
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { describeOsError, fail, ok, type IoErrorValue, type IoResult } from "./ioResult.js";
import { procMessages } from "./messages.js";
import { resolveRealPath } from "./fsPaths.js";
import { parseArgvJson } from "./procArgs.js";

export interface ProcCapability {
  restrict_to(cmd: string): ProcCapability;
  allows(cmd: string): boolean;
  exec(cmd: string, argsJson: string): IoResult<string>;
}

export interface ProcLimits {
  /** Wall-clock bound on one call; the child is killed when it passes. */
  deadlineMs: number;
  /** Most bytes accepted on each of stdout and stderr; the child is killed past it. */
  maxOutputBytes: number;
}

export const DEFAULT_PROC_LIMITS: ProcLimits = Object.freeze({ deadlineMs: 30_000, maxOutputBytes: 32 * 1024 * 1024 });

/** What execvp searches when PATH is unset (the reference's os.defpath). */
const DEFAULT_PATH = "/bin:/usr/bin";

/** A rule as given (shown in denials) and, for a path rule, the real path it named when it was made. */
interface Rule {
  text: string;
  real: string | null;
}

const hasSeparator = (s: string): boolean => s.includes("/") || s.includes("\\");

/** POSIX normpath of an absolute or relative path, lexically (the reference's os.path.normpath). */
function normpath(p: string): string {
  if (p === "") return ".";
  const absolute = p.startsWith("/");
  const leadingDouble = absolute && p.startsWith("//") && !p.startsWith("///");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && (out.length > 0 ? out[out.length - 1] !== ".." : absolute)) {
      if (out.length > 0) out.pop();
      continue;
    }
    out.push(part);
  }
  const body = out.join("/");
  if (absolute) return (leadingDouble ? "//" : "/") + body;
  return body === "" ? "." : body;
}

/** The reference's membership test, lexical and without I/O: what `allows` answers. */
function ruleAdmits(rule: Rule, cmd: string): boolean {
  if (hasSeparator(rule.text)) return hasSeparator(cmd) && normpath(cmd) === normpath(rule.text);
  if (hasSeparator(cmd)) return false;
  return cmd === rule.text || cmd.startsWith(`${rule.text}-`);
}

function realPathOf(cwd: string, p: string): string | null {
  const r = resolveRealPath(cwd, p);
  return r.kind === "real" ? r.path : null;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Signal number of a signal name, for Python's `returncode == -signum`. */
function signalNumber(name: string): number {
  return (osConstants.signals as Record<string, number | undefined>)[name] ?? 0;
}

type Verdict = { allowed: true; file: string } | { allowed: false; error: IoErrorValue };

/** `rules === null` is unrestricted. */
function makeProc(host: Host, rules: readonly Rule[] | null, limits: ProcLimits): ProcCapability {
  const shown = (): string[] | null => (rules === null ? null : rules.map((r) => r.text).sort());
  const denied = (cmd: string): Verdict => ({ allowed: false, error: procMessages.denied(cmd, shown()) });
  const searchPath = (): string => host.env.PATH ?? DEFAULT_PATH;

  /** Finds the real path of a bare command in PATH's absolute entries, or null. */
  const lookUp = (cmd: string): string | null => {
    for (const dir of searchPath().split(":")) {
      if (!dir.startsWith("/")) continue; // relative entries would let the working directory shadow a command
      const real = realPathOf("/", `${dir}/${cmd}`);
      if (real !== null && isExecutableFile(real)) return real;
    }
    return null;
  };

  /** The one gate: the rule check, then the binary's identity by real path; no process exists yet. */
  const decide = (cmd: string): Verdict => {
    if (cmd.includes("\0")) return { allowed: false, error: procMessages.spawnFailed(procMessages.nulByte) };
    if (rules !== null && !rules.some((r) => ruleAdmits(r, cmd))) return denied(cmd);
    if (!hasSeparator(cmd)) {
      const found = lookUp(cmd);
      return found === null ? { allowed: false, error: procMessages.spawnFailed(procMessages.notFound(cmd)) } : { allowed: true, file: found };
    }
    const real = realPathOf(host.cwd, cmd);
    if (rules !== null && !rules.some((r) => r.real !== null && r.real === real)) return denied(cmd);
    return { allowed: true, file: real ?? cmd };
  };

  const gate = (cmd: string): Verdict => {
    const verdict = decide(cmd);
    host.observeGate?.("Proc", "exec", verdict.allowed);
    return verdict;
  };

  return sealCapability(
    "Proc",
    {
      restrict_to(cmd: string): ProcCapability {
        const rule: Rule = { text: cmd, real: hasSeparator(cmd) ? realPathOf(host.cwd, cmd) : null };
        const next = rules === null ? [rule] : rules.filter((r) => r.text === cmd);
        return makeProc(host, next, limits);
      },

      allows(cmd: string): boolean {
        const verdict = rules === null || rules.some((r) => ruleAdmits(r, cmd));
        host.observeGate?.("Proc", "allows", verdict);
        return verdict;
      },

      exec(cmd: string, argsJson: string): IoResult<string> {
        const verdict = gate(cmd);
        if (!verdict.allowed) return fail(verdict.error);
        const args = parseArgvJson(argsJson);
        if (!args.ok) return fail(procMessages.badArgs(args.cause));
        if (args.argv.some((a) => a.includes("\0"))) return fail(procMessages.spawnFailed(procMessages.nulByte));
        const r = spawnSync(verdict.file, args.argv, {
          argv0: cmd,
          cwd: host.cwd,
          env: { PATH: searchPath() },
          shell: false,
          stdio: ["ignore", "pipe", "pipe"],
          timeout: limits.deadlineMs,
          maxBuffer: limits.maxOutputBytes,
          killSignal: "SIGKILL",
          windowsHide: true,
        });
        if (r.error) {
          const code = (r.error as { code?: string }).code;
          if (code === "ETIMEDOUT") return fail(procMessages.timedOut(limits.deadlineMs));
          if (code === "ENOBUFS") return fail(procMessages.outputTooLarge(limits.maxOutputBytes));
          const { errno, text } = describeOsError(r.error);
          return fail(procMessages.spawnFailed(errno === null ? text : `[Errno ${errno}] ${text}: '${cmd}'`));
        }
        const decode = (b: Buffer | null): string => new TextDecoder("utf-8").decode(b ?? new Uint8Array());
        const status = r.status ?? (r.signal ? -signalNumber(r.signal) : -1);
        if (status !== 0) return fail(procMessages.nonZeroExit(status, decode(r.stderr)));
        return ok(decode(r.stdout));
      },
    },
    () => `Proc(${rules === null ? "unrestricted" : JSON.stringify(shown())})`,
  );
}

/** A fresh, unrestricted Proc bound to `host`. */
export function createProc(host: Host, limits: ProcLimits = DEFAULT_PROC_LIMITS): ProcCapability {
  return makeProc(host, null, limits);
}
