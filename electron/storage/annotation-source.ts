import type { AnnotationTable } from "../../shared/domain/index.js";
import { DimensionGroups } from "../../shared/dimension-groups.js";
import type { AnnotationSource } from "./annotation-means.js";
import type { AnnotationStore } from "./annotation-store.js";

/** Numeric dimensions, one per name and scale (DimensionGroups), in a stable order. */
function numericLabels(groups: DimensionGroups): string[] {
  return groups.groups.filter((group) => group.level === "interval").map((group) => group.label).sort();
}

/**
 * Analysis reads annotation scores through this: per comment and numeric dimension, the mean
 * over every annotator (LLM jobs, imports, external scores) that rated it on the same scale;
 * null where none did. A name rated on two scales (an LLM's 1–5 and a classifier's
 * probabilities) is two dimensions, "toxicity (1–5)" and "toxicity (number)", never one mean.
 * The groups are those of the discussions `dimensions` was asked about (a study's), so every
 * discussion of it uses the same names.
 */
export function annotationSource(store: AnnotationStore): AnnotationSource {
  let studyGroups: DimensionGroups | null = null;
  return {
    async dimensions(discussionIds) {
      studyGroups = new DimensionGroups((await store.table(discussionIds)).table.annotators);
      return numericLabels(studyGroups);
    },
    async forDiscussion(discussionId) {
      const { table } = await store.table([discussionId]);
      const groups = studyGroups ?? new DimensionGroups(table.annotators);
      return { files: await store.recordFiles(discussionId), means: commentMeans(table, groups) };
    },
  };
}

function commentMeans(table: AnnotationTable, groups: DimensionGroups): Map<number, Record<string, number | null>> {
  const labels = numericLabels(groups);
  const sums = new Map<number, Map<string, { sum: number; count: number }>>();
  for (const row of table.scores) {
    if (!row.values) continue;
    let byLabel = sums.get(row.commentIndex);
    if (!byLabel) sums.set(row.commentIndex, (byLabel = new Map()));
    for (const [dimension, value] of Object.entries(row.values)) {
      const group = groups.of(row.annotatorId, dimension);
      if (group?.level !== "interval" || typeof value !== "number") continue;
      const total = byLabel.get(group.label) ?? { sum: 0, count: 0 };
      byLabel.set(group.label, { sum: total.sum + value, count: total.count + 1 });
    }
  }
  return new Map(
    [...sums].map(([index, byLabel]) => [
      index,
      Object.fromEntries(
        labels.map((label) => {
          const total = byLabel.get(label);
          return [label, total ? total.sum / total.count : null];
        }),
      ),
    ]),
  );
}
