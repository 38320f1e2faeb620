import type { AnalysisResult } from "../domain/analysis.js";
import { formatPValue, type ChartSpec } from "./profile-chart.js";

/**
 * The analysis figures as Vega-Lite specs, drawn from the summaries the main process
 * computed (never from raw comments): condition means with 95 % intervals, means and running
 * means by turn, and the distribution. The view and the exported report draw the same specs.
 */

export type AnalysisFigure = "means" | "turns" | "cumulative" | "histogram";

const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
const config = { font: FONT, view: { stroke: null }, background: "white", axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11, titleFontSize: 11 } };

function unitLine(result: AnalysisResult): string {
  if (result.measure.level === "discussion") return `per discussion (${result.discussionsUsed} discussions)`;
  return result.unit === "discussion" ? `discussion means of ${result.roles.join(", ")} comments` : `every ${result.roles.join(", ")} comment`;
}

/** The omnibus tests as a paper's parenthesis: "ANOVA F(1, 2) = 0.41, p = 0.586; Kruskal-Wallis H(1) = 0.33, p = 0.564". */
export function testsLine(result: AnalysisResult): string {
  const { anova, kruskal } = result.omnibus;
  const parts: string[] = [];
  if (anova) parts.push(`ANOVA F(${anova.dfBetween}, ${anova.dfWithin}) = ${anova.f.toFixed(2)}, ${formatPValue(anova.p)}`);
  if (kruskal) parts.push(`Kruskal-Wallis H(${kruskal.df}) = ${kruskal.h.toFixed(2)}, ${formatPValue(kruskal.p)}`);
  return parts.join("; ");
}

export function analysisChart(result: AnalysisResult, figure: AnalysisFigure): ChartSpec {
  switch (figure) {
    case "means":
      return meansChart(result);
    case "turns":
      return turnsChart(result, "mean");
    case "cumulative":
      return turnsChart(result, "cumulative");
    case "histogram":
      return histogramChart(result);
  }
}

/** Which figures a result can have: turn curves only for comment measures with turns. */
export function figuresOf(result: AnalysisResult): AnalysisFigure[] {
  return result.byTurn.length > 0 ? ["means", "turns", "cumulative", "histogram"] : ["means", "histogram"];
}

export function meansChart(result: AnalysisResult): ChartSpec {
  const [first, second] = result.factors;
  const order = (factor: string | undefined) => (factor ? [...new Set(result.conditions.map((c) => c.levels[factor] as string))] : ["all"]);
  const values = result.conditions
    .filter((c) => c.mean !== null)
    .map((c) => ({
      condition: c.condition,
      x: first ? c.levels[first] : c.condition,
      group: second ? c.levels[second] : null,
      mean: c.mean,
      ciLow: c.ciLow ?? c.mean,
      ciHigh: c.ciHigh ?? c.mean,
      n: c.n,
    }));
  const groupEncoding = second
    ? { color: { field: "group", type: "nominal" as const, title: second, sort: order(second) }, xOffset: { field: "group", type: "nominal" as const, sort: order(second) } }
    : {};
  const tests = testsLine(result);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: result.measure.label, subtitle: [unitLine(result), ...(tests ? [tests] : [])], anchor: "start" },
    width: Math.max(240, 70 * Math.max(1, values.length)),
    height: 220,
    data: { values },
    encoding: {
      x: { field: "x", type: "nominal", sort: order(first), title: first ?? null, axis: { labelAngle: 0, labelLimit: 140 } },
      ...groupEncoding,
    },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y: { field: "ciLow", type: "quantitative", title: `${result.measure.label} (mean, 95 % CI)`, scale: { zero: false } },
          y2: { field: "ciHigh" },
        },
      },
      {
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          y: { field: "mean", type: "quantitative" },
          tooltip: [
            { field: "condition", type: "nominal" },
            { field: "mean", type: "quantitative", format: ".3f" },
            { field: "ciLow", type: "quantitative", format: ".3f", title: "CI low" },
            { field: "ciHigh", type: "quantitative", format: ".3f", title: "CI high" },
            { field: "n", type: "quantitative" },
          ],
        },
      },
    ],
    config,
  };
}

export function turnsChart(result: AnalysisResult, kind: "mean" | "cumulative"): ChartSpec {
  const cumulative = kind === "cumulative";
  const values = result.byTurn.flatMap((point) => {
    const mean = cumulative ? point.cumulativeMean : point.mean;
    if (mean === null) return [];
    const low = cumulative ? point.cumulativeCiLow : point.ciLow;
    const high = cumulative ? point.cumulativeCiHigh : point.ciHigh;
    return [{ condition: point.condition, turn: point.turn, mean, ciLow: low ?? mean, ciHigh: high ?? mean, n: cumulative ? point.cumulativeN : point.n }];
  });
  const conditions = result.conditions.map((c) => c.condition);
  const color = { field: "condition", type: "nominal" as const, sort: conditions, title: result.factors.length ? result.factors.join(" × ") : null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `${result.measure.label} ${cumulative ? "(running mean by turn)" : "by turn"}`,
      subtitle: cumulative ? "each discussion's mean up to the turn, averaged over discussions; 95 % CI" : "mean of the comments at each turn; 95 % CI",
      anchor: "start",
    },
    width: 420,
    height: 220,
    data: { values },
    encoding: {
      x: { field: "turn", type: "quantitative", title: "Turn (from 0)", axis: { tickMinStep: 1, format: "d" } },
      color,
    },
    layer: [
      { mark: { type: "area", opacity: 0.18 }, encoding: { y: { field: "ciLow", type: "quantitative", scale: { zero: false }, title: result.measure.label }, y2: { field: "ciHigh" } } },
      {
        mark: { type: "line", point: true },
        encoding: {
          y: { field: "mean", type: "quantitative" },
          tooltip: [
            { field: "condition", type: "nominal" },
            { field: "turn", type: "quantitative" },
            { field: "mean", type: "quantitative", format: ".3f" },
            { field: "n", type: "quantitative" },
          ],
        },
      },
    ],
    config,
  };
}

export function histogramChart(result: AnalysisResult): ChartSpec {
  const conditions = result.conditions.map((c) => c.condition);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `${result.measure.label}: distribution`, subtitle: unitLine(result), anchor: "start" },
    data: { values: result.histogram },
    facet: { row: { field: "condition", type: "nominal", sort: conditions, title: null, header: { labelAngle: 0, labelAlign: "left", labelFontSize: 11 } } },
    spec: {
      width: 380,
      height: 70,
      mark: { type: "bar", binSpacing: 1 },
      encoding: {
        x: { field: "start", type: "quantitative", bin: { binned: true }, title: result.measure.label },
        x2: { field: "end" },
        y: { field: "count", type: "quantitative", title: "count" },
        tooltip: [
          { field: "start", type: "quantitative", title: "from" },
          { field: "end", type: "quantitative", title: "to" },
          { field: "count", type: "quantitative" },
        ],
      },
    },
    config,
  };
}
