// Child-process entry of the Python grants (the Pyodide side): loads no capability code.
export { createGrantInstaller, type GrantInstaller } from "./install.js";
export type { PyodideLike } from "./fs-mount.js";
export type { GrantPlan } from "./protocol.js";
