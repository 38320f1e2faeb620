import { parse, View } from "vega";
import { compile } from "vega-lite";
import { expressionInterpreter } from "vega-interpreter";
import type { ChartSpec } from "./profile-chart.js";

/**
 * A Vega view of a Vega-Lite spec, with expressions interpreted rather than compiled to code:
 * the renderer's Content-Security-Policy forbids eval, and Node and the browser then draw the
 * same figure the same way. Finalize the view when done.
 */
export function chartView(spec: ChartSpec, renderer: "none" | "svg" | "canvas" = "none"): View {
  const runtime = parse(compile(spec).spec, undefined, { ast: true });
  return new View(runtime, { renderer, expr: expressionInterpreter });
}

/** The figure as a standalone SVG document. */
export async function chartToSvg(spec: ChartSpec): Promise<string> {
  const view = chartView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
