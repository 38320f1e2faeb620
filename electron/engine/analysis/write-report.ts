import path from "node:path";
import type { FileProblem } from "../../../shared/contract.js";
import { analysisTables, tableCsv, tableLatex } from "../../../shared/analysis/tables.js";
import { analysisChart } from "../../../shared/plots/analysis-charts.js";
import { chartToPng, chartToSvg } from "../../plots/render-chart.js";
import { writeFileAtomic } from "../../storage/atomic-write.js";
import { appVersion } from "../../app-version.js";
import { figureStem } from "./report-plan.js";
import { reportHtml, type ReportSection } from "./report-html.js";
import { summarize } from "./summarize.js";
import { writeStudyDataset } from "./write-dataset.js";
import type { StudyMeasures } from "./study-measures.js";

export interface WrittenReport {
  /** Paths written, relative to the output folder. */
  files: string[];
  problems: FileProblem[];
}

const FIGURE_NAMES = { means: "condition means with 95 % CI", turns: "mean by turn", cumulative: "running mean by turn", histogram: "distribution" } as const;

/**
 * Everything `cli analyze` and the study view's "Export report" write into one folder: the
 * dataset and analysis.py, every figure of the report plan as SVG and PNG, every table as
 * CSV and LaTeX, and report.html, one page that shows them all.
 */
export async function writeStudyReport(study: StudyMeasures, out: string): Promise<WrittenReport> {
  const dataset = await writeStudyDataset(study, out);
  const files = [...dataset.files];
  const write = async (relative: string, content: string | Uint8Array) => {
    await writeFileAtomic(path.join(out, relative), content);
    files.push(relative);
  };
  const sections: ReportSection[] = [];
  for (const analysis of dataset.plan.analyses) {
    const result = summarize(study, { measure: analysis.measure, factors: dataset.plan.factors, unit: analysis.unit });
    const figures: ReportSection["figures"] = [];
    for (const kind of analysis.figures) {
      if ((kind === "turns" || kind === "cumulative") && result.byTurn.length === 0) continue;
      const spec = analysisChart(result, kind);
      const stem = figureStem(analysis, kind);
      const svg = await chartToSvg(spec);
      await write(`figures/${stem}.svg`, svg);
      await write(`figures/${stem}.png`, await chartToPng(spec));
      figures.push({ stem, svg, description: `${result.measure.label}: ${FIGURE_NAMES[kind]}` });
    }
    const tables = analysisTables(result);
    for (const table of tables) {
      await write(`tables/${table.name}.csv`, tableCsv(table));
      await write(`tables/${table.name}.tex`, tableLatex(table));
    }
    sections.push({ result, figures, tables });
  }
  const problems = [...dataset.problems];
  await write("report.html", reportHtml(study, sections, [...study.problems, ...problems], appVersion, new Date()));
  return { files, problems };
}
