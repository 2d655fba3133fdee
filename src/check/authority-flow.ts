// What a body can exercise, for the manifest's reach: the built-in capabilities it uses, the
// program functions it may call (directly, through traits, or implicitly through `to_string`),
// and the calls of function values whose origin the analysis does not pin down.
// Such a call may run any function value the program makes with that many parameters (every
// lambda, every function named as a value): `functionValuePool` lists them, and the model's
// fixpoint charges their reach to the caller. Sound for the whole program, by construction:
// a function value can only come from one of those sites.
// Invariant: reads the AST and the typing result only; never reports diagnostics.

import type { Block, Expr, LambdaExpr, NameExpr, Program } from "../syntax/ast.js";
import { walkBlock, walkExpr, type Visitor } from "./capabilities/walk.js";
import type { TypeCheckResult } from "./typecheck/index.js";
import { prune, type Type } from "./types.js";

export interface BodyEffects {
  /** Capability names (built-in or user) whose values the body uses as receivers or arguments. */
  readonly used: Set<string>;
  /** Program functions (qualified names) the body may invoke. */
  readonly callees: Set<string>;
  /** Parameter counts of function values the body may invoke without knowing which. */
  readonly unknownArities: Set<number>;
}

/** One way a function value can come into being. */
export type FunctionValueSite =
  | { readonly kind: "lambda"; readonly arity: number; readonly effects: BodyEffects }
  | { readonly kind: "named"; readonly arity: number; readonly fn: string };

type Body = { readonly block: Block } | { readonly expr: Expr };

function walkBody(body: Body, v: Visitor): void {
  if ("block" in body) walkBlock(body.block, v);
  else walkExpr(body.expr, v);
}

function lambdaBody(l: LambdaExpr): Body {
  return l.body.kind === "Block" ? { block: l.body } : { expr: l.body };
}

export class AuthorityFlow {
  /** Every user `to_string` method: interpolating a value may run any of them. */
  private readonly toStringMethods: readonly string[];

  constructor(private readonly typing: TypeCheckResult) {
    this.toStringMethods = typing.symbols.impls.flatMap((impl) => impl.methods.filter((m) => m.name === "to_string").map((m) => m.qualifiedName));
  }

  effectsOfBlock(block: Block): BodyEffects {
    return this.effects({ block });
  }

  /** The function values of the program: each lambda with its own effects, each named use. */
  functionValuePool(program: Program): FunctionValueSite[] {
    const sites: FunctionValueSite[] = [];
    const callees = new Set<NameExpr>();
    const visitor: Visitor = {
      expr: (e) => {
        if (e.kind === "Call" && e.callee.kind === "Name") callees.add(e.callee);
        if (e.kind === "Lambda") sites.push({ kind: "lambda", arity: e.params.length, effects: this.effects(lambdaBody(e)) });
        if (e.kind === "Name" && !callees.has(e)) {
          const b = this.typing.resolve(e);
          if (b?.kind === "function") sites.push({ kind: "named", arity: b.fn.params.filter((p) => !p.isSelf).length, fn: b.fn.qualifiedName });
        }
      },
    };
    for (const item of program.items) {
      if (item.kind === "Fun") walkBlock(item.body, visitor);
      else if (item.kind === "Impl") for (const m of item.methods) walkBlock(m.body, visitor);
      else if (item.kind === "Const") walkExpr(item.value, visitor);
    }
    return sites;
  }

  private effects(body: Body): BodyEffects {
    const out: BodyEffects = { used: new Set(), callees: new Set(), unknownArities: new Set() };
    const typing = this.typing;
    const used = (t: Type | undefined): void => {
      if (t === undefined || !typing.isCapabilityType(t)) return;
      const p = prune(t);
      if (p.kind === "Cap") out.used.add(p.name);
      else if (p.kind === "User") {
        if (p.declKind === "capability") out.used.add(p.name);
        else for (const trait of typing.symbols.implementsByType.get(p.name) ?? []) {
          if (typing.symbols.types.get(trait)?.kind === "capability") out.used.add(trait);
        }
      }
    };
    walkBody(body, {
      expr: (e) => {
        if (e.kind === "StructLit") for (const f of e.fields) used(typing.typeOf(f.value));
        if (e.kind === "Interp" && e.parts.some((p) => p.kind === "Splice" && !isPlainValue(typing.typeOf(p.expr)))) {
          for (const m of this.toStringMethods) out.callees.add(m);
        }
        if (e.kind !== "Call" && e.kind !== "MethodCall") return;
        const target = typing.callTarget(e);
        if (e.kind === "MethodCall" && target !== undefined && (target.kind === "capabilityMethod" || target.kind === "trait" || target.kind === "user")) {
          used(typing.typeOf(e.receiver));
        }
        for (const a of e.args) used(typing.typeOf(a.value));
        if (target?.kind === "user") out.callees.add(target.fn.qualifiedName);
        else if (target?.kind === "trait") for (const q of this.implementationsOf(target.trait, target.fn.name)) out.callees.add(q);
        else if (target?.kind === "value") out.unknownArities.add(e.args.length);
        else if (target?.kind === "builtinMethod" || target?.kind === "builtinFunction") {
          // A built-in (`map`, `fold`, `sorted_by`...) invokes the function values it is given;
          // a lambda written in place is already part of this body.
          for (const a of e.args) {
            const t = typing.typeOf(a.value);
            const p = t === undefined ? undefined : prune(t);
            if (p?.kind === "Fun" && a.value.kind !== "Lambda") out.unknownArities.add(p.params.length);
          }
        }
      },
    });
    return out;
  }

  private implementationsOf(trait: string, method: string): string[] {
    const out: string[] = [];
    for (const impl of this.typing.symbols.impls) {
      if (impl.trait !== trait) continue;
      for (const m of impl.methods) if (m.name === method) out.push(m.qualifiedName);
    }
    return out;
  }
}

/** Values whose display never runs user code. */
function isPlainValue(t: Type | undefined): boolean {
  if (t === undefined) return false;
  const p = prune(t);
  if (p.kind === "Prim") return true;
  if (p.kind === "App") return p.args.every(isPlainValue);
  if (p.kind === "Tuple") return p.elements.every(isPlainValue);
  return false;
}
