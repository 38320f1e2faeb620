import { z } from "zod";

/**
 * A study's analysis as it crosses the boundary: which measures exist, what the analysis view
 * asks for, and the summaries the main process computes for it. Measures are named by their
 * dataset column, so the app, the exported files and the generated Python script agree.
 */

export const analysisRoleSchema = z.enum(["seed", "user", "moderator", "human"]);
export type AnalysisRoleName = z.infer<typeof analysisRoleSchema>;

export const measureLevelSchema = z.enum(["comment", "discussion"]);
export type MeasureLevel = z.infer<typeof measureLevelSchema>;

export const measureRefSchema = z.strictObject({
  level: measureLevelSchema,
  column: z.string().regex(/^[a-z][a-z0-9_]{0,79}$/, "not a measure column"),
});
export type MeasureRef = z.infer<typeof measureRefSchema>;

export const measureInfoSchema = z.object({
  level: measureLevelSchema,
  column: z.string(),
  label: z.string(),
  description: z.string(),
  /** Boolean measures are averaged as rates (true = 1). */
  kind: z.enum(["number", "boolean"]),
  /** Comment measures: the comments it is defined for (and analysed over by default). */
  roles: z.array(analysisRoleSchema),
});
export type MeasureInfo = z.infer<typeof measureInfoSchema>;

export const analysisUnitSchema = z.enum(["comment", "discussion"]);
export type AnalysisUnit = z.infer<typeof analysisUnitSchema>;

export const analysisRequestSchema = z.strictObject({
  measure: measureRefSchema,
  /** Up to two of the study's factors; none compares nothing (one condition, "all"). */
  factors: z.array(z.string().min(1).max(80)).max(2).default([]),
  /** Comment measures: each comment a value, or each discussion the mean of its comments (the default). */
  unit: analysisUnitSchema.default("discussion"),
  /** Comment measures: which comments count; left out, the measure's own roles. */
  roles: z.array(analysisRoleSchema).min(1).optional(),
});
export type AnalysisRequest = z.infer<typeof analysisRequestSchema>;
export type AnalysisRequestInput = z.input<typeof analysisRequestSchema>;

const nullableNumber = z.number().nullable();

export const conditionSummarySchema = z.object({
  /** The levels joined with " · ", or "all" without factors. */
  condition: z.string(),
  levels: z.record(z.string(), z.string()),
  n: z.number().int().nonnegative(),
  mean: nullableNumber,
  sd: nullableNumber,
  ciLow: nullableNumber,
  ciHigh: nullableNumber,
  median: nullableNumber,
});
export type ConditionSummary = z.infer<typeof conditionSummarySchema>;

export const turnPointSchema = z.object({
  condition: z.string(),
  turn: z.number().int(),
  /** Comments at this turn. */
  n: z.number().int().nonnegative(),
  mean: nullableNumber,
  ciLow: nullableNumber,
  ciHigh: nullableNumber,
  /** Discussions with a value up to this turn; their running means (each discussion's mean of turns 0..turn). */
  cumulativeN: z.number().int().nonnegative(),
  cumulativeMean: nullableNumber,
  cumulativeCiLow: nullableNumber,
  cumulativeCiHigh: nullableNumber,
});
export type TurnPoint = z.infer<typeof turnPointSchema>;

export const histogramBinSchema = z.object({ condition: z.string(), start: z.number(), end: z.number(), count: z.number().int().nonnegative() });
export type HistogramBin = z.infer<typeof histogramBinSchema>;

export const pairwiseComparisonSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Null when the test could not be made; `reason` says why. */
  meanDifference: nullableNumber,
  t: nullableNumber,
  df: nullableNumber,
  p: nullableNumber,
  /** Holm-corrected over the comparisons that could be made. */
  pHolm: nullableNumber,
  reason: z.string().nullable(),
});
export type PairwiseComparison = z.infer<typeof pairwiseComparisonSchema>;

export const omnibusSchema = z.object({
  anova: z.object({ f: z.number(), dfBetween: z.number(), dfWithin: z.number(), p: z.number() }).nullable(),
  anovaReason: z.string().nullable(),
  kruskal: z.object({ h: z.number(), df: z.number(), p: z.number() }).nullable(),
  kruskalReason: z.string().nullable(),
});
export type Omnibus = z.infer<typeof omnibusSchema>;

export const analysisResultSchema = z.object({
  measure: measureInfoSchema,
  unit: analysisUnitSchema,
  factors: z.array(z.string()),
  roles: z.array(analysisRoleSchema),
  conditions: z.array(conditionSummarySchema),
  /** Comment measures only (empty for discussion measures). */
  byTurn: z.array(turnPointSchema),
  histogram: z.array(histogramBinSchema),
  pairwise: z.array(pairwiseComparisonSchema),
  omnibus: omnibusSchema,
  /** What was left out and why, conditions without data, and other things a reader must know. */
  notes: z.array(z.string()),
  discussionsUsed: z.number().int().nonnegative(),
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
