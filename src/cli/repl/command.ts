// `capa repl`: read-eval-print over the interpreter. Each input is checked as part of the whole
// accumulated program (src/cli/repl/state.ts), so the capability rules, types and attenuation are
// exactly those of a program; only the input's own statements then run (src/runtime/session.ts).
// Diagnostics name the synthesised program `<repl>` and show its line.

import { createInterface } from "node:readline";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Stmt } from "../../syntax/ast.js";
import { typeToString } from "../../check/types.js";
import { analyse, fileModuleHost, hasErrors, type FrontEnd } from "../../pipeline.js";
import { writeAll } from "../../runtime/capabilities/fdWrite.js";
import { CLI_MESSAGES as U, REPL_TEXT as T } from "../messages.js";
import { Reporter } from "../report.js";
import { VERSION } from "../../version.js";
import { isItem, needsMore, ReplState } from "./state.js";

const REPL_FILE = "<repl>";
/** How long one input may run (a loop that never ends stops with a TimeoutError, not the session). */
const DEFAULT_TIMEOUT_SECONDS = 10;

type ReplRuntime = import("../../runtime/session.js").ReplRuntime;

/** One session: the accumulated state, the runtime that holds the bindings, and where text goes. */
export class ReplSession {
  readonly state = new ReplState();

  constructor(
    private readonly runtime: ReplRuntime,
    private readonly out: (s: string) => void,
    private readonly err: (s: string) => void,
    private readonly cwd: string,
  ) {}

  /** Handles one complete input; returns false when the session should end. */
  submit(input: string): boolean {
    const trimmed = input.trim();
    if (trimmed === "") return true;
    if (trimmed.startsWith(":")) return this.command(trimmed);
    if (isItem(input)) this.addItem(input.replace(/\s+$/, ""));
    else this.addStatement(input.replace(/\s+$/, ""));
    return true;
  }

  private analyse(text: string): FrontEnd {
    return analyse(text, REPL_FILE, fileModuleHost(`${this.cwd}/${REPL_FILE}`, process.env, this.cwd));
  }

  /** Errors (and the new input's own warnings) rendered against the program text; true if any error. */
  private report(front: FrontEnd, text: string, fromLine: number): boolean {
    const report = new Reporter("text");
    report.addSource(REPL_FILE, text);
    const failed = hasErrors(front);
    const relevant = (d: Diagnostic): boolean => d.severity === "error" || (d.span !== null && d.span.line >= fromLine);
    const syntax = front.syntax.filter(relevant);
    if (syntax.length > 0) report.diagnostics(syntax, false);
    const check = front.check.filter(relevant);
    if (check.length > 0) report.diagnostics(check, true);
    return failed;
  }

  private addItem(item: string): void {
    const { text, extraLine } = this.state.assemble({ item });
    const front = this.analyse(text);
    if (this.report(front, text, extraLine)) return;
    this.state.items.push(item);
  }

  private addStatement(statement: string): void {
    const { text, extraLine } = this.state.assemble({ statement });
    const front = this.analyse(text);
    if (this.report(front, text, extraLine)) return;
    const body = mainBody(front);
    const outcome = this.runtime.runTurn(front.program, this.state.ran, front.checked!.typing.namedArgumentSlots);
    if (!outcome.ok) {
      const f = outcome.failure;
      const where = f.kind !== "panic" && f.span !== null ? `${REPL_FILE}:${f.span.line}:${f.span.col}: ` : "";
      this.err(`${where}${f.kind === "panic" ? "panic" : f.kind}: ${f.message}\n`);
      return; // not kept: the next input is checked and run without it
    }
    this.state.statements.push(statement);
    this.state.ran = body.length;
    if (outcome.value !== null) this.out(outcome.value + "\n");
  }

