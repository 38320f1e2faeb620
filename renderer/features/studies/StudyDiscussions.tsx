import { useStudiesStore } from "./studies-store.js";

const statusColors: Record<string, string> = {
  completed: "text-emerald-700 dark:text-emerald-300",
  running: "text-indigo-700 dark:text-indigo-300",
  failed: "text-rose-700 dark:text-rose-300",
  stopped: "text-amber-700 dark:text-amber-300",
};

/** The study's discussions grouped by cell; a written or running one opens in the transcript. */
export function StudyDiscussions() {
  const detail = useStudiesStore((state) => state.detail);
  const discussionOpened = useStudiesStore((state) => state.discussionOpened);
  if (!detail) return null;
  return (
    <div className="flex flex-col gap-5">
      {detail.cells.map((cell) => {
        const done = cell.discussions.filter((discussion) => discussion.status === "completed").length;
        return (
          <section key={cell.id} aria-label={`Cell ${cell.id}`} className="rounded-lg border border-slate-200 dark:border-slate-800">
            <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
              <h4 className="text-sm font-semibold">{Object.values(cell.conditions).join(" · ")}</h4>
              <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                {cell.id} · {done}/{cell.discussions.length} completed
              </span>
            </header>
            <table className="w-full text-left text-xs">
              <thead className="text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="px-4 py-1.5 font-medium">Repetition</th>
                  <th className="px-4 py-1.5 font-medium">Participants</th>
                  <th className="px-4 py-1.5 font-medium">Comments</th>
                  <th className="px-4 py-1.5 font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {cell.discussions.map((discussion) => {
                  const openable = discussion.status !== "pending";
                  return (
                    <tr key={discussion.discussionId} className="border-t border-slate-100 dark:border-slate-800/60">
                      <td className="px-4 py-1.5 tabular-nums">
                        {openable ? (
                          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => discussionOpened(discussion.discussionId, discussion.status)} title={discussion.discussionId}>
                            Open #{discussion.repetition + 1}
                          </button>
                        ) : (
                          <span className="text-slate-500">#{discussion.repetition + 1}</span>
                        )}
                      </td>
                      <td className="max-w-md truncate px-4 py-1.5">{discussion.participants.join(", ")}</td>
                      <td className="px-4 py-1.5 tabular-nums">{discussion.comments ?? "–"}</td>
                      <td className={`px-4 py-1.5 ${statusColors[discussion.status] ?? "text-slate-500"}`}>{discussion.status}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
