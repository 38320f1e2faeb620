import { create } from "zustand";
import type { LibraryEntry } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";

interface ScoreFilterState {
  /** Annotation dimensions with numeric scores anywhere in the library. */
  dimensions: string[];
  /** Mean score per discussion and dimension. */
  means: Record<string, Record<string, number>>;
  dimension: string | null;
  /** Only discussions whose mean is at least this (null: no filter). */
  min: number | null;
  scoresRequested: () => Promise<void>;
  dimensionChosen: (dimension: string | null) => void;
  minChanged: (min: number | null) => void;
}

export const useScoreFilterStore = create<ScoreFilterState>((set, get) => ({
  dimensions: [],
  means: {},
  dimension: null,
  min: null,
  scoresRequested: async () => {
    const { discussions, dimensions } = await studio.call("annotations.scores", {}).catch(() => ({ discussions: [], dimensions: [] as string[] }));
    // A dimension that is gone (its job deleted, or now split by scale) no longer filters: the
    // list would otherwise hide every discussion with no way to see why.
    const chosen = get().dimension;
    const gone = chosen !== null && !dimensions.includes(chosen);
    set({ dimensions, means: Object.fromEntries(discussions.map((d) => [d.discussionId, d.means])), ...(gone ? { dimension: null, min: null } : {}) });
  },
  dimensionChosen: (dimension) => set({ dimension, ...(dimension === null ? { min: null } : {}) }),
  minChanged: (min) => set({ min }),
}));

/**
 * With a dimension chosen: only discussions annotated on it (at least `min` when set), highest
 * mean first. Without one, the entries as they are.
 */
export function byScore(entries: readonly LibraryEntry[], means: Record<string, Record<string, number>>, dimension: string | null, min: number | null): LibraryEntry[] {
  if (dimension === null) return [...entries];
  const score = (entry: LibraryEntry) => means[entry.id]?.[dimension];
  return entries.filter((entry) => score(entry) !== undefined && (min === null || (score(entry) as number) >= min)).sort((a, b) => (score(b) as number) - (score(a) as number));
}
