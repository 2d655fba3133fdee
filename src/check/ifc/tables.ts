// Fixed IFC tables: public sinks, secret sources, container mutators and constant-time operations.
// Pure data keyed by `Type.method`; must never hold per-run state.

/** `Cap.method` → 0-based argument positions that are public sinks. */
export const PUBLIC_SINKS: ReadonlyMap<string, readonly number[]> = new Map([
  ["Stdio.print", [0]],
  ["Stdio.println", [0]],
  ["Stdio.eprintln", [0]],
  ["Net.get", [0]],
  ["Net.post", [0, 1]],
  ["Fs.write", [0, 1]],
  // a path reaches the host (its file system, its audit log) whatever the operation does with it
  ["Fs.read", [0]],
  ["Fs.exists", [0]],
  ["Fs.is_dir", [0]],
  ["Fs.mkdir", [0]],
  ["Fs.list_dir", [0]],
  ["Db.exec", [0, 1]],
  ["Db.query", [0, 1]],
  ["Serve.send", [1]],
]);

/** Methods whose result is @secret whatever their inputs. */
export const SECRET_SOURCES: ReadonlySet<string> = new Set(["Env.get"]);

/** `Type.method` → argument positions whose data makes the receiver container depend on it. */
export const CONTAINER_MUTATORS: ReadonlyMap<string, readonly number[]> = new Map([
  ["List.push", [0]],
  ["Set.add", [0]],
  ["Set.remove", [0]],
  ["Map.set", [0, 1]],
  // Revoking under a secret condition makes the revoker's state (`is_revoked()`) depend on it.
  ["Revoker.revoke", []],
]);

/** Built-in capability methods that return a capability of the same kind (attenuators). */
export const ATTENUATORS: ReadonlySet<string> = new Set([
  "restrict_to",
  "restrict_to_keys",
  "restrict_to_after",
  "with_seed",
]);

/** Container methods whose result depends only on the structure, not on element values. */
export const STRUCTURE_ONLY: ReadonlySet<string> = new Set(["length", "is_empty"]);

/** Combinators that build a new container: elements and structure are tracked apart. */
export const ELEMENT_COMBINATORS: ReadonlySet<string> = new Set([
  "map",
  "flat_map",
  "sorted_by",
  "reverse",
  "enumerate",
  "zip",
  "filter",
]);

/** Combinators whose function argument also decides the structure of the result. */
export const STRUCTURE_DECIDING: ReadonlySet<string> = new Set(["filter", "flat_map", "sorted_by"]);

// ── @constant_time ──

export const CT_LOOKUPS: ReadonlyMap<string, readonly number[]> = new Map([
  ["List.get", [0]],
  ["Map.get", [0]],
  ["Map.contains_key", [0]],
  ["Set.contains", [0]],
  ["String.char_at", [0]],
]);

export const CT_SCANS: ReadonlyMap<string, readonly number[]> = new Map([
  ["String.starts_with", [0]],
  ["String.ends_with", [0]],
  ["String.contains", [0]],
  ["String.index_of", [0]],
  ["String.split_once", [0]],
  ["List.contains", [0]],
]);

export const CT_VARIABLE_TIME_OPS: ReadonlySet<string> = new Set(["/", "%"]);
export const CT_COMPARE_OPS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);
