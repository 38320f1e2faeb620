import { agreementLevel, type AnnotationTable } from "../../shared/domain/index.js";
import type { AnnotationSource } from "./annotation-means.js";
import type { AnnotationStore } from "./annotation-store.js";

/** Numeric dimensions of a table, by name, in a stable order. */
function numericDimensions(table: AnnotationTable): string[] {
  return [...new Set(table.annotators.flatMap((annotator) => annotator.dimensions.filter((d) => agreementLevel(d) === "interval").map((d) => d.name)))].sort();
}

/**
 * Analysis reads annotation scores through this: per comment and numeric dimension, the mean
 * over every annotator (LLM jobs, imports, external scores) that rated it; null where none did.
 */
export function annotationSource(store: AnnotationStore): AnnotationSource {
  return {
    async dimensions(discussionIds) {
      return numericDimensions((await store.table(discussionIds)).table);
    },
    async forDiscussion(discussionId) {
      const { table } = await store.table([discussionId]);
      const dimensions = numericDimensions(table);
      const sums = new Map<number, Map<string, { sum: number; count: number }>>();
      for (const row of table.scores) {
        if (!row.values) continue;
        let byDimension = sums.get(row.commentIndex);
        if (!byDimension) sums.set(row.commentIndex, (byDimension = new Map()));
        for (const dimension of dimensions) {
          const value = row.values[dimension];
          if (typeof value !== "number") continue;
          const total = byDimension.get(dimension) ?? { sum: 0, count: 0 };
          byDimension.set(dimension, { sum: total.sum + value, count: total.count + 1 });
        }
      }
      const means = new Map([...sums].map(([index, byDimension]) => [index, Object.fromEntries(dimensions.map((dimension) => {
        const total = byDimension.get(dimension);
        return [dimension, total ? total.sum / total.count : null];
      }))]));
      return { files: await store.recordFiles(discussionId), means };
    },
  };
}
