// The checker's view of the run-time wrappers: method types on built-in and declared capabilities,
// Revoker and AuditLog as plain values that carry no authority, and the manifest facts.
import { describe, expect, it } from "vitest";
import { checkSource } from "../check/support.js";
import { capErrors, fn, model } from "../capabilities-check/support.js";
import { emitArtifact, validateArtifact } from "../../src/emit/index.js";

const errors = (source: string): string[] => checkSource(source).lines.filter((l) => l.includes(": error: "));

describe("wrapper method types", () => {
  it("each wrapper returns the receiver's own capability type, so it goes where the original could", () => {
    const lines = errors(`
fun needs_fs(fs: Fs) -> Bool
    return fs.exists("/x")

fun main(stdio: Stdio, fs: Fs, clock: Clock)
    let r = new_revoker()
    let log = new_audit_log()
    let w = fs.revocable(r).expires_after(clock, 1.5).single_use().logged(log)
    stdio.println("\${needs_fs(w)} \${needs_fs(w.restrict_to("/tmp"))} \${r.is_revoked()} \${log.count()}")
    let lines: List<String> = log.entries()
    r.revoke()
`);
    expect(lines).toEqual([]);
  });

  it("rejects wrong argument types, Unsafe (no methods), and capability methods on a Revoker or AuditLog", () => {
    const lines = errors(`
fun main(unsafe: Unsafe, fs: Fs, net: Net)
    let r = new_revoker()
    let a = fs.revocable("r")
    let b = net.expires_after(r, 1.0)
    let c = net.logged(r)
    let d = unsafe.revocable(r)
    let e = r.read("/etc/passwd")
    let f = new_audit_log().get("http://x")
`);
    expect(lines).toEqual([
      "4:26: error: call to Fs.'revocable': argument 1 expects Revoker, got String",
      "5:31: error: call to Net.'expires_after': argument 1 expects Clock, got Revoker",
      "6:24: error: call to Net.'logged': argument 1 expects AuditLog, got Revoker",
      "7:13: error: capability 'Unsafe' has no method 'revocable'",
      "8:13: error: type 'Revoker' has no method 'read'",
      "9:13: error: type 'AuditLog' has no method 'get'",
    ]);
  });

  it("a declared capability gets the wrappers at its own type; an implementing struct's type does not", () => {
    const lines = errors(`
capability Logger
    fun log(self, m: String)

type Console {
    out: Stdio
}

impl Logger for Console
    fun log(self, m: String)
        self.out.println(m)

fun keep(l: Logger) -> Logger
    return l.single_use()

fun wrong(c: Console, r: Revoker) -> Logger
    return c.revocable(r)

fun main(stdio: Stdio)
    keep(Console { out: stdio }).log("x")
`);
    expect(lines).toEqual(["17:12: error: type 'Console' has no method 'revocable'"]);
  });
});

describe("Revoker and AuditLog hold no authority", () => {
  it("may sit in plain struct fields (no E3001), unlike a capability", () => {
    expect(
      capErrors(`
        type Handles { r: Revoker, log: AuditLog }
        type Bad { fs: Fs }
        fun main(stdio: Stdio)
            let h = Handles { r: new_revoker(), log: new_audit_log() }
            stdio.println("\${h.log.count()}")
      `),
    ).toEqual(["2:12: capability 'Fs' cannot appear in struct field 'fs'; capabilities only flow through function parameters"]);
  });

  it("a function holding only a Revoker and an AuditLog reaches no capability and is provably pure", () => {
    const m = model(`
      fun stop(r: Revoker, log: AuditLog) -> Int
          r.revoke()
          return log.count()
      fun main(stdio: Stdio)
          stdio.println("\${stop(new_revoker(), new_audit_log())}")
    `);
    const stop = fn(m, "stop");
    expect(stop.declaredCapabilities).toEqual([]);
    expect(stop.transitivelyReachableCapabilities).toEqual([]);
    expect(stop.authorityProvableFromTypes).toBe(true);
    expect(stop.provablyExcludedCapabilities).toContain("Fs");
  });

  it("a wrapped capability is still a capability: it cannot be aliased", () => {
    const lines = capErrors(`
        fun main(fs: Fs)
            let r = new_revoker()
            let w = fs.revocable(r)
            let alias = w
            w.exists("/x")
    `);
    expect(lines).toEqual(["4:5: capability 'Fs' cannot appear in a 'let' binding; capabilities only flow through function parameters"]);
  });
});

