// Which field writes a type allows. A struct used (directly or through fields and containers) as
// a Set element or a Map key anywhere in the program is *frozen*: writing one of its fields would
// change a hash key under the collection's feet. Built-in `IoError` values are read-only.
// Invariant: reads the typed program only; reports, never decides types.

import { DiagnosticBag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { AssignStmt, Expr, Program, Span, TypeExpr } from "../syntax/ast.js";
import { walkBlock } from "./capabilities/walk.js";
import { M } from "./messages.js";
import type { TypeCheckResult } from "./typecheck/index.js";
import { prune, typeToString, type Type } from "./types.js";

export function checkFieldWrites(program: Program, typing: TypeCheckResult): Diagnostic[] {
  const bag = new DiagnosticBag();
  const sites = collectSites(program);
  const structWrites: { s: AssignStmt; owner: string; field: string }[] = [];
  for (const s of sites.fieldWrites) {
    if (s.target.kind !== "Field") continue;
    const owner = prune(typing.typeOf(s.target.object) ?? { kind: "Unknown" });
    const field = s.target.name.name;
    if (owner.kind === "BuiltinNominal" && owner.name === "IoError") bag.report(M.ioErrorFieldWrite, s.span, [field]);
    else if (owner.kind === "User" && owner.declKind === "struct") structWrites.push({ s, owner: owner.name, field });
  }
  // Which structs are frozen is worked out only when some struct field is written at all.
  if (structWrites.length > 0) {
    const frozen = frozenStructs(typing, sites.typeMentions);
    for (const { s, owner, field } of structWrites) {
      const why = frozen.get(owner);
      if (why !== undefined) bag.report(M.frozenFieldWrite, s.span, [field, owner], [`frozen by ${why.type} at line ${why.span.line}, col ${why.span.col}`]);
    }
  }
  return bag.sorted();
}

interface FreezeSite {
  /** The Set or Map type that freezes the struct, as written. */
  readonly type: string;
  readonly span: Span;
}

interface Sites {
  readonly fieldWrites: AssignStmt[];
  /** Where a Set or Map type can first appear inside a body: annotations and call results. */
  readonly typeMentions: (Expr | TypeExpr)[];
}

/** One walk over every body: the field writes, and the places a collection type can come from. */
function collectSites(program: Program): Sites {
  const sites: Sites = { fieldWrites: [], typeMentions: [] };
  for (const body of functionBodies(program)) {
    walkBlock(body, {
      expr: (e) => {
        if (e.kind === "Call" || e.kind === "MethodCall") sites.typeMentions.push(e);
        else if (e.kind === "Lambda") for (const p of e.params) if (p.type !== null) sites.typeMentions.push(p.type);
      },
      stmt: (s) => {
        if (s.kind === "Assign" && s.target.kind === "Field") sites.fieldWrites.push(s);
        else if ((s.kind === "Let" || s.kind === "Var") && s.type !== null) sites.typeMentions.push(s.type);
      },
    });
  }
  return sites;
}

/** Struct name → the first Set/Map mention that freezes it (element, key, or reachable from them). */
function frozenStructs(typing: TypeCheckResult, mentions: Sites["typeMentions"]): Map<string, FreezeSite> {
  const frozen = new Map<string, FreezeSite>();
  const freeze = (t: Type, site: FreezeSite, seen: Set<string>): void => {
    const p = prune(t);
    if (p.kind === "User") {
      if (seen.has(p.name)) return;
      seen.add(p.name);
      const sym = typing.symbols.types.get(p.name);
      if (sym?.kind === "struct") {
        if (!frozen.has(p.name)) frozen.set(p.name, site);
        for (const ft of sym.fields.values()) freeze(ft, site, seen);
      } else if (sym?.kind === "sum") {
        for (const v of sym.variants) for (const pt of v.payload) freeze(pt, site, seen);
      }
      for (const a of p.args) freeze(a, site, seen);
    } else if (p.kind === "App") {
      for (const a of p.args) freeze(a, site, seen);
    } else if (p.kind === "Tuple") {
      for (const e of p.elements) freeze(e, site, seen);
    }
  };
  /** Finds every Set<E> / Map<K, _> inside `t` and freezes E / K. */
  const scan = (t: Type | undefined, span: Span): void => {
    if (t === undefined) return;
    const p = prune(t);
    if (p.kind === "App") {
      if ((p.name === "Set" || p.name === "Map") && p.args[0] !== undefined) freeze(p.args[0], { type: typeToString(p), span }, new Set());
      for (const a of p.args) scan(a, span);
    } else if (p.kind === "Tuple") {
      for (const e of p.elements) scan(e, span);
    } else if (p.kind === "User") {
      for (const a of p.args) scan(a, span);
    } else if (p.kind === "Fun") {
      for (const a of p.params) scan(a, span);
      scan(p.ret, span);
    }
  };
  for (const sym of typing.symbols.types.values()) {
    if (sym.kind === "struct" || sym.kind === "typestate") for (const ft of sym.fields.values()) scan(ft, sym.decl.span);
    if (sym.kind === "sum") for (const v of sym.variants) for (const pt of v.payload) scan(pt, v.span);
  }
  for (const fn of typing.symbols.allFunctions) {
    for (const p of fn.params) scan(p.type, p.node?.span ?? fn.span);
    scan(fn.ret, fn.span);
  }
  for (const c of typing.symbols.consts.values()) scan(c.type, c.decl.span);
  // A Set or Map type is written in a declaration or annotation, or made by a call (`new_set()`,
  // a built-in method): other expressions only pass such types along.
  for (const m of mentions) scan(isTypeExpr(m) ? typing.typeOfTypeExpr(m) : typing.typeOf(m), m.span);
  return frozen;
}

function functionBodies(program: Program) {
  return program.items.flatMap((i) => (i.kind === "Fun" ? [i.body] : i.kind === "Impl" ? i.methods.map((m) => m.body) : []));
}

const TYPE_EXPR_KINDS: ReadonlySet<string> = new Set(["NamedType", "FunType", "TupleType", "SelfType"]);
const isTypeExpr = (n: Expr | TypeExpr): n is TypeExpr => TYPE_EXPR_KINDS.has(n.kind);
