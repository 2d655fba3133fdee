// How a Float prints, as the reference (Python) prints it: shared by the token listing, the
// capability model's call arguments and the runtime's display.

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
export function floatRepr(x: number): string {
  if (x !== x) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const e = x.toExponential(); // shortest unique digits: "-d.ddde+N"
  const sign = x < 0 ? "-" : "";
  const at = e.indexOf("e");
  const mantissa = e.slice(sign.length, at);
  const exp = Number(e.slice(at + 1));
  const digits = mantissa.replace(".", "");
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return sign + "0." + "0".repeat(-exp - 1) + digits;
    if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length) + ".0";
    return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  const m = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "");
  const absExp = Math.abs(exp);
  return sign + m + "e" + (exp < 0 ? "-" : "+") + (absExp < 10 ? "0" : "") + String(absExp);
}
