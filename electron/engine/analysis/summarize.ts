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
  const used = new Set(analysed);
  const leftOut = countBy(study.discussions.filter((discussion) => !used.has(discussion)), (discussion) => discussion.status);
  for (const [status, count] of leftOut) notes.push(`${count} ${count === 1 ? "discussion" : "discussions"} ${LEFT_OUT_REASON[status] ?? `left out (${status})`}`);

  const conditions = conditionsOf(study, request.factors, analysed);
  const roles = measure.level === "comment" ? (request.roles ?? measure.roles) : measure.roles;
  const unit = measure.level === "discussion" ? "discussion" : request.unit;
  const series = new Map(measure.level === "comment" ? analysed.map((discussion) => [discussion, seriesOf(discussion, measure, roles)] as const) : []);
  const groups = conditions.map((condition) => unitValues(condition, measure, unit, series));

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
    byTurn: measure.level === "comment" ? conditions.flatMap((condition) => turnCurve(condition, series)) : [],
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

/** The condition labels `summarize` uses for these factors, in its order. */
export function conditionLabels(study: StudyMeasures, factors: readonly string[]): string[] {
  return conditionsOf(study, factors, []).map((condition) => condition.label);
}

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

/** A discussion's values of a comment measure in turn order (comments are logged in turn order). */
interface Series {
  turns: number[];
  values: number[];
}

function seriesOf(discussion: StudyDiscussion, measure: CommentMeasure, roles: readonly AnalysisRoleName[]): Series {
  const series: Series = { turns: [], values: [] };
  for (const comment of discussion.measured!.comments) {
    if (!roles.includes(comment.role)) continue;
    const value = measure.value(comment);
    if (value === null) continue;
    series.turns.push(comment.turn);
    series.values.push(value);
  }
  return series;
}

/** One value per comment, or per discussion (the mean of its comments' values). */
function unitValues(condition: Condition, measure: CommentMeasure | DiscussionMeasure, unit: "comment" | "discussion", series: ReadonlyMap<StudyDiscussion, Series>): number[] {
  const values: number[] = [];
  for (const discussion of condition.discussions) {
    if (measure.level === "discussion") {
      const value = measure.value(discussion.measured!.measures);
      if (value !== null) values.push(value);
      continue;
    }
    const own = (series.get(discussion) as Series).values;
    if (unit === "comment") for (const value of own) values.push(value);
    else if (own.length > 0) values.push(own.reduce((sum, value) => sum + value, 0) / own.length);
  }
  return values;
}

/** Mean by turn over comments, and each discussion's running mean up to the turn averaged over discussions. */
function turnCurve(condition: Condition, series: ReadonlyMap<StudyDiscussion, Series>): TurnPoint[] {
  const atTurn = new Map<number, number[]>();
  const perDiscussion = condition.discussions.map((discussion) => series.get(discussion) as Series);
  for (const { turns, values } of perDiscussion) {
    turns.forEach((turn, index) => {
      if (turn < 0) return;
      const list = atTurn.get(turn);
      if (list) list.push(values[index] as number);
      else atTurn.set(turn, [values[index] as number]);
    });
  }
  const turns = [...atTurn.keys()].sort((a, b) => a - b);
  // Each discussion's running mean at every turn, in one pass over its values.
  const running = turns.map(() => [] as number[]);
  for (const own of perDiscussion) {
    let sum = 0;
    let count = 0;
    let next = 0;
    while (next < own.turns.length && (own.turns[next] as number) < 0) next++;
    turns.forEach((turn, index) => {
      while (next < own.turns.length && (own.turns[next] as number) <= turn) {
        sum += own.values[next] as number;
        count++;
        next++;
      }
      if (count > 0) (running[index] as number[]).push(sum / count);
    });
  }
  return turns.map((turn, index) => {
    const here = describe(atTurn.get(turn) as number[]);
    const cumulative = describe(running[index] as number[]);
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
