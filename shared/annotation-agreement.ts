import { type AnnotationAgreement, type AnnotationTable, type CommentConsensus, type DimensionAgreement } from "./domain/annotation.js";
import { krippendorffAlpha } from "./krippendorff.js";
import { DimensionGroups, type DimensionGroup } from "./dimension-groups.js";

/**
 * Agreement between the annotators of a table: per dimension (matched by name and scale across
 * annotators, see DimensionGroups) Krippendorff's alpha, interval for scales and numbers, nominal for categories;
 * per comment the consensus and the disagreement. Text dimensions and unparsed answers are
 * left out. `annotatorIds` restricts it to some annotators (e.g. one job's).
 */
export function annotationAgreement(table: AnnotationTable, annotatorIds?: readonly string[]): AnnotationAgreement {
  const wanted = annotatorIds ? new Set(annotatorIds) : null;
  const groups = new DimensionGroups(table.annotators.filter((annotator) => !wanted || wanted.has(annotator.id)));
  // dimension group -> "discussion\0comment" -> values of its annotators
  const byUnit = new Map<DimensionGroup, Map<string, (number | string)[]>>();
  for (const row of table.scores) {
    if (!row.values) continue;
    for (const [dimension, value] of Object.entries(row.values)) {
      const group = groups.of(row.annotatorId, dimension);
      if (!group || (group.level === "interval" && typeof value !== "number")) continue;
      let units = byUnit.get(group);
      if (!units) byUnit.set(group, (units = new Map()));
      const key = `${row.discussionId}\u0000${row.commentIndex}`;
      const values = units.get(key);
      if (values) values.push(value);
      else units.set(key, [value]);
    }
  }
  const dimensions: DimensionAgreement[] = [];
  const comments: CommentConsensus[] = [];
  for (const group of groups.groups) {
    const { label: dimension, level } = group;
    const units = byUnit.get(group) ?? new Map<string, (number | string)[]>();
    const result = krippendorffAlpha([...units.values()], level);
    dimensions.push({ dimension, level, alpha: result.alpha, annotators: group.annotatorIds.size, units: result.units, values: result.values });
    for (const [key, values] of units) {
      const [discussionId = "", index = "0"] = key.split("\u0000");
      comments.push({ discussionId, commentIndex: Number(index), dimension, ...consensus(values, level) });
    }
  }
  return { dimensions, comments };
}

/** The consensus and disagreement of one comment's values on one dimension. */
export function consensus(values: readonly (number | string)[], level: "interval" | "nominal"): Pick<CommentConsensus, "ratings" | "mean" | "mode" | "disagreement"> {
  const ratings = values.length;
  if (level === "interval") {
    const numbers = values as readonly number[];
    const mean = numbers.reduce((a, b) => a + b, 0) / ratings;
    const variance = ratings > 1 ? numbers.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (ratings - 1) : null;
    return { ratings, mean, mode: null, disagreement: variance === null ? null : Math.sqrt(variance) };
  }
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  const mode = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const pairs = ratings * (ratings - 1);
  const agreeing = [...counts.values()].reduce((sum, count) => sum + count * (count - 1), 0);
  return { ratings, mean: null, mode, disagreement: pairs > 0 ? 1 - agreeing / pairs : null };
}
