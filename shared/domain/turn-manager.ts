import { z } from "zod";
import { modelRefSchema } from "./model-ref.js";

/**
 * How RandomWeighted chooses. "intended": with p_respond the speaker before the last one
 * answers back. "syndisco-2.0": what SynDisco 2.0.x actually does (p_respond has no effect),
 * for replicating studies that ran it.
 */
export const randomWeightedVariantSchema = z.enum(["intended", "syndisco-2.0"]);
export type RandomWeightedVariant = z.infer<typeof randomWeightedVariantSchema>;

const roundRobinSchema = z.object({ kind: z.literal("round-robin") });

const randomWeightedSchema = z.object({
  kind: z.literal("random-weighted"),
  /** Probability that the speaker before the last one answers back (A, B, A); ignored by "syndisco-2.0". */
  pRespond: z.number().min(0).max(1).default(0.5),
  variant: randomWeightedVariantSchema.default("intended"),
});

/**
 * SillyTavern's "natural" order, for one speaker a turn: a participant named in the last
 * comment (by name or @name) answers it with probability pMention; otherwise the next
 * speaker is drawn by talkativeness weight. Nobody speaks twice in a row unless alone.
 */
const talkativenessSchema = z.object({
  kind: z.literal("talkativeness"),
  /** Weight per participant by username; a participant not listed weighs 1. */
  weights: z.record(z.string(), z.number().finite().nonnegative("talkativeness cannot be negative")).default({}),
  /** Chance that a participant named in the last comment answers it. */
  pMention: z.number().min(0).max(1).default(0.8),
});

/** The managers that decide on their own, from a seed (and the last comment). */
export const automaticTurnManagerSpecSchema = z.discriminatedUnion("kind", [roundRobinSchema, randomWeightedSchema, talkativenessSchema]);
export type AutomaticTurnManagerSpec = z.infer<typeof automaticTurnManagerSpecSchema>;

/**
 * AutoGen's "auto" speaker selection: a model reads the recent comments and names who speaks
 * next, its answer held by a grammar to the participants' names (never the last speaker
 * unless allowed). The prompt and answer of every choice go into the run record.
 */
const llmSelectedSchema = z.object({
  kind: z.literal("llm-selected"),
  /** The model that chooses; the design's model when absent. */
  model: modelRefSchema.optional(),
  /** How many recent comments it reads. */
  window: z.number().int().positive().max(200).default(5),
  allowRepeat: z.boolean().default(false),
  /** Added to its instructions, e.g. "prefer participants who have not spoken yet". */
  instructions: z.string().max(4000).default(""),
  /** 0 picks the most likely name; higher samples (seeded per turn). */
  temperature: z.number().min(0).max(2).default(0),
});

/** The person watching picks each speaker in the transcript; without an answer in time, `fallback` does. */
const manualSchema = z.object({
  kind: z.literal("manual"),
  /** Seconds to wait for a pick; null waits as long as it takes. */
  timeoutSeconds: z.number().positive().max(86_400).nullable().default(null),
  fallback: automaticTurnManagerSpecSchema.default({ kind: "round-robin" }),
});

export const turnManagerSpecSchema = z.discriminatedUnion("kind", [roundRobinSchema, randomWeightedSchema, talkativenessSchema, llmSelectedSchema, manualSchema]);
export type TurnManagerSpec = z.infer<typeof turnManagerSpecSchema>;
export type TurnManagerKind = TurnManagerSpec["kind"];

/** How a turn's speaker was decided, as the run record keeps it. */
export const speakerChoiceSchema = z.object({
  turn: z.number().int().nonnegative(),
  speaker: z.string(),
  /** "manager": an automatic manager; "llm": the model's answer; "person": picked in the transcript; "fallback": nobody picked in time. */
  by: z.enum(["manager", "llm", "person", "fallback"]),
  /** For "llm": the exact prompt, the seed and the raw answer. */
  prompt: z.object({ system: z.string(), user: z.string() }).optional(),
  seed: z.number().int().nonnegative().optional(),
  reply: z.string().optional(),
});
export type SpeakerChoice = z.infer<typeof speakerChoiceSchema>;
