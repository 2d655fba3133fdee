// Python grants (py_grant): the parent's dispatcher and the child's installer, plus their wire shapes.
export { createGrantDispatcher, type GrantDispatcher, type GrantResult } from "./dispatcher.js";
export { createGrantInstaller, type GrantInstaller } from "./install.js";
export { fsMountPoint, type MountPointResult } from "./fs-mount-point.js";
export type { PyodideLike } from "./fs-mount.js";
export type { FsKind, FsStat, GrantFailure, GrantPlan, GrantReply } from "./protocol.js";
