import { z } from "zod";
import { personaSchema } from "./persona.js";
import { samplingSchema } from "./sampling.js";
import { modelRefSchema } from "./model-ref.js";
import { commentStatsSchema } from "./comment.js";
import { annotationDimensionSchema, annotationSchemeSchema } from "./annotation-scheme.js";

export * from "./annotation-scheme.js";

/** Annotators are named in tables and file names: letters, digits, spaces and . + - _ */
export const annotatorNameSchema = z.string().trim().min(1, "the annotator has no name").max(40).regex(/^[\w .+-]+$/, "an annotator name uses letters, digits, spaces and . + - _");

/**
 * An LLM annotator: a persona (or none, as SynDisco's empty Persona()), a scheme, a model and
 * sampling. Its system prompt is SynDisco's with `"type": "2"` and the scheme's instructions.
 */
export const annotatorSchema = z.object({
  name: annotatorNameSchema,
  persona: personaSchema.nullable().default(null),
  scheme: annotationSchemeSchema,
  model: modelRefSchema,
  sampling: samplingSchema.default(samplingSchema.parse({ temperature: 0 })),
});
export type Annotator = z.infer<typeof annotatorSchema>;
export type AnnotatorInput = z.input<typeof annotatorSchema>;

/** Folders and ids of annotation jobs: relative to the data folder, e.g. `annotations/toxicity` or `experiments/s1/annotations/toxicity`. */
export const annotationJobIdSchema = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "not a valid annotation job id")
  .refine((id) => !id.split("/").some((part) => part === "." || part === ".."), "not a valid annotation job id");

/** What to annotate and how: several annotators over a set of discussions. */
export const annotationJobSpecSchema = z
  .object({
    name: z.string().trim().min(1, "the job has no name").max(100),
    annotators: z.array(annotatorSchema).min(1, "a job needs at least one annotator").max(100),
    /** SynDisco's include_moderator_comments: false leaves moderator comments out of what is rated and of the history. */
    includeModeratorComments: z.boolean().default(true),
    /** Which SynDisco annotation format the job also writes, one file per annotator and discussion. */
    syndiscoFormat: z.enum(["legacy", "v2"]).default("legacy"),
  })
  .superRefine((spec, ctx) => {
    const names = spec.annotators.map((annotator) => annotator.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) ctx.addIssue({ code: "custom", path: ["annotators"], message: `the annotator name "${repeated}" is used twice` });
  });
export type AnnotationJobSpec = z.infer<typeof annotationJobSpecSchema>;
export type AnnotationJobSpecInput = z.input<typeof annotationJobSpecSchema>;

export const annotationValueSchema = z.union([z.number(), z.string()]);
export type AnnotationValue = z.infer<typeof annotationValueSchema>;

/**
 * One annotator's answer about one comment. `values` holds the parsed answer per dimension,
 * or null when the answer could not be parsed (then `error` says why); `raw` is always the
 * text as the model wrote it (or the imported cell).
 */
export const commentAnnotationSchema = z.object({
  annotator: z.string(),
  /** Index of the comment in the discussion's `logs`. */
  commentIndex: z.number().int().nonnegative(),
  values: z.record(z.string(), annotationValueSchema).nullable(),
  raw: z.string(),
  error: z.string().nullable(),
  /** Null for imported annotations. */
  seed: z.number().int().nonnegative().nullable(),
  attempts: z.number().int().nonnegative(),
  stats: commentStatsSchema.omit({ seed: true }).nullable(),
});
export type CommentAnnotation = z.infer<typeof commentAnnotationSchema>;

/** Who annotated, as the records and the tables describe them. */
export const annotatorInfoSchema = z.object({
  name: z.string(),
  source: z.enum(["llm", "imported", "external"]),
  /** The model's display name (LLM and imported SynDisco files), or the file the scores came from. */
  model: z.string(),
  persona: z.string().nullable(),
  dimensions: z.array(annotationDimensionSchema),
  /** The annotator's system prompt (SynDisco's annotator_prompt); null for external scores. */
  systemPrompt: z.string().nullable(),
  historyWindow: z.number().int().nonnegative().nullable(),
});
export type AnnotatorInfo = z.infer<typeof annotatorInfoSchema>;

