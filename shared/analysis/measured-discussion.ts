import { z } from "zod";

/**
 * What the analysis keeps of one discussion: every measure of every comment and of the whole
 * discussion, and the facts the dataset needs (authors, roles, turns, personas), but not the
 * comment texts (an export reads those from the file again). This is what the measures cache
 * stores, so it is validated when read back.
 */

export const commentRoleSchema = z.enum(["seed", "user", "moderator", "human"]);
export type AnalysisRole = z.infer<typeof commentRoleSchema>;

const nullableNumber = z.number().nullable();

export const measuredCommentSchema = z.object({
  /** Position in the discussion file's logs, from 0 (seed comments included). */
  index: z.number().int().nonnegative(),
  /** 0-based turn; seed comments have -1, a moderator's answer has the turn it answers. */
  turn: z.number().int(),
  author: z.string(),
  role: commentRoleSchema,
  model: z.string(),
  words: z.number().int().nonnegative(),
  characters: z.number().int().nonnegative(),
  /** Tokens the model generated for it (from the run record); null without one, and for seed and human comments. */
  tokens: z.number().int().nonnegative().nullable(),
  /** Moderator comments only: the moderator said something (the text is not blank). */
  intervention: z.boolean().nullable(),
  /** Participants' comments only: share of the discussion's participant comments written by this author. */
  authorShare: nullableNumber,
  /** Participants' comments only: 1 - mean ROUGE-L F against the discussion's other participant comments. */
  diversity: nullableNumber,
  /** Per annotation dimension: the mean over annotators (null when no annotator gave a number). */
  annotations: z.record(z.string(), nullableNumber),
});
export type MeasuredComment = z.infer<typeof measuredCommentSchema>;

export const discussionMeasuresSchema = z.object({
  /** Comments after the seed comments. */
  comments: z.number().int().nonnegative(),
  participantComments: z.number().int().nonnegative(),
  moderatorComments: z.number().int().nonnegative(),
  interventions: z.number().int().nonnegative(),
  /** Interventions over moderator comments; null when the moderator never had a turn. */
  interventionRate: nullableNumber,
  /** Share of the participants who wrote at least one comment. */
  participationRate: nullableNumber,
  /** Shannon entropy of the participants' comment shares over its maximum: 1 = everyone wrote equally often. */
  participationBalance: nullableNumber,
  /** 1 - mean pairwise ROUGE-L F between participant comments; null with fewer than two. */
  diversity: nullableNumber,
  wordsMean: nullableNumber,
  tokensMean: nullableNumber,
  /** Per annotation dimension: the mean over participant comments of the per-comment means. */
  annotations: z.record(z.string(), nullableNumber),
});
export type DiscussionMeasures = z.infer<typeof discussionMeasuresSchema>;

/** Persona fields as dataset columns: strings, lists joined with "; ", unknown age (-1) as null. */
export const personaColumnsSchema = z.record(z.string(), z.string().nullable());
export type PersonaColumns = z.infer<typeof personaColumnsSchema>;

export const measuredDiscussionSchema = z.object({
  discussionId: z.string(),
  timestamp: z.string(),
  format: z.enum(["legacy", "v2"]),
  /** The run record's status, or "imported" for a file without one. */
  status: z.string(),
  users: z.array(z.string()),
  moderator: z.string().nullable(),
  models: z.array(z.string()),
  /** By username: the persona each participant (and the moderator) was played with, where the file says. */
  personas: z.record(z.string(), personaColumnsSchema),
  comments: z.array(measuredCommentSchema),
  measures: discussionMeasuresSchema,
});
export type MeasuredDiscussion = z.infer<typeof measuredDiscussionSchema>;

/** Per comment index, per numeric dimension: the mean over the annotators that scored it. */
export type CommentAnnotationMeans = ReadonlyMap<number, Readonly<Record<string, number | null>>>;
