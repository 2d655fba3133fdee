// "Did you mean" suggestions: the closest candidate by edit distance, if plausibly a typo.
// Invariant: pure functions of their arguments; used only when an error is being reported.

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(cur[j - 1]! + 1, prev[j]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The closest candidate to `needle`, preferring the same first letter, then the same case, then
 * the longer name. Accepts distance 1 always, 2 for names of 4+ characters, 3 for 8+; never
 * suggests for names of 2 characters or less, nor an exact (case-insensitive) match.
 */
export function suggest(needle: string, candidates: Iterable<string>): string | null {
  if (needle.length <= 2) return null;
  const first = needle.slice(0, 1);
  let best: { key: [number, number, number, number]; name: string } | null = null;
  for (const cand of candidates) {
    if (cand === "" || cand.startsWith("_")) continue;
    const key: [number, number, number, number] = [
      editDistance(needle.toLowerCase(), cand.toLowerCase()),
      cand.slice(0, 1).toLowerCase() === first.toLowerCase() ? 0 : 1,
      cand.slice(0, 1) === first ? 0 : 1,
      -cand.length,
    ];
    if (best === null || lessThan(key, best.key)) best = { key, name: cand };
  }
  if (best === null) return null;
  const d = best.key[0];
  if (d === 1 || (d === 2 && needle.length >= 4) || (d === 3 && needle.length >= 8)) return best.name;
  return null;
}

function lessThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** The `; did you mean 'X'?` message suffix, or "" when nothing is close. */
export function didYouMean(needle: string, candidates: Iterable<string>): string {
  const s = suggest(needle, candidates);
  return s === null ? "" : `; did you mean '${s}'?`;
}