  private command(line: string): boolean {
    const [, name = "", rest = ""] = /^:(\S*)\s*([\s\S]*)$/.exec(line) ?? [];
    switch (name) {
      case "quit":
      case "q":
      case "exit":
        return false;
      case "help":
        this.out(T.help + "\n");
        return true;
      case "show":
        this.out(this.state.assemble().text);
        return true;
      case "reset":
        this.state.reset();
        this.runtime.reset();
        this.out(T.cleared + "\n");
        return true;
      case "type":
        if (rest.trim() === "") this.err(T.needsArgument("type", "an expression") + "\n");
        else this.typeOf(rest.trim());
        return true;
      case "caps":
        if (rest.trim() === "") this.err(T.needsArgument("caps", "a function name") + "\n");
        else this.caps(rest.trim());
        return true;
      default:
        this.err(T.unknownCommand(name) + "\n");
        return true;
    }
  }

  /** `:type EXPR`: the program with EXPR as a last statement is checked, never run. */
  private typeOf(expr: string): void {
    const { text, extraLine } = this.state.assemble({ statement: expr });
    const front = this.analyse(text);
    if (this.report(front, text, extraLine)) return;
    const last = mainBody(front).at(-1);
    const type = last !== undefined && last.kind === "ExprStmt" ? front.checked!.typing.typeOf(last.expr) : undefined;
    this.out(`${type === undefined ? "?" : typeToString(type)}\n`);
  }

  /** `:caps FN`: what the capability model says about FN. */
  private caps(name: string): void {
    const { text } = this.state.assemble();
    const front = this.analyse(text);
    if (this.report(front, text, Number.MAX_SAFE_INTEGER)) return;
    const f = front.checked!.model.functions.find((fn) => fn.qualifiedName === name) ?? front.checked!.model.functions.find((fn) => fn.name === name && fn.container === null);
    if (f === undefined || (f.name === "main" && f.container === null)) {
      this.err(T.noSuchFunction(name) + "\n");
      return;
    }
    const params = f.params.map((p) => (p.name === "self" ? "self" : `${p.name}: ${p.type}`)).join(", ");
    const signature = `${f.qualifiedName}(${params})${f.returnType === "()" ? "" : ` -> ${f.returnType}`}`;
    const list = (xs: readonly string[]): string => (xs.length === 0 ? T.none : xs.join(", "));
    this.out(T.caps(signature, list(f.declaredCapabilities), list(f.transitivelyReachableCapabilities)) + "\n");
  }
}

function mainBody(front: FrontEnd): readonly Stmt[] {
  for (const item of front.program.items) if (item.kind === "Fun" && item.name.name === "main") return item.body.stmts;
  return [];
}

/** Runs the loop on standard input and output; resolves to the exit code (0 at end of input). */
export async function replCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    writeAll(1, T.usage + "\n\n" + T.help + "\n");
    return 0;
  }
  const timeout = argv.length === 2 && argv[0] === "--timeout" && /^[1-9]\d*$/.test(argv[1]!) ? Number(argv[1]) : argv.length === 0 ? DEFAULT_TIMEOUT_SECONDS : null;
  if (timeout === null) {
    const report = new Reporter("text");
    return report.usage(U.replUsage, []);
  }
  const { ReplRuntime } = await import("../../runtime/session.js");
  const { createProcessHost } = await import("../../runtime/capabilities/index.js");
  const session = new ReplSession(new ReplRuntime(createProcessHost({ args: [] }), timeout * 1000), (s) => writeAll(1, s), (s) => writeAll(2, s), process.cwd());
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal, prompt: T.prompt });
  writeAll(1, T.banner(VERSION) + "\n");
  let pending: string[] = [];
  const prompt = (): void => {
    rl.setPrompt(pending.length === 0 ? T.prompt : T.more);
    rl.prompt();
  };
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      rl.close();
      resolve(0);
    };
    rl.on("line", (line) => {
      pending.push(line);
      if (needsMore(pending)) return prompt();
      const input = pending.join("\n");
      pending = [];
      if (!session.submit(input)) return finish();
      prompt();
    });
    rl.on("close", () => {
      if (pending.length > 0 && !done) session.submit(pending.join("\n"));
      if (terminal) writeAll(1, "\n");
      finish();
    });
    rl.on("SIGINT", () => {
      // Ctrl-C drops the input being typed, as shells do; Ctrl-D leaves.
      pending = [];
      writeAll(1, "\n");
      prompt();
    });
    prompt();
  });
}
