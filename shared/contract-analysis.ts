/**
 * Studies and their analysis: every study folder in the data folder with its grid and
 * progress, its discussions by cell, the measures and per-condition summaries, and the
 * exported dataset and report. Spread into `commands` in contract.ts.
 */
import { z } from "zod";
import { analysisRequestSchema, analysisResultSchema, measureInfoSchema } from "./domain/analysis.js";
import { experimentSpecSchema } from "./domain/index.js";

const studyId = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid study id").refine((id) => id !== "." && id !== "..", "not a valid study id");
const problems = z.array(z.object({ file: z.string(), message: z.string() }));

export const studyDiscussionStatusSchema = z.enum(["pending", "running", "completed", "stopped", "failed", "recovered", "imported", "unreadable"]);
export type StudyDiscussionStatusName = z.infer<typeof studyDiscussionStatusSchema>;

export const studyFactorSchema = z.object({
  /** The grid's name for it (moderator, turnManager, ...). */
  name: z.string(),
  /** Its dataset column (factor_moderator, ...). */
  column: z.string(),
  levels: z.array(z.string()),
});
export type StudyFactor = z.infer<typeof studyFactorSchema>;

const statusCounts = z.partialRecord(studyDiscussionStatusSchema, z.number().int().nonnegative());

export const studySummarySchema = z.object({
  studyId,
  name: z.string(),
  folder: z.string(),
  /** When experiment.json was written (the study's start). */
  createdAt: z.string(),
  factors: z.array(studyFactorSchema),
  cells: z.number().int().nonnegative(),
  discussions: z.number().int().nonnegative(),
  counts: statusCounts,
  /** running / paused: a run is active now; finished: every discussion completed; incomplete: not running, not all done. */
  state: z.enum(["running", "paused", "finished", "incomplete"]),
});
export type StudySummary = z.infer<typeof studySummarySchema>;

export const studyDiscussionSchema = z.object({
  discussionId: z.string(),
  repetition: z.number().int(),
  participants: z.array(z.string()),
  status: studyDiscussionStatusSchema,
  /** Comments logged; null until the discussion's file exists. */
  comments: z.number().int().nonnegative().nullable(),
});
export type StudyDiscussion = z.infer<typeof studyDiscussionSchema>;

export const studyDetailSchema = z.object({
  summary: studySummarySchema,
  cells: z.array(z.object({ id: z.string(), conditions: z.record(z.string(), z.string()), discussions: z.array(studyDiscussionSchema) })),
});
export type StudyDetail = z.infer<typeof studyDetailSchema>;

export const analysisOverviewSchema = z.object({
  studyId,
  name: z.string(),
  measures: z.array(measureInfoSchema),
  factors: z.array(studyFactorSchema),
  annotationDimensions: z.array(z.string()),
  counts: statusCounts,
  /** Discussion files that could not be read, and what is wrong with each. */
  problems,
  measuredNow: z.number().int().nonnegative(),
  fromCache: z.number().int().nonnegative(),
});
export type AnalysisOverview = z.infer<typeof analysisOverviewSchema>;

export const exportFileKindSchema = z.enum(["comments.csv", "comments.parquet", "discussions.csv", "discussions.parquet", "codebook.csv", "analysis.py", "report.zip"]);
export type ExportFileKind = z.infer<typeof exportFileKindSchema>;

/** A file made by the main process, binary ones included (Parquet, zip): base64 crosses every transport. */
export const exportedFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });
export type ExportedFile = z.infer<typeof exportedFileSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
const nothing = z.strictObject({});
const study = z.strictObject({ studyId });

export const analysisCommands = {
  /** Every study folder under `<data>/experiments/`, finished or not. */
  "studies.list": command(nothing, z.object({ studies: z.array(studySummarySchema), problems })),
  /** A study's grid and its discussions by cell, with their status. */
  "studies.open": command(study, studyDetailSchema),
  /** The study's spec from its experiment.json, to reopen it in Experiments (resume it, or change it into a new study). */
  "studies.spec": command(study, z.object({ spec: experimentSpecSchema })),
  /** Measures the study (cached; only changed files are read), with `progress` events; says what can be analysed. */
  "analysis.measure": command(study, analysisOverviewSchema),
  /** Per-condition summaries, per-turn curves, distribution and tests of one measure. */
  "analysis.summarize": command(z.strictObject({ studyId, request: analysisRequestSchema }), analysisResultSchema),
  /** One file of the dataset, the Python script, or the whole report (dataset, figures, tables, report.html) as a zip. */
  "analysis.export": command(z.strictObject({ studyId, file: exportFileKindSchema }), exportedFileSchema),
} as const;
