// Compile-time name resolution to frame slots (a pre-pass, so no string-keyed lookups at run time);
// lambdas get their own frame and copy captured values in when they are created.

/** One function body's slot allocator with nested block scopes. */
export class FunctionScope {
  /** Slot 0 is the pending return value. */
  private next = 1;
  private readonly blocks: Map<string, number>[] = [new Map()];
  /** (slot in the enclosing frame, slot in this frame) for every captured variable. */
  readonly captures: Array<[number, number]> = [];

  constructor(readonly parent: FunctionScope | null) {}

  get size(): number {
    return this.next;
  }

  push(): void {
    this.blocks.push(new Map());
  }

  pop(): void {
    this.blocks.pop();
  }

  /** A slot for `name` in the innermost block; an existing binding there is reused, which keeps
   * or-pattern alternatives (`A(x) | B(x)`) writing to the one slot the arm body reads. */
  declare(name: string): number {
    const block = this.blocks[this.blocks.length - 1];
    const existing = block.get(name);
    if (existing !== undefined) return existing;
    const slot = this.next++;
    block.set(name, slot);
    return slot;
  }

  /** Slot of a local (capturing from enclosing functions as needed), or -1 when not a local. */
  lookup(name: string): number {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const slot = this.blocks[i].get(name);
      if (slot !== undefined) return slot;
    }
    if (this.parent === null) return -1;
    const outer = this.parent.lookup(name);
    if (outer < 0) return -1;
    const inner = this.next++;
    this.blocks[0].set(name, inner);
    this.captures.push([outer, inner]);
    return inner;
  }
}
