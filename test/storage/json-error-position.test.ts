import { describe, expect, it } from "vitest";
import { jsonErrorPosition } from "../../electron/storage/json-error-position.js";

const valid = '{"a": [1, -2.5e3, true, false, null, {}], "b\\u00e9": "x\\"y\\n", "c": [[], {"d": 0}]}';

describe("jsonErrorPosition", () => {
  it("returns -1 for valid JSON", () => {
    expect(jsonErrorPosition(valid)).toBe(-1);
    expect(jsonErrorPosition(" 7 ")).toBe(-1);
  });

  it("points at the first bad character", () => {
    expect(jsonErrorPosition('{"logs": [}')).toBe(10);
    expect(jsonErrorPosition('{"a": 1,}')).toBe(8);
    expect(jsonErrorPosition('{"a" 1}')).toBe(5);
    expect(jsonErrorPosition('["a\tb"]')).toBe(3);
    expect(jsonErrorPosition("[01]")).toBe(2);
    expect(jsonErrorPosition("{} x")).toBe(3);
  });

  it("agrees with JSON.parse on every truncation and one-character change", () => {
    const variants = [...Array(valid.length).keys()].flatMap((i) => [
      valid.slice(0, i),
      valid.slice(0, i) + valid.slice(i + 1),
      valid.slice(0, i) + "]" + valid.slice(i + 1),
    ]);
    for (const text of variants) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(jsonErrorPosition(text) === -1, text).toBe(parses);
    }
  });
});
