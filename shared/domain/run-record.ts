import { z } from "zod";
import { discussionDesignSchema } from "./design.js";
import { commentStatsSchema } from "./comment.js";
import { speakerChoiceSchema } from "./turn-manager.js";

export const modelIdentitySchema = z.object({
  displayName: z.string(),
  backend: z.enum(["llama", "openai"]),
  fileName: z.string().optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
  architecture: z.string().optional(),
  parameters: z.number().nonnegative().optional(),
  quantization: z.string().optional(),
  chatTemplate: z.enum(["model", "fallback"]).optional(),
  /** The template text the prompts went through: the model's Jinja source, or SynDisco's fallback layout. */
  chatTemplateText: z.string().optional(),
  /** Whether a BOS token was put before each rendered prompt (the tokenizer's add-BOS rule). */
  bosAdded: z.boolean().optional(),
  baseUrl: z.string().optional(),
  modelName: z.string().optional(),
  /** The server profile the model was reached through. */
  profile: z.string().optional(),
});
export type ModelIdentity = z.infer<typeof modelIdentitySchema>;

export const runRecordSchema = z.object({
  kind: z.literal("syndisco-studio.run"),
  version: z.literal(1),
  discussionId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(["running", "completed", "stopped", "failed", "recovered"]),
  design: discussionDesignSchema,
  /** Seed of the turn manager's generator, and the speakers it drew, in order. */
  turnManagerSeed: z.number().int().nonnegative(),
  speakers: z.array(z.string()),
  /** How each speaker was chosen, where a model or a person chose (LLM-selected and manual managers). */
  speakerChoices: z.array(speakerChoiceSchema).optional(),
  models: z.array(modelIdentitySchema),
  runtime: z.object({
    app: z.string(),
    gpu: z.string(),
    threads: z.number().int().nonnegative(),
    contextSize: z.number().int().nonnegative(),
  }),
  comments: z.array(
    z.object({ name: z.string(), turn: z.number().int(), logged: z.boolean(), stats: commentStatsSchema.nullable() }),
  ),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
