// Run-time wrappers (spec/capabilities.md, "Run-time wrappers"): revoked, expired, spent and logged
// capabilities behave as documented, through derived copies and across function boundaries, and a
// refusal is decided before the capability is reached.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinCapabilities } from "../../src/runtime/index.js";
import { failureLine, runChecked as run, runWithRecordingNet } from "./support.js";
import { expiringGuard, singleUseGuard } from "../../src/runtime/capabilities/wrappers/guards.js";

const SHOW = `
fun show(stdio: Stdio, r: Result<String, IoError>)
    match r
        Ok(body) -> stdio.println("ok: \${body}")
        Err(e) -> stdio.println("err: \${e}")
`;

const REVOKED = "err: Net capability has been revoked: refused Net.get before any system call";

describe("revocable", () => {
  it("denies every call after revoke(), on the original and on copies derived before and after, without reaching Net", () => {
    const r = runWithRecordingNet(`${SHOW}
fun main(stdio: Stdio, net: Net)
    let rev = new_revoker()
    let api = net.revocable(rev)
    let early = api.restrict_to("a.com")
    show(stdio, api.get("http://a.com/1"))
    rev.revoke()
    let late = api.restrict_to("a.com")
    show(stdio, api.get("http://a.com/2"))
    show(stdio, early.get("http://a.com/3"))
    show(stdio, late.get("http://a.com/4"))
    stdio.println("\${rev.is_revoked()} \${api.allows("a.com")} \${net.allows("a.com")}")
    show(stdio, net.get("http://a.com/5"))
`);
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe(["ok: body of http://a.com/1", REVOKED, REVOKED, REVOKED, "true false true", "ok: body of http://a.com/5", ""].join("\n"));
    expect(r.reached).toEqual(["get http://a.com/1", "get http://a.com/5"]);
  });

  it("holds across function boundaries: a callee revokes, another callee's copy is denied", () => {
    const r = runWithRecordingNet(`${SHOW}
fun fetch(net: Net, url: String) -> Result<String, IoError>
    let narrowed = net.restrict_to("a.com")
    return narrowed.get(url)

fun stop(r: Revoker)
    r.revoke()

fun session(stdio: Stdio, net: Net, r: Revoker)
    let api = net.revocable(r)
    show(stdio, fetch(api, "http://a.com/1"))
    stop(r)
    show(stdio, fetch(api, "http://a.com/2"))

fun main(stdio: Stdio, net: Net)
    session(stdio, net, new_revoker())
`);
    expect(r.stdout).toBe(`ok: body of http://a.com/1\n${REVOKED}\n`);
    expect(r.reached).toEqual(["get http://a.com/1"]);
  });

  it("wrapping again never widens: a second, unrevoked revoker does not revive a revoked capability", () => {
    const r = runWithRecordingNet(`${SHOW}
fun main(stdio: Stdio, net: Net)
    let first = new_revoker()
    let second = new_revoker()
    let api = net.revocable(first)
    first.revoke()
    let again = api.revocable(second).single_use().logged(new_audit_log())
    show(stdio, again.get("http://a.com/"))
`);
    expect(r.stdout).toBe(`${REVOKED}\n`);
    expect(r.reached).toEqual([]);
  });
});

describe("expires_after", () => {
  it("allows calls until the clock reaches the deadline, then denies them on every derived copy", () => {
    const r = runWithRecordingNet(`${SHOW}
fun later(stdio: Stdio, net: Net)
    show(stdio, net.restrict_to("a.com").get("http://a.com/late"))

fun main(stdio: Stdio, net: Net, clock: Clock)
    let api = net.expires_after(clock, 5.0)
    let sub = api.restrict_to("a.com")
    show(stdio, sub.get("http://a.com/1"))
    clock.sleep(4.0)
    show(stdio, api.get("http://a.com/2"))
    clock.sleep(1.0)
    show(stdio, sub.get("http://a.com/3"))
    later(stdio, api)
    show(stdio, net.expires_after(clock, -1.0).get("http://a.com/4"))
`);
    const expired = "err: Net capability has expired: refused Net.get before any system call";
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout.split("\n")).toEqual([
      "ok: body of http://a.com/1", "ok: body of http://a.com/2", expired, expired, expired, "",
    ]);
    expect(r.reached).toEqual(["get http://a.com/1", "get http://a.com/2"]);
  });
});

