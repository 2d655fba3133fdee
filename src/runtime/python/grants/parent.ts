// Parent-process entry of the Python grants: the dispatcher that holds the granted capabilities.
export { createGrantDispatcher, type GrantDispatcher, type GrantResult } from "./dispatcher.js";
export { fsMountPoint, type MountPointResult } from "./fs-mount-point.js";
export type { FsKind, FsStat, GrantFailure, GrantPlan, GrantReply } from "./protocol.js";
