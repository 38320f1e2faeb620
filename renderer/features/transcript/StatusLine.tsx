import { useRunStore, type TranscriptStatus } from "./run-store.js";

const labels: Record<TranscriptStatus, string> = {
  running: "Running",
  paused: "Paused",
  completed: "Completed",
  stopped: "Stopped",
  failed: "Failed",
  recovered: "Recovered after a crash",
  imported: "Imported",
  loading: "Loading",
  unknown: "Connecting",
};

const dots: Partial<Record<TranscriptStatus, string>> = {
  running: "bg-emerald-500 animate-pulse",
  paused: "bg-amber-400",
  failed: "bg-rose-500",
  stopped: "bg-slate-400",
  completed: "bg-indigo-500",
};

/** "Running · turn 4 of 20 · 12 comments · Ann is writing…" */
export function StatusLine() {
  const status = useRunStore((state) => state.status);
  const count = useRunStore((state) => state.comments.length);
  const writer = useRunStore((state) => state.streaming?.speaker ?? null);
  const waiting = useRunStore((state) => state.streaming?.waiting === true);
  const awaitingHuman = useRunStore((state) => state.awaitingHuman);
  const kind = useRunStore((state) => state.source?.kind);
  const totalTurns = useRunStore((state) => state.totalTurns);
  const turnsTaken = useRunStore((state) => state.turnsTaken);
  const stopping = useRunStore((state) => state.stopping);
  return (
    <span data-testid="transcript-status" className="inline-flex items-center gap-1.5">
      <span className={`inline-block h-2 w-2 rounded-full ${dots[status] ?? "bg-slate-300"}`} />
      <span data-status={status}>{stopping ? "Stopping…" : labels[status]}</span>
      {totalTurns !== null && (
        <span data-testid="turn-count">
          · turn {turnsTaken.toLocaleString()} of {totalTurns.toLocaleString()}
        </span>
      )}
      <span>· {count === 1 ? "1 comment" : `${count.toLocaleString()} comments`}</span>
      {writer && (waiting ? <span data-testid="waiting-for-slot">· {writer} is waiting for a free slot</span> : <span>· {writer} is writing…</span>)}
      {awaitingHuman && <span>· waiting for you ({awaitingHuman})</span>}
      {kind === "library" && <span>· from the library</span>}
    </span>
  );
}