/**
 * `records/<discussion id>.json` in a job folder: every annotation the job made of one
 * discussion, by every annotator that has finished it (our own format, with parsed values).
 */
export const discussionAnnotationsSchema = z.object({
  kind: z.literal("syndisco-studio.annotations"),
  version: z.literal(1),
  discussionId: z.string(),
  jobId: annotationJobIdSchema,
  annotators: z.array(annotatorInfoSchema),
  annotations: z.array(commentAnnotationSchema),
});
export type DiscussionAnnotations = z.infer<typeof discussionAnnotationsSchema>;

/**
 * The read API's answer: every annotation of some discussions, as a tidy table. An annotator
 * is identified across jobs by `<jobId>#<name>`; a score row is one comment by one annotator
 * with a value per dimension (null values: the answer did not parse).
 */
export const annotationTableSchema = z.object({
  annotators: z.array(annotatorInfoSchema.extend({ id: z.string(), jobId: annotationJobIdSchema })),
  scores: z.array(
    z.object({
      discussionId: z.string(),
      commentIndex: z.number().int().nonnegative(),
      annotatorId: z.string(),
      values: z.record(z.string(), annotationValueSchema).nullable(),
    }),
  ),
});
export type AnnotationTable = z.infer<typeof annotationTableSchema>;

export function annotatorId(jobId: string, name: string): string {
  return `${jobId}#${name}`;
}

export const annotationProgressSchema = z.object({
  /** Annotations the job makes in all (annotators x rated comments). */
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  /** Done but unparsed (recorded with their raw text). */
  unparsed: z.number().int().nonnegative(),
  /** Annotator x discussion pairs that failed (e.g. the model cannot load). */
  failed: z.number().int().nonnegative(),
  annotationsPerHour: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** Prompt tokens evaluated and in the prompts, so far in this session (what prefix reuse saved). */
  promptTokens: z.object({ evaluated: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  annotators: z.array(z.object({ name: z.string(), done: z.number().int(), total: z.number().int() })),
  /** Why annotator x discussion pairs failed (the latest few); a rerun tries them again. */
  errors: z.array(z.object({ annotator: z.string(), discussionId: z.string(), message: z.string() })),
  state: z.enum(["running", "paused", "cancelling", "finished", "cancelled"]),
});
export type AnnotationProgress = z.infer<typeof annotationProgressSchema>;

/** A dimension's agreement across the annotators that rated it (Krippendorff's alpha). */
export const dimensionAgreementSchema = z.object({
  dimension: z.string(),
  level: z.enum(["interval", "nominal"]),
  /** Null when undefined (fewer than two ratings of any comment, or no variation at all). */
  alpha: z.number().nullable(),
  annotators: z.number().int().nonnegative(),
  /** Comments rated by at least two annotators. */
  units: z.number().int().nonnegative(),
  values: z.number().int().nonnegative(),
});
export type DimensionAgreement = z.infer<typeof dimensionAgreementSchema>;

/**
 * One comment's scores on one dimension over its annotators: the mean (interval) or the most
 * frequent label (nominal), and how much the annotators disagree: the standard deviation
 * (interval) or the share of annotator pairs that chose different labels (nominal).
 */
export const commentConsensusSchema = z.object({
  discussionId: z.string(),
  commentIndex: z.number().int().nonnegative(),
  dimension: z.string(),
  ratings: z.number().int().nonnegative(),
  mean: z.number().nullable(),
  mode: z.string().nullable(),
  disagreement: z.number().nullable(),
});
export type CommentConsensus = z.infer<typeof commentConsensusSchema>;

export const annotationAgreementSchema = z.object({ dimensions: z.array(dimensionAgreementSchema), comments: z.array(commentConsensusSchema) });
export type AnnotationAgreement = z.infer<typeof annotationAgreementSchema>;
