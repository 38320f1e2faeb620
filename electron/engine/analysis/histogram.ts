import type { HistogramBin } from "../../../shared/domain/analysis.js";

/**
 * Counts per condition in bins shared by every condition, so distributions compare bin for
 * bin. Whole numbers within a range of 40 get one bin per number; otherwise about 20 bins of a
 * round width (1, 2, 2.5 or 5 times a power of ten). The last bin includes its upper edge.
 */
export function histogramBins(groups: readonly { condition: string; values: readonly number[] }[]): HistogramBin[] {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (const { values } of groups) {
    for (const value of values) {
      if (value < min) min = value;
      if (value > max) max = value;
      if (integers && !Number.isInteger(value)) integers = false;
    }
  }
  if (min === Infinity) return [];
  const { start, width, count } = binning(min, max, integers);
  const bins: HistogramBin[] = [];
  for (const { condition, values } of groups) {
    const counts = new Array<number>(count).fill(0);
    for (const value of values) {
      const bin = Math.min(count - 1, Math.floor((value - start) / width));
      counts[bin] = (counts[bin] as number) + 1;
    }
    counts.forEach((n, index) => bins.push({ condition, start: round(start + index * width), end: round(start + (index + 1) * width), count: n }));
  }
  return bins;
}

function binning(min: number, max: number, integers: boolean): { start: number; width: number; count: number } {
  if (min === max) return integers ? { start: min, width: 1, count: 1 } : { start: min - 0.5, width: 1, count: 1 };
  if (integers && max - min <= 40) return { start: min, width: 1, count: max - min + 1 };
  const raw = (max - min) / 20;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const width = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw) as number) * magnitude;
  const start = Math.floor(min / width) * width;
  return { start, width, count: Math.max(1, Math.ceil((max - start) / width - 1e-9)) };
}

/** Bin edges as a person writes them (0.30000000000000004 -> 0.3). */
function round(value: number): number {
  return Number(value.toPrecision(12));
}
