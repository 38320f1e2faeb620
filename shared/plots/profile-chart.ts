import type { TopLevelSpec } from "vega-lite";
import type { FieldProfile } from "../domain/population-profile.js";

/** A Vega-Lite spec as it crosses the contract: plain JSON. */
export type ChartSpec = TopLevelSpec;

const SERIES_COLORS = { target: "#94a3b8", drawn: "#4f46e5" } as const;

/** "p < 0.001" style, as a paper reports it. */
export function formatPValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(3)}`;
}

/** One line a reader can quote: chi-square (where there is one) and total variation. */
export function describeFit(profile: FieldProfile, size: number): string {
  const parts = [];
  if (profile.chiSquare) parts.push(`χ²(${profile.chiSquare.degreesOfFreedom}) = ${profile.chiSquare.statistic.toFixed(2)}, ${formatPValue(profile.chiSquare.pValue)}`);
  parts.push(`TV = ${profile.totalVariation.toFixed(3)}`);
  parts.push(`n = ${size}`);
  return parts.join(" · ");
}

/**
 * Drawn shares beside target shares for one field: horizontal bars (category labels stay
 * readable), target and drawn side by side per category, the fit in the subtitle.
 */
export function fieldProfileChart(profile: FieldProfile, size: number): ChartSpec {
  const values = profile.rows.flatMap((row) => [
    { category: row.category === "" ? "(empty)" : row.category, series: "target", share: row.targetShare, count: null },
    { category: row.category === "" ? "(empty)" : row.category, series: "drawn", share: row.drawnShare, count: row.drawnCount },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: profile.label, subtitle: describeFit(profile, size), anchor: "start" },
    width: 360,
    height: { step: 11 },
    data: { values },
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "category", type: "nominal", sort: null, title: null, axis: { labelLimit: 180 } },
      yOffset: { field: "series", sort: ["target", "drawn"] },
      x: { field: "share", type: "quantitative", title: "share of personas", axis: { format: "%" } },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: ["target", "drawn"], range: [SERIES_COLORS.target, SERIES_COLORS.drawn] },
        legend: { orient: "top", direction: "horizontal" },
      },
      tooltip: [
        { field: "category", type: "nominal" },
        { field: "series", type: "nominal" },
        { field: "share", type: "quantitative", format: ".1%" },
        { field: "count", type: "quantitative" },
      ],
    },
    config: { font: "DejaVu Sans, Helvetica, Arial, sans-serif", view: { stroke: null }, background: "white" },
  };
}