describe("manifest facts", () => {
  const SOURCE = `
capability Logger
    fun log(self, m: String)

type Console {
    out: Stdio
}

impl Logger for Console
    fun log(self, m: String)
        self.out.println(m)

fun quiet(l: Logger, log: AuditLog) -> Logger
    return l.logged(log)

fun fetch(net: Net, url: String) -> Result<String, IoError>
    return net.get(url)

fun main(stdio: Stdio, net: Net, clock: Clock)
    let r = new_revoker()
    let api = net.revocable(r).expires_after(clock, 30.0)
    match fetch(api, "http://a.com/")
        Ok(_) -> ()
        Err(_) -> ()
    quiet(Console { out: stdio }, new_audit_log()).log("done")
`;

  it("records which function builds which wrapper, and the wrappers in the callers' attenuation chains", () => {
    const m = model(SOURCE);
    const sites = (name: string) => (fn(m, name).capabilityWrappers ?? []).map((w) => `${w.capability} ${w.receiver}.${w.wrapper} ${w.span.line}`);
    expect(sites("main")).toEqual(["Net net.revocable(r).expires_after 20", "Net net.revocable 20"]);
    expect(sites("quiet")).toEqual(["Logger l.logged 13"]);
    expect(sites("fetch")).toEqual([]);
    const call = fn(m, "main").calls.find((c) => c.callee === "fetch")!;
    expect(call.argsFlow[0]).toEqual({ name: "api", attenuations: [{ method: "revocable", args: ["r"] }, { method: "expires_after", args: ["clock", "30.0"] }] });
  });
});

describe("manifest output", () => {
  it("prints capability_wrappers only for a body that builds one, and the document validates against the schema", () => {
    const m = model(`
      fun main(stdio: Stdio, fs: Fs)
          let once = fs.single_use()
          stdio.println("\${once.exists("/x")}")
      fun plain(stdio: Stdio)
          stdio.println("x")
    `);
    const r = emitArtifact("manifest", { model: m, sources: [], timestamp: "2026-01-01T00:00:00Z", toolVersion: "0.0.0" });
    if (!r.ok) throw new Error(r.error);
    expect(validateArtifact("manifest", r.text)).toEqual({ valid: true, errors: [] });
    const doc = JSON.parse(r.text) as { functions: Record<string, unknown>[] };
    const byName = new Map(doc.functions.map((f) => [f.name, f]));
    expect(byName.get("main")!.capability_wrappers).toEqual([{ capability: "Fs", wrapper: "single_use", receiver: "fs", pos: "2:16" }]);
    expect(byName.get("plain")!).not.toHaveProperty("capability_wrappers");
    const bom = emitArtifact("cyclonedx", { model: m, sources: [], timestamp: "2026-01-01T00:00:00Z", toolVersion: "0.0.0" });
    if (!bom.ok) throw new Error(bom.error);
    const props = (JSON.parse(bom.text) as { components: { properties?: { name: string; value: string }[] }[] }).components.flatMap((c) => c.properties ?? []);
    expect(props.filter((p) => p.name === "capa:capability_wrapper").map((p) => p.value)).toEqual(["Fs fs.single_use at 2:16"]);
    const broken = JSON.parse(r.text);
    broken.functions[0].capability_wrappers[0].wrapper = "forever";
    expect(validateArtifact("manifest", JSON.stringify(broken)).valid).toBe(false);
  });
});

describe("information flow", () => {
  const program = (revoke: string) => `
fun main(stdio: Stdio, env: Env)
    let secret = env.get("KEY").unwrap_or("")
    let r = new_revoker()
${revoke}
    stdio.println("\${r.is_revoked()}")
`;

  it("revoking under a secret condition makes is_revoked() secret (the revoker is not a way around IFC)", () => {
    const warnings = checkSource(program(`    if secret == "x"\n        r.revoke()`)).lines.filter((l) => l.includes("information-flow"));
    expect(warnings).toEqual([expect.stringMatching(/^7:19: warning: information-flow: a @secret value reaches Stdio\.println/)]);
  });

  it("an unconditional revoke leaks nothing", () => {
    expect(checkSource(program("    r.revoke()")).lines.filter((l) => l.includes("information-flow"))).toEqual([]);
  });
});

describe("the wrapper names are taken on capabilities (E3012)", () => {
  it("a declared capability and its implementors cannot define them; any other type may", () => {
    const lines = errors(`
capability Logger
    fun log(self, m: String)
    fun revocable(self, r: Revoker) -> Logger

type Console {
    out: Stdio
}

impl Logger for Console
    fun log(self, m: String)
        self.out.println(m)
    fun revocable(self, r: Revoker) -> Logger
        return Console { out: self.out }
    fun single_use(self) -> Logger
        return Console { out: self.out }

type Counter {
    n: Int
}

impl Counter
    fun logged(self) -> Int
        return self.n

fun main(stdio: Stdio)
    stdio.println("\${Counter { n: 1 }.logged()}")
`);
    const taken = (line: number, method: string, owner: string) =>
      `${line}:5: error: method '${method}' of '${owner}' cannot be defined: revocable, expires_after, single_use and logged are the run-time wrappers every capability has, so a declared capability and the types that implement one cannot define them`;
    expect(lines).toEqual([taken(4, "revocable", "Logger"), taken(13, "revocable", "Console"), taken(15, "single_use", "Console")]);
  });
});
