import { z } from "zod";
import { personaSchema } from "./persona.js";
import { samplingSchema } from "./sampling.js";
import { modelRefSchema } from "./model-ref.js";
import { turnManagerSpecSchema } from "./turn-manager.js";
import { promptStyleSchema, seedCommentSchema } from "./design.js";
import { populationSpecSchema } from "./population.js";
import { checkFeasibility } from "../population/rules.js";

const label = z.string().min(1).max(40).regex(/^[\w .+-]+$/, "labels use letters, digits, spaces and . + - _");

export const moderatorVariantSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none"), label: label.default("none") }),
  z.object({
    kind: z.literal("moderator"),
    label,
    persona: personaSchema,
    instructions: z.string(),
    /** Overrides the experiment's model for this moderator. */
    model: modelRefSchema.optional(),
  }),
]);
export type ModeratorVariant = z.infer<typeof moderatorVariantSchema>;

/** A population as a grid condition: its cells draw their users from a pool of `size` drawn from `spec`. */
export const populationConditionSchema = z.object({ label, spec: populationSpecSchema, size: z.number().int().positive().max(10_000) });
export type PopulationCondition = z.infer<typeof populationConditionSchema>;

/**
 * A study: conditions crossed into cells, each run `repetitions` times with participants
 * sampled from a pool (or, with `populations`, from a pool drawn from each population). Every
 * seed derives from `masterSeed`, so the study re-runs identically.
 */
export const experimentSpecSchema = z
  .object({
    name: z.string().min(1).default("Untitled experiment"),
    /** The users' pool; unused (and may be empty) when `conditions.populations` is given. */
    personaPool: z.array(personaSchema),
    usersPerDiscussion: z.number().int().positive(),
    context: z.string(),
    conditions: z.object({
      moderators: z.array(moderatorVariantSchema).min(1),
      turnManagers: z.array(z.object({ label, spec: turnManagerSpecSchema })).min(1),
      models: z.array(z.object({ label, model: modelRefSchema })).min(1),
      topics: z.array(z.object({ label, seedComments: z.array(seedCommentSchema) })).min(1),
      userInstructions: z.array(z.object({ label, text: z.string() })).min(1),
      /** Optional: populations to draw each cell's pool from, a grid factor of their own. */
      populations: z.array(populationConditionSchema).min(1).optional(),
    }),
    repetitions: z.number().int().positive(),
    turns: z.number().int().nonnegative(),
    historyWindow: z.number().int().positive(),
    promptStyle: promptStyleSchema.default("syndisco-2.0"),
    sampling: samplingSchema.omit({ seed: true }).default(samplingSchema.omit({ seed: true }).parse({})),
    masterSeed: z.number().int().nonnegative(),
  })
  .superRefine((spec, ctx) => {
    const moderatorNames = new Set(spec.conditions.moderators.flatMap((m) => (m.kind === "moderator" ? [m.persona.username] : [])));
    const populations = spec.conditions.populations ?? [];
    const eligible = spec.personaPool.filter((persona) => !moderatorNames.has(persona.username)).length;
    if (populations.length === 0 && spec.usersPerDiscussion > eligible) {
      ctx.addIssue({ code: "custom", path: ["usersPerDiscussion"], message: `${spec.usersPerDiscussion} users per discussion, but the pool has ${eligible} non-moderator personas` });
    }
    populations.forEach((population, index) => {
      const path = ["conditions", "populations", index];
      if (population.size < spec.usersPerDiscussion) ctx.addIssue({ code: "custom", path: [...path, "size"], message: `population "${population.label}": a pool of ${population.size} cannot seat ${spec.usersPerDiscussion} users per discussion` });
      const { special_instructions: instructions, personality_characteristics: traits } = population.spec.fields;
      const feasibility = checkFeasibility(population.spec);
      if (feasibility.feasible === false) ctx.addIssue({ code: "custom", path: [...path, "spec", "rules"], message: `population "${population.label}": ${feasibility.message}` });
      // Cells are planned before anything runs, so no model is there to write free text.
      if (instructions?.kind === "llm" || traits?.kind === "llm") {
        ctx.addIssue({ code: "custom", path: [...path, "spec"], message: `population "${population.label}" leaves free text to an LLM: draw its pool in the Personas view and use it as the persona pool instead` });
      }
    });
    for (const [list, items] of Object.entries(spec.conditions)) {
      if (items === undefined) continue;
      const labels = items.map((item: { label: string }) => item.label);
      const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
      // Cells are named by labels: two variants with one label would silently run the first twice.
      if (repeated !== undefined) ctx.addIssue({ code: "custom", path: ["conditions", list], message: `the label "${repeated}" is used twice in ${list}` });
    }
    const usernames = spec.personaPool.map((persona) => persona.username);
    if (new Set(usernames).size !== usernames.length) ctx.addIssue({ code: "custom", path: ["personaPool"], message: "persona usernames must be unique" });
  });
export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;

export const experimentProgressSchema = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The discussions running now; `repetition` counts from 0 (cells repeat with the same people per repetition). */
  running: z.array(z.object({ discussionId: z.string(), cell: z.string(), repetition: z.number().int().nonnegative(), comments: z.number().int() })),
  generatedTokens: z.number().int().nonnegative(),
  tokensPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  cells: z.array(z.object({ cell: z.string(), done: z.number().int(), total: z.number().int() })),
  state: z.enum(["running", "paused", "cancelling", "finished", "cancelled"]),
});
export type ExperimentProgress = z.infer<typeof experimentProgressSchema>;
