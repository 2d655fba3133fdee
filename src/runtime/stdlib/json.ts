// parse_json / to_json: a strict RFC 8259 reader with the reference's (CPython json) error texts
// and a writer using `", "` / `": "` separators; keys keep their insertion order.
import { CMap } from "../collections.js";
import { floatRepr } from "../numeric.js";
import { CFloat, CVariant, JNULL, err, ok, type Value } from "../values.js";
import { listTooLong, MAX_LIST_LENGTH } from "../limits.js";

const jbool = (b: boolean): CVariant => new CVariant("JsonValue", "JBool", [b]);
const jnum = (x: number): CVariant => new CVariant("JsonValue", "JNum", [new CFloat(x)]);
const jstr = (s: string): CVariant => new CVariant("JsonValue", "JStr", [s]);
const jarr = (xs: Value[]): CVariant => new CVariant("JsonValue", "JArr", [xs]);
const jobj = (m: CMap): CVariant => new CVariant("JsonValue", "JObj", [m]);

class JsonSyntaxError {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

class Reader {
  constructor(readonly s: string) {}

  ws(i: number): number {
    WS.lastIndex = i;
    WS.exec(this.s);
    return WS.lastIndex;
  }

  value(i: number): [Value, number] {
    const s = this.s;
    const c = s[i];
    if (c === '"') {
      const [text, end] = this.string(i + 1);
      return [jstr(text), end];
    }
    if (c === "{") return this.object(i + 1);
    if (c === "[") return this.array(i + 1);
    if (c === "n" && s.startsWith("null", i)) return [JNULL, i + 4];
    if (c === "t" && s.startsWith("true", i)) return [jbool(true), i + 4];
    if (c === "f" && s.startsWith("false", i)) return [jbool(false), i + 5];
    for (const word of ["NaN", "Infinity", "-Infinity"]) {
      if (s.startsWith(word, i)) throw new JsonSyntaxError(`${word.replace("-", "")} is not valid JSON (RFC 8259 has no NaN or Infinity)`, -1);
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    // An integer literal is a Python int, which has no negative zero: `-0` reads as 0, `-0.0` as -0.0.
    if (m) return [jnum(/[.eE]/.test(m[0]) ? Number(m[0]) : Number(m[0]) + 0), NUMBER.lastIndex];
    throw new JsonSyntaxError("Expecting value", i);
  }

  string(i: number): [string, number] {
    const s = this.s;
    const start = i - 1;
    let out = "";
    for (;;) {
      if (i >= s.length) throw new JsonSyntaxError("Unterminated string starting at", start);
      const c = s.charCodeAt(i);
      if (c === 0x22) return [out, i + 1];
      if (c < 0x20) throw new JsonSyntaxError("Invalid control character at", i);
      if (c !== 0x5c) {
        out += s[i++];
        continue;
      }
      const e = s[i + 1];
      if (e === undefined) throw new JsonSyntaxError("Unterminated string starting at", start);
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e in simple) {
        out += simple[e];
        i += 2;
        continue;
      }
      if (e !== "u") throw new JsonSyntaxError("Invalid \\escape", i);
      const hex = s.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError("Invalid \\uXXXX escape", i);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    }
  }

  object(i: number): [Value, number] {
    const m = new CMap();
    i = this.ws(i);
    if (this.s[i] === "}") return [jobj(m), i + 1];
    for (;;) {
      if (this.s[i] !== '"') throw new JsonSyntaxError("Expecting property name enclosed in double quotes", i);
      const [key, afterKey] = this.string(i + 1);
      i = this.ws(afterKey);
      if (this.s[i] !== ":") throw new JsonSyntaxError("Expecting ':' delimiter", i);
      i = this.ws(i + 1);
      const [v, afterValue] = this.value(i);
      m.set(key, v);
      i = this.ws(afterValue);
      if (this.s[i] === "}") return [jobj(m), i + 1];
      if (this.s[i] !== ",") throw new JsonSyntaxError("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }

  array(i: number): [Value, number] {
    const xs: Value[] = [];
    i = this.ws(i);
    if (this.s[i] === "]") return [jarr(xs), i + 1];
    for (;;) {
      const [v, after] = this.value(i);
      if (xs.length >= MAX_LIST_LENGTH) throw listTooLong();
      xs.push(v);
      i = this.ws(after);
      if (this.s[i] === "]") return [jarr(xs), i + 1];
      if (this.s[i] !== ",") throw new JsonSyntaxError("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }
}

function located(s: string, e: JsonSyntaxError): string {
  if (e.pos < 0) return e.msg;
  const before = s.slice(0, e.pos);
  const line = before.split("\n").length;
  const col = e.pos - before.lastIndexOf("\n");
  const char = Array.from(before).length;
  return `${e.msg}: line ${line} column ${col} (char ${char})`;
}

/** `parse_json(s) -> Result<JsonValue, String>`. */
export function parseJson(s: string): CVariant {
  const r = new Reader(s);
  try {
    const [v, end] = r.value(r.ws(0));
    const rest = r.ws(end);
    if (rest !== s.length) throw new JsonSyntaxError("Extra data", rest);
    return ok(v);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return err(located(s, e));
    throw e;
  }
}

function numberJson(x: number): string {
  if (x !== x) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0.0"; // integral floats print as ints, but -0 keeps its sign
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x);
  return floatRepr(x);
}

/** `to_json(j) -> String`. */
export function toJson(j: Value): string {
  const v = j as CVariant;
  switch (v.tag) {
    case "JNull":
      return "null";
    case "JBool":
      return v.payload[0] ? "true" : "false";
    case "JNum":
      return numberJson((v.payload[0] as CFloat).v);
    case "JStr":
      return JSON.stringify(v.payload[0]);
    case "JArr":
      return "[" + (v.payload[0] as Value[]).map(toJson).join(", ") + "]";
    case "JObj":
      return "{" + [...(v.payload[0] as CMap).entries()].map(([k, x]) => JSON.stringify(k) + ": " + toJson(x)).join(", ") + "}";
  }
  return "null";
}
