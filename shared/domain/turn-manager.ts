import { z } from "zod";

/**
 * How RandomWeighted chooses. "intended": with p_respond the speaker before the last one
 * answers back. "syndisco-2.0": what SynDisco 2.0.x actually does (p_respond has no effect),
 * for replicating studies that ran it.
 */
export const randomWeightedVariantSchema = z.enum(["intended", "syndisco-2.0"]);
export type RandomWeightedVariant = z.infer<typeof randomWeightedVariantSchema>;

export const turnManagerSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("round-robin") }),
  z.object({
    kind: z.literal("random-weighted"),
    /** Probability that the speaker before the last one answers back (A, B, A); ignored by "syndisco-2.0". */
    pRespond: z.number().min(0).max(1).default(0.5),
    variant: randomWeightedVariantSchema.default("intended"),
  }),
]);
export type TurnManagerSpec = z.infer<typeof turnManagerSpecSchema>;
