import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type UnitValues } from "../../shared/krippendorff.js";

type Matrix = (number | string | null)[][];

/** Reliability data as coders x units (the papers' layout) -> per-unit value lists. */
function units(coders: Matrix): UnitValues[] {
  const count = Math.max(...coders.map((row) => row.length));
  return Array.from({ length: count }, (_, u) => coders.flatMap((row) => (row[u] === null || row[u] === undefined ? [] : [row[u] as number | string])));
}

const _ = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing data.
const paperC: Matrix = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha against published values", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("Krippendorff (2011) section C-F example, %s: %f", (level, published) => {
    const result = krippendorffAlpha(units(paperC), level);
    expect(result.alpha).toBeCloseTo(published, 3);
    // Unit 12 has a single value and does not count.
    expect(result.units).toBe(11);
    expect(result.values).toBe(40);
  });

  it("Krippendorff (2011) section A: two observers, binary data: 0.095", () => {
    const binary: Matrix = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(units(binary), "nominal").alpha).toBeCloseTo(0.095, 3);
  });

  it("the three-coder example of Krippendorff's Wikipedia article: nominal 0.691, interval 0.811", () => {
    const wiki: Matrix = [
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ];
    expect(krippendorffAlpha(units(wiki), "nominal").alpha).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(units(wiki), "interval").alpha).toBeCloseTo(0.811, 3);
  });
});

describe("Krippendorff's alpha, edge cases", () => {
  it("nominal labels may be strings, and perfect agreement is 1", () => {
    expect(krippendorffAlpha([["for", "for"], ["against", "against", "against"], ["for", "for"]], "nominal").alpha).toBe(1);
  });

  it("is undefined without variation or without pairable values", () => {
    expect(krippendorffAlpha([[3, 3], [3, 3, 3]], "interval").alpha).toBeNull();
    expect(krippendorffAlpha([[1], [2], [3]], "nominal")).toMatchObject({ alpha: null, units: 0, values: 0 });
    expect(krippendorffAlpha([], "interval").alpha).toBeNull();
  });

  it("interval's linear formula equals summing every pair (continuous scores)", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const data = Array.from({ length: 40 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => Math.round(random() * 1000) / 1000));
    const n = data.flat().length;
    let observed = 0;
    for (const unit of data) for (const a of unit) for (const b of unit) observed += (a - b) ** 2 / (unit.length - 1);
    let expected = 0;
    const all = data.flat();
    for (let i = 0; i < all.length; i++) for (let j = 0; j < all.length; j++) if (i !== j) expected += ((all[i] as number) - (all[j] as number)) ** 2;
    const brute = 1 - observed / n / (expected / (n * (n - 1)));
    expect(krippendorffAlpha(data, "interval").alpha).toBeCloseTo(brute, 10);
  });

  it("refuses strings for the numeric levels", () => {
    expect(() => krippendorffAlpha([["a", "b"]], "interval")).toThrow("interval alpha needs numbers");
  });
});
