import { useMemo } from "react";
import { analysisChart, figuresOf } from "../../../shared/plots/analysis-charts.js";
import { analysisTables } from "../../../shared/analysis/tables.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { VegaChart } from "../../ui/VegaChart.js";
import { AnalysisControls } from "./AnalysisControls.js";
import { AnalysisTableView } from "./AnalysisTableView.js";
import { useStudiesStore } from "./studies-store.js";

const figureLabels = { means: "condition means", turns: "means by turn", cumulative: "running means by turn", histogram: "distribution" } as const;

/** Pick a measure and up to two factors; see means with intervals, turn curves, the distribution and the tests. */
export function AnalysisPanel() {
  const measuring = useStudiesStore((state) => state.measuring);
  const overview = useStudiesStore((state) => state.overview);
  const result = useStudiesStore((state) => state.result);
  const summarizing = useStudiesStore((state) => state.summarizing);
  const studyId = useStudiesStore((state) => state.selected);
  const charts = useMemo(() => (result ? figuresOf(result).map((figure) => ({ figure, spec: analysisChart(result, figure) })) : []), [result]);
  const tables = useMemo(() => (result ? analysisTables(result) : []), [result]);
  if (measuring) {
    return (
      <div className="flex max-w-md flex-col gap-2" data-testid="measuring">
        <p className="text-sm">
          Measuring discussions… {measuring.done}/{measuring.total}
        </p>
        <ProgressBar value={measuring.total > 0 ? measuring.done / measuring.total : null} label="Measuring" />
      </div>
    );
  }
  if (!overview) return null;
  return (
    <div className="flex flex-col gap-5" data-testid="analysis">
      <AnalysisControls />
      {overview.problems.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">{overview.problems.length === 1 ? "One file could not be analysed; the rest is:" : `${overview.problems.length} files could not be analysed; the rest is:`}</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {overview.problems.map((problem) => (
              <li key={problem.file}>
                <span className="font-mono">{problem.file}</span>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <>
          {result.notes.length > 0 && (
            <ul className="list-disc pl-5 text-xs text-slate-600 dark:text-slate-300" data-testid="analysis-notes">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <div className={`grid grid-cols-1 gap-6 2xl:grid-cols-2 ${summarizing ? "opacity-60" : ""}`}>
            {charts.map(({ figure, spec }) => (
              <VegaChart key={figure} spec={spec} description={`${result.measure.label}: ${figureLabels[figure]}`} fileStem={`${studyId}-${result.measure.level}-${result.measure.column}-${figure}`} />
            ))}
          </div>
          {tables.map((table) => (
            <AnalysisTableView key={table.name} table={table} fileStem={`${studyId}-${table.name}`} />
          ))}
        </>
      )}
    </div>
  );
}
