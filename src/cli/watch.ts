// `--watch` with `--check` or `--run`: runs the same command (without --watch) as a child process,
// then re-runs it whenever one of the files, or any module they import, changes. Each round is
// framed by timestamped status lines on stderr; a change during a round ends that round (a
// `--run` server restarts). Ctrl-C (SIGINT) stops watching, and capa exits 0.

import { spawn, type ChildProcess } from "node:child_process";
import { watch as watchDirectory, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { writeAll } from "../runtime/capabilities/fdWrite.js";
import { analyse, loadSource } from "../pipeline.js";
import { capaCommand, killGroup } from "./launcher.js";
import { WATCH_TEXT as W } from "./messages.js";

/** Editors save in bursts (write, rename, chmod): one round per burst. */
const DEBOUNCE_MS = 150;

const clock = (): string => new Date().toTimeString().slice(0, 8);
const status = (line: string): void => writeAll(2, line + "\n");

/** Every file the programs are made of: the files themselves and the modules they import. */
export function filesToWatch(files: readonly string[]): string[] {
  const all = new Set<string>();
  for (const file of files) {
    all.add(resolve(file));
    const loaded = loadSource(file);
    if (!loaded.ok) continue;
    for (const s of analyse(loaded.text, file).sources) all.add(resolve(s.path));
  }
  return [...all];
}

/** Watches until SIGINT; resolves to the exit code (0). `childArgs` is the command without --watch. */
export function watchAndRerun(files: readonly string[], childArgs: readonly string[]): Promise<number> {
  return new Promise((resolveExit) => {
    let watchers: FSWatcher[] = [];
    let child: ChildProcess | null = null;
    let timer: NodeJS.Timeout | null = null;
    let pending = false;
    let stopped = false;

    const rewatch = (): number => {
      for (const w of watchers) w.close();
      const watched = filesToWatch(files);
      // Folders, not files: an editor that saves by renaming a new file into place replaces the
      // watched file, and a watch on the old one would go quiet.
      const byFolder = new Map<string, Set<string>>();
      for (const f of watched) byFolder.set(dirname(f), (byFolder.get(dirname(f)) ?? new Set()).add(basename(f)));
      watchers = [...byFolder].flatMap(([folder, names]) => {
        try {
          return [watchDirectory(folder, (_event, name) => name !== null && names.has(name.toString()) && changed(name.toString()))];
        } catch {
          return []; // a folder that vanished: nothing to watch there
        }
      });
      return watched.length;
    };

    const round = (): void => {
      pending = false;
      status(W.starting(clock(), ["capa", ...childArgs].join(" ")));
      const capa = capaCommand(childArgs);
      const current = spawn(capa.command, capa.args, { stdio: ["ignore", "inherit", "inherit"], detached: true });
      child = current;
      current.once("close", (code, signal) => {
        child = null;
        if (stopped) return;
        const count = rewatch();
        if (!pending) status(W.finished(clock(), code ?? (signal === null ? 1 : 130), count));
        if (pending) round();
      });
      current.once("error", () => undefined); // reported through "close"
    };

    const changed = (name: string): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        status(W.changed(clock(), name));
        pending = true;
        if (child !== null) killGroup(child.pid, "SIGTERM"); // its "close" starts the next round
        else round();
      }, DEBOUNCE_MS);
    };

    process.once("SIGINT", () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      for (const w of watchers) w.close();
      if (child !== null) killGroup(child.pid, "SIGTERM");
      resolveExit(0);
    });

    rewatch();
    round();
  });
}
