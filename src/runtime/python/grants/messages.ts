// Catalogue of the grant layer's own messages (refusals by the dispatcher, mount refusals); capability
// denials themselves come verbatim from the capabilities' gates and are never reworded here.

export const grantMessages = {
  unknownOp: (op: string) => `the Python runtime asked for '${op}', which no grant provides`,
  notGranted: (capability: string, op: string) => `no ${capability} capability was granted to Python (py_grant), so '${op}' is refused`,
  noFsCovers: (path: string, mountPoints: readonly string[]) =>
    `no Fs granted to Python covers '${path}' (granted: ${mountPoints.length === 0 ? "none" : mountPoints.join(", ")})`,
  fsHasNoOp: (op: string) => `the Fs capability has no '${op}' operation, so Python cannot ${op} through it`,
  badArguments: (op: string) => `malformed arguments for '${op}'`,
  notGrantable: (what: string) => `py_grant accepts an Fs or a Net capability, got ${what}`,
  wrapped: (capability: string) =>
    `a revocable, expiring, single-use or logged ${capability} cannot be granted to Python: Python's calls would not pass its run-time guards; grant the capability before wrapping it, or keep the call in Capa`,
  unrestrictedFs: () =>
    "py_grant needs an Fs restricted to a directory (fs.restrict_to(\"/dir\")): an unrestricted Fs has no prefix to mount in Python's filesystem",
  emptyFs: (prefixes: string) => `the granted Fs allows nothing (its prefixes ${prefixes} do not nest), so there is nothing to mount`,
  reservedMountPoint: (path: string) =>
    `cannot mount the granted prefix '${path}' in Python's filesystem: Pyodide already uses that path`,
  notUtf8: (path: string) => `'${path}' was not written: the Fs capability stores UTF-8 text and the data is not valid UTF-8`,
};
