// Catalogue of name- and type-checking diagnostics (E2xxx), worded like the reference 1.32.
// Invariant: the only place these message texts exist; checking code passes arguments only.

import { spec } from "../diagnostics/diagnostic.js";

const q = (s: string): string => `'${s}'`;

export const M = {
  // ── names and scopes ──
  undefinedName: spec("E2001", "a name is used that no declaration or binding introduces", (name: string, hint: string) => `undefined name ${q(name)}${hint}`),
  deadUnsafe: spec("E3090", "an `Unsafe` parameter whose token reaches no py_import/py_invoke", (param: string, fn: string) =>
    `parameter '${param}: Unsafe' of ${q(fn)} is never exercised: the token reaches no py_import/py_invoke call; the parameter can be removed from the signature`, "warning"),
  deadUnsafeForwarded: spec("E3091", "an `Unsafe` parameter only forwarded to functions that cannot reach Python", (param: string, fn: string, callees: string) =>
    `parameter '${param}: Unsafe' of ${q(fn)} is never exercised: it is only forwarded to ${callees}, which can never reach py_import/py_invoke; drop the dead Unsafe there and the forwarding argument first, then remove this parameter`, "warning"),
  internalBuiltin: spec("E2016", "a compiler-internal builtin (`_capa_chr`, `_capa_str_span`) used from user code", (name: string, use: "called" | "referenced") =>
    `${q(name)} is an internal compiler builtin and cannot be ${use} from user code; it is not part of the Capa language surface`),
  nameConflict: spec("E2002", "two top-level declarations share a name", (name: string, firstFile: string, firstLine: number, secondLine: number, secondFile: string = firstFile) =>
    `name conflict: ${q(name)} declared in ${firstFile} (line ${firstLine}) and ${secondFile} (line ${secondLine}). Either rename one or pick the import explicitly.`),
  duplicateBinding: spec("E2014", "a `let` rebinds a name already bound in the same scope", (name: string, line: number, col: number) =>
    `duplicate binding ${q(name)} (previous binding at line ${line}, col ${col}); use \`var ${name}\` for a mutable binding and \`${name} = ...\` to reassign, or rename if you want a distinct value`),
  shadowsOuterLocal: spec("E2015", "a binding shadows a local of an enclosing block of the same function", (name: string, line: number, col: number) =>
    `binding ${q(name)} would shadow an outer-scope local of the same function (previous binding at line ${line}, col ${col}); the Python transpilation cannot preserve block-scope shadowing -- rename one of the bindings`),
  duplicateVar: spec("E2003", "a `var` redeclares a name in the same scope", (name: string) => `duplicate declaration of ${q(name)}`),
  assignImmutable: spec("E2004", "assignment to a `let` binding", (name: string) => `cannot assign to immutable binding ${q(name)} (use 'var' instead of 'let' to make it mutable)`),
  assignConst: spec("E2005", "assignment to a constant", (name: string) => `cannot assign to constant ${q(name)}`),
  assignParam: spec("E2006", "assignment to a parameter", (name: string) => `cannot assign to parameter ${q(name)}`),
  selfOutsideImpl: spec("E2007", "`self` used outside an impl method", () => "'self' is only valid inside an `impl` method; free functions and the top level do not have a receiver"),
  selfParamOutsideImpl: spec("E2008", "a `self` parameter outside an impl", () => "'self' parameter is only valid inside an impl"),
  breakOutsideLoop: spec("E2009", "`break` outside a loop (lambdas start a new context)", () => "break outside of a loop"),
  continueOutsideLoop: spec("E2010", "`continue` outside a loop", () => "continue outside of a loop"),
  duplicateParam: spec("E2011", "two parameters share a name", (name: string) => `duplicate parameter name ${q(name)}`),
  reservedVariant: spec("E2012", "a variant named Ok, Err, Some or None", (name: string, builtin: string) =>
    `variant ${q(name)} is reserved (collides with the built-in ${builtin} constructor). Rename this variant. Common alternatives: ${RESERVED_ALTERNATIVES[name] ?? "Other"}.`),
  variantConflict: spec("E2013", "a variant name collides with another declaration", (name: string, where: string) => `variant ${q(name)} conflicts with another declaration at ${where}`),

  // ── types written in annotations ──
  undefinedType: spec("E2020", "a type name that nothing declares", (name: string, hint: string) => `undefined type ${q(name)}${hint}`),
  notAType: spec("E2021", "a non-type name used as a type", (name: string, what: string) => `${q(name)} is not a type (it is a ${what})`),
  selfOutsideImplType: spec("E2022", "`Self` outside an impl or trait", () => "'Self' is only valid inside an impl or trait"),
  typeParamWithArgs: spec("E2023", "a type parameter given type arguments", (name: string) => `type parameter ${q(name)} cannot have type arguments`),
  notTypestateIndex: spec("E2024", "a state index on a type that is not a typestate", (name: string, state: string) => `type ${q(name)} is not a typestate, so it cannot carry a state index [${state}]`),
  noSuchState: spec("E2025", "a typestate index naming no state", (name: string, state: string, states: string) => `typestate ${q(name)} has no state ${q(state)} (states: ${states})`),
  shadowsEnclosing: spec("E2018", "a binding inside a lambda that shadows a binding from outside it (or a module item the lambda reads)", (name: string, line: number, col: number) =>
    `binding ${q(name)} may not shadow ${q(name)} from an enclosing scope (previous binding at line ${line}, col ${col}); the two runtime backends compile this shadow differently, so rename the inner binding to a distinct name`),
  shadowsModuleItem: spec("E2019", "a binding that shadows a module constant or function the same function reads", (name: string, kind: string, line: number, col: number, readLine: number, readCol: number) =>
    `binding ${q(name)} may not shadow the module-level ${kind} ${q(name)} (defined at line ${line}, col ${col}), which is also read at line ${readLine}, col ${readCol} in this function; the two runtime backends compile this shadow differently (Python function-scopes the whole body while Wasm keeps the module ${kind}), so rename the inner binding to a distinct name`),
  pythonBridgeAsValue: spec("E2193", "py_import, py_invoke or py_grant used as a value instead of called", (name: string) =>
    `${q(name)} is not a first-class value: call it directly (\`${name}(unsafe, ...)\`) so the checker can see the Unsafe capability it is given`),
  noModuleFunction: spec("E2194", "a module-qualified call of a function the module does not have", (module: string, name: string, hint: string) =>
    `module ${q(module)} has no function ${q(name)}${hint}`),
  frozenFieldWrite: spec("E2191", "a field write to a struct used as a Set element or Map key", (field: string, struct: string) =>
    `field ${q(field)} of struct ${q(struct)} cannot be assigned: type ${q(struct)} is frozen (appears in Set or Map keys; mutating fields would break the structure)`),
  ioErrorFieldWrite: spec("E2192", "a field write to a built-in IoError", (field: string) =>
    `field ${q(field)} of the built-in 'IoError' cannot be assigned: IoError values are read-only (construct a new IoError instead)`),
  duplicateState: spec("E2032", "a typestate that lists one state twice", (state: string, name: string) => `duplicate state ${q(state)} in typestate ${q(name)}`),
  typestateNeedsState: spec("E2026", "a typestate written without its state index", (name: string, first: string) => `typestate ${q(name)} must be written with a state index, e.g. ${name}[${first}]`),
  wrongTypeArgCount: spec("E2027", "a generic type with the wrong number of arguments", (name: string, expected: number, got: number) => `type ${q(name)} expects ${expected} type argument${expected === 1 ? "" : "s"}, got ${got}`),
  mapKeyFloat: spec("E2028", "a Map keyed by Float", () => "Map keys of type Float are not supported because NaN-as-key is fragile (use Int / String / Bool or a struct / sum / tuple key instead)"),
  mapKeyFun: spec("E2029", "a Map keyed by a function type", () => "Map keys of function types are not supported (only structural / scalar types are valid Map keys)"),
  mapKeyUnsupported: spec("E2031", "a Map keyed by an unsupported scalar type", (t: string) => `Map keys of type ${q(t)} are not supported (use String / Int / Bool or a user struct / sum / tuple key instead)`),
  mapKeyCollection: spec("E2030", "a Map keyed by a collection", () => "Map keys of nested-collection types are not supported (Map keys must compare by value; the Wasm backend's per-key dispatch covers String / Int / Bool / struct / sum / tuple)"),

  // ── bindings, returns, conditions ──
  letMismatch: spec("E2040", "a `let` value does not match its annotation", (expected: string, got: string) => `let binding: expected ${expected}, got ${got}`),
  varMismatch: spec("E2041", "a `var` value does not match its annotation", (expected: string, got: string) => `var declaration: expected ${expected}, got ${got}`),
  assignMismatch: spec("E2042", "an assignment of the wrong type", (value: string, target: string) => `assignment: cannot assign ${value} to ${target}`),
  constMismatch: spec("E2043", "a constant's value does not match its type", (name: string, expected: string, got: string) => `constant ${q(name)}: expected ${expected}, got ${got}`),
  returnMismatch: spec("E2044", "a returned value of the wrong type", (expected: string, got: string) => `return: expected ${expected}, got ${got}`),
  missingReturn: spec("E2045", "a non-Unit function may fall through", (name: string) => `function ${q(name)} declares return type but not every path ends in \`return\`; the function will fall through and return None at runtime`),
  ifCondition: spec("E2046", "an `if` condition that is not Bool", (got: string) => `if condition must be Bool, got ${got}`),
  elifCondition: spec("E2047", "an `elif` condition that is not Bool", (got: string) => `elif condition must be Bool, got ${got}`),
  whileCondition: spec("E2048", "a `while` condition that is not Bool", (got: string) => `while condition must be Bool, got ${got}`),
  ifExprCondition: spec("E2049", "a ternary condition that is not Bool", (got: string) => `if-expression: condition must be Bool, got ${got}`),
  ifExprBranches: spec("E2050", "ternary branches of different types", (a: string, b: string) => `if-expression: branches have incompatible types: then is ${a}, else is ${b}`),
  notIterable: spec("E2051", "a `for` over a value that is not iterable", (t: string) => `cannot iterate: ${t} is not iterable (Capa iterables are List, Set, Range, and String)`),
  iterateMap: spec("E2052", "a `for` directly over a Map", (t: string) => `cannot iterate a ${t} directly; iterate its keys with '.keys()' or its values with '.values()'`),
  listElementAssign: spec("E2053", "assignment to a list element", () => "assignment to a list element is not supported (no backend can lower 'xs[i] = v'); rebuild the list or assign through a struct field reached by the index instead"),
  emptyContainerUnfixed: spec("E2054", "an empty container whose element type is never fixed", (kind: string, example: string) =>
    `cannot determine the element type of this ${kind}: it is created empty and its element type is never fixed anywhere in this function, so a value read out of it has no known type. Annotate the element type, e.g. \`${example}\`.`),

  // ── operators and literals ──
  operandTypes: spec("E2060", "arithmetic on incompatible operands (no implicit coercion)", (op: string, l: string, r: string) => `operator ${q(op)}: incompatible operand types ${l} and ${r}`),
  bitwiseOperands: spec("E2061", "bitwise operator on non-Int operands", (op: string, l: string, r: string) => `operator ${q(op)}: bitwise operators require Int operands; got ${l} and ${r}`),
  cannotCompare: spec("E2062", "comparison of incompatible operands", (op: string, l: string, r: string) => `operator ${q(op)}: cannot compare ${l} with ${r}`),
  leftBool: spec("E2063", "left operand of and/or is not Bool", (op: string, t: string) => `operator ${q(op)}: left operand must be Bool, got ${t}`),
  rightBool: spec("E2064", "right operand of and/or is not Bool", (op: string, t: string) => `operator ${q(op)}: right operand must be Bool, got ${t}`),
  unaryMinus: spec("E2065", "unary minus on a non-number", (t: string) => `unary '-': operand must be numeric, got ${t}`),
  unaryNot: spec("E2066", "`not` on a non-Bool", (t: string) => `'not': operand must be Bool, got ${t}`),
  intOutOfRange: spec("E2067", "an Int literal outside signed 64 bits", (value: string) =>
    `integer literal ${value} is out of range for Int (signed 64-bit; max is 9223372036854775807). Only -${value} (i64::MIN) is representable.`),
  intTooLarge: spec("E2068", "an Int literal beyond -2^63..2^63-1", (raw: string) => `integer literal '${raw}' is out of range for Int (signed 64-bit; max magnitude 9223372036854775808)`),
  rangeEndpoint: spec("E2069", "a range with non-Int endpoints", (op: string, side: string, t: string) => `range ${q(op)} requires Int endpoints; ${side} side has type ${t}`),
  cannotInterpolate: spec("E2070", "interpolation of a value with no display form", (t: string) =>
    `cannot interpolate a value of type ${t} in a string: it has no \`to_string\` method, so neither backend can render it. Use a \`match\` expression to format it explicitly, or define \`fun to_string(self) -> String\` for ${t}.`),
  listElement: spec("E2071", "list literal elements of different types", (got: string, expected: string) => `list literal: element has type ${got}, expected ${expected}`),

  // ── `?`, indexing, fields ──
  tryOnWrongType: spec("E2080", "`?` on something that is not Result or Option", (t: string) => `\`?\` is only valid on Result<T, E> or Option<T>; this expression has type ${t}`),
  tryOutsideResult: spec("E2081", "`?` in a function that does not return Result or Option", (ret: string) => `\`?\` can only be used in a function or lambda that returns Result or Option; the enclosing function returns ${ret}`),
  tryMismatch: spec("E2082", "`?` mixing Option and Result", (t: string, ret: string) => `\`?\` on ${t} cannot propagate out of a function that returns ${ret}`),
  notIndexable: spec("E2083", "indexing a value that is not a List or tuple", (t: string) => `a value of type ${t} is not indexable; only \`List<T>\` supports \`[]\` indexing (use \`char_at\` for a String, \`get\` for a Map)`),
  tupleIndexRange: spec("E2084", "a constant tuple index out of range", (idx: string, n: number) => `tuple index ${idx} is out of range for a ${n}-element tuple`),
  tupleIndexDynamic: spec("E2085", "a tuple indexed by a non-constant", () => "a tuple can only be indexed by a literal constant integer; dynamic tuple indexing is not supported (destructure with `let (a, b) = ...` instead)"),
  indexOnParam: spec("E2091", "indexing a generic value", (t: string) => `cannot index into a value of generic type parameter ${q(t)}; an unconstrained type parameter is not known to be indexable (a bound would be required, and bounds are not yet available)`),
  tryOnParam: spec("E2092", "`?` on a generic value", (t: string) => `cannot use \`?\` on a value of generic type parameter ${q(t)}; an unconstrained type parameter is not known to be Result or Option (a bound would be required, and bounds are not yet available)`),
  indexNotInt: spec("E2086", "a list index that is not Int", (t: string) => `list index must be Int, got ${t}`),
  noField: spec("E2087", "a field that the struct does not have", (name: string, field: string, hint: string) => `struct ${q(name)} has no field ${q(field)}${hint}`),
  fieldOnNonStruct: spec("E2088", "field access on a value without fields", (field: string, t: string) => `cannot access field ${q(field)} on a value of type ${t}; only structs have fields`),
  fieldOnParam: spec("E2089", "field access on a generic value", (field: string, t: string) => `cannot access field ${q(field)} on a value of generic type parameter ${q(t)}; an unconstrained type parameter exposes no members (a bound would be required, and bounds are not yet available)`),
  fieldThroughTrait: spec("E2090", "field access through a trait/capability type", (field: string, kind: string, t: string) => `cannot access field ${q(field)} through a value of ${kind} type ${q(t)}; the implementor's fields are private to its \`impl\` and a holder of the abstract ${kind} only sees the ${kind}'s methods`),

  // ── struct / typestate literals ──
  notStructType: spec("E2100", "a struct literal naming something that is not a struct", (name: string) => `${q(name)} is not a struct type`),
  duplicateFieldInLiteral: spec("E2101", "a field given twice in a struct literal", (field: string) => `duplicate field ${q(field)} in struct literal`),
  unknownField: spec("E2102", "a struct literal field that the struct lacks", (name: string, field: string, hint: string) => `struct ${q(name)} has no field ${q(field)}${hint}`),
  fieldType: spec("E2103", "a struct literal field of the wrong type", (name: string, field: string, expected: string, got: string) => `struct ${q(name)}: field ${q(field)} expects ${expected}, got ${got}`),
  missingFields: spec("E2104", "a struct literal that omits fields", (name: string, fields: string) => `struct ${q(name)}: missing fields ${fields}`),
  notTypestateLiteral: spec("E2105", "a state index on a literal of a non-typestate", (name: string) => `${q(name)} is not a typestate; only a typestate can be constructed with a state index \`\`${name}[State] { ... }\`\``),
  typestateDuplicateField: spec("E2106", "a field given twice in a typestate literal", (field: string, name: string) => `duplicate field ${q(field)} in ${q(name)}`),
  typestateUnknownField: spec("E2107", "a typestate literal field the typestate lacks", (name: string, field: string, hint: string) => `typestate ${q(name)} has no field ${q(field)}${hint}`),
  typestateFieldType: spec("E2108", "a typestate literal field of the wrong type", (name: string, field: string, expected: string, got: string) => `typestate ${q(name)}: field ${q(field)} expects ${expected}, got ${got}`),
  typestateMissingFields: spec("E2109", "a typestate literal that omits fields", (name: string, fields: string) => `typestate ${q(name)}: missing fields ${fields}`),
  becomeNotTypestate: spec("E2110", "`become` on a non-typestate value", (t: string) => `become expects a typestate value, got ${t}`),
  capabilityConstructed: spec("E2111", "a capability (built-in or declared) constructed by a call", (name: string) =>
    `capability ${q(name)} cannot be constructed at a call site; capabilities only flow through function parameters (declare ${name.toLowerCase()}: ${name} on this function and let the caller pass it in). Constructing a capability locally would let any function silently obtain authority it never declared.`),

  // ── calls and methods ──
  argCount: spec("E2120", "a call with the wrong number of arguments", (callee: string, expected: number, got: number, sig: string) => `call to ${callee}: expected ${expected} arguments, got ${got}${sig}`),
  argType: spec("E2121", "a call argument of the wrong type", (callee: string, index: number, expected: string, got: string) => `call to ${callee}: argument ${index} expects ${expected}, got ${got}`),
  valueArgCount: spec("E2122", "a call of a function value with the wrong arity", (expected: number, got: number, sig: string) => `call: expected ${expected} arguments, got ${got} (signature: ${sig})`),
  valueArgType: spec("E2123", "a call of a function value with a wrong argument", (index: number, expected: string, got: string) => `call: argument ${index} expects ${expected}, got ${got}`),
  typeParamNotCallable: spec("E2145", "a call of a value whose type is a bare type parameter", (name: string) =>
    `cannot call a value of generic type parameter ${q(name)}; an unconstrained type parameter is not known to be callable (a bound would be required, and bounds are not yet available)`),
  notCallable: spec("E2124", "a call of a value that is not a function", (t: string) => `cannot call a value of type ${t}; it is not a function`),
  nameNotCallable: spec("E2125", "a call of a name that is not a function", (name: string, t: string) => `${q(name)} is not callable; it has type ${t}`),
  namedArgsUnsupported: spec("E2126", "named arguments where none are accepted", (callee: string) => `call to ${callee}: named arguments are not supported here`),
  positionalAfterNamed: spec("E2127", "a positional argument after a named one", (callee: string) => `call to ${callee}: positional argument cannot follow a named argument`),
  unknownParamName: spec("E2128", "a named argument naming no parameter", (callee: string, name: string) => `call to ${callee}: unknown parameter name ${q(name)}`),
  paramGivenTwice: spec("E2129", "a parameter given twice", (callee: string, name: string) => `call to ${callee}: parameter ${q(name)} given more than once`),
  missingArgument: spec("E2130", "a parameter left without an argument", (callee: string, name: string) => `call to ${callee}: missing argument for parameter ${q(name)}`),
  variantNoPayload: spec("E2131", "a constant variant called with arguments", (name: string) => `variant ${q(name)} takes no payload`),
  variantArity: spec("E2132", "a variant with the wrong number of payload values", (name: string, expected: number, got: number) => `variant ${q(name)} takes ${expected} ${expected === 1 ? "argument" : "arguments"}, got ${got}`),
  variantArgType: spec("E2133", "a variant payload of the wrong type", (name: string, index: number, expected: string, got: string) => `variant ${q(name)}: argument ${index} expected ${expected}, got ${got}`),
  noMethod: spec("E2134", "a method the receiver's type does not have", (kind: string, t: string, method: string, hint: string) => `${kind} ${q(t)} has no method ${q(method)}${hint}`),
  methodWrongState: spec("E2135", "a typestate method called in the wrong state", (method: string, name: string, required: string, got: string) => `method ${q(method)} requires ${name}[${required}], but the receiver is ${name}[${got}]`),
  methodOnParam: spec("E2136", "a method called on a generic value", (method: string, t: string) => `cannot call method ${q(method)} on a value of generic type parameter ${q(t)}; an unconstrained type parameter exposes no members (a bound would be required, and bounds are not yet available)`),
  methodOnType: spec("E2137", "a method called on a type without methods", (method: string, t: string) => `cannot call method ${q(method)} on a value of type ${t}`),
  methodWithoutSelf: spec("E2138", "calling a method that has no self through a receiver", (t: string, method: string) => `method ${t}.${q(method)} has no 'self' parameter; it cannot be called via receiver.method() (Capa has no static-method call syntax)`),
  methodArgCount: spec("E2139", "a method call with the wrong number of arguments", (t: string, method: string, expected: number, got: number) => `call to ${t}.${q(method)}: expected ${expected} arguments, got ${got}`),
  methodArgType: spec("E2140", "a method argument of the wrong type", (t: string, method: string, index: number, expected: string, got: string) => `call to ${t}.${q(method)}: argument ${index} expects ${expected}, got ${got}`),
  lambdaNoContext: spec("E2141", "a lambda without parameter types and no context", () =>
    "cannot infer the type of this lambda: it has no context to infer from (it is not passed to a higher-order function such as map / filter / fold). Add type annotations to its parameters and, if needed, a return type: fun (x: Int) -> Int => x + 1"),
  lambdaReturn: spec("E2142", "a lambda body of the wrong type", (got: string, expected: string) => `lambda body has type ${got}, but declared return type is ${expected}`),
  newContainerNeedsAnnotation: spec("E2143", "`new_map()` / `new_set()` without an annotation", (fn: string, example: string) => `cannot infer the type of ${fn}(): annotate the binding, e.g. \`${example}\``),
  namedArgsFunctionValue: spec("E2144", "named arguments to a function value, which carries no parameter names", (callee: string | null) =>
    `named arguments are not supported at ${callee === null ? "a first-class function call" : `a call to the function value ${q(callee)}`}; a function value carries no parameter names, so pass the arguments positionally`),

  // ── match and patterns ──
  matchGuard: spec("E2150", "a guard that is not Bool", (t: string) => `match guard must be Bool, got ${t}`),
  matchArmType: spec("E2151", "match arms of different types", (n: number, t: string, prev: string) => `match arm ${n} has type ${t}, incompatible with previous arms (${prev})`),
  nonExhaustiveBool: spec("E2152", "a value match on Bool that misses a case", (missing: string) => `non-exhaustive match on Bool: missing ${missing} (add '_ -> ...' to handle remaining cases)`),
  nonExhaustiveSum: spec("E2153", "a match on a sum type that misses variants", (name: string, missing: string) => `non-exhaustive match on ${q(name)}: missing variants ${missing} (add '_ -> ...' to handle remaining cases)`),
  nonExhaustiveValue: spec("E2154", "a value match over an open domain without a catch-all", (t: string) => `non-exhaustive match expression on ${t}: a match used for its value must cover every case; add '_ -> ...' (or a bare binding) to handle the remaining cases`),
  unreachableAfterCatchAll: spec("E2155", "an arm after a catch-all", () => "unreachable match arm: a previous arm is a catch-all (`_` or a bare binding) without a guard and captures every value already"),
  unreachableVariant: spec("E2156", "an arm whose variant an earlier arm covers", (name: string) => `unreachable match arm: variant ${q(name)} is already covered by an earlier arm`),
  unreachableLiteral: spec("E2157", "an arm whose literal an earlier arm covers", () => "unreachable match arm: literal value already covered by an earlier arm"),
  literalPattern: spec("E2158", "a literal pattern of the wrong type", (lit: string, t: string) => `pattern: literal of type ${lit} cannot match a scrutinee of type ${t}`),
  variantPatternArity: spec("E2159", "a variant pattern with the wrong number of sub-patterns", (name: string, expected: number, got: number) => `variant ${q(name)} expects ${expected} sub-pattern(s), got ${got}`),
  variantPatternNeedsArgs: spec("E2160", "a payload variant matched without sub-patterns", (name: string, expected: number) => `variant ${q(name)} requires ${expected} sub-pattern(s)`),
  variantPatternGeneric: spec("E2146", "a variant pattern against a value of a bare type parameter", (name: string, t: string) =>
    `variant pattern ${q(name)} cannot destructure a value of generic type ${t}: a value of a generic type parameter cannot be matched as a concrete variant because the compiler cannot prove it has that type`),
  variantPatternType: spec("E2161", "a variant pattern that cannot match the scrutinee", (name: string, t: string) => `pattern: variant ${q(name)} cannot match a scrutinee of type ${t}`),
  unknownVariant: spec("E2162", "a constructor pattern naming no variant", (name: string, hint: string) => `unknown variant ${q(name)}${hint}`),
  structPatternMismatch: spec("E2163", "a struct pattern against a value of another type", (name: string, t: string) => `destructuring pattern names ${q(name)}, but the value has type ${t}`),
  structPatternNoField: spec("E2164", "a struct pattern field the struct lacks", (name: string, field: string) => `struct ${q(name)} has no field ${q(field)}`),
  nestedStructPatternInLet: spec("E2169", "a struct pattern nested inside a let/for struct or tuple pattern", () =>
    "nested struct-pattern in a 'let' / 'for' binding is not supported; bind the field to a name first, then destructure it in a separate binding (e.g. `let Outer { inner } = o` followed by `let Inner { a } = inner`)"),
  tuplePatternArity: spec("E2165", "a tuple pattern of the wrong size", (n: number, t: string) => `tuple pattern has ${n} elements, but type is ${t}`),
  orPatternNames: spec("E2166", "or-pattern alternatives binding different names", (i: number, detail: string) => `or-pattern: alternative ${i} binds different names than alternative 0 (${detail})`),
  orPatternTypes: spec("E2167", "or-pattern alternatives binding a name at different types", (name: string, t0: string, ti: string, i: number) => `or-pattern: name ${q(name)} has type ${t0} in alternative 0 but ${ti} in alternative ${i}`),
  notAStructPattern: spec("E2168", "a struct pattern naming something that is not a struct", (name: string) => `${q(name)} is not a struct type`),

  // ── traits and impls ──
  implTargetUnknown: spec("E2180", "an impl for an unknown type", (name: string) => `impl target ${q(name)} is not a known type`),
  traitUndefined: spec("E2181", "an impl of an unknown trait", (name: string) => `trait ${q(name)} is not defined`),
  implMissingMethods: spec("E2182", "an impl that lacks trait methods", (trait: string, target: string, missing: string) => `impl of trait ${q(trait)} for ${q(target)} is missing methods: ${missing}`),
  implSignature: spec("E2183", "an impl method whose signature differs from the trait's", (method: string, trait: string, expected: string, got: string) => `impl method ${q(method)} for trait ${q(trait)}: expected signature ${expected}, got ${got}`),
  implBuiltinCapability: spec("E2184", "an impl of a built-in capability", (name: string) =>
    `cannot impl built-in capability ${q(name)}: built-in caps are host-granted and cannot be inhabited by user types. Wrap the cap in a user-defined capability instead.`),
  implStateOnNonTypestate: spec("E2185", "a state index on an impl of a non-typestate", (name: string, state: string) => `type ${q(name)} is not a typestate, so an impl cannot carry a state index [${state}]`),
  typestateMethodDuplicate: spec("E2186", "a typestate method name reused across states", (method: string, name: string, prior: string) =>
    `method ${q(method)} is already defined on ${q(name)} (${prior}); a typestate method name must be unique across all states, because Capa dispatches methods by name. Rename one of them, or give them distinct per-state names.`),
  duplicateMethod: spec("E2187", "two methods with one name in impls of a type", (method: string, name: string) => `duplicate method ${q(method)} in impl of ${q(name)}`),
} as const;

