import { ProgressBar } from "../../ui/progress-bar.js";
import { useStudiesStore } from "./studies-store.js";

const stateLabels = { running: "Running", paused: "Paused", finished: "Finished", incomplete: "Incomplete" } as const;
const stateColors = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  paused: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  finished: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  incomplete: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
} as const;

export function StudyList() {
  const studies = useStudiesStore((state) => state.studies);
  const selected = useStudiesStore((state) => state.selected);
  const studySelected = useStudiesStore((state) => state.studySelected);
  return (
    <nav aria-label="Studies" className="w-72 shrink-0 overflow-y-auto border-r border-slate-200 p-3 dark:border-slate-800">
      <ul className="flex flex-col gap-1">
        {studies.map((study) => {
          const done = study.counts.completed ?? 0;
          return (
            <li key={study.studyId}>
              <button
                type="button"
                aria-current={selected === study.studyId ? "true" : undefined}
                onClick={() => void studySelected(study.studyId)}
                className={`flex w-full flex-col gap-1.5 rounded-md px-3 py-2 text-left ${selected === study.studyId ? "bg-indigo-50 ring-1 ring-indigo-300 dark:bg-indigo-950 dark:ring-indigo-700" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm font-medium">{study.name}</span>
                  <span className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium ${stateColors[study.state]}`}>{stateLabels[study.state]}</span>
                </span>
                <ProgressBar value={study.discussions > 0 ? done / study.discussions : 0} label={`${study.name} progress`} />
                <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                  {done}/{study.discussions} discussions · {study.cells} cells · {new Date(study.createdAt).toLocaleDateString()}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
