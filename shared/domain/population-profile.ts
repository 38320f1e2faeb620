import { z } from "zod";

/** One category of a field: the share the spec targets and what the pool drew. */
export const profileRowSchema = z.object({
  category: z.string(),
  targetShare: z.number().min(0).max(1),
  drawnCount: z.number().int().nonnegative(),
  drawnShare: z.number().min(0).max(1),
});
export type ProfileRow = z.infer<typeof profileRowSchema>;

export const chiSquareSchema = z.object({
  statistic: z.number().nonnegative(),
  degreesOfFreedom: z.number().int().positive(),
  pValue: z.number().min(0).max(1),
});
export type ChiSquare = z.infer<typeof chiSquareSchema>;

/** A field (or a joint table's cells, or traits) of a pool beside its target. */
export const fieldProfileSchema = z.object({
  /** A persona field, "personality_characteristics", "personality_characteristics:count", or "table:<i>" for a joint table. */
  field: z.string(),
  label: z.string(),
  rows: z.array(profileRowSchema),
  /** Pearson's goodness of fit against the target; null where draws are not one category per persona (trait mentions). */
  chiSquare: chiSquareSchema.nullable(),
  /** Half the sum of |drawn share - target share|: 0 is a perfect match, 1 no overlap. */
  totalVariation: z.number().min(0).max(1),
  /** Caveats a reader needs (small expected counts, rules, estimated targets). */
  notes: z.array(z.string()),
});
export type FieldProfile = z.infer<typeof fieldProfileSchema>;

export const poolProfileSchema = z.object({
  size: z.number().int().nonnegative(),
  fields: z.array(fieldProfileSchema),
  /** Fields the LLM wrote: no target to compare with; how many personas have them filled. */
  llmFields: z.array(z.object({ field: z.string(), filled: z.number().int().nonnegative() })),
  notes: z.array(z.string()),
});
export type PoolProfile = z.infer<typeof poolProfileSchema>;
