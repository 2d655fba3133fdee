// Parser golden tests: the AST of each example program (spans included) is kept as a snapshot
// file beside the tests; `vitest -u` updates them and the diff is reviewed like code.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";

const EXAMPLES = join(__dirname, "../../examples");
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x), 1);

describe("every example parses without diagnostics", () => {
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".capa")).sort()) {
    it(name, async () => {
      const file = `examples/${name}`;
      const { program, diagnostics } = parseSource(readFileSync(join(EXAMPLES, name), "utf8"), file);
      expect(diagnostics).toEqual([]);
      await expect(json(program)).toMatchFileSnapshot(`golden/${name.replace(/\.capa$/, ".ast.json")}`);
    });
  }
});

/** One small program per construct, so a change in any rule shows up as a focused diff. */
const CONSTRUCTS: Record<string, string> = {
  imports: "import util.strings as s\nimport net\n",
  attributes_and_docs:
    '/// Greets.\n@vex(cve: "CVE-1", status: "not_affected",\n     justification: "code_not_reachable")\n@strict_ifc()\npub fun greet<T>(consume out: Stdio, borrow f: Fun(T) -> String) -> Result<(), IoError>\n    return Ok(())\n',
  interpolation: 'fun f(m: Map<String, Int>, n: Int) -> String\n    return "a ${ n + 1 } b ${m.get(\\"k\\")} $$ ${"x"}"\n',
  types: "type P { x: @secret Int, y: List<Map<String, (Int, Float)>> }\nlinear type H { id: Int }\ntype C =\n    Red\n    Green\n    Blue(Int)\ntype S<T> =\n    Leaf\n    Node(S<T>, T)\n",
  typestate_and_impls:
    "typestate Door { id: Int }\n    Closed\n    Open\nimpl Door[Closed]\n    fun open(consume self) -> Door[Open]\n        return become(self, Open)\nimpl Show for P\n    fun show(self) -> String\n        return \"p\"\n",
  traits_capabilities_extern:
    'trait Show\n    fun show(self) -> String\ncapability Logger\n    fun log(self, msg: String)\nconst LIMIT: Int = 10\nextern component Img from "img.wasm"\n    fun resize(w: Int) -> Int\n',
  statements:
    "fun f(xs: List<Int>)\n    let (a, b) = (1, 2)\n    var n: Int = 0\n    n += a\n    if a > b\n        n -= 1\n    elif a == b\n        n *= 2\n    else\n        n /= 3\n    while n < 10\n        n %= 7\n        break\n    for x in xs\n        continue\n    return\n",
  expressions:
    'fun f(p: P) -> Int\n    let a = -1 + 2 * 3 - 4 / 5 % 6 << 1 >> 2 & 3 ^ 4 | 5\n    let b = not true and false or 1 <= 2\n    let c = 0..10\n    let d = 1..=3\n    let e = fun (x: Int) -> Int => x + 1\n    let g = if b then "y${a + 1}z" else r"raw"\n    let h = p.items[0].name.length()\n    let i = parse_int("4")?\n    let j = declassify(a, reason: "ok")\n    let k = P { x: 1, y: [] }\n    let l = Door[Closed] { id: 1 }\n    let m = (1,)\n    let n = xs\n        .map(fun (x) => x * 2)\n        .length()\n    return match a { 0 -> 1, n if n > 0 -> n, _ -> 0 }\n',
  patterns:
    'fun f(s: Shape) -> Int\n    match s\n        Circle(r) | Square(r) -> return 1\n        Point { x, y: 0 } -> return 2\n        (1, _) -> return 3\n        Color.Red -> return 4\n        -1 -> return 5\n        "s" -> return 6\n        \'c\' -> return 7\n        None ->\n            let z = 1\n            return z\n    return 0\n',
  lambdas_with_blocks: "fun f(xs: List<Int>) -> Int\n    let g = fun (x: Int) -> Int =>\n        let y = x * 2\n        return y\n    return xs.fold(0, fun (acc, x) => acc + g(x))\n",
};

describe("one golden AST per construct", () => {
  for (const [name, source] of Object.entries(CONSTRUCTS)) {
    it(name, async () => {
      const { program, diagnostics } = parseSource(source, `${name}.capa`);
      expect(diagnostics).toEqual([]);
      await expect(json(program)).toMatchFileSnapshot(`golden/constructs/${name}.ast.json`);
    });
  }
});
