import type { AnalysisRequest, AnalysisResult, AnalysisRoleName, ConditionSummary, PairwiseComparison, TurnPoint } from "../../../shared/domain/analysis.js";
import { measureInfo, measuresOf, type CommentMeasure, type DiscussionMeasure } from "./measure-catalog.js";
import { describe, holm, kruskalWallis, oneWayAnova, welchTest } from "./statistics.js";
import { histogramBins } from "./histogram.js";
import type { StudyDiscussion, StudyMeasures } from "./study-measures.js";

/** Discussions that ended early are not compared with finished ones (the dataset still has them, with their status). */
const ANALYSED_STATUSES = new Set(["completed", "recovered", "imported"]);

export class AnalysisRequestError extends Error {
  override readonly name = "AnalysisRequestError";
}

interface Condition {
  label: string;
  levels: Record<string, string>;
  discussions: StudyDiscussion[];
}

/** Per-condition summaries, per-turn curves, distribution and tests of one measure. */
export function summarize(study: StudyMeasures, request: AnalysisRequest): AnalysisResult {
  const measure = measuresOf(study.annotationDimensions).find((m) => m.level === request.measure.level && m.column === request.measure.column);
  if (!measure) throw new AnalysisRequestError(`no ${request.measure.level} measure "${request.measure.column}" in this study`);
  const unknown = request.factors.find((factor) => !study.study.factorNames.includes(factor));
  if (unknown !== undefined) throw new AnalysisRequestError(`"${unknown}" is not a factor of this study (its factors: ${study.study.factorNames.join(", ") || "none"})`);
  if (new Set(request.factors).size !== request.factors.length) throw new AnalysisRequestError("a factor is named twice");

  const notes: string[] = [];
  const analysed = study.discussions.filter((discussion) => discussion.measured && ANALYSED_STATUSES.has(discussion.status));
  const leftOut = countBy(study.discussions.filter((discussion) => !analysed.includes(discussion)), (discussion) => discussion.status);
  for (const [status, count] of leftOut) notes.push(`${count} ${count === 1 ? "discussion" : "discussions"} ${LEFT_OUT_REASON[status] ?? `left out (${status})`}`);

  const conditions = conditionsOf(study, request.factors, analysed);
  const roles = measure.level === "comment" ? (request.roles ?? measure.roles) : measure.roles;
  const unit = measure.level === "discussion" ? "discussion" : request.unit;
  const valuesOf = (condition: Condition) => unitValues(condition.discussions, measure, unit, roles);
  const groups = conditions.map(valuesOf);

  const summaries: ConditionSummary[] = conditions.map((condition, index) => {
    const values = groups[index] as number[];
    if (values.length === 0) notes.push(`no data for ${condition.label === "all" ? "this measure" : `condition "${condition.label}"`}`);
    return { condition: condition.label, levels: condition.levels, ...describe(values) };
  });

  return {
    measure: measureInfo(measure),
    unit,
    factors: request.factors,
    roles,
    conditions: summaries,
    byTurn: measure.level === "comment" ? conditions.flatMap((condition) => turnCurve(condition, measure, roles)) : [],
    histogram: histogramBins(conditions.map((condition, index) => ({ condition: condition.label, values: groups[index] as number[] }))),
    pairwise: pairwise(conditions.map((condition) => condition.label), groups),
    omnibus: omnibus(groups),
    notes,
    discussionsUsed: analysed.length,
  };
}

const LEFT_OUT_REASON: Record<string, string> = {
  pending: "not run yet",
  running: "still running",
  stopped: "stopped before the end, left out",
  failed: "failed, left out",
  unreadable: "unreadable (see the problems listed)",
};

/** Every combination of the factors' levels in the grid's order, even those without discussions. */
function conditionsOf(study: StudyMeasures, factors: readonly string[], discussions: readonly StudyDiscussion[]): Condition[] {
  if (factors.length === 0) return [{ label: "all", levels: {}, discussions: [...discussions] }];
  const levelsOf = (factor: string) => [...new Set(study.study.cells.map((cell) => cell.conditions[factor] as string))];
  let combinations: Record<string, string>[] = [{}];
  for (const factor of factors) combinations = combinations.flatMap((levels) => levelsOf(factor).map((level) => ({ ...levels, [factor]: level })));
  return combinations.map((levels) => ({
    label: factors.map((factor) => levels[factor]).join(" · "),
    levels,
    discussions: discussions.filter((discussion) => factors.every((factor) => discussion.factors[factor] === levels[factor])),
  }));
}

