// The child's fast path for calls and attribute reads (src/runtime/python/call-codec.ts): the
// arguments reach Python flat, a type code each, and the tagged result becomes the same JSON reply
// the general path writes. The Python half is exercised end to end by sandbox.test.ts.
import { describe, expect, it } from "vitest";
import { callReply, getattrReply } from "../../src/runtime/python/call-codec.js";

describe("call codec", () => {
  it("passes each argument as a type code and a scalar, and anything else as JSON", () => {
    const seen: unknown[][] = [];
    const call = (handle: number, codes: string, ...values: unknown[]): string => {
      seen.push([handle, codes, ...values]);
      return "snone";
    };
    callReply(call, 7, [{ $float: "1.5" }, { $int: "9007199254740993" }, "text", true, null, { $handle: 3 }, [1, { $tuple: [] }], { $map: [] }]);
    expect(seen).toEqual([[7, "fisbnhjj", "1.5", "9007199254740993", "text", true, null, 3, '[1,{"$tuple":[]}]', '{"$map":[]}']]);
  });

  it("turns each tagged result into the general path's reply", () => {
    const reply = (tagged: string) => JSON.parse(callReply(() => tagged, 1, [])) as unknown;
    expect(reply("f1.7320508075688772")).toEqual({ ok: { $float: "1.7320508075688772" } });
    expect(reply("finf")).toEqual({ ok: { $float: "inf" } });
    expect(reply("i-123456789012345678901")).toEqual({ ok: { $int: "-123456789012345678901" } });
    expect(reply('s"quoted"\n\u00e9')).toEqual({ ok: '"quoted"\n\u00e9' });
    expect(reply('j{"ok": [1, 2]}')).toEqual({ ok: [1, 2] });
    expect(reply('j{"error": {"type": "ValueError", "message": "bad"}}')).toEqual({ error: { type: "ValueError", message: "bad" } });
  });

  it("reads a handle's type and repr, the repr last whatever it holds", () => {
    const reply = JSON.parse(getattrReply(() => "h42\0builtin_function_or_method\0<odd \0 repr|>", 1, "sqrt")) as unknown;
    expect(reply).toEqual({ ok: { $handle: 42, $type: "builtin_function_or_method", $repr: "<odd \0 repr|>" } });
  });
});
