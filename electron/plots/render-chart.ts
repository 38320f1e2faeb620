import { Resvg } from "@resvg/resvg-js";
import { chartToSvg } from "../../shared/plots/chart-view.js";
import type { ChartSpec } from "../../shared/plots/profile-chart.js";

export { chartToSvg };

/**
 * The figure as a PNG, rasterised by resvg (no browser, no canvas): `scale` 2 suits a paper.
 * Text uses the system's fonts, so install a sans-serif font (DejaVu on Linux) on a bare server.
 */
export async function chartToPng(spec: ChartSpec, scale = 2): Promise<Buffer> {
  const svg = await chartToSvg(spec);
  const image = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return image.render().asPng();
}
