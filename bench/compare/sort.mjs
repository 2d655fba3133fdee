// Hand-written JS twin of sort.capa.
const xs = [];
let seed = 12345;
for (let i = 0; i < 100000; i++) {
  seed = (seed * 16807) % 2147483647;
  xs.push(seed % 1000000);
}
const sorted = xs.slice().sort((a, b) => (a % 1000 !== b % 1000 ? (b % 1000) - (a % 1000) : a - b));
let check = 0;
for (let i = 0; i < 100; i++) check = (check * 31 + sorted[i * 1000]) % 1000000007;
console.log(`${sorted[0]} ${sorted[99999]} ${check}`);
