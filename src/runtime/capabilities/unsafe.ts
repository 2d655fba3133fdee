// The Unsafe capability: a bare token proving the holder may use Python interop; it has no methods.
import { sealCapability } from "./brand.js";

export type UnsafeCapability = Record<string, never>;

export function createUnsafe(): UnsafeCapability {
  return sealCapability("Unsafe", {}, () => "Unsafe");
}
