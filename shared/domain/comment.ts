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
  /**
   * Start of the turn to the first generated token: tokenizing, reading the prompt, the first
   * sample. Absent in records written before it was measured.
   */
  promptSeconds: z.number().nonnegative().optional(),
  /** First generated token to the last: the time the other `generatedTokens - 1` tokens took. */
  generationSeconds: z.number().nonnegative().optional(),
  stopReason: z.enum(["eos", "max-tokens", "stop-string", "aborted", "context-limit"]),
  /** The server (base URL) that wrote the reply, for models behind OpenAI-compatible servers. */
  endpoint: z.string().optional(),
});
export type CommentStats = z.infer<typeof commentStatsSchema>;

/**
 * Generation speed as llama.cpp counts it: the first token comes out of reading the prompt, so
 * the rate is the tokens after it over the time after it. Null when it cannot be told (one
 * token, or a record from before prompt and generation were timed apart).
 */
export function generationTokensPerSecond(stats: Pick<CommentStats, "generatedTokens" | "generationSeconds">): number | null {
  const seconds = stats.generationSeconds;
  if (seconds === undefined || seconds <= 0 || stats.generatedTokens < 2) return null;
  return (stats.generatedTokens - 1) / seconds;
}