/** One value per comment, or per discussion (the mean of its comments' values). */
function unitValues(discussions: readonly StudyDiscussion[], measure: CommentMeasure | DiscussionMeasure, unit: "comment" | "discussion", roles: readonly AnalysisRoleName[]): number[] {
  const values: number[] = [];
  for (const discussion of discussions) {
    const measured = discussion.measured!;
    if (measure.level === "discussion") {
      const value = measure.value(measured.measures);
      if (value !== null) values.push(value);
      continue;
    }
    const commentValues = commentValuesOf(measured.comments, measure, roles).map(([, value]) => value);
    if (unit === "comment") values.push(...commentValues);
    else if (commentValues.length > 0) values.push(commentValues.reduce((sum, value) => sum + value, 0) / commentValues.length);
  }
  return values;
}

function commentValuesOf(comments: NonNullable<StudyDiscussion["measured"]>["comments"], measure: CommentMeasure, roles: readonly AnalysisRoleName[]): [turn: number, value: number][] {
  const values: [number, number][] = [];
  for (const comment of comments) {
    if (!roles.includes(comment.role)) continue;
    const value = measure.value(comment);
    if (value !== null) values.push([comment.turn, value]);
  }
  return values;
}

/** Mean by turn over comments, and each discussion's running mean up to the turn averaged over discussions. */
function turnCurve(condition: Condition, measure: CommentMeasure, roles: readonly AnalysisRoleName[]): TurnPoint[] {
  const atTurn = new Map<number, number[]>();
  const perDiscussion = condition.discussions.map((discussion) => commentValuesOf(discussion.measured!.comments, measure, roles).filter(([turn]) => turn >= 0));
  for (const values of perDiscussion) {
    for (const [turn, value] of values) {
      const list = atTurn.get(turn);
      if (list) list.push(value);
      else atTurn.set(turn, [value]);
    }
  }
  const turns = [...atTurn.keys()].sort((a, b) => a - b);
  return turns.map((turn) => {
    const here = describe(atTurn.get(turn) as number[]);
    const running = perDiscussion.flatMap((values) => {
      const upTo = values.filter(([t]) => t <= turn);
      return upTo.length === 0 ? [] : [upTo.reduce((sum, [, value]) => sum + value, 0) / upTo.length];
    });
    const cumulative = describe(running);
    return {
      condition: condition.label,
      turn,
      n: here.n,
      mean: here.mean,
      ciLow: here.ciLow,
      ciHigh: here.ciHigh,
      cumulativeN: cumulative.n,
      cumulativeMean: cumulative.mean,
      cumulativeCiLow: cumulative.ciLow,
      cumulativeCiHigh: cumulative.ciHigh,
    };
  });
}

function pairwise(labels: readonly string[], groups: readonly number[][]): PairwiseComparison[] {
  const comparisons: (PairwiseComparison & { index?: number })[] = [];
  const pValues: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const result = welchTest(groups[i] as number[], groups[j] as number[]);
      const base = { a: labels[i] as string, b: labels[j] as string };
      if (result.ok) {
        comparisons.push({ ...base, ...result.value, pHolm: null, reason: null, index: pValues.length });
        pValues.push(result.value.p);
      } else comparisons.push({ ...base, meanDifference: null, t: null, df: null, p: null, pHolm: null, reason: result.reason });
    }
  }
  const adjusted = holm(pValues);
  return comparisons.map(({ index, ...comparison }) => ({ ...comparison, pHolm: index === undefined ? null : (adjusted[index] as number) }));
}

function omnibus(groups: readonly number[][]): AnalysisResult["omnibus"] {
  const anova = oneWayAnova(groups);
  const kruskal = kruskalWallis(groups);
  return {
    anova: anova.ok ? anova.value : null,
    anovaReason: anova.ok ? null : anova.reason,
    kruskal: kruskal.ok ? kruskal.value : null,
    kruskalReason: kruskal.ok ? null : kruskal.reason,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
