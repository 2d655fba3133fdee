// Child side entry of the Python grants: given a Pyodide instance, the HostCall to the parent and a
// GrantPlan, mounts each granted Fs prefix (CAPAFS) and installs `capa_net`. Idempotent per plan.
// Holds no authority: everything it installs reaches the host only through HostCall.
import { isWithin as isInside } from "./lexical-path.js";
import type { HostCall } from "../host-call.js";
import { createDenialLog } from "./denial-log.js";
import { createCapaFsType, type EmscriptenFs, type PyodideLike } from "./fs-mount.js";
import { grantMessages } from "./messages.js";
import { createVeilFsType } from "./veil.js";
import type { GrantPlan } from "./protocol.js";
import { CAPA_FS_DENIALS_SOURCE, CAPA_NET_SOURCE } from "./python-sources.js";

export interface GrantInstaller {
  /** Brings the Python runtime up to `plan` (new mount points, capa_net); throws on a refused mount point. */
  install(plan: GrantPlan): void;
}

/** Registers a source string as an importable module without touching Python's filesystem. */
function defineModule(pyodide: PyodideLike, name: string, source: string): void {
  pyodide.runPython(
    `import sys as _s, types as _t\n_m = _t.ModuleType(${JSON.stringify(name)})\n_m.__file__ = "<capa grant>"\nexec(compile(${JSON.stringify(source)}, "<${name}>", "exec"), _m.__dict__)\n_s.modules[${JSON.stringify(name)}] = _m\ndel _s, _t, _m`,
  );
}

export function createGrantInstaller(pyodide: PyodideLike, hostCall: HostCall): GrantInstaller {
  const FS = pyodide.FS as EmscriptenFs;
  const denials = createDenialLog();
  const fsType = createCapaFsType(FS, pyodide.ERRNO_CODES, hostCall, denials);
  const mounted = new Set<string>();
  const veils = new Set<string>();
  const veilType = createVeilFsType(FS, pyodide.ERRNO_CODES, hostCall, denials, () => mounted);
  let hostModule = false;
  let fsDenials = false;
  let net = false;

  const ensureHostModule = (): void => {
    if (hostModule) return;
    hostModule = true;
    pyodide.registerJsModule("_capa_host", {
      /** One op; the reply is JSON: {"ok": v} | {"denied": msg} | {"error": {errno, message}}. */
      call(op: string, argsJson: string): string {
        let reply: unknown;
        try {
          reply = hostCall(op, JSON.parse(argsJson) as unknown[]);
        } catch (e) {
          return JSON.stringify({ denied: e instanceof Error ? e.message : String(e) });
        }
        return JSON.stringify(reply);
      },
      take_denial: () => denials.take(),
      clear_denial: () => denials.clear(),
    });
  };

  /** A directory entry we created on the way to an earlier mount point (not Pyodide's own file). */
  const isScaffolding = (dir: string, entry: string): boolean => {
    const path = dir === "/" ? `/${entry}` : `${dir}/${entry}`;
    return [...mounted].some((m) => isInside(m, path));
  };

  /** The outermost ancestor of `mountPoint` (or itself) that Pyodide's filesystem lacks, else null. */
  const firstMissing = (mountPoint: string): string | null => {
    let path = "";
    for (const part of mountPoint.split("/").filter((p) => p.length > 0)) {
      path += `/${part}`;
      if (!FS.analyzePath(path).exists) return path;
    }
    return null;
  };

  const mount = (mountPoint: string): void => {
    // Inside an earlier mount the files already show; the parent routes each path to the innermost grant.
    if ([...mounted].some((m) => m !== mountPoint && isInside(mountPoint, m))) return;
    const missing = firstMissing(mountPoint);
    // Directories made only to reach the mount point are veiled: other names there are refused, not empty.
    if (missing !== null && missing !== mountPoint && ![...veils].some((v) => isInside(missing, v))) {
      FS.mkdir(missing);
      FS.mount(veilType, {}, missing);
      veils.add(missing);
    }
    const existing = FS.analyzePath(mountPoint);
    // Never hide Pyodide's own files: the mount point must be new, or a directory holding only our scaffolding.
    if (existing.exists) {
      const dir = existing.object;
      const entries = dir !== null && FS.isDir(dir.mode) ? FS.readdir(mountPoint).filter((e) => e !== "." && e !== "..") : null;
      if (entries === null || !entries.every((e) => isScaffolding(mountPoint, e))) throw new Error(grantMessages.reservedMountPoint(mountPoint));
    }
    FS.mkdirTree(mountPoint);
    FS.mount(fsType, {}, mountPoint);
  };

  return {
    install(plan) {
      for (const mountPoint of plan.fsMountPoints) {
        if (mounted.has(mountPoint)) continue;
        ensureHostModule();
        mounted.add(mountPoint); // first, so the veil lets mkdirTree through toward it
        try {
          mount(mountPoint);
        } catch (e) {
          mounted.delete(mountPoint);
          throw e;
        }
      }
      if (mounted.size > 0 && !fsDenials) {
        defineModule(pyodide, "_capa_fs_denials", CAPA_FS_DENIALS_SOURCE);
        fsDenials = true;
      }
      if (plan.net && !net) {
        ensureHostModule();
        defineModule(pyodide, "capa_net", CAPA_NET_SOURCE);
        net = true;
      }
    },
  };
}
