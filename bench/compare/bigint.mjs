// Hand-written JS twin of bigint.capa: BigInt throughout (the values pass 2^53 at once).
const m = 288230376151711717n;
let h = 1n;
let acc = 0n;
for (let i = 0; i < 200000; i++) {
  h = (h * 31n + BigInt(i)) % m;
  acc = (acc + h / 1024n) % m;
  if (h % 2n === 0n) acc = acc ^ (h >> 7n);
}
console.log(`${h} ${acc}`);