describe("single_use", () => {
  it("admits one operation across the capability and everything derived from it; allows and refused calls do not spend it", () => {
    const r = runWithRecordingNet(`${SHOW}
fun once_more(stdio: Stdio, net: Net)
    show(stdio, net.get("http://a.com/callee"))

fun main(stdio: Stdio, net: Net)
    let rev = new_revoker()
    rev.revoke()
    let once = net.single_use()
    let sub = once.restrict_to("a.com")
    stdio.println("\${sub.allows("a.com")}")
    show(stdio, sub.revocable(rev).get("http://a.com/refused"))
    show(stdio, sub.get("http://a.com/1"))
    show(stdio, once.get("http://a.com/2"))
    once_more(stdio, sub)
    stdio.println("\${sub.allows("a.com")}")
`);
    const spent = "err: Net capability was single-use and has been used: refused Net.get before any system call";
    expect(r.stdout.split("\n")).toEqual(["true", REVOKED, "ok: body of http://a.com/1", spent, spent, "false", ""]);
    expect(r.reached).toEqual(["get http://a.com/1"]);
  });
});

describe("logged", () => {
  it("appends every operation, allowed or denied, from every copy, without its arguments", () => {
    const r = runWithRecordingNet(`${SHOW}
fun post_secret(net: Net, secret: String)
    net.post("http://a.com/p", secret)

fun main(stdio: Stdio, net: Net)
    let log = new_audit_log()
    let rev = new_revoker()
    let api = net.logged(log).revocable(rev)
    show(stdio, api.restrict_to("a.com").get("http://a.com/1"))
    post_secret(api, "hunter2")
    stdio.println("\${api.allows("a.com")}")
    rev.revoke()
    show(stdio, api.get("http://a.com/2"))
    for line in log.entries()
        stdio.println(line)
    stdio.println("\${log.count()}")
`);
    expect(r.stdout.split("\n")).toEqual([
      "ok: body of http://a.com/1", "true", REVOKED,
      "Net.get: allowed", "Net.post: allowed", "Net.get: denied (has been revoked)", "3", "",
    ]);
    expect(r.stdout).not.toContain("hunter2");
    expect(r.reached).toEqual(["get http://a.com/1", "post http://a.com/p hunter2"]);
  });
});

describe("refusals take the shape of the method's result", () => {
  it("Bool methods answer false, Option methods None, Result<_, IoError> methods Err (real Fs and Env)", () => {
    const dir = mkdtempSync(join(tmpdir(), "capa-wrap-"));
    writeFileSync(join(dir, "f.txt"), "hello");
    const r = run(`
fun main(stdio: Stdio, fs: Fs, env: Env)
    let rev = new_revoker()
    let f = fs.revocable(rev)
    let e = env.revocable(rev)
    stdio.println("\${f.exists("${dir}/f.txt")} \${f.read("${dir}/f.txt").unwrap_or("?")}")
    rev.revoke()
    stdio.println("\${f.exists("${dir}/f.txt")} \${f.is_dir("${dir}")} \${e.get("HOME").is_none()}")
    match f.list_dir("${dir}")
        Ok(_) -> stdio.println("listed")
        Err(err) -> stdio.println("\${err.message} / \${err.cause}")
`);
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe(
      "true hello\nfalse false true\nFs capability has been revoked / refused Fs.list_dir before any system call\n",
    );
  });

  it("a method whose result cannot say 'refused' stops the run with R7060 before it acts", () => {
    const r = run(`
fun main(stdio: Stdio)
    let rev = new_revoker()
    let out = stdio.revocable(rev)
    out.println("before")
    rev.revoke()
    out.println("after")
`);
    expect(r.stdout).toBe("before\n");
    expect(failureLine(r)).toBe("R7060 RuntimeError: Stdio.println refused: the Stdio capability has been revoked");
    expect(r.outcome.failure!.span).toMatchObject({ line: 7 });
  });
});