/**
 * Hint lines for Python interop calls (`py_import`, `py_invoke`, `py_grant`): how to bring an
 * Unsafe capability to the call, and what `py_grant` accepts. Shown under the diagnostic.
 */
export const PY_HINTS = {
  needsUnsafe: (callee: string) => `${callee} needs an Unsafe capability as its first argument; only Unsafe authorises Python interop`,
  otherCapability: (what: string, cap: string) => `${what} is a ${cap} capability, not Unsafe`,
  passUnsafeInScope: (name: string, callee: string) => `pass the Unsafe capability in scope as the first argument: \`${callee}(${name}, ...)\``,
  addToMain: () => "add `unsafe: Unsafe` to the parameters of main; the host grants it when the program starts",
  addToFunction: (fn: string) => `add \`unsafe: Unsafe\` to the signature of '${fn}' and pass it from main (through every caller in between)`,
  grantable: () => "py_grant hands Python an Fs or a Net capability only; attenuate it first (e.g. `fs.restrict_to(\"/data\")`, `net.restrict_to(\"api.example.com\")`) so Python gets no more than it needs",
} as const;

const RESERVED_ALTERNATIVES: Readonly<Record<string, string>> = {
  Some: "Present, Hit, Just, Filled",
  None: "Empty, Absent, Missing, Null",
  Ok: "Compliant, Success, Hit, Ready",
  Err: "Failure, Bad, Reject, Error",
};

/** Which built-in constructor a reserved variant name collides with. */
export const RESERVED_VARIANTS: Readonly<Record<string, string>> = {
  Some: "Option::Some",
  None: "Option::None",
  Ok: "Result::Ok",
  Err: "Result::Err",
};
