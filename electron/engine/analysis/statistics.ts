import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import ttest2 from "@stdlib/stats-ttest2";
import anova1 from "@stdlib/stats-anova1";
import kruskalTest from "@stdlib/stats-kruskal-test";

/**
 * Descriptive statistics and tests for condition comparisons. Distributions and tests come
 * from stdlib (checked against scipy in the tests); only Holm's correction is written here.
 * Each test answers null with a reason when the data cannot support it, never NaN.
 */

export interface Description {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1). */
  sd: number | null;
  /** 95 % confidence interval of the mean from Student's t with n - 1 degrees of freedom. */
  ciLow: number | null;
  ciHigh: number | null;
  median: number | null;
}

export function describe(values: readonly number[]): Description {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ciLow: null, ciHigh: null, median: null };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = n >> 1;
  const median = n % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  if (n === 1) return { n, mean, sd: null, ciLow: null, ciHigh: null, median };
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ciLow: mean - half, ciHigh: mean + half, median };
}

export type TestResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface WelchResult {
  meanDifference: number;
  t: number;
  df: number;
  p: number;
}

/** Welch's two-sample t-test (unequal variances, two-sided). */
export function welchTest(a: readonly number[], b: readonly number[]): TestResult<WelchResult> {
  if (a.length < 2 || b.length < 2) return { ok: false, reason: "each side needs at least two values" };
  if (variance(a) === 0 && variance(b) === 0) return { ok: false, reason: "no variance on either side" };
  const result = ttest2([...a], [...b], { variance: "unequal" });
  return { ok: true, value: { meanDifference: mean(a) - mean(b), t: result.statistic, df: result.df, p: result.pValue } };
}

export interface AnovaResult {
  f: number;
  dfBetween: number;
  dfWithin: number;
  p: number;
}

/** One-way ANOVA over groups (empty groups left out). */
export function oneWayAnova(groups: readonly (readonly number[])[]): TestResult<AnovaResult> {
  const present = groups.filter((group) => group.length > 0);
  const total = present.reduce((sum, group) => sum + group.length, 0);
  if (present.length < 2) return { ok: false, reason: "needs at least two conditions with data" };
  if (total <= present.length) return { ok: false, reason: "needs more values than conditions" };
  if (present.every((group) => variance(group) === 0 || group.length < 2)) return { ok: false, reason: "no variance within conditions" };
  const values = present.flat();
  const labels = present.flatMap((group, index) => group.map(() => String(index)));
  const result = anova1(values, labels);
  return { ok: true, value: { f: result.statistic, dfBetween: result.treatment.df, dfWithin: result.error.df, p: result.pValue } };
}

export interface KruskalResult {
  h: number;
  df: number;
  p: number;
}

/** Kruskal-Wallis H test with the tie correction (empty groups left out). */
export function kruskalWallis(groups: readonly (readonly number[])[]): TestResult<KruskalResult> {
  const present = groups.filter((group) => group.length > 0);
  if (present.length < 2) return { ok: false, reason: "needs at least two conditions with data" };
  const values = present.flat();
  if (values.every((value) => value === values[0])) return { ok: false, reason: "all values are equal" };
  const [first, ...rest] = present.map((group) => [...group]) as [number[], ...number[][]];
  const result = kruskalTest(first, ...rest);
  return { ok: true, value: { h: result.statistic, df: result.df, p: result.pValue } };
}

/**
 * Holm's step-down correction: sort the p values, multiply the i-th smallest (from 0) by
 * m - i, carry the running maximum so the order is kept, cap at 1; returned in input order.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
}
