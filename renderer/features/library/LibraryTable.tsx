import { memo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { LibraryEntry } from "../../../shared/contract.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { entryTime, type LibrarySortColumn } from "./library-filter.js";
import { useLibraryStore } from "./library-store.js";

const ROW_HEIGHT = 56;
const columns = "grid grid-cols-[1.25rem_8.5rem_minmax(0,1fr)_8.5rem_6.5rem_7.5rem_3.5rem] items-center gap-3";
const dayFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

const Row = memo(function Row({ entry, selected }: { entry: LibraryEntry; selected: boolean }) {
  const selectionToggled = useLibraryStore((state) => state.selectionToggled);
  const discussionOpened = useNavigationStore((state) => state.discussionOpened);
  const open = () => discussionOpened({ kind: "library", id: entry.id });
  return (
    <div
      role="row"
      data-testid="library-row"
      data-id={entry.id}
      aria-selected={selected}
      onDoubleClick={open}
      className={`${columns} h-full border-b border-slate-100 px-4 text-sm dark:border-slate-800 ${selected ? "bg-indigo-50 dark:bg-indigo-950/40" : "hover:bg-slate-50 dark:hover:bg-slate-900"}`}
    >
      <input type="checkbox" aria-label={`Select ${entry.id}`} checked={selected} onChange={() => selectionToggled(entry.id)} />
      <span className="leading-tight whitespace-nowrap text-slate-700 dark:text-slate-300">
        {dayFormat.format(entryTime(entry))}
        <span className="block text-xs text-slate-500 dark:text-slate-400">{timeFormat.format(entryTime(entry))}</span>
      </span>
      <div className="min-w-0">
        <div className="truncate font-medium text-slate-900 dark:text-slate-100" title={entry.users.join(", ")}>
          {entry.users.join(", ") || "(no participants)"}
        </div>
        <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={entry.study ? `${entry.study.name}, cell ${entry.study.cell}: ${Object.values(entry.study.conditions).join(" · ")}\n${entry.id}` : entry.id}>
          {entry.study && (
            <span data-testid="library-study" className="font-medium text-indigo-700 dark:text-indigo-300">
              {entry.study.name} · {entry.study.cell} ·{" "}
            </span>
          )}
          {!entry.study && entry.designName && (
            <span data-testid="library-design" className="font-medium text-slate-700 dark:text-slate-300">
              {entry.designName} ·{" "}
            </span>
          )}
          {entry.moderator ? `moderated by ${entry.moderator} · ` : ""}
          {entry.id}
        </div>
      </div>
      <span className="truncate text-slate-600 dark:text-slate-400" title={entry.models.join(", ")}>
        {entry.models.join(", ") || "—"}
      </span>
      <span className="text-right tabular-nums">{entry.commentCount}</span>
      <span className="leading-tight text-xs text-slate-600 dark:text-slate-300">
        {entry.status === "recovered" ? "interrupted (recovered)" : entry.status}
        <span className="block text-slate-400 dark:text-slate-500">{entry.format === "v2" ? "SynDisco v2" : "SynDisco legacy"}</span>
      </span>
      <button type="button" onClick={open} className="rounded px-2 py-1 text-sm font-medium text-indigo-600 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
        Open
      </button>
    </div>
  );
});

const directionWords: Record<LibrarySortColumn, [ascending: string, descending: string]> = {
  date: ["oldest first", "newest first"],
  participants: ["A to Z", "Z to A"],
  model: ["A to Z", "Z to A"],
  comments: ["fewest first", "most first"],
  status: ["A to Z", "Z to A"],
};

/** A column header that sorts by its column; the one in use says which way. */
function SortHeader({ column, label, className = "" }: { column: LibrarySortColumn; label: string; className?: string }) {
  const sort = useLibraryStore((state) => state.sort);
  const sortToggled = useLibraryStore((state) => state.sortToggled);
  const active = sort.column === column;
  return (
    <span role="columnheader" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"} className={className}>
      <button
        type="button"
        onClick={() => sortToggled(column)}
        className={`whitespace-nowrap uppercase hover:text-slate-800 dark:hover:text-slate-200 ${active ? "text-slate-800 dark:text-slate-100" : ""}`}
        title={`Sort by ${label.toLowerCase()}`}
        aria-label={active ? `${label}, ${directionWords[column][sort.descending ? 1 : 0]}` : `Sort by ${label.toLowerCase()}`}
      >
        {label} {active ? (sort.descending ? "↓" : "↑") : ""}
      </button>
    </span>
  );
}

/** The library's rows, virtualized so thousands of discussions scroll without cost. */
export function LibraryTable({ entries }: { entries: readonly LibraryEntry[] }) {
  const selected = useLibraryStore((state) => state.selected);
  const selectionReplaced = useLibraryStore((state) => state.selectionReplaced);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is not used here, so nothing is memoized that this would make stale
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => entries[index]!.id,
    initialRect: { width: 1000, height: 600 },
  });
  const allSelected = entries.length > 0 && entries.every((entry) => selected.has(entry.id));
  return (
    <div role="table" aria-label="Saved discussions" aria-rowcount={entries.length} className="flex min-h-0 flex-1 flex-col">
      <div role="row" className={`${columns} border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400`}>
        <input type="checkbox" aria-label="Select all shown" checked={allSelected} onChange={() => selectionReplaced(allSelected ? [] : entries.map((entry) => entry.id))} />
        <SortHeader column="date" label="Date" />
        <SortHeader column="participants" label="Participants" />
        <SortHeader column="model" label="Model" />
        <SortHeader column="comments" label="Comments" className="text-right" />
        <SortHeader column="status" label="Status" />
        <span />
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto">
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const entry = entries[row.index]!;
            return (
              <div key={row.key} className="absolute top-0 left-0 w-full" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
                <Row entry={entry} selected={selected.has(entry.id)} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
