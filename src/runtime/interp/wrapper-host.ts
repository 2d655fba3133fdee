// How the run-time capability wrappers (`capabilities/wrappers/`) reach the capability they guard:
// a built-in capability object through its own methods, a declared capability's implementor
// through its impl methods. Holds no authority of its own.
import type { Program } from "../../syntax/ast.js";
import { callCapability, isCapabilityValue } from "../capabilityAdapter.js";
import { capabilityTypeName } from "../capabilities/brand.js";
import { builtinShape, declaredCapabilities, declaredShape } from "../capabilities/wrappers/shapes.js";
import type { WrapperHost } from "../capabilities/wrappers/wrapped.js";
import { abort } from "../errors.js";
import { R } from "../messages.js";
import { CStruct, typeNameOf, type Value } from "../values.js";
import type { FnCode } from "./programInfo.js";

export interface InterpreterWrapperHost extends WrapperHost {
  /** Whether `v` is a capability the wrappers apply to (not `Unsafe`, not a plain struct). */
  wrappable(v: Value): v is object;
}

export function makeWrapperHost(
  program: Program,
  methodOf: (typeName: string, method: string) => FnCode | undefined,
  callMethod: (code: FnCode, self: Value, args: readonly Value[]) => Value,
): InterpreterWrapperHost {
  const declared = declaredCapabilities(program);
  return {
    call: (base, method, args) => {
      if (!(base instanceof CStruct)) return callCapability(base, method, args);
      const code = methodOf(base.info.name, method);
      if (code === undefined) throw abort("RuntimeError", R.noMethod, base.info.name, method);
      return callMethod(code, base, args);
    },
    shape: (base, method) =>
      base instanceof CStruct
        ? declaredShape(methodOf(base.info.name, method)?.decl.returnType ?? null, declared.typeNames)
        : builtinShape(capabilityTypeName(base) ?? typeNameOf(base), method),
    nameOf: (base) =>
      base instanceof CStruct ? (declared.capabilityOf.get(base.info.name) ?? base.info.name) : (capabilityTypeName(base) ?? typeNameOf(base)),
    wrappable: (v): v is object =>
      v instanceof CStruct ? declared.capabilityOf.has(v.info.name) : isCapabilityValue(v) && capabilityTypeName(v) !== "Unsafe",
  };
}
