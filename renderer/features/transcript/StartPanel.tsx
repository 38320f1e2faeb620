import { useEffect, useState } from "react";
import type { CommandOutput } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { useRunStore } from "./run-store.js";

type Designs = CommandOutput<"designs.list">["designs"];
type LiveDiscussions = CommandOutput<"discussion.list">["discussions"];

/** What the transcript shows with nothing open: start a saved design, or rejoin a run in progress. */
export function StartPanel() {
  const [designs, setDesigns] = useState<Designs | null>(null);
  const [live, setLive] = useState<LiveDiscussions>([]);
  const [startPaused, setStartPaused] = useState(false);
  const [starting, setStarting] = useState<string | null>(null);
  const startRequested = useRunStore((state) => state.startRequested);
  const discussionOpened = useNavigationStore((state) => state.discussionOpened);
  const viewChanged = useNavigationStore((state) => state.viewChanged);

  useEffect(() => {
    let cancelled = false;
    void studio.call("designs.list", {}).then((result) => !cancelled && setDesigns(result.designs), () => !cancelled && setDesigns([]));
    void studio.call("discussion.list", {}).then((result) => !cancelled && setLive(result.discussions), () => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  const start = async (designId: string) => {
    setStarting(designId);
    const discussionId = await startRequested(designId, startPaused);
    setStarting(null);
    if (discussionId) discussionOpened({ kind: "live", id: discussionId });
  };

  const running = live.filter((discussion) => discussion.status === "running" || discussion.status === "paused");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 overflow-y-auto p-6">
      <EmptyState
        title="No discussion open"
        action={
          <div className="flex gap-2">
            <Button onClick={() => viewChanged("designer")}>Open the designer</Button>
            <Button onClick={() => viewChanged("library")}>Browse the library</Button>
          </div>
        }
      >
        Start one of your saved designs below and watch it unfold here, or open a finished discussion from the library.
      </EmptyState>

      {running.length > 0 && (
        <section aria-label="Running discussions">
          <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">Running now</h3>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {running.map((discussion) => (
              <li key={discussion.discussionId} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                <span className="truncate">
                  {discussion.designName} <span className="text-slate-500">· {discussion.status} · {discussion.commentCount} comments</span>
                </span>
                <Button onClick={() => discussionOpened({ kind: "live", id: discussion.discussionId })}>Watch</Button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="Saved designs">
        <div className="mb-2 flex items-center justify-between">
          <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-300">Start a saved design</h3>
          <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400" title="Start paused, then step one turn at a time">
            <input type="checkbox" checked={startPaused} onChange={(event) => setStartPaused(event.target.checked)} />
            Start paused
          </label>
        </div>
        {designs === null ? (
          <p className="text-sm text-slate-500">Loading designs…</p>
        ) : designs.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No saved designs yet. Design a discussion in the designer and save it; it appears here.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {designs.map((design) => (
              <li key={design.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                <div className="min-w-0">
                  <div className="truncate font-medium">{design.name}</div>
                  <div className="truncate text-xs text-slate-500 dark:text-slate-400">
                    {design.participants.join(", ")} · {design.turns} turns
                  </div>
                </div>
                <Button variant="primary" disabled={starting !== null} onClick={() => void start(design.id)} aria-label={`Start ${design.name}`}>
                  {starting === design.id ? "Starting…" : "▶ Start"}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
