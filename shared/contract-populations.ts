/**
 * Population commands (the Personas view's population panel): saved population specs, drawing
 * a pool (with the LLM writing free-text fields where the spec says so, progress on the
 * `progress` event under the caller's operation id), profiling personas against a spec, and
 * saving a pool with its record. Spread into `commands` in contract.ts.
 */
import { z } from "zod";
import { personaSchema } from "./domain/persona.js";
import { populationSpecSchema } from "./domain/population.js";
import { poolRecordSchema } from "./domain/population-pool.js";
import { poolProfileSchema } from "./domain/population-profile.js";
import { modelRefSchema } from "./domain/model-ref.js";

const populationId = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid id").refine((id) => id !== "." && id !== "..", "not a valid id");
const operationId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, "not a valid operation id");

export const savedPopulationSchema = z.object({ id: z.string(), name: z.string(), savedAt: z.string(), file: z.string() });
export type SavedPopulationInfo = z.infer<typeof savedPopulationSchema>;

/** A drawn pool: personas, the record written beside them when saved, and the profile. */
export const drawnPoolSchema = z.object({
  personas: z.array(personaSchema),
  record: poolRecordSchema.omit({ personasFile: true }),
  profile: poolProfileSchema,
});
export type DrawnPoolInfo = z.infer<typeof drawnPoolSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const populationCommands = {
  "populations.list": command(z.strictObject({}), z.object({ populations: z.array(savedPopulationSchema), problems: z.array(z.object({ file: z.string(), message: z.string() })) })),
  "populations.save": command(z.strictObject({ spec: populationSpecSchema }), savedPopulationSchema),
  "populations.load": command(z.strictObject({ id: populationId }), z.object({ spec: populationSpecSchema })),
  "populations.delete": command(z.strictObject({ id: populationId }), z.object({ deleted: z.literal(true) })),
  "populations.draw": command(
    z.strictObject({
      spec: populationSpecSchema,
      size: z.number().int().min(1).max(100_000),
      seed: z.number().int().nonnegative().max(0x7fffffff),
      /** Writes the spec's LLM fields; null leaves them empty. */
      model: modelRefSchema.nullable(),
      temperature: z.number().min(0).max(2).default(0.8),
      /** Usernames the pool must not take (the user's personas). */
      taken: z.array(z.string()).max(100_000).default([]),
      operationId,
    }),
    drawnPoolSchema,
  ),
  "populations.cancelDraw": command(z.strictObject({ operationId }), z.object({ cancelled: z.boolean() })),
  "populations.profile": command(z.strictObject({ spec: populationSpecSchema, personas: z.array(personaSchema).max(100_000) }), poolProfileSchema),
  /** Writes `<data>/pools/<name>.json` (SynDisco personas) and `<name>.population.json` beside it. */
  "populations.savePool": command(
    z.strictObject({ name: z.string().min(1).max(100), personas: z.array(personaSchema).min(1), record: poolRecordSchema.omit({ personasFile: true }) }),
    z.object({ personasFile: z.string(), recordFile: z.string() }),
  ),
} as const;
