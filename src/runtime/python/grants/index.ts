// Python grants (py_grant), both sides; a process should import only its own entry (`parent.ts` or `child.ts`).
export * from "./parent.js";
export * from "./child.js";
