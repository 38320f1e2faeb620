import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pyFloatRepr, pyJsonDumps, pyJsonString } from "../../shared/pyjson.js";

// Reference bytes written by CPython's json module (test/fixtures/python/make-references.py).
const dir = fileURLToPath(new URL("../fixtures/python/pyjson/", import.meta.url));
const read = (name: string): string => readFileSync(dir + name, "utf8");
const cases = JSON.parse(read("cases.json")) as { name: string; value: unknown }[];

describe("pyJsonDumps against Python's json module", () => {
  it("has reference cases", () => expect(cases.length).toBeGreaterThan(10));

  for (const { name, value } of cases) {
    it(`${name}: json.dumps(obj)`, () => expect(pyJsonDumps(value)).toBe(read(`${name}.dumps.txt`)));
    it(`${name}: json.dump(obj, f, indent=4)`, () =>
      expect(pyJsonDumps(value, { indent: 4 })).toBe(read(`${name}.indent4.json`)));
    it(`${name}: json.dumps(obj, indent=2)`, () =>
      expect(pyJsonDumps(value, { indent: 2 })).toBe(read(`${name}.indent2.json`)));
  }

  it("writes NaN and infinities as Python does", () => {
    const value = [NaN, Infinity, -Infinity, { x: NaN }];
    expect(pyJsonDumps(value)).toBe(read("nonfinite.dumps.txt"));
    expect(pyJsonDumps(value, { indent: 4 })).toBe(read("nonfinite.indent4.json"));
  });
});

describe("pyJsonDumps details", () => {
  it("escapes DEL and every non-ASCII code unit, lowercase hex", () => {
    expect(pyJsonString("\x7f\u00e9\u2028\uFFFF")).toBe('"\\u007f\\u00e9\\u2028\\uffff"');
    expect(pyJsonString("😀")).toBe('"\\ud83d\\ude00"');
  });

  it("writes integral numbers as ints (JavaScript has no 1.0)", () => {
    expect(pyJsonDumps([1.0, -0, 1e21])).toBe("[1, 0, 1000000000000000000000]");
    expect(pyJsonDumps(12345678901234567890n)).toBe("12345678901234567890");
  });

  it("matches Python float repr at the notation boundaries", () => {
    expect(pyFloatRepr(0.0001)).toBe("0.0001");
    expect(pyFloatRepr(0.00001)).toBe("1e-05");
    expect(pyFloatRepr(1e16)).toBe("1e+16");
    expect(pyFloatRepr(1e15)).toBe("1000000000000000.0");
    expect(pyFloatRepr(1.5e300)).toBe("1.5e+300");
    expect(pyFloatRepr(-0)).toBe("-0.0");
  });

  it("keeps insertion order of Map keys, even integer-like ones", () => {
    const map = new Map<string, unknown>([["b", 1], ["2", 2]]);
    expect(pyJsonDumps(map)).toBe('{"b": 1, "2": 2}');
  });

  it("skips undefined properties and rejects what Python could not encode", () => {
    expect(pyJsonDumps({ a: undefined, b: 1 })).toBe('{"b": 1}');
    expect(() => pyJsonDumps([undefined])).toThrow(/index 0/);
    expect(() => pyJsonDumps(new Date(0))).toThrow(/Date is not JSON serializable/);
    expect(() => pyJsonDumps(() => 1)).toThrow(/function/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => pyJsonDumps(loop)).toThrow(/Circular/);
  });

  it("allows the same object twice when it is not circular", () => {
    const shared = { k: [] };
    expect(pyJsonDumps([shared, shared])).toBe('[{"k": []}, {"k": []}]');
  });
});
