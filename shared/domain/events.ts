import { z } from "zod";
import { commentSchema, commentStatsSchema } from "./comment.js";
import { speakerChoiceSchema } from "./turn-manager.js";

export const discussionEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("turn-start"),
    discussionId: z.string(),
    turn: z.number().int(),
    speaker: z.string(),
    role: z.enum(["user", "moderator", "human"]),
  }),
  /** Reading the prompt: `tokens` to evaluate (beyond what the speaker's sequence held), `evaluated` so far. */
  z.object({
    type: z.literal("prompt"),
    discussionId: z.string(),
    turn: z.number().int(),
    speaker: z.string(),
    tokens: z.number().int().nonnegative(),
    evaluated: z.number().int().nonnegative(),
  }),
  /** The speaker's reply waits for a free slot (every sequence of the model's context busy, or a server at its concurrency limit); false once it has one. */
  z.object({ type: z.literal("waiting"), discussionId: z.string(), turn: z.number().int(), speaker: z.string(), waiting: z.boolean() }),
  /** The reply broke after some text was streamed (its server failed) and starts over elsewhere: the turn's text so far is void. */
  z.object({ type: z.literal("restart"), discussionId: z.string(), turn: z.number().int(), speaker: z.string(), message: z.string() }),
  z.object({ type: z.literal("token"), discussionId: z.string(), turn: z.number().int(), speaker: z.string(), text: z.string() }),
  z.object({
    type: z.literal("comment"),
    discussionId: z.string(),
    index: z.number().int().nonnegative(),
    comment: commentSchema,
    stats: commentStatsSchema.nullable(),
  }),
  z.object({
    type: z.literal("silent-turn"),
    discussionId: z.string(),
    turn: z.number().int(),
    speaker: z.string(),
    stats: commentStatsSchema,
  }),
  z.object({ type: z.literal("warning"), discussionId: z.string(), message: z.string() }),
  /** A manual turn manager asks the person watching to pick the speaker. */
  z.object({ type: z.literal("speaker-question"), discussionId: z.string(), turn: z.number().int(), candidates: z.array(z.string()), deadline: z.string().nullable() }),
  /** How an LLM-selected or manual manager decided this turn's speaker (before its turn-start). */
  speakerChoiceSchema.extend({ type: z.literal("speaker-chosen"), discussionId: z.string() }),
  z.object({
    type: z.literal("end"),
    discussionId: z.string(),
    reason: z.enum(["completed", "stopped"]),
  }),
  z.object({ type: z.literal("error"), discussionId: z.string(), message: z.string() }),
  /** A run file could not be written (a full disk): the discussion is paused, its comments kept in memory, until a retry or another folder works. */
  z.object({ type: z.literal("save-failed"), discussionId: z.string(), message: z.string(), file: z.string() }),
  /** Writing works again (`file` is the journal, perhaps in a new folder). */
  z.object({ type: z.literal("save-recovered"), discussionId: z.string(), file: z.string() }),
]);
export type DiscussionEvent = z.infer<typeof discussionEventSchema>;
export type DiscussionEventOf<T extends DiscussionEvent["type"]> = Extract<DiscussionEvent, { type: T }>;
