import { create } from "zustand";
import type { AnnotationAnswer } from "../../../shared/contract-annotations.js";
import { consensus } from "../../../shared/annotation-agreement.js";
import { DimensionGroups } from "../../../shared/dimension-groups.js";
import { type AnnotationTable, type AnnotationValue } from "../../../shared/domain/index.js";
import { studio } from "../../app/studio.js";

export interface CommentScore {
  dimension: string;
  /** Mean (numbers) or most frequent label (categories) over the annotators. */
  summary: string;
  ratings: number;
  perAnnotator: { annotator: string; value: AnnotationValue | null }[];
}

interface CommentScoresState {
  discussionId: string | null;
  table: AnnotationTable | null;
  answers: Record<number, AnnotationAnswer[]>;
  discussionShown: (discussionId: string) => Promise<void>;
  refreshed: () => Promise<void>;
  answersRequested: (commentIndex: number) => Promise<void>;
}

/** The annotations of the discussion the transcript shows, loaded once per discussion (and again when a job finishes). */
export const useCommentScoresStore = create<CommentScoresState>((set, get) => ({
  discussionId: null,
  table: null,
  answers: {},
  discussionShown: async (discussionId) => {
    if (get().discussionId === discussionId) return;
    set({ discussionId, table: null, answers: {} });
    await get().refreshed();
  },
  refreshed: async () => {
    const discussionId = get().discussionId;
    if (!discussionId) return;
    const { table } = await studio.call("annotations.table", { discussionIds: [discussionId] }).catch(() => ({ table: null }));
    if (get().discussionId === discussionId) set({ table, answers: {} });
  },
  answersRequested: async (commentIndex) => {
    const discussionId = get().discussionId;
    if (!discussionId) return;
    const { answers } = await studio.call("annotations.answers", { discussionId, commentIndex });
    if (get().discussionId === discussionId) set({ answers: { ...get().answers, [commentIndex]: answers } });
  },
}));

// Every card of a transcript asks about the same table: its groups are worked out once.
const groupsByTable = new WeakMap<AnnotationTable, DimensionGroups>();
function groupsOf(table: AnnotationTable): DimensionGroups {
  let groups = groupsByTable.get(table);
  if (!groups) groupsByTable.set(table, (groups = new DimensionGroups(table.annotators)));
  return groups;
}

/** One comment's scores per dimension (per scale, where annotators measure a name differently): the consensus over annotators, and each annotator's value. */
export function commentScores(table: AnnotationTable | null, commentIndex: number): CommentScore[] {
  if (!table) return [];
  const rows = table.scores.filter((row) => row.commentIndex === commentIndex);
  if (rows.length === 0) return [];
  const names = new Map(table.annotators.map((annotator) => [annotator.id, annotator.name]));
  const scores: CommentScore[] = [];
  for (const group of groupsOf(table).groups) {
    const perAnnotator = rows
      .filter((row) => group.annotatorIds.has(row.annotatorId))
      .map((row) => ({ annotator: names.get(row.annotatorId) ?? row.annotatorId, value: row.values?.[group.name] ?? null }));
    const values = perAnnotator.flatMap((entry) => (entry.value === null || (group.level === "interval" && typeof entry.value !== "number") ? [] : [entry.value]));
    if (values.length === 0) continue;
    const result = consensus(values, group.level);
    scores.push({ dimension: group.label, ratings: result.ratings, summary: result.mean !== null ? result.mean.toFixed(2).replace(/\.?0+$/, "") : (result.mode ?? ""), perAnnotator });
  }
  return scores;
}
