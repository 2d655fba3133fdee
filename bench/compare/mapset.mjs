// Hand-written JS twin of mapset.capa.
const counts = new Map();
const seen = new Set();
let seed = 7;
for (let i = 0; i < 100000; i++) {
  seed = (seed * 48271) % 2147483647;
  const k = seed % 50000;
  counts.set(k, (counts.get(k) ?? 0) + 1);
  seen.add(k % 30000);
}
let hits = 0;
for (let k = 0; k < 60000; k++) if (seen.has(k)) hits += 1;
let most = 0;
for (const k of counts.keys()) {
  const c = counts.get(k) ?? 0;
  if (c > most) most = c;
}
console.log(`${counts.size} ${seen.size} ${hits} ${most}`);
