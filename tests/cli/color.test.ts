// useColor's precedence, including the terminal case a spawned test cannot reach (item 18).
import { expect, it } from "vitest";
import { useColor } from "../../src/cli/report.js";

it("colours a terminal unless NO_COLOR is set; FORCE_COLOR decides first; --no-color always wins", () => {
  expect(useColor(true, {}, true)).toBe(true);
  expect(useColor(true, {}, false)).toBe(false);
  expect(useColor(true, { NO_COLOR: "1" }, true)).toBe(false);
  expect(useColor(true, { NO_COLOR: "" }, true)).toBe(true);
  expect(useColor(true, { FORCE_COLOR: "1" }, false)).toBe(true);
  expect(useColor(true, { FORCE_COLOR: "" }, false)).toBe(true);
  expect(useColor(true, { FORCE_COLOR: "false" }, true)).toBe(false);
  expect(useColor(false, { FORCE_COLOR: "1" }, true)).toBe(false);
});
