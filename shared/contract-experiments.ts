/**
 * The Experiments page's commands and events: plan a study's grid, save and load its spec, run
 * it (resumable, into `<data>/experiments/<folder>/`), and follow its progress.
 * Spread into `commands` / `events` in contract.ts.
 */
import { z } from "zod";
import { experimentProgressSchema, experimentSpecSchema } from "./domain/experiment.js";

const experimentId = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid id").refine((id) => id !== "." && id !== "..", "not a valid id");

export const experimentEstimateSchema = z.object({
  /** Replies the study asks for: turns, plus a moderator reply after each turn where there is one. */
  replies: z.number().int().nonnegative(),
  /** Upper bound of generated tokens: every reply at its max tokens. */
  maxGeneratedTokens: z.number().int().nonnegative(),
  /** Measured generated tokens per second of one discussion; null when nothing was measured yet. */
  tokensPerSecond: z.number().nonnegative().nullable(),
  /** Upper bound of the run time at that speed, one discussion at a time; null when unknown. */
  seconds: z.number().nonnegative().nullable(),
  /** Where the speed comes from, or why it is unknown (one sentence). */
  basis: z.string(),
});
export type ExperimentEstimate = z.infer<typeof experimentEstimateSchema>;

export const experimentPlanSchema = z.object({
  cells: z.array(z.object({ id: z.string(), conditions: z.record(z.string(), z.string()) })),
  discussions: z.number().int().nonnegative(),
  /** Participants of the first repetitions (every cell of a repetition has the same people). */
  samples: z.array(z.object({ repetition: z.number().int().nonnegative(), participants: z.array(z.string()) })),
  estimate: experimentEstimateSchema,
  /** The folder a run of this spec writes to (and resumes from). */
  outputDirectory: z.string(),
  /** How many of its discussions are already finished there. */
  alreadyDone: z.number().int().nonnegative(),
  /** The folder holds another spec under this name: starting would be refused (rename the study). */
  folderHoldsOtherSpec: z.boolean(),
  /** Discussions at once: the number asked for, or what free memory allows, and why. */
  parallel: z.object({ value: z.number().int().positive(), reason: z.string() }),
});
export type ExperimentPlanInfo = z.infer<typeof experimentPlanSchema>;

export const experimentSummarySchema = z.object({
  experimentId,
  name: z.string(),
  outputDirectory: z.string(),
  parallel: z.number().int().positive(),
  progress: experimentProgressSchema,
  /** Why the run stopped, when it failed as a whole (e.g. a model that cannot load). */
  error: z.string().nullable(),
});
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;

export const savedSpecSchema = z.object({ id: experimentId, name: z.string(), savedAt: z.string(), file: z.string() });
export type SavedSpec = z.infer<typeof savedSpecSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
const nothing = z.strictObject({});
const control = z.enum(["pause", "resume", "cancel"]);
/** Discussions at once; left out, the engine chooses from free memory (or the servers' concurrency). */
const parallel = z.number().int().min(1).max(256).optional();

export const experimentCommands = {
  "experiments.plan": command(z.strictObject({ spec: experimentSpecSchema, parallel }), experimentPlanSchema),
  /** Runs the spec into `<data>/experiments/<folder from its name>/`; the same spec there again continues it. */
  "experiments.start": command(z.strictObject({ spec: experimentSpecSchema, parallel }), experimentSummarySchema),
  "experiments.control": command(z.strictObject({ experimentId, action: control }), experimentSummarySchema),
  /** Studies run (or running) since the engine started. */
  "experiments.list": command(nothing, z.object({ experiments: z.array(experimentSummarySchema) })),
  /** Saves the spec as `<data>/experiments/specs/<id>.json`: the file `cli experiment run` takes. */
  "experiments.saveSpec": command(z.strictObject({ spec: experimentSpecSchema }), savedSpecSchema),
  /** Saved specs; files there that cannot be read are listed as problems, never hidden. */
  "experiments.specs": command(nothing, z.object({ specs: z.array(savedSpecSchema), problems: z.array(z.object({ file: z.string(), message: z.string() })) })),
  "experiments.loadSpec": command(z.strictObject({ id: experimentId }), z.object({ spec: experimentSpecSchema })),
  /** The spec a study run since the engine started runs with: a reloaded page shows it in the form. */
  "experiments.runSpec": command(z.strictObject({ experimentId }), z.object({ spec: experimentSpecSchema })),
} as const;

export const experimentEvents = {
  /** A study's progress, a few times a second at most, and at every state change. */
  "experiments.progress": experimentSummarySchema,
} as const;
