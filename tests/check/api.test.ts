// The type checker's look-aside tables that the capability rules and model builder consume:
// name resolution, call targets, argument modes, expression types and type classification.

import { describe, expect, it } from "vitest";
import type { CallExpr, Expr, FunDecl, MethodCallExpr, Program, Stmt } from "../../src/syntax/ast.js";
import { typeToString } from "../../src/check/types.js";
import { checkSource } from "./support.js";

function fun(program: Program, name: string): FunDecl {
  const f = program.items.find((i): i is FunDecl => i.kind === "Fun" && i.name.name === name);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

function exprOf(stmt: Stmt): Expr {
  if (stmt.kind === "ExprStmt") return stmt.expr;
  if (stmt.kind === "Let" || stmt.kind === "Var") return stmt.value;
  if (stmt.kind === "Return" && stmt.value) return stmt.value;
  throw new Error(`no expression in ${stmt.kind}`);
}

const SOURCE = `capability Logger
    fun log(self, msg: String)

type Console { out: Stdio }

impl Logger for Console
    fun log(self, msg: String)
        self.out.println(msg)

linear type Handle { id: Int }

fun take(consume h: Handle, n: Int) -> Int
    return n

fun make(stdio: Stdio) -> Console
    return Console { out: stdio }

fun main(stdio: Stdio)
    let c = make(stdio)
    c.log("hi")
    let h = Handle { id: 1 }
    let n = take(h, 2)
    let xs = [1, 2].map(fun (x) => x * 2)
    stdio.println("\${n} \${xs.length()}")
`;

describe("TypeCheckResult", () => {
  const { result, program, lines } = checkSource(SOURCE);
  const typing = result!.typing;
  const main = fun(program!, "main");
  const [letC, logCall, letH, letN, letXs] = main.body.stmts;

  it("checks the program clean", () => {
    expect(lines.filter((l) => l.includes("error"))).toEqual([]);
  });

  it("resolves calls to the user function they target, with parameter modes", () => {
    const call = exprOf(letN!) as CallExpr;
    const target = typing.callTarget(call);
    expect(target?.kind).toBe("user");
    expect(target?.kind === "user" && target.fn.qualifiedName).toBe("take");
    expect(typing.argumentModes(call)).toEqual(["consume", null]);
  });

  it("resolves method calls on implementors to the impl method (self first in the modes)", () => {
    const call = exprOf(logCall!) as MethodCallExpr;
    const target = typing.callTarget(call);
    expect(target?.kind === "user" && target.fn.qualifiedName).toBe("Console::log");
    expect(typing.argumentModes(call)).toEqual([null, null]);
  });

  it("resolves built-in capability methods", () => {
    const impl = program!.items.find((i) => i.kind === "Impl")!;
    const body = impl.kind === "Impl" ? impl.methods[0]!.body : null;
    const call = exprOf(body!.stmts[0]!) as MethodCallExpr;
    const target = typing.callTarget(call);
    expect(target).toMatchObject({ kind: "capabilityMethod", capability: "Stdio", method: "println" });
  });

  it("resolves names to their bindings", () => {
    const call = exprOf(letN!) as CallExpr;
    const arg = call.args[0]!.value;
    const binding = arg.kind === "Name" ? typing.resolve(arg) : undefined;
    expect(binding?.kind).toBe("local");
    expect(binding?.kind === "local" && binding.origin).toBe("let");
    const stdioArg = (exprOf(letC!) as CallExpr).args[0]!.value;
    expect(stdioArg.kind === "Name" && typing.resolve(stdioArg)?.kind).toBe("param");
  });

  it("classifies capability-bearing and linear types", () => {
    const c = typing.typeOf(exprOf(letC!))!;
    expect(typeToString(c)).toBe("Console");
    expect(typing.isCapabilityType(c)).toBe(true);
    const h = typing.typeOf(exprOf(letH!))!;
    expect(typing.isLinearType(h)).toBe(true);
    expect(typing.isCapabilityType(h)).toBe(false);
    expect(typing.implementsTrait("Console", "Logger")).toBe(true);
  });

  it("infers lambda parameter types from built-in higher-order methods", () => {
    expect(typeToString(typing.typeOf(exprOf(letXs!))!)).toBe("List<Int>");
  });
});
