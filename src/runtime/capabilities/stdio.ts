// The Stdio capability: console I/O through the Host; it has no restricted state, but still passes one gate.
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { fail, ok, type IoResult } from "./ioResult.js";
import { stdioMessages } from "./messages.js";

export interface StdioCapability {
  print(s: string): undefined;
  println(s: string): undefined;
  eprintln(s: string): undefined;
  read_line(): IoResult<string>;
}

type StdioOp = keyof StdioCapability;

export function createStdio(host: Host): StdioCapability {
  // Stdio is never attenuated; the gate exists so every operation has the same single entry point.
  const gate = <T>(op: StdioOp, action: () => T): T => {
    host.observeGate?.("Stdio", op, true);
    return action();
  };
  return sealCapability(
    "Stdio",
    {
      print: (s: string) =>
        gate("print", () => {
          host.writeStdout(s);
          host.flush();
          return undefined;
        }),
      println: (s: string) => gate("println", () => void host.writeStdout(`${s}\n`)),
      eprintln: (s: string) => gate("eprintln", () => void host.writeStderr(`${s}\n`)),
      read_line: () =>
        gate("read_line", (): IoResult<string> => {
          let line: string | null;
          try {
            line = host.readLine();
          } catch (e) {
            return fail(stdioMessages.readFailed(e instanceof Error ? e.message : String(e)));
          }
          return line === null ? fail(stdioMessages.endOfInput()) : ok(line);
        }),
    },
    () => "Stdio",
  );
}
