// Public entry of the built-in capabilities: the Host, root-capability construction and identification.
import type { Host } from "./host.js";
import type { CapabilityTypeName } from "./brand.js";
import { createStdio, type StdioCapability } from "./stdio.js";
import { createFs, type FsCapability } from "./fs.js";
import { createNet, type NetCapability } from "./net.js";
import { createEnv, type EnvCapability } from "./env.js";
import { createClock, type ClockCapability } from "./clock.js";
import { createRandom, type RandomCapability } from "./random.js";
import { createUnsafe, type UnsafeCapability } from "./unsafe.js";
import { createDb, type DbCapability } from "./db.js";
import { createProc, type ProcCapability } from "./proc.js";
import { createServe, type ServeCapability } from "./serve.js";

export type { Host, NetLimits, CapturingHost, CapturingHostOptions, ProcessHostOptions } from "./host.js";
export { createProcessHost, createCapturingHost, DEFAULT_NET_LIMITS } from "./host.js";
export type { CapabilityTypeName } from "./brand.js";
export { CAPABILITY_TYPE_NAMES, isCapability, capabilityTypeName, describeCapability } from "./brand.js";
export type { IoErrorValue, IoResult } from "./ioResult.js";
export { CapabilityAbort } from "./ioResult.js";
export type {
  StdioCapability,
  FsCapability,
  NetCapability,
  EnvCapability,
  ClockCapability,
  RandomCapability,
  UnsafeCapability,
  DbCapability,
  ProcCapability,
  ServeCapability,
};

export interface RootCapabilities {
  Stdio: StdioCapability;
  Fs: FsCapability;
  Net: NetCapability;
  Env: EnvCapability;
  Clock: ClockCapability;
  Random: RandomCapability;
  Unsafe: UnsafeCapability;
  Db: DbCapability;
  Proc: ProcCapability;
  Serve: ServeCapability;
}

/** A fresh, unrestricted root capability of the given type, bound to `host`. */
export function createRootCapability<K extends CapabilityTypeName>(typeName: K, host: Host): RootCapabilities[K];
export function createRootCapability(typeName: CapabilityTypeName, host: Host): RootCapabilities[CapabilityTypeName] {
  switch (typeName) {
    case "Stdio":
      return createStdio(host);
    case "Fs":
      return createFs(host);
    case "Net":
      return createNet(host);
    case "Env":
      return createEnv(host);
    case "Clock":
      return createClock(host);
    case "Random":
      return createRandom(host);
    case "Unsafe":
      return createUnsafe();
    case "Db":
      return createDb(host);
    case "Proc":
      return createProc(host);
    case "Serve":
      return createServe(host);
  }
}
