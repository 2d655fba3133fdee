// Hand-written JS versions of the runtime benchmarks (same algorithms), for the ratio.

export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function shapes() {
  const items = [];
  for (let i = 0; i < 1000; i++) {
    const k = i % 3;
    const shape = k === 0 ? { tag: "Circle", r: i } : k === 1 ? { tag: "Rect", w: i, h: 2.0 } : { tag: "Empty" };
    items.push({ id: i, shape, weight: i % 7 });
  }
  let total = 0;
  let heavy = 0;
  let empties = 0;
  for (const it of items) {
    const s = it.shape;
    total += s.tag === "Circle" ? 3.0 * s.r * s.r : s.tag === "Rect" ? s.w * s.h : 0.0;
    if (s.tag === "Empty") empties += 1;
    else if (it.weight > 3) heavy += 1;
  }
  return `${Number.isInteger(total) ? total.toFixed(1) : total} ${heavy} ${empties}`; // Float display as Capa prints it
}

function classify(ua) {
  if (ua.includes("bot") || ua.includes("crawler") || ua.includes("spider")) return "bot";
  if (ua.includes("iPhone") || ua.includes("iPad")) return "ios";
  if (ua.includes("Android")) return ua.includes("Mobile") ? "android-phone" : "android-tablet";
  if (ua.includes("Windows NT")) return ua.includes("Edg/") ? "edge" : "windows";
  if (ua.includes("Macintosh") && ua.includes("Safari") && !ua.includes("Chrome")) return "safari";
  if (ua.includes("Linux")) return "linux";
  return "other";
}

const TEMPLATES = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 13; SM-X900) Safari/537.36",
  "Googlebot/2.1 (+http://www.google.com/bot.html)",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  "curl/8.4.0",
];

export function agents() {
  const list = [];
  for (let i = 0; i < 1000; i++) list.push(`${TEMPLATES[i % TEMPLATES.length]} build/${i}`);
  const counts = new Map();
  for (const ua of list) {
    const kind = classify(ua);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([k, v]) => `${k} ${v}`).join("\n");
}
