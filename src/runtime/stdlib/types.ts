// Shape of a built-in method table; types only.
import type { Value } from "../values.js";

/** A built-in method: receiver plus up to two positional arguments (no argument array allocated). */
export type Method<Self> = (self: Self, a: Value, b: Value) => Value;

export type MethodTable<Self> = Readonly<Record<string, Method<Self>>>;
