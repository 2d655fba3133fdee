// Top-level tables of a program (functions, consts, structs, variants, impl methods) gathered before
// any body is compiled, so every name is resolved once at compile time; no evaluation here.
import type { FunDecl, Program, TypeExpr } from "../../syntax/ast.js";
import { CVariant, makeStructInfo, type StructInfo, type Value } from "../values.js";
import type { StmtFn } from "./signals.js";

/** A compiled function body; `body` is filled in after all signatures are known (recursion). */
export interface FnCode {
  readonly name: string;
  /** The capability manifest's name for it: `f`, or `Type::m` for an impl method. */
  readonly manifestName: string;
  readonly decl: FunDecl;
  /** Parameters including `self`; they occupy slots 1..arity. */
  readonly arity: number;
  readonly hasSelf: boolean;
  nslots: number;
  body: StmtFn;
}

export interface VariantInfo {
  readonly type: string;
  readonly tag: string;
  readonly arity: number;
  /** The shared value of a payload-less variant. */
  readonly constant: CVariant | null;
}

export interface ConstCell {
  value: Value;
  ready: boolean;
}

export class ProgramInfo {
  readonly functions = new Map<string, FnCode>();
  readonly consts = new Map<string, ConstCell>();
  readonly structs = new Map<string, StructInfo>();
  readonly variants = new Map<string, VariantInfo>();
  readonly sumTypes = new Map<string, Map<string, VariantInfo>>();
  /** typeName → method name → code. */
  readonly methods = new Map<string, Map<string, FnCode>>();
  /** method name → set of type names that define it (lets call sites skip user dispatch). */
  readonly methodOwners = new Map<string, Set<string>>();
  readonly modules = new Set<string>();

  constructor(readonly program: Program) {
    for (const item of program.items) {
      switch (item.kind) {
        case "Fun":
          this.functions.set(item.name.name, makeCode(item.name.name, item.name.name, item));
          break;
        case "Struct":
          this.structs.set(item.name.name, makeStructInfo(item.name.name, item.fields.map((f) => f.name.name)));
          break;
        case "Typestate":
          this.structs.set(item.name.name, makeStructInfo(item.name.name, item.fields.map((f) => f.name.name), true));
          break;
        case "Sum": {
          const variants = new Map<string, VariantInfo>();
          for (const v of item.variants) {
            const arity = v.payload.length;
            const info: VariantInfo = {
              type: item.name.name,
              tag: v.name.name,
              arity,
              constant: arity === 0 ? new CVariant(item.name.name, v.name.name, []) : null,
            };
            variants.set(v.name.name, info);
            this.variants.set(v.name.name, info);
          }
          this.sumTypes.set(item.name.name, variants);
          break;
        }
        case "Const":
          this.consts.set(item.name.name, { value: undefined, ready: false });
          break;
        case "Impl": {
          const typeName = implTargetName(item.target);
          let table = this.methods.get(typeName);
          if (!table) this.methods.set(typeName, (table = new Map()));
          for (const m of item.methods) {
            table.set(m.name.name, makeCode(`${typeName}.${m.name.name}`, `${typeName}::${m.name.name}`, m));
            let owners = this.methodOwners.get(m.name.name);
            if (!owners) this.methodOwners.set(m.name.name, (owners = new Set()));
            owners.add(typeName);
          }
          break;
        }
        case "Import":
          this.modules.add(item.alias ?? item.path[item.path.length - 1]);
          break;
        default:
          break; // traits, capabilities and extern components have no run-time content
      }
    }
  }

  method(typeName: string, name: string): FnCode | undefined {
    return this.methods.get(typeName)?.get(name);
  }
}

function makeCode(name: string, manifestName: string, decl: FunDecl): FnCode {
  return {
    name,
    manifestName,
    decl,
    arity: decl.params.length,
    hasSelf: decl.params.length > 0 && decl.params[0].isSelf,
    nslots: decl.params.length + 1,
    body: () => 0,
  };
}

/** The type an impl attaches to: `impl T`, `impl Tr for T`, `impl Door[Open]`, `impl Tr for Int`. */
export function implTargetName(t: TypeExpr): string {
  switch (t.kind) {
    case "NamedType":
      return t.name === "Unit" ? "Unit" : t.name;
    case "TupleType":
      return t.elements.length === 0 ? "Unit" : "Tuple";
    case "FunType":
      return "Fun";
    case "SelfType":
      return "Self";
  }
}
