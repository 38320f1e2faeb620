import { readFileSync } from "node:fs";
import { describe as group, expect, it } from "vitest";
import { describe, holm, kruskalWallis, oneWayAnova, welchTest } from "../../../electron/engine/analysis/statistics.js";

// Computed once with scipy and statsmodels by test/fixtures/analysis/make-stats-reference.py.
const reference = JSON.parse(readFileSync(new URL("../../fixtures/analysis/stats-reference.json", import.meta.url), "utf8")) as {
  groups: Record<string, number[]>;
  describe: Record<string, { n: number; mean: number; sd: number; ciLow: number; ciHigh: number; median: number }>;
  welch: { a: string; b: string; t: number; df: number; p: number }[];
  anova: { groups: string[]; f: number; p: number }[];
  kruskal: { groups: string[]; h: number; p: number }[];
  holm: { p: number[]; adjusted: number[] }[];
};
const data = (name: string) => reference.groups[name] as number[];

group("statistics against scipy and statsmodels", () => {
  it.each(Object.keys(reference.describe))("mean, sd, median and 95 %% t confidence interval of %s", (name) => {
    const expected = reference.describe[name]!;
    const actual = describe(data(name));
    expect(actual.n).toBe(expected.n);
    for (const key of ["mean", "sd", "ciLow", "ciHigh", "median"] as const) expect(actual[key], key).toBeCloseTo(expected[key], 10);
  });

  it.each(reference.welch)("Welch t-test $a vs $b", ({ a, b, t, df, p }) => {
    const result = welchTest(data(a), data(b));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.t).toBeCloseTo(t, 10);
    expect(result.value.df).toBeCloseTo(df, 10);
    expect(result.value.p).toBeCloseTo(p, 10);
  });

  it.each(reference.anova)("one-way ANOVA over $groups", ({ groups, f, p }) => {
    const result = oneWayAnova(groups.map(data));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.f).toBeCloseTo(f, 9);
    expect(result.value.p).toBeCloseTo(p, 10);
  });

  it.each(reference.kruskal)("Kruskal-Wallis with ties over $groups", ({ groups, h, p }) => {
    const result = kruskalWallis(groups.map(data));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.h).toBeCloseTo(h, 10);
    expect(result.value.p).toBeCloseTo(p, 10);
  });

  it.each(reference.holm)("Holm correction of $p", ({ p, adjusted }) => {
    holm(p).forEach((value, index) => expect(value).toBeCloseTo(adjusted[index]!, 12));
  });
});

group("what the data cannot support", () => {
  it("has no interval for one value and nothing at all for none", () => {
    expect(describe([4])).toEqual({ n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null, median: 4 });
    expect(describe([])).toMatchObject({ n: 0, mean: null, ciLow: null });
  });

  it("says why a test cannot be made instead of answering NaN", () => {
    expect(welchTest([1], [2, 3])).toEqual({ ok: false, reason: "each side needs at least two values" });
    expect(welchTest([2, 2], [2, 2])).toEqual({ ok: false, reason: "no variance on either side" });
    expect(oneWayAnova([[1, 2], []])).toEqual({ ok: false, reason: "needs at least two conditions with data" });
    expect(oneWayAnova([[1], [2]])).toEqual({ ok: false, reason: "needs more values than conditions" });
    expect(oneWayAnova([[1, 1], [2, 2]])).toEqual({ ok: false, reason: "no variance within conditions" });
    expect(kruskalWallis([[3, 3], [3]])).toEqual({ ok: false, reason: "all values are equal" });
  });

  it("leaves empty conditions out of the omnibus tests", () => {
    const withEmpty = oneWayAnova([data("words_none"), [], data("words_mod"), data("words_silent")]);
    const without = oneWayAnova([data("words_none"), data("words_mod"), data("words_silent")]);
    expect(withEmpty).toEqual(without);
  });
});
