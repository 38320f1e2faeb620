import { z } from "zod";
import { populationSpecSchema } from "./population.js";
import { modelIdentitySchema } from "./run-record.js";

/** One persona's LLM completion: the exact user prompt, seed and reply. */
export const personaCompletionSchema = z.object({
  username: z.string(),
  seed: z.number().int().nonnegative(),
  user: z.string(),
  reply: z.string(),
});
export type PersonaCompletion = z.infer<typeof personaCompletionSchema>;

/**
 * Written beside a drawn pool's SynDisco personas file (`<name>.population.json`): what it was
 * drawn from and how, so the pool can be drawn again and checked against its population.
 */
export const poolRecordSchema = z.object({
  kind: z.literal("syndisco-studio.pool"),
  version: z.literal(1),
  createdAt: z.string(),
  app: z.string(),
  /** The personas file this record describes (a name in the same folder). */
  personasFile: z.string(),
  spec: populationSpecSchema,
  seed: z.number().int().nonnegative(),
  size: z.number().int().positive(),
  /** Draws made, and those each rule rejected. */
  draws: z.number().int().nonnegative(),
  rejectedByRule: z.array(z.number().int().nonnegative()),
  /** Usernames that were already taken when the pool was drawn (they shape the generated names). */
  takenUsernames: z.array(z.string()).default([]),
  completion: z
    .object({
      model: modelIdentitySchema,
      temperature: z.number(),
      system: z.string(),
      personas: z.array(personaCompletionSchema),
    })
    .nullable(),
});
export type PoolRecord = z.infer<typeof poolRecordSchema>;
