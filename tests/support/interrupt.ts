// For tests of output written before a run blocks: start `capa`, wait (up to `waitMs`) for the
// first complete line on stdout, then interrupt it as Ctrl-C would. Without the flush under test
// the line would come only at exit, so `arrived` would be false.
import { spawn } from "node:child_process";

export async function firstLineThenInterrupt(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; waitMs: number }): Promise<{ arrived: boolean; stdout: string }> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  const arrived = await new Promise<boolean>((resolve) => {
    const deadline = setTimeout(() => resolve(false), options.waitMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (stdout.includes("\n")) {
        clearTimeout(deadline);
        resolve(true);
      }
    });
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
  return { arrived, stdout };
}
