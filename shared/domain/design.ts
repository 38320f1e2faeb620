import { z } from "zod";
import { personaSchema } from "./persona.js";
import { samplingSchema } from "./sampling.js";
import { modelRefSchema } from "./model-ref.js";
import { turnManagerSpecSchema, type TurnManagerSpec } from "./turn-manager.js";

export const actorRoleSchema = z.enum(["user", "moderator", "annotator", "human"]);
export type ActorRole = z.infer<typeof actorRoleSchema>;

export const actorSchema = z.object({
  persona: personaSchema,
  role: actorRoleSchema,
  context: z.string(),
  instructions: z.string(),
  /** Overrides the design's model for this actor. */
  model: modelRefSchema.optional(),
  /** Overrides fields of the design's sampling for this actor. */
  sampling: samplingSchema.partial().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const seedCommentSchema = z.object({
  author: z.string().min(1),
  text: z.string(),
});
export type SeedComment = z.infer<typeof seedCommentSchema>;

/**
 * How prompts and files are worded: SynDisco 2.0.x's (byte-exact, the default), 2.2's, or our
 * "native-chat" (a research option: 2.0.x's wording as a multi-turn chat per actor that only
 * grows, for prompt reuse). See electron/engine/prompt-styles.ts.
 */
export const promptStyleSchema = z.enum(["syndisco-2.0", "syndisco-2.2", "native-chat"]);
export type PromptStyle = z.infer<typeof promptStyleSchema>;

/** Everything needed to run one discussion; the same JSON the GUI saves and `cli run` reads. */
export const discussionDesignSchema = z
  .object({
    name: z.string().default("Untitled discussion"),
    participants: z.array(actorSchema).min(1, "a discussion needs at least one participant"),
    moderator: actorSchema.nullable().default(null),
    /** When true the moderator also takes turns in the turn order (as seed document 001 does). */
    moderatorInTurnOrder: z.boolean().default(false),
    seedComments: z.array(seedCommentSchema).default([]),
    turns: z.number().int().nonnegative().default(5),
    historyWindow: z.number().int().positive().default(5),
    turnManager: turnManagerSpecSchema.default({ kind: "round-robin" }),
    promptStyle: promptStyleSchema.default("syndisco-2.0"),
    model: modelRefSchema,
    sampling: samplingSchema.default(samplingSchema.parse({})),
  })
  .superRefine(designChecks);
export type DiscussionDesign = z.infer<typeof discussionDesignSchema>;
export type DiscussionDesignInput = z.input<typeof discussionDesignSchema>;

/**
 * A design file whose model may be left out: the bundled example, or a file `cli run` gets with
 * `--model`. The model is chosen when it runs.
 */
export const designFileSchema = z.object({ ...discussionDesignSchema.shape, model: modelRefSchema.optional() }).superRefine(designChecks);
export type DesignFile = z.infer<typeof designFileSchema>;

interface DesignShape {
  participants: Actor[];
  moderator: Actor | null;
  moderatorInTurnOrder: boolean;
  turnManager: TurnManagerSpec;
}

function designChecks(design: DesignShape, ctx: z.RefinementCtx): void {
  distinctActors(design, ctx);
  someoneTalks(design, ctx);
}

/** A talkativeness manager (or a manual one's fallback) with every weight 0 would have nobody to draw. */
function someoneTalks(design: DesignShape, ctx: z.RefinementCtx): void {
  const manager = design.turnManager.kind === "manual" ? design.turnManager.fallback : design.turnManager;
  if (manager.kind !== "talkativeness") return;
  const speakers = [...design.participants, ...(design.moderator && design.moderatorInTurnOrder ? [design.moderator] : [])].map((actor) => actor.persona.username);
  const total = speakers.reduce((sum, name) => sum + (Object.hasOwn(manager.weights, name) ? (manager.weights[name] as number) : 1), 0);
  if (total <= 0) ctx.addIssue({ code: "custom", path: ["turnManager", "weights"], message: "every participant's talkativeness is 0: give at least one a positive weight" });
}

/** Each person takes part once: no participant twice, and the moderator is not also a participant. */
function distinctActors(design: DesignShape, ctx: z.RefinementCtx): void {
  const names = design.participants.map((actor) => actor.persona.username);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) ctx.addIssue({ code: "custom", message: `participant "${name}" appears twice` });
    seen.add(name);
  }
  if (design.moderator && seen.has(design.moderator.persona.username)) {
    ctx.addIssue({ code: "custom", message: `moderator "${design.moderator.persona.username}" is also a participant` });
  }
}
