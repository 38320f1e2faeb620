import { useEffect, useState } from "react";
import { chartToSvg, chartView } from "../../shared/plots/chart-view.js";
import type { ChartSpec } from "../../shared/plots/profile-chart.js";
import { downloadText } from "./download.js";

/** Saves a figure as SVG or as a PNG at twice its size (canvas rendering, in the page). */
export async function downloadChart(spec: ChartSpec, fileStem: string, format: "svg" | "png"): Promise<void> {
  if (format === "svg") {
    downloadText(`${fileStem}.svg`, await chartToSvg(spec), "image/svg+xml");
    return;
  }
  const view = chartView(spec);
  try {
    const url = await view.toImageURL("png", 2);
    const link = document.createElement("a");
    link.href = url;
    link.download = `${fileStem}.png`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    view.finalize();
  }
}

/**
 * A Vega-Lite figure computed from data the main process sent. Drawn to an SVG document shown
 * as an image: the page's CSP allows no inline styles, and an image cannot run anything.
 * `description` is the image's text alternative.
 */
export function VegaChart({ spec, description, fileStem }: { spec: ChartSpec; description: string; fileStem: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    chartToSvg(spec).then(
      (text) => current && setSvg(text),
      (reason: unknown) => current && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      current = false;
    };
  }, [spec]);
  return (
    <figure className="flex flex-col gap-1">
      {error ? (
        <p className="text-sm text-rose-600">The figure could not be drawn: {error}</p>
      ) : svg ? (
        <img className="max-w-full self-start rounded bg-white" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={description} />
      ) : (
        <p className="text-sm text-slate-500">Drawing…</p>
      )}
      <figcaption className="flex gap-2 text-xs">
        <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => void downloadChart(spec, fileStem, "svg")}>
          SVG
        </button>
        <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => void downloadChart(spec, fileStem, "png")}>
          PNG
        </button>
      </figcaption>
    </figure>
  );
}
