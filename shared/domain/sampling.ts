import { z } from "zod";

export const samplingSchema = z.object({
  /** 0 means greedy decoding. */
  temperature: z.number().min(0).max(5).default(0.7),
  topP: z.number().gt(0).max(1).default(0.95),
  /** Generation seed; every turn derives its own seed from it so a run replays. */
  seed: z.number().int().nonnegative().default(42),
  maxTokens: z.number().int().positive().default(300),
  stopStrings: z.array(z.string().min(1)).default([]),
});
export type Sampling = z.infer<typeof samplingSchema>;
