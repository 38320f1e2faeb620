/**
 * The Personas page's commands beyond the pool itself: the bundled starter set, and named sets
 * kept in the data folder. Spread into `commands` in contract.ts.
 */
import { z } from "zod";

/** A named list of usernames, e.g. "pilot panel"; the designer can take its participants from one. */
export const personaSetSchema = z.object({ name: z.string().trim().min(1).max(200), usernames: z.array(z.string().min(1)).max(100_000) });
export type PersonaSet = z.infer<typeof personaSetSchema>;

/** What an import does with a username the pool already has. */
export const importConflictSchema = z.enum(["skip", "replace", "keep-both"]);
export type ImportConflict = z.infer<typeof importConflictSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
const nothing = z.strictObject({});
const setsResult = z.object({ sets: z.array(personaSetSchema) });

export const personaCommands = {
  /** Adds the starter personas shipped with the app (resources/personas) to the pool; names already there are kept. */
  "personas.loadStarterSet": command(nothing, z.object({ imported: z.array(z.string()), skipped: z.array(z.string()) })),
  "personas.sets": command(nothing, setsResult),
  "personas.saveSet": command(z.strictObject({ set: personaSetSchema }), setsResult),
  "personas.deleteSet": command(z.strictObject({ name: z.string().min(1).max(200) }), setsResult),
  /** Sets a browser kept in its own storage before they moved to the data folder; a name already saved wins. */
  "personas.migrateSets": command(z.strictObject({ sets: z.array(personaSetSchema).max(10_000) }), setsResult.extend({ added: z.array(z.string()) })),
} as const;
