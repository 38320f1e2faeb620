import type { ExportFileKind } from "../../../shared/contract-analysis.js";
import { Button } from "../../ui/button.js";
import { AnalysisPanel } from "./AnalysisPanel.js";
import { StudyAgreement } from "./StudyAgreement.js";
import { StudyDiscussions } from "./StudyDiscussions.js";
import { useStudiesStore, type StudyTab } from "./studies-store.js";

const DATASET_FILES: ExportFileKind[] = ["comments.csv", "comments.parquet", "discussions.csv", "discussions.parquet", "codebook.csv", "analysis.py"];
const STATUS_ORDER = ["completed", "running", "pending", "stopped", "failed", "recovered", "imported", "unreadable"] as const;

/** The selected study: its grid, counts, exports, and its discussions or analysis. */
export function StudyPanel() {
  const detail = useStudiesStore((state) => state.detail);
  const selected = useStudiesStore((state) => state.selected);
  const tab = useStudiesStore((state) => state.tab);
  const tabChanged = useStudiesStore((state) => state.tabChanged);
  const exporting = useStudiesStore((state) => state.exporting);
  const exportRequested = useStudiesStore((state) => state.exportRequested);
  const studyReopened = useStudiesStore((state) => state.studyReopened);
  if (!selected) return <div className="flex flex-1 items-center justify-center text-sm text-slate-500 dark:text-slate-400">Choose a study on the left.</div>;
  if (!detail) return <div className="flex-1 p-6 text-sm text-slate-500">Opening…</div>;
  const { summary } = detail;
  return (
    <section aria-label={summary.name} className="flex min-w-0 flex-1 flex-col overflow-y-auto">
      <header className="flex flex-col gap-3 border-b border-slate-200 px-6 py-4 dark:border-slate-800">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="truncate text-base font-semibold" data-testid="study-name">
              {summary.name}
            </h3>
            <p className="text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="study-counts">
              {summary.discussions} discussions in {summary.cells} cells:{" "}
              {STATUS_ORDER.filter((status) => summary.counts[status]).map((status) => `${summary.counts[status]} ${status}`).join(", ")}
            </p>
          </div>
          <div className="flex gap-2">
            {summary.state !== "running" && summary.state !== "paused" && (
              <Button onClick={() => void studyReopened()} title="Puts this study's design in the Experiments view: Start there runs what is missing; changed, it becomes a new study">
                {summary.state === "incomplete" ? "Reopen to resume" : "Reopen in Experiments"}
              </Button>
            )}
            <Button variant="primary" disabled={exporting !== null} onClick={() => void exportRequested("report.zip")}>
              {exporting === "report.zip" ? "Exporting…" : "Export report"}
            </Button>
          </div>
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs" aria-label="Grid">
          {summary.factors.map((factor) => (
            <div key={factor.name} className="flex gap-1.5">
              <dt className="font-medium text-slate-600 dark:text-slate-300">{factor.name}</dt>
              <dd className="text-slate-800 dark:text-slate-100">{factor.levels.join(", ")}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span className="font-medium text-slate-600 dark:text-slate-300">Dataset</span>
          {DATASET_FILES.map((file) => (
            <button key={file} type="button" disabled={exporting !== null} className="text-indigo-600 hover:underline disabled:opacity-50 dark:text-indigo-400" onClick={() => void exportRequested(file)}>
              {exporting === file ? `${file}…` : file}
            </button>
          ))}
        </div>
        <div role="tablist" aria-label="Study" className="flex gap-1">
          {(["discussions", "analysis", "agreement"] as StudyTab[]).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => tabChanged(name)}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${tab === name ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {{ discussions: "Discussions", analysis: "Analysis", agreement: "Agreement" }[name]}
            </button>
          ))}
        </div>
      </header>
      <div className="p-6">{tab === "discussions" ? <StudyDiscussions /> : tab === "analysis" ? <AnalysisPanel /> : <StudyAgreement />}</div>
    </section>
  );
}
