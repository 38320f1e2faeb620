import { z } from "zod";

/** One logged comment, as SynDisco's legacy `logs` entry plus what the engine measured. */
export const commentSchema = z.object({
  name: z.string(),
  text: z.string(),
  model: z.string(),
  role: z.enum(["seed", "user", "moderator", "human"]),
  /** 0-based turn this comment belongs to; seed comments have -1. */
  turn: z.number().int(),
});
export type Comment = z.infer<typeof commentSchema>;

/** What one generated comment cost; kept in the run record. */
export const commentStatsSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  evaluatedPromptTokens: z.number().int().nonnegative(),
  minimumPromptTokens: z.number().int().nonnegative(),
  generatedTokens: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  stopReason: z.enum(["eos", "max-tokens", "stop-string", "aborted", "context-limit"]),
});
export type CommentStats = z.infer<typeof commentStatsSchema>;
