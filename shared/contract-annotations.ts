/**
 * Annotation: schemes and saved annotators, jobs over library discussions or a whole study
 * (resumable, into `<data>/annotations/<job>/` or `<study>/annotations/<job>/`), imports of
 * SynDisco annotation files and CSVs of external scores, and the read API: every annotation of
 * some discussions as a table, one comment's raw answers, agreement.
 * Spread into `commands` / `events` in contract.ts.
 */
import { z } from "zod";
import {
  annotationAgreementSchema,
  annotationJobIdSchema,
  annotationProgressSchema,
  annotationSchemeSchema,
  annotationTableSchema,
  annotatorInfoSchema,
  annotatorNameSchema,
  annotatorSchema,
  commentAnnotationSchema,
} from "./domain/annotation.js";
import { modelRefSchema } from "./domain/model-ref.js";
import { samplingSchema } from "./domain/sampling.js";

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
const nothing = z.strictObject({});
const schemeId = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, "not a valid scheme id");
const discussionId = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid id");
const fileContent = z.strictObject({ fileName: z.string().min(1).max(255), content: z.string().max(64 * 1024 * 1024) });
const problem = z.object({ file: z.string(), message: z.string() });

export const savedSchemeSchema = z.object({ id: schemeId, scheme: annotationSchemeSchema });
export type SavedScheme = z.infer<typeof savedSchemeSchema>;

/** An annotator as the GUI keeps it: by the pool persona's username and a saved scheme's id. */
export const savedAnnotatorSchema = z.object({
  name: annotatorNameSchema,
  persona: z.string().nullable(),
  schemeId,
  model: modelRefSchema,
  sampling: samplingSchema,
});
export type SavedAnnotator = z.infer<typeof savedAnnotatorSchema>;

export const annotationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("discussions"), ids: z.array(discussionId).min(1, "choose at least one discussion").max(100_000) }),
  /** Every discussion of a study (its folder under `<data>/experiments/`). */
  z.object({ kind: z.literal("study"), experimentId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid id") }),
]);
export type AnnotationTarget = z.infer<typeof annotationTargetSchema>;

export const annotationJobSummarySchema = z.object({
  jobId: annotationJobIdSchema,
  name: z.string(),
  directory: z.string(),
  /** "3 discussions" or "study <name>". */
  target: z.string(),
  annotators: z.array(z.string()),
  discussions: z.number().int().nonnegative(),
  parallel: z.number().int().positive(),
  progress: annotationProgressSchema,
  /** Why the job stopped, when it failed as a whole (e.g. an annotator's model cannot load). */
  error: z.string().nullable(),
  /** Whether it runs in this engine now, or is a folder from an earlier session. */
  live: z.boolean(),
});
export type AnnotationJobSummary = z.infer<typeof annotationJobSummarySchema>;

export const annotationAnswerSchema = z.object({
  annotator: annotatorInfoSchema.extend({ id: z.string(), jobId: annotationJobIdSchema }),
  annotation: commentAnnotationSchema,
});
export type AnnotationAnswer = z.infer<typeof annotationAnswerSchema>;

/** Per discussion, the mean of each rated dimension over its comments and annotators (library filter and sort). */
export const discussionScoresSchema = z.object({ discussionId: z.string(), means: z.record(z.string(), z.number()), annotators: z.number().int().nonnegative() });
export type DiscussionScores = z.infer<typeof discussionScoresSchema>;

