import { Button } from "../../ui/button.js";
import { formatDuration } from "../../ui/format.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { useExperimentStore } from "./experiment-store.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { useStudiesStore } from "../studies/studies-store.js";

/** Shows the study in the Studies view, where its discussions open and its analysis is. */
function studyOpened(studyId: string): Promise<void> {
  useNavigationStore.getState().viewChanged("studies");
  return useStudiesStore.getState().studySelected(studyId);
}

const stateLabels = { running: "Running", paused: "Paused", cancelling: "Cancelling…", finished: "Finished", cancelled: "Cancelled" } as const;

/** The shown study's progress: done / total, speed, ETA, each cell, and its running discussions. */
export function RunPanel() {
  const run = useExperimentStore((state) => (state.shownRun ? state.runs[state.shownRun] : undefined));
  const runControlled = useExperimentStore((state) => state.runControlled);
  const discussionOpened = useExperimentStore((state) => state.discussionOpened);
  if (!run) return null;
  const { progress } = run;
  const repetitions = (cell: string) => progress.cells.find((entry) => entry.cell === cell)?.total ?? "?";
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  const active = progress.state === "running" || progress.state === "paused";
  return (
    <section aria-label="Run" data-testid="run-panel" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="truncate text-sm font-semibold">{run.name}</h3>
        <span data-testid="run-state" className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {stateLabels[progress.state]}
        </span>
      </div>
      <ProgressBar value={fraction} label="Study progress" />
      <div className="mt-2 flex flex-wrap gap-x-4 text-sm tabular-nums" data-testid="run-figures">
        <span data-testid="run-done">
          {progress.done} / {progress.total} done ({Math.round(fraction * 100)} %)
        </span>
        {progress.failed > 0 && <span className="text-rose-700">{progress.failed} failed</span>}
        <span>{progress.tokensPerSecond.toFixed(1)} tokens/s</span>
        <span>{progress.etaSeconds === null ? (active ? "ETA after the first discussion" : "") : progress.state === "finished" ? "" : `ETA ${formatDuration(progress.etaSeconds)}`}</span>
      </div>
      {run.error && <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">{run.error}</p>}
      <div className="mt-3 flex gap-2">
        <Button onClick={() => void studyOpened(run.experimentId)}>{active ? "Study view" : "Open study: discussions and analysis"}</Button>
        {progress.state === "running" && <Button onClick={() => void runControlled("pause")}>Pause</Button>}
        {progress.state === "paused" && <Button onClick={() => void runControlled("resume")}>Resume</Button>}
        {active && (
          <Button variant="danger" onClick={() => void runControlled("cancel")}>
            Cancel
          </Button>
        )}
      </div>
      {progress.running.length > 0 && (
        <div className="mt-3">
          <div className="text-xs font-semibold text-slate-600 dark:text-slate-300">Running now (click for the live transcript)</div>
          <ul className="text-xs">
            {progress.running.map((discussion) => (
              <li key={discussion.discussionId}>
                <button type="button" className="text-left text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => discussionOpened(discussion.discussionId)}>
                  {discussion.cell} · repetition {discussion.repetition + 1} of {repetitions(discussion.cell)} · {discussion.comments} comment{discussion.comments === 1 ? "" : "s"}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-3">
        <div className="text-xs font-semibold text-slate-600 dark:text-slate-300">Cells</div>
        <ul className="flex flex-col gap-1 text-xs" data-testid="run-cells">
          {progress.cells.map((cell) => (
            <li key={cell.cell} className="flex items-center gap-2">
              <span className="w-56 truncate font-mono" title={cell.cell}>
                {cell.cell}
              </span>
              <ProgressBar value={cell.total > 0 ? cell.done / cell.total : 0} label={`Cell ${cell.cell}`} className="flex-1" />
              <span className="w-10 text-right tabular-nums">
                {cell.done}/{cell.total}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p className="mt-2 truncate text-xs text-slate-500" title={run.outputDirectory}>
        Files: <span className="font-mono">{run.outputDirectory}</span>
      </p>
    </section>
  );
}
