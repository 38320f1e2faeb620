import type { LibraryEntry } from "../../../shared/contract.js";

/**
 * SynDisco writes `yy-mm-dd-hh-mm` (UTC); other tools write ISO dates. Answers milliseconds, or
 * null when the text is neither.
 */
export function discussionTime(timestamp: string): number | null {
  const syndisco = /^(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/.exec(timestamp);
  if (syndisco) {
    const [, year, month, day, hour, minute] = syndisco.map(Number) as [number, number, number, number, number, number];
    return Date.UTC(2000 + year, month - 1, day, hour, minute);
  }
  const parsed = Date.parse(timestamp);
  return Number.isNaN(parsed) ? null : parsed;
}

/** The date a discussion is sorted by: when it ran, else when its file last changed. */
export function entryTime(entry: LibraryEntry): number {
  return discussionTime(entry.timestamp) ?? Date.parse(entry.modifiedAt);
}

/** A column of the library table to order by, and which way. */
export type LibrarySortColumn = "date" | "participants" | "model" | "comments" | "status";
export interface LibrarySort {
  column: LibrarySortColumn;
  descending: boolean;
}

const text = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
const compare: Record<LibrarySortColumn, (a: LibraryEntry, b: LibraryEntry) => number> = {
  date: (a, b) => entryTime(a) - entryTime(b),
  participants: (a, b) => text(a.users.join(", "), b.users.join(", ")),
  model: (a, b) => text(a.models.join(", "), b.models.join(", ")),
  comments: (a, b) => a.commentCount - b.commentCount,
  status: (a, b) => text(a.status, b.status),
};

/** The way a column sorts when first clicked: newest and longest first, names from A. */
export function firstDirection(column: LibrarySortColumn): boolean {
  return column === "date" || column === "comments";
}

/**
 * The entries to show: those whose participants, moderator, model or id contain the query, plus
 * those the server found by comment text (`textMatches`, null while none was asked for); in the
 * order asked for, ties newest first (then by id, so the order never jumps).
 */
export function visibleEntries(entries: readonly LibraryEntry[], query: string, textMatches: ReadonlySet<string> | null, sort: LibrarySort): LibraryEntry[] {
  const needle = query.trim().toLowerCase();
  const matches = (entry: LibraryEntry) =>
    !needle ||
    entry.id.toLowerCase().includes(needle) ||
    entry.users.some((user) => user.toLowerCase().includes(needle)) ||
    (entry.moderator?.toLowerCase().includes(needle) ?? false) ||
    entry.models.some((model) => model.toLowerCase().includes(needle)) ||
    (textMatches?.has(entry.id) ?? false);
  const shown = entries.filter(matches);
  const direction = sort.descending ? -1 : 1;
  return shown.sort((a, b) => direction * compare[sort.column](a, b) || entryTime(b) - entryTime(a) || a.id.localeCompare(b.id));
}
