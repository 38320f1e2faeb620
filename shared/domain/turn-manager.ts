import { z } from "zod";

export const turnManagerSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("round-robin") }),
  z.object({
    kind: z.literal("random-weighted"),
    /** Probability that the speaker before the last one answers back (A, B, A). */
    pRespond: z.number().min(0).max(1).default(0.5),
  }),
]);
export type TurnManagerSpec = z.infer<typeof turnManagerSpecSchema>;
