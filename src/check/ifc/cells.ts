// Abstract storage for the IFC pass: one mutable cell per abstract location. Aliases of a mutable
// value share one cell, so a write through any alias is seen by all. Never reports diagnostics.

import type { LambdaExpr } from "../../syntax/ast.js";
import { type Label, PUBLIC, join, origin } from "./labels.js";
import type { FunEntry, ProgramIndex, Ty } from "./program-index.js";
import { STEP } from "./messages.js";
import type { Konst } from "./statics.js";
import type { Summary } from "./summary.js";

/** Something a function value may invoke. */
export type Target =
  | { readonly kind: "fun"; readonly entry: FunEntry }
  | {
      readonly kind: "lambda";
      readonly node: LambdaExpr;
      readonly summary: Summary;
      /** Captured mutable values, seen by the body as parameters after its own (`the captured 'x'`). */
      readonly captures: readonly Capture[];
    }
  /** The function value held by parameter `index` of the callable being analysed. */
  | { readonly kind: "paramFn"; readonly key: number; readonly name: string }
  /** A function value whose targets are not known (a field, a factory result, ...). */
  | { readonly kind: "unknown" };

/**
 * One parameter slot a lambda's capture occupies: the caller's cell, and for a struct one slot for
 * the value itself and one per field, nested structs field by field too (so a field filled later
 * taints only that field, and a public field nested beside a @secret one stays public).
 */
export interface Capture {
  readonly name: string;
  readonly cell: Cell;
  /** The field of `cell` this slot stands for (nested: a path); empty for the value itself. */
  readonly path: readonly string[];
  /** The slot stands for a struct's own part only (its fields have slots of their own). */
  readonly ownPart: boolean;
  readonly secretAtCreation: boolean;
}

export const UNKNOWN_TARGET: Target = { kind: "unknown" };

export class Cell {
  /** Label of the value itself (for containers: their structure, e.g. length). */
  own: Label;
  /** Label of a container's elements (also an Option/Result payload). */
  elem: Label = PUBLIC;
  /** Per-field (struct) or per-position (tuple) sub-cells, created on demand. */
  fields: Map<string, Cell> | null = null;
  /** Possible targets when the value is a function. */
  fns: ReadonlySet<Target> | null = null;
  /** For a function value: the label of what calling it returns whatever its arguments (its captures). */
  ret: Label = PUBLIC;
  /** The value when it is known statically (only for immutable bindings: dead-branch detection). */
  konst: Konst | null = null;
  /** For a field (or tuple position) sub-cell: where it was created and its whole label then, so
   * what a callable later stores into that field of a parameter can be told from what it held
   * (a cell stored into another place is new there: all it carries was stored). */
  born: { readonly parent: Cell; readonly name: string; readonly label: Label } | null = null;
  ty: Ty | null;

  constructor(own: Label, ty: Ty | null) {
    this.own = own;
    this.ty = ty;
  }

  static of(label: Label, ty: Ty | null = null): Cell {
    return new Cell(label, ty);
  }
}

const REFERENCE_TYPES = new Set(["List", "Map", "Set"]);

/** Whether sharing a cell between two names models real aliasing (mutable reference values). */
export function isReference(c: Cell, index: ProgramIndex): boolean {
  if (c.fields !== null || c.fns !== null) return true;
  const t = c.ty;
  // a trait or user-capability value is some struct behind the interface: mutable like one
  return t !== null && (REFERENCE_TYPES.has(t.name) || index.structFields.has(t.name) || index.interfaces.has(t.name));
}

/** Computes whole-value labels; memoises the declared-@secret fields of each struct type. */
export class LabelReader {
  private readonly declaredByType = new Map<string, Label>();
  constructor(private readonly index: ProgramIndex) {}

  /** The label of everything a value carries: structure, elements, fields, declared secrets. */
  whole(c: Cell): Label {
    if (c.fields === null) {
      const base = join(join(c.own, c.elem), c.ret);
      return c.ty ? join(base, this.declared(c.ty.name)) : base;
    }
    return this.wholeRec(c, new Set());
  }

  private wholeRec(c: Cell, seen: Set<Cell>): Label {
    seen.add(c);
    let l = join(join(c.own, c.elem), c.ret);
    if (c.ty) l = join(l, this.declared(c.ty.name));
    if (c.fields) for (const f of c.fields.values()) if (!seen.has(f)) l = join(l, this.wholeRec(f, seen));
    return l;
  }

  /** Secret-by-declaration fields of a struct type (nested structs included), or of any implementor. */
  declared(typeName: string): Label {
    const hit = this.declaredByType.get(typeName);
    if (hit) return hit;
    this.declaredByType.set(typeName, PUBLIC); // cycle guard
    let l = PUBLIC;
    const fields = this.index.structFields.get(typeName);
    if (fields) {
      for (const f of fields.values()) {
        if (f.type.label === "secret") l = join(l, { secret: origin(STEP.secretField(typeName, f.name.name), f.span), params: null });
        if (f.type.kind === "NamedType") l = join(l, this.declared(f.type.name));
      }
    } else {
      for (const impl of this.index.implementors.get(typeName) ?? []) l = join(l, this.declared(impl));
    }
    this.declaredByType.set(typeName, l);
    return l;
  }

  /** The declared label of one field of a struct type (joined over implementors for an interface). */
  declaredField(typeName: string, field: string): Label {
    const decl = this.index.structFields.get(typeName)?.get(field);
    if (decl) {
      return decl.type.label === "secret"
        ? { secret: origin(STEP.secretField(typeName, field), decl.span), params: null }
        : PUBLIC;
    }
    let l = PUBLIC;
    for (const impl of this.index.implementors.get(typeName) ?? []) l = join(l, this.declaredField(impl, field));
    return l;
  }
}

/** True when `inner` is one of `outer`'s field cells, at any depth. */
export function containsCell(outer: Cell, inner: Cell, seen: Set<Cell> = new Set()): boolean {
  if (outer.fields === null || seen.has(outer)) return false;
  seen.add(outer);
  for (const f of outer.fields.values()) if (f === inner || containsCell(f, inner, seen)) return true;
  return false;
}
