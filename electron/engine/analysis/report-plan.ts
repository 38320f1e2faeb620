import type { AnalysisUnit, MeasureRef } from "../../../shared/domain/analysis.js";
import { annotationColumn } from "./measure-catalog.js";
import type { StudyMeasures } from "./study-measures.js";

export type FigureKind = "means" | "turns" | "cumulative" | "histogram";

export interface ReportAnalysis {
  measure: MeasureRef;
  unit: AnalysisUnit;
  figures: FigureKind[];
}

export interface ReportPlan {
  /** The grid factors that vary (more than one level), at most two, in the grid's order. */
  factors: string[];
  analyses: ReportAnalysis[];
}

/**
 * What a report shows, as the published study did: comment length, moderator interventions
 * per turn, lexical diversity, every annotation dimension by turn and cumulatively, and
 * participation per discussion, each across the conditions of the factors that vary.
 * Measures with no value anywhere in the study (tokens without run records) are left out.
 */
export function reportPlan(study: StudyMeasures): ReportPlan {
  const factors = study.study.factorNames.filter((factor) => new Set(study.study.cells.map((cell) => cell.conditions[factor])).size > 1).slice(0, 2);
  const comments = study.discussions.flatMap((discussion) => discussion.measured?.comments ?? []);
  const has = (test: (comment: (typeof comments)[number]) => boolean) => comments.some(test);
  const analyses: ReportAnalysis[] = [{ measure: { level: "comment", column: "words" }, unit: "discussion", figures: ["means", "turns", "histogram"] }];
  if (has((comment) => comment.tokens !== null)) analyses.push({ measure: { level: "comment", column: "tokens" }, unit: "discussion", figures: ["means"] });
  if (has((comment) => comment.role === "moderator")) analyses.push({ measure: { level: "comment", column: "intervention" }, unit: "discussion", figures: ["means", "turns"] });
  analyses.push({ measure: { level: "comment", column: "diversity" }, unit: "discussion", figures: ["means", "turns"] });
  for (const dimension of study.annotationDimensions) {
    analyses.push({ measure: { level: "comment", column: annotationColumn(dimension) }, unit: "discussion", figures: ["means", "turns", "cumulative", "histogram"] });
  }
  for (const column of ["participation_rate", "participation_balance", "diversity"]) analyses.push({ measure: { level: "discussion", column }, unit: "discussion", figures: ["means"] });
  return { factors, analyses };
}

/** `comment-words-means`: the file stem of a figure or table. */
export function figureStem(analysis: Pick<ReportAnalysis, "measure">, kind: string): string {
  return `${analysis.measure.level}-${analysis.measure.column.replace(/_/g, "-")}-${kind}`;
}
