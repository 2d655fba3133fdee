// Capa's Map and Set: insertion-ordered, keyed by structural value; no I/O, no display logic.
import { hashKey } from "./equality.js";
import type { Value } from "./values.js";

/** A Map<K, V>. `keys` remembers the original key for structured (non-primitive) keys only. */
export class CMap {
  readonly capaType = "Map";
  private readonly data = new Map<unknown, Value>();
  private readonly originals = new Map<unknown, Value>();

  get size(): number {
    return this.data.size;
  }

  get(k: Value): Value | undefined {
    return this.data.get(hashKey(k));
  }

  has(k: Value): boolean {
    return this.data.has(hashKey(k));
  }

  set(k: Value, v: Value): void {
    const h = hashKey(k);
    if (h !== k && !this.originals.has(h)) this.originals.set(h, k);
    this.data.set(h, v);
  }

  private original(h: unknown): Value {
    return typeof h === "string" && h.length > 0 && h.charCodeAt(0) === 0 ? this.originals.get(h) : h;
  }

  *keys(): IterableIterator<Value> {
    for (const h of this.data.keys()) yield this.original(h);
  }

  values(): IterableIterator<Value> {
    return this.data.values();
  }

  *entries(): IterableIterator<[Value, Value]> {
    for (const [h, v] of this.data) yield [this.original(h), v];
  }

  /** Same keys with equal values, in any order (dict equality). */
  equals(other: CMap, eq: (a: Value, b: Value) => boolean): boolean {
    if (other.size !== this.size) return false;
    for (const [h, v] of this.data) {
      if (!other.data.has(h) || !eq(v, other.data.get(h))) return false;
    }
    return true;
  }
}

/** A Set<T>, insertion-ordered. */
export class CSet {
  readonly capaType = "Set";
  private readonly data = new Map<unknown, Value>();

  constructor(items?: Iterable<Value>) {
    if (items) for (const x of items) this.add(x);
  }

  get size(): number {
    return this.data.size;
  }

  has(x: Value): boolean {
    return this.data.has(hashKey(x));
  }

  add(x: Value): void {
    const h = hashKey(x);
    if (!this.data.has(h)) this.data.set(h, x);
  }

  remove(x: Value): void {
    this.data.delete(hashKey(x));
  }

  values(): IterableIterator<Value> {
    return this.data.values();
  }

  equals(other: CSet): boolean {
    if (other.size !== this.size) return false;
    for (const h of this.data.keys()) if (!other.data.has(h)) return false;
    return true;
  }
}
