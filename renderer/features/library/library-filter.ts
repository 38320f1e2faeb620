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

/**
 * The entries to show: those whose participants, moderator, model or id contain the query, plus
 * those the server found by comment text (`textMatches`, null while none was asked for).
 */
export function visibleEntries(entries: readonly LibraryEntry[], query: string, textMatches: ReadonlySet<string> | null, newestFirst: boolean): LibraryEntry[] {
  const needle = query.trim().toLowerCase();
  const matches = (entry: LibraryEntry) =>
    !needle ||
    entry.id.toLowerCase().includes(needle) ||
    entry.users.some((user) => user.toLowerCase().includes(needle)) ||
    (entry.moderator?.toLowerCase().includes(needle) ?? false) ||
    entry.models.some((model) => model.toLowerCase().includes(needle)) ||
    (textMatches?.has(entry.id) ?? false);
  const shown = entries.filter(matches);
  const direction = newestFirst ? -1 : 1;
  return shown.sort((a, b) => direction * (entryTime(a) - entryTime(b)) || a.id.localeCompare(b.id));
}
