// The generated benchmark program, shared by bench/frontend and bench/compare.

/** One unit of 5 functions (~20 lines) mixes a struct, a sum type, a match, a loop and
 * capability calls: about 4 lines per function, so 1,000 functions make ~4,000 lines. */
export function generate(functions) {
  const out = [];
  for (let i = 0; i < functions; i += 5) {
    out.push(`type P${i} { x: Int, y: Int }`);
    out.push(`type S${i} =`, `    A${i}(Int)`, `    B${i}(String)`);
    out.push(`fun area${i}(p: P${i}) -> Int`, `    return p.x * p.y + ${i}`);
    out.push(`fun name${i}(s: S${i}) -> String`, "    return match s", `        A${i}(n) -> "a${"${n}"}"`, `        B${i}(t) -> t`);
    out.push(`fun sum${i}(xs: List<Int>) -> Int`, "    var total = 0", "    for x in xs", "        total += x", "    return total");
    out.push(`fun show${i}(out: Stdio, p: P${i})`, `    out.println("${"${name" + i + "(A" + i + "(area" + i + "(p)))}"} ${"${sum" + i + "([1, 2, 3])}"}")`);
    out.push(`fun log${i}(out: Stdio, fs: Fs) -> Bool`, `    let ok = fs.exists("/tmp/x${i}")`, `    out.println("exists: ${"${ok}"}")`, "    return ok");
  }
  out.push("fun main(stdio: Stdio)", '    stdio.println("done")', "");
  return out.join("\n");
}
