// Catalogue of capability-discipline diagnostics: E3xxx structural/flow/user caps/main, E4xxx
// linear/typestate, E6xxx attributes. Worded like the reference 1.32 where it has a message.
// Invariant: the only place these message texts exist; checking code passes arguments only.

import { spec } from "../../diagnostics/diagnostic.js";

const q = (s: string): string => `'${s}'`;

const BARE_ONLY =
  "a capability may only flow as a bare, top-level value (a direct function parameter), never packed inside a list, set, map, or tuple";

const LINEAR_BARE_ONLY =
  "a single-owner value may only flow as a bare, top-level value (a direct parameter / return / binding), never packed inside a list, set, map, or tuple";

const LINEAR_DROP_ADVICE =
  "a `linear type` / typestate value must be passed to a consuming function (e.g. a `consume self` method like `close`), transitioned with `become`, or returned";

export const CAP = {
  // ── structural: capabilities only as bare parameters ──
  capInPosition: spec("E3001", "a capability stored in a field, payload, constant or binding", (cap: string, context: string) =>
    `capability ${q(cap)} cannot appear in ${context}; capabilities only flow through function parameters`),
  capInContainerType: spec("E3002", "a capability packed in a container or tuple type", (cap: string, context: string) =>
    `capability ${q(cap)} cannot appear in ${context}; ${BARE_ONLY}`),
  capReturned: spec("E3003", "a built-in capability in a return type", (cap: string, fn: string) =>
    `capability ${q(cap)} cannot appear in return type of function ${q(fn)}; built-in capabilities only flow through function parameters`),
  capInGeneric: spec("E3004", "a capability substituted into a generic type parameter at a call", (callee: string, slot: string, cap: string) =>
    `call to ${callee}: ${slot} substitutes capability ${q(cap)} into a generic type parameter; the function's signature does not declare it as a capability flow (capabilities must appear by name in the signature)`),
  unsafeInCapBearingStruct: spec("E3006", "`Unsafe` held by a capability-bearing struct", (context: string) =>
    `capability 'Unsafe' cannot appear in ${context}, even in a capability-bearing struct; Unsafe is the FFI escape hatch, not an attenuable built-in capability`),
  wrapperNameTaken: spec("E3012", "a declared capability or a type implementing one defines a method named like a run-time wrapper", (method: string, owner: string) =>
    `method ${q(method)} of ${q(owner)} cannot be defined: revocable, expires_after, single_use and logged are the run-time wrappers every capability has, so a declared capability and the types that implement one cannot define them`),
  capRebound: spec("E3007", "a capability written into a field or element after construction", (cap: string) =>
    `capability ${q(cap)} cannot be re-bound via field or index assignment; capabilities bind once at struct construction (or as a function parameter) and stay put`),
  capContainerUse: spec("E3005", "a value that is a container of capabilities", (cap: string) =>
    `capability ${q(cap)} cannot be used here: this value is a container of capabilities, and ${BARE_ONLY}`),

  // ── flow ──
  capAliased: spec("E3010", "one capability used twice in one call", (path: string, role: string, firstRole: string, inside: string | null) =>
    `capability ${q(path)} appears as ${role} but was already used as ${firstRole} of the same call${inside === null ? "" : ` (inside ${q(inside)})`}; capabilities cannot be aliased (each call uses each capability at most once)`),
  capUnused: spec("E3011", "a capability parameter that the body never uses", (name: string) =>
    `capability parameter ${q(name)} is declared but never used; prefix the name with '_' to silence this check`),

  // ── main ──
  mainParamNotCapability: spec("E3020", "a `main` parameter that is not a built-in capability (checks; `--run` refuses it)", (name: string, type: string, caps: string) =>
    `parameter ${q(name)} of 'main' has type ${type}, which \`--run\` cannot supply; main receives only host capabilities (${caps}), bound by type`, "note"),

  // ── consumption (C) ──
  usedAfterConsume: spec("E4001", "a consumed capability or linear value used again", (kind: string, path: string) =>
    `${kind} ${q(path)} was consumed earlier and cannot be used again`),
  usedAfterConsumeByLambda: spec("E4004", "a lambda called after a capability or linear value it captures was consumed", (kind: string, path: string, lambda: string) =>
    `${kind} ${q(path)} was consumed earlier and cannot be used again (the lambda bound to ${q(lambda)} captures it)`),
  consumeCapturedCap: spec("E4002", "a closure consuming a captured capability", (path: string) =>
    `cannot consume capability ${q(path)} captured from enclosing scope; closures may be invoked multiple times, but a capability can only be consumed once`),
  consumeCapturedLinear: spec("E4003", "a closure consuming a captured linear value", (path: string) =>
    `cannot consume linear value ${q(path)} captured from enclosing scope; closures may be invoked multiple times, but a \`linear type\` / typestate value can only be consumed once`),

  // ── linear obligations (D) ──
  linearDroppedAtEnd: spec("E4010", "a linear value never consumed", (name: string) =>
    `linear value ${q(name)} is dropped without being consumed; a \`linear type\` value must be passed to a consuming function (e.g. a \`consume self\` method like \`close\`) or returned before it goes out of scope`),
  linearDiscarded: spec("E4011", "a linear value discarded into `_` or a bare statement", () =>
    `linear value is dropped without being consumed; ${LINEAR_DROP_ADVICE} -- it cannot be discarded into \`_\` or a bare expression statement`),
  linearOverwritten: spec("E4012", "a live linear value overwritten by an assignment", (name: string) =>
    `linear value ${q(name)} is dropped without being consumed; re-assigning to it overwrites the old value, which a \`linear type\` / typestate value cannot be -- consume the current value (e.g. a \`consume self\` method like \`close\`, or \`become\`) before re-assigning`),

  // ── linear values never packed (a container could duplicate or silently drop the obligation) ──
  linearContainerUse: spec("E4020", "a value that is a container of linear/typestate values", () =>
    `a linear/typestate value cannot be used here: this value is a container of single-owner values, and a linear/typestate value may only flow as a bare, top-level value (a direct parameter / return / binding), never packed inside a list, set, map, or tuple`),
  linearStoredInContainer: spec("E4021", "a linear/typestate value pushed, added or set into a collection", () =>
    "a linear/typestate value cannot be stored in a container (List / Map / Set); a single-owner value must be threaded by name and consumed in scope (e.g. passed to a `consume` function), never packed into a collection"),
  linearInContainerType: spec("E4022", "a linear/typestate type packed in a parameter or return type", (context: string) =>
    `a linear/typestate value cannot appear in ${context}; ${LINEAR_BARE_ONLY}`),
  linearInPlainType: spec("E4023", "a linear/typestate value held by a sum-type variant payload", (type: string, place: string, owner: string) =>
    `${place} of ${q(owner)} holds the linear/typestate type ${q(type)}, but a sum-type value can be copied or dropped by a match, which would duplicate or lose the obligation`),

  // ── `borrow` parameters ──
  borrowOnNonFunction: spec("E4040", "`borrow` on a parameter that is not function-typed", (name: string) =>
    `borrow applies only to a function-typed parameter (a \`Fun(...) -> ...\` type); parameter ${q(name)} is not one`),
  borrowEscapes: spec("E4041", "a `borrow` parameter used other than by calling it", (name: string) =>
    `borrow parameter ${q(name)} may only be invoked (called as \`${name}(...)\`); it escapes here. A borrow function must not be stored, returned, aliased, passed to another function, or captured by a lambda.`),

  // ── declared trait bounds (`uses [...]`) ──
  unknownUsesAtom: spec("E3030", "a `uses` clause naming something that is not a capability", (atom: string, method: string) =>
    `unknown capability ${q(atom)} in the 'uses' clause of method ${q(method)}; a 'uses' bound may only name a built-in capability or a user-declared 'capability' in scope`),
  implOutsideBound: spec("E3031", "an impl of a pub trait method that can exercise authority outside the method's `uses` bound", (method: string, trait: string, caps: string, bound: string) =>
    `impl method ${q(method)} of pub trait ${q(trait)} exercises capability ${q(caps)}, outside the bound ${bound} declared by the trait method's 'uses' clause`),
  unprovableImplFootprint: spec("E3032", "an impl of a bounded pub trait method whose footprint cannot be known", (method: string, trait: string, bound: string) =>
    `impl method ${q(method)} of pub trait ${q(trait)} has an authority-unprovable footprint (a Fun in its signature, a free type parameter, or an unresolvable generic type argument), which cannot be proved within the declared bound ${bound}; widen the trait method's 'uses' clause or remove it`),

  // ── ownership: borrowed values, fields, conditionals ──
  borrowedTransfer: spec("E4030", "a borrowed linear/typestate value consumed, moved or returned", (name: string) =>
    `cannot consume or transfer borrowed linear/typestate value ${q(name)}; the caller retains ownership -- declare the parameter \`consume\` to take ownership`),
  borrowedFieldTransfer: spec("E4031", "a linear field of a borrowed value consumed or moved out", (path: string) =>
    `cannot consume or move linear/typestate field ${q(path)}; it belongs to a borrowed value the caller still owns -- declare the parameter \`consume\` to take ownership`),
  packBorrowed: spec("E4037", "a borrowed linear/typestate value packed into a list, tuple or struct", (name: string) =>
    `cannot pack borrowed linear/typestate value ${q(name)} into an aggregate; the caller retains ownership -- declare the parameter \`consume\` to take ownership`),
  borrowedCapabilityConsumed: spec("E4032", "a capability received without `consume` passed to a `consume` slot", (name: string) =>
    `cannot consume borrowed capability ${q(name)}; the caller keeps using it after this call -- declare the parameter \`consume\` to take ownership`),
  wholeAfterField: spec("E4033", "a value consumed whole after one of its linear fields was consumed", (name: string, field: string) =>
    `cannot consume ${q(name)}: its field ${q(field)} was already consumed, so consuming the whole value would double-free that field -- consume the remaining fields individually instead`),
  linearFieldDropped: spec("E4034", "a linear field of a value never consumed or moved out", (path: string) =>
    `linear field ${q(path)} is dropped without being consumed; consume it (e.g. a \`consume self\` method like \`close\`) or move it out before the value goes out of scope`),
  linearFieldOverwritten: spec("E4035", "a live linear field overwritten by an assignment", (path: string) =>
    `linear field ${q(path)} is overwritten without being consumed; a \`linear type\` / typestate value cannot be dropped -- consume the current value (e.g. a \`consume self\` method like \`close\`) before re-assigning`),
  linearSelectedByConditional: spec("E4036", "a linear/typestate place selected through an if/match expression", () =>
    "a linear/typestate value cannot be selected through a conditional / match expression; bind it directly (e.g. `let x = ...` in each branch) or open a fresh value per branch, so each resource has a single owner"),

  // ── attributes ──
  unknownAttribute: spec("E6001", "an attribute outside the catalogue", (name: string, known: string) =>
    `unknown attribute '@${name}'; known attributes are: ${known}`),
  duplicateAttribute: spec("E6002", "an attribute given twice on one function", (name: string, fn: string) =>
    `attribute '@${name}' appears more than once on function ${q(fn)}`),
  unknownAttributeKey: spec("E6003", "an attribute key the attribute does not accept", (key: string, name: string, allowed: string) =>
    `unknown key ${q(key)} in '@${name}'; allowed keys are: ${allowed}`),
  duplicateAttributeKey: spec("E6004", "an attribute key given twice", (key: string, name: string) =>
    `key ${q(key)} appears more than once in '@${name}'`),
} as const;