describe("declared capabilities get the same wrappers", () => {
  const LOGGER = `
capability Logger
    fun log(self, msg: String) -> Result<(), IoError>
    fun child(self) -> Logger
    fun level(self) -> Int

type Console {
    out: Stdio
}

impl Logger for Console
    fun log(self, msg: String) -> Result<(), IoError>
        self.out.println("log: \${msg}")
        return Ok(())
    fun child(self) -> Logger
        return Console { out: self.out }
    fun level(self) -> Int
        return 3

fun say(stdio: Stdio, l: Logger, msg: String)
    match l.log(msg)
        Ok(_) -> ()
        Err(e) -> stdio.println("denied: \${e}")

fun guard(l: Logger, r: Revoker, audit: AuditLog) -> Logger
    return l.logged(audit).revocable(r)
`;

  it("revocation reaches a capability a method derived, and the log names the declared capability", () => {
    const r = run(`${LOGGER}
fun main(stdio: Stdio)
    let rev = new_revoker()
    let audit = new_audit_log()
    let l = guard(Console { out: stdio }, rev, audit)
    let c = l.child()
    say(stdio, c, "one")
    rev.revoke()
    say(stdio, l, "two")
    say(stdio, c, "three")
    for line in audit.entries()
        stdio.println(line)
`);
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout.split("\n")).toEqual([
      "log: one",
      "denied: Logger capability has been revoked: refused Logger.log before any system call",
      "denied: Logger capability has been revoked: refused Logger.log before any system call",
      "Logger.log: allowed", "Logger.log: denied (has been revoked)", "Logger.log: denied (has been revoked)", "",
    ]);
  });

  it("a declared method returning Int is refused with R7060 once spent", () => {
    const r = run(`${LOGGER}
fun main(stdio: Stdio)
    let once = guard(Console { out: stdio }, new_revoker(), new_audit_log()).single_use()
    stdio.println("\${once.level()}")
    stdio.println("\${once.level()}")
`);
    expect(r.stdout).toBe("3\n");
    expect(failureLine(r)).toBe("R7060 RuntimeError: Logger.level refused: the Logger capability was single-use and has been used");
  });
});

describe("guards in isolation", () => {
  it("an expiry whose length is NaN or negative has already expired; it never means 'no deadline'", () => {
    const now = () => 100;
    expect(expiringGuard(now, Number.NaN).refusal()).toBe("expired");
    expect(expiringGuard(now, -0.5).refusal()).toBe("expired");
    expect(expiringGuard(now, 1).refusal()).toBeNull();
  });

  it("a single use is spent only by an allowed operation", () => {
    const g = singleUseGuard();
    g.settle("Net", "get", "revoked");
    expect(g.refusal()).toBeNull();
    g.settle("Net", "get", null);
    expect(g.refusal()).toBe("spent");
  });
});

describe("a wrapper name on a value that is not a capability", () => {
  it("calls the type's own method", () => {
    const r = run(`
type Counter {
    n: Int
}

impl Counter
    fun logged(self) -> Int
        return self.n + 1

fun main(stdio: Stdio)
    stdio.println("\${Counter { n: 41 }.logged()}")
`);
    expect(r.outcome.failure).toBeNull();
    expect(r.stdout).toBe("42\n");
  });
});

describe("capabilities this runtime does not implement itself get the wrappers too", () => {
  it("db.single_use() over a Db supplied by the host (here a recording stand-in): one statement, then refusals", () => {
    const reached: string[] = [];
    const fakeDb = Object.freeze({
      capaType: "Db",
      restrict_to: () => fakeDb,
      allows: () => true,
      exec: (path: string, sql: string) => {
        reached.push(`exec ${path} ${sql}`);
        return { ok: true, value: undefined };
      },
      query: (path: string, sql: string) => {
        reached.push(`query ${path} ${sql}`);
        return { ok: true, value: "[]" };
      },
    });
    const source = `
fun migrate(db: Db) -> String
    return match db.exec(":memory:", "CREATE TABLE t (x)")
        Ok(_) -> "ok"
        Err(e) -> "\${e}"

fun main(stdio: Stdio, db: Db)
    let once = db.single_use()
    stdio.println(migrate(once))
    stdio.println(migrate(once.restrict_to("/srv")))
    match once.query(":memory:", "SELECT 1")
        Ok(rows) -> stdio.println(rows)
        Err(e) -> stdio.println("\${e}")
`;
    const r = run(source, {
      provider: (host) => {
        const real = builtinCapabilities(host);
        return { root: (t) => (t === "Db" ? fakeDb : real.root(t)) };
      },
    });
    expect(r.outcome.failure).toBeNull();
    const spent = (m: string) => `Db capability was single-use and has been used: refused Db.${m} before any system call`;
    expect(r.stdout).toBe(`ok\n${spent("exec")}\n${spent("query")}\n`);
    expect(reached).toEqual(["exec :memory: CREATE TABLE t (x)"]);
  });
});

describe("a declared capability's own 'allows'", () => {
  it("is a question only when it answers a Bool; one returning Int is an operation like any other", () => {
    const r = run(`
capability Quota
    fun allows(self) -> Int

type Fixed {
    out: Stdio
}

impl Quota for Fixed
    fun allows(self) -> Int
        return 7

fun ask(q: Quota) -> Int
    return q.allows()

fun main(stdio: Stdio)
    let once = ask_twice(Fixed { out: stdio })
    stdio.println("unreachable \${once}")

fun ask_twice(q: Quota) -> Int
    let w = q.single_use()
    return ask(w) + ask(w)
`);
    expect(failureLine(r)).toBe("R7060 RuntimeError: Quota.allows refused: the Quota capability was single-use and has been used");
  });
});
