/**
 * Krippendorff's alpha for reliability data: units (comments) x coders (annotators), any
 * number of coders per unit, missing values allowed. Written from Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability": alpha = 1 - D_o / D_e over the coincidence
 * of pairable values. Checked against that paper's worked examples (test/shared).
 *
 * No maintained JavaScript statistics library computes it (we looked on npm), hence this file.
 */

export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** One unit's values, one per coder that rated it (missing values left out). */
export type UnitValues = readonly (number | string)[];

export interface AlphaResult {
  /** Null when undefined: fewer than two pairable values, or no variation at all (D_e = 0). */
  alpha: number | null;
  /** Units with at least two values (the only ones that count). */
  units: number;
  /** Pairable values (n in the paper). */
  values: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

export function krippendorffAlpha(units: readonly UnitValues[], level: AlphaLevel): AlphaResult {
  const pairable = units.filter((unit) => unit.length >= 2);
  const n = pairable.reduce((sum, unit) => sum + unit.length, 0);
  const empty: AlphaResult = { alpha: null, units: pairable.length, values: n, observedDisagreement: 0, expectedDisagreement: 0 };
  if (n < 2) return empty;
  if (level !== "nominal" && pairable.some((unit) => unit.some((value) => typeof value !== "number"))) {
    throw new TypeError(`${level} alpha needs numbers`);
  }
  const { observed, expected } = level === "nominal" ? nominal(pairable, n) : level === "interval" ? interval(pairable as readonly (readonly number[])[], n) : byCoincidence(pairable as readonly (readonly number[])[], n, level);
  return { ...empty, alpha: expected === 0 ? null : 1 - observed / expected, observedDisagreement: observed, expectedDisagreement: expected };
}

/** Nominal: a pair disagrees when its values differ. Linear in the data. */
function nominal(units: readonly UnitValues[], n: number): { observed: number; expected: number } {
  let agreeing = 0;
  const totals = new Map<number | string, number>();
  for (const unit of units) {
    const counts = new Map<number | string, number>();
    for (const value of unit) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const [value, count] of counts) {
      agreeing += (count * (count - 1)) / (unit.length - 1);
      totals.set(value, (totals.get(value) ?? 0) + count);
    }
  }
  let expectedAgreeing = 0;
  for (const count of totals.values()) expectedAgreeing += count * (count - 1);
  return { observed: 1 - agreeing / n, expected: 1 - expectedAgreeing / (n * (n - 1)) };
}

/** Interval: squared differences; sums of squares keep it linear even for continuous scores. */
function interval(units: readonly (readonly number[])[], n: number): { observed: number; expected: number } {
  let observed = 0;
  let sum = 0;
  let squares = 0;
  for (const unit of units) {
    const m = unit.length;
    const unitSum = unit.reduce((a, b) => a + b, 0);
    const unitSquares = unit.reduce((a, b) => a + b * b, 0);
    // Sum over ordered pairs i != j of (x_i - x_j)^2 = 2 (m * sum x^2 - (sum x)^2).
    observed += (2 * (m * unitSquares - unitSum * unitSum)) / (m - 1);
    sum += unitSum;
    squares += unitSquares;
  }
  return { observed: observed / n, expected: (2 * (n * squares - sum * sum)) / (n * (n - 1)) };
}

/** Ordinal and ratio: the coincidence matrix over the distinct values and the level's metric. */
function byCoincidence(units: readonly (readonly number[])[], n: number, level: "ordinal" | "ratio"): { observed: number; expected: number } {
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const position = new Map(values.map((value, index) => [value, index]));
  const size = values.length;
  const coincidences = new Float64Array(size * size);
  for (const unit of units) {
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i === j) continue;
        const cell = (position.get(unit[i] as number) as number) * size + (position.get(unit[j] as number) as number);
        coincidences[cell] = (coincidences[cell] as number) + weight;
      }
    }
  }
  const marginals = values.map((_, c) => {
    let total = 0;
    for (let k = 0; k < size; k++) total += coincidences[c * size + k] as number;
    return total;
  });
  const distance = (c: number, k: number): number => {
    if (level === "ratio") {
      const a = values[c] as number;
      const b = values[k] as number;
      return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    }
    const [low, high] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = low; g <= high; g++) between += marginals[g] as number;
    return (between - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const delta = distance(c, k);
      observed += (coincidences[c * size + k] as number) * delta;
      expected += (marginals[c] as number) * (marginals[k] as number) * delta;
    }
  }
  return { observed: observed / n, expected: expected / (n * (n - 1)) };
}
