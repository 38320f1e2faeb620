import { describe, expect, it } from "vitest";
import { chartToPng, chartToSvg } from "../../electron/plots/render-chart.js";
import { fieldProfileChart } from "../../shared/plots/profile-chart.js";
import type { FieldProfile } from "../../shared/domain/population-profile.js";

const profile: FieldProfile = {
  field: "sex",
  label: "sex",
  rows: [
    { category: "Female", targetShare: 0.5, drawnCount: 12, drawnShare: 0.6 },
    { category: "Male", targetShare: 0.5, drawnCount: 8, drawnShare: 0.4 },
  ],
  chiSquare: { statistic: 0.8, degreesOfFreedom: 1, pValue: 0.3711 },
  totalVariation: 0.1,
  notes: [],
};

describe("figures in Node (Vega-Lite to SVG, resvg to PNG)", () => {
  it("an SVG with the field, its categories, the fit and one bar per category and series", async () => {
    const svg = await chartToSvg(fieldProfileChart(profile, 20));
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["sex", "Female", "Male", "χ²(1) = 0.80, p = 0.371 · TV = 0.100 · n = 20", "target", "drawn"]) expect(svg).toContain(`>${text}<`);
    // Four bars: target and drawn for each of the two categories.
    expect(svg.match(/role="graphics-symbol"[^>]*aria-roledescription="bar"/g)).toHaveLength(4);
  });

  it("a PNG twice the SVG's size", async () => {
    const spec = fieldProfileChart(profile, 20);
    const width = Number(/width="(\d+)"/.exec(await chartToSvg(spec))?.[1]);
    const png = await chartToPng(spec);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(width * 2);
  });
});
