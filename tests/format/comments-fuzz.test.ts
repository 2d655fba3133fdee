// Comments anywhere: corpus programs with comments inserted between random tokens (`/* cN */`),
// at the end of random lines (`// cN`) and on lines of their own. Whatever still parses must
// format — same program, every comment kept in order (formatSource checks both and would answer
// F0001) — and formatting the result again must change nothing.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/index.js";
import { lexSource } from "../../src/syntax/index.js";
import { lcg } from "../robustness/mutate.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** `source` with comments added after about one token in `every`, at line ends and between lines. */
function withComments(source: string, seed: number, every: number): string {
  const rnd = lcg(seed);
  const lines = source.split("\n").map((l) => [...l]);
  const inserts = new Map<number, { col: number; text: string }[]>();
  let n = 0;
  for (const t of lexSource(source, "x.capa").tokens) {
    if (t.type === "NEWLINE" || t.type === "INDENT" || t.type === "DEDENT" || t.type === "EOF" || rnd(every) !== 0) continue;
    const end = t.col + [...t.text].length; // tokens are single-line
    const list = inserts.get(t.line) ?? [];
    list.push({ col: end, text: rnd(4) === 0 ? ` // c${n++}` : ` /* c${n++} */ ` });
    inserts.set(t.line, list);
  }
  const out: string[] = [];
  lines.forEach((chars, i) => {
    let line = chars;
    // Right to left, so earlier columns stay valid; a `//` comment only at the line's end.
    for (const ins of (inserts.get(i + 1) ?? []).sort((a, b) => b.col - a.col)) {
      if (ins.text.startsWith(" //") && ins.col - 1 < line.length) continue;
      line = [...line.slice(0, ins.col - 1), ...ins.text, ...line.slice(ins.col - 1)];
    }
    if (rnd(every) === 0) out.push(`${" ".repeat(rnd(9))}// own line ${n++}`);
    out.push(line.join(""));
  });
  return out.join("\n");
}

describe("comments inserted anywhere", () => {
  const files = execFileSync("find", ["examples", "tests", "-name", "*.capa"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").sort();

  it("are all kept, in order, and the formatting is idempotent", () => {
    let formatted = 0;
    for (const [i, file] of files.entries()) {
      if (i % 6 !== 0) continue; // a sixth of the corpus keeps the test to seconds
      const source = readFileSync(join(ROOT, file), "utf8");
      for (const every of [2, 5]) {
        const commented = withComments(source, i * 31 + every, every);
        const r = formatSource(commented, file);
        if (!r.ok) {
          expect(`${file} (every ${every}): ${r.diagnostics[0]!.code} ${r.diagnostics[0]!.message}`).toMatch(/: E1/);
          continue;
        }
        const again = formatSource(r.text, file);
        expect(again.ok && again.text, `${file} (every ${every})`).toBe(r.text);
        formatted++;
      }
    }
    expect(formatted).toBeGreaterThan(200);
  }, 120_000);
});
