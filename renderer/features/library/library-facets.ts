import type { LibraryEntry } from "../../../shared/contract.js";
import { entryTime } from "./library-filter.js";

/** The study choice for discussions run or imported outside any study. */
export const NO_STUDY = "(none)";

/** Narrowing choices beside the search; null means any. Dates are the `yyyy-mm-dd` of a date input, inclusive, local time. */
export interface LibraryFacets {
  study: string | null;
  cell: string | null;
  model: string | null;
  status: string | null;
  from: string | null;
  to: string | null;
}

export const noFacets: LibraryFacets = { study: null, cell: null, model: null, status: null, from: null, to: null };

export function facetsActive(facets: LibraryFacets): boolean {
  return Object.values(facets).some((value) => value !== null);
}

/** Local midnight of a date input's value, or null when it holds no date. */
function dayStart(day: string | null): number | null {
  const match = day === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function matchesFacets(entry: LibraryEntry, facets: LibraryFacets): boolean {
  if (facets.study !== null && (entry.study?.id ?? NO_STUDY) !== facets.study) return false;
  if (facets.cell !== null && entry.study?.cell !== facets.cell) return false;
  if (facets.model !== null && !entry.models.includes(facets.model)) return false;
  if (facets.status !== null && entry.status !== facets.status) return false;
  const from = dayStart(facets.from);
  const to = dayStart(facets.to);
  const time = entryTime(entry);
  if (from !== null && time < from) return false;
  if (to !== null && time >= to + DAY_MS) return false;
  return true;
}

export interface FacetChoices {
  studies: { id: string; name: string }[];
  /** Cells of the chosen study (every study's when none is chosen), with the conditions they stand for. */
  cells: { id: string; label: string }[];
  models: string[];
  statuses: string[];
}

/** What the filter menus offer: only values some entry has, so no choice ever shows an empty list by itself. */
export function facetChoices(entries: readonly LibraryEntry[], study: string | null): FacetChoices {
  const studies = new Map<string, string>();
  const cells = new Map<string, string>();
  const models = new Set<string>();
  const statuses = new Set<string>();
  let outside = false;
  for (const entry of entries) {
    if (entry.study) {
      studies.set(entry.study.id, entry.study.name);
      if (study === null || study === entry.study.id) cells.set(entry.study.cell, `${entry.study.cell} (${Object.values(entry.study.conditions).join(" · ")})`);
    } else outside = true;
    for (const model of entry.models) models.add(model);
    statuses.add(entry.status);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    studies: [...[...studies].map(([id, name]) => ({ id, name })).sort((a, b) => byName(a.name, b.name)), ...(outside && studies.size > 0 ? [{ id: NO_STUDY, name: "Not in a study" }] : [])],
    cells: [...cells].map(([id, label]) => ({ id, label })).sort((a, b) => byName(a.id, b.id)),
    models: [...models].sort(byName),
    statuses: [...statuses].sort(byName),
  };
}