export const annotationCommands = {
  /** Saved schemes (`<data>/annotations/schemes.json`) and our presets. */
  "annotations.schemes": command(nothing, z.object({ schemes: z.array(savedSchemeSchema), presets: z.array(annotationSchemeSchema), problems: z.array(problem) })),
  "annotations.saveScheme": command(z.strictObject({ id: schemeId.optional(), scheme: annotationSchemeSchema }), savedSchemeSchema),
  "annotations.deleteScheme": command(z.strictObject({ id: schemeId }), z.object({ deleted: z.boolean() })),
  "annotations.annotators": command(nothing, z.object({ annotators: z.array(savedAnnotatorSchema) })),
  "annotations.saveAnnotators": command(z.strictObject({ annotators: z.array(savedAnnotatorSchema).max(100) }), z.object({ annotators: z.array(savedAnnotatorSchema) })),
  /** Studies on disk that a job can annotate as a whole. */
  "annotations.studies": command(nothing, z.object({ studies: z.array(z.object({ experimentId: z.string(), name: z.string(), discussions: z.number().int().nonnegative() })) })),
  /** Starts a job (or continues the one of that name over the same discussions). */
  "annotations.start": command(
    z.strictObject({
      name: z.string().trim().min(1).max(100),
      annotators: z.array(annotatorSchema).min(1).max(100),
      target: annotationTargetSchema,
      includeModeratorComments: z.boolean().default(true),
      syndiscoFormat: z.enum(["legacy", "v2"]).default("legacy"),
      parallel: z.number().int().min(1).max(64).optional(),
    }),
    annotationJobSummarySchema,
  ),
  "annotations.control": command(z.strictObject({ jobId: annotationJobIdSchema, action: z.enum(["pause", "resume", "cancel"]) }), annotationJobSummarySchema),
  /** Continues a job folder from an earlier session (same spec, same discussions). */
  "annotations.resume": command(z.strictObject({ jobId: annotationJobIdSchema }), annotationJobSummarySchema),
  /** Jobs running now and job folders on disk. */
  "annotations.jobs": command(nothing, z.object({ jobs: z.array(annotationJobSummarySchema), problems: z.array(problem) })),
  /** The read API: every annotation of these discussions (per comment, per annotator, a value per dimension). */
  "annotations.table": command(z.strictObject({ discussionIds: z.array(discussionId).max(100_000) }), z.object({ table: annotationTableSchema, problems: z.array(problem) })),
  /** Every annotator's whole answer about one comment: raw text, parse error, seed, token counts. */
  "annotations.answers": command(z.strictObject({ discussionId, commentIndex: z.number().int().nonnegative() }), z.object({ answers: z.array(annotationAnswerSchema) })),
  /** Krippendorff's alpha per dimension and per-comment disagreement, over one job's annotators or all annotators of some discussions. */
  "annotations.agreement": command(
    z.strictObject({ jobId: annotationJobIdSchema.optional(), discussionIds: z.array(discussionId).max(100_000).optional() }).refine((input) => input.jobId !== undefined || input.discussionIds !== undefined, "give a jobId or discussionIds"),
    annotationAgreementSchema,
  ),
  /** Mean scores per discussion, for the library's filter and sort. */
  "annotations.scores": command(nothing, z.object({ discussions: z.array(discussionScoresSchema), dimensions: z.array(z.string()) })),
  /** A SynDisco annotation file (legacy or 2.1+) attached as another annotator; its answers parsed with the scheme. */
  "annotations.importFile": command(
    z.strictObject({ file: fileContent, scheme: annotationSchemeSchema, annotatorName: annotatorNameSchema.optional(), discussionId: discussionId.optional() }),
    z.object({ jobId: annotationJobIdSchema, discussionId: z.string(), annotations: z.number().int(), unparsed: z.number().int(), warnings: z.array(z.string()) }),
  ),
  /** A CSV of external scores (discussion_id, comment_index, one column per dimension) attached as another annotator. */
  "annotations.importCsv": command(
    z.strictObject({ file: fileContent, annotatorName: annotatorNameSchema }),
    z.object({ jobId: annotationJobIdSchema, discussions: z.number().int(), annotations: z.number().int(), dimensions: z.array(z.string()), problems: z.array(z.string()) }),
  ),
} as const;

export const annotationEvents = {
  /** A job's progress, a few times a second at most, and at every state change. */
  "annotations.progress": annotationJobSummarySchema,
} as const;
