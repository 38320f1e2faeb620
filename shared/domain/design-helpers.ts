import type { Actor, DiscussionDesign, ExperimentSpec, Sampling } from "./index.js";
import { samplingSchema } from "./sampling.js";
import { personaSchema } from "./persona.js";
import { modelDisplayName, modelRefKey, type ModelRef } from "./model-ref.js";

/** The actors the turn manager chooses from, in order (the moderator too when the design says so). */
export function turnOrder(design: DiscussionDesign): Actor[] {
  const order = [...design.participants];
  if (design.moderator && design.moderatorInTurnOrder) order.push(design.moderator);
  return order;
}

export function actorSampling(design: DiscussionDesign, actor: Actor): Sampling {
  return samplingSchema.parse({ ...design.sampling, ...actor.sampling });
}

export function actorModel(design: DiscussionDesign, actor: Actor): ModelRef {
  return actor.model ?? design.model;
}

/**
 * The LLM-selected turn manager as an actor, so the model resolvers that serve actors serve it
 * too (its model is loaded with the design's). Null for every other turn manager.
 */
export function turnManagerActor(design: DiscussionDesign): Actor | null {
  if (design.turnManager.kind !== "llm-selected") return null;
  return {
    persona: personaSchema.parse({ username: "@turn-manager" }),
    role: "user",
    context: "",
    instructions: "",
    model: design.turnManager.model ?? design.model,
  };
}

/** Every distinct model a design uses (the LLM-selected turn manager's too), keyed by a stable identity string. */
export function designModels(design: DiscussionDesign): Map<string, ModelRef> {
  const models = new Map<string, ModelRef>();
  const selector = turnManagerActor(design);
  for (const actor of [...design.participants, ...(design.moderator ? [design.moderator] : []), ...(selector ? [selector] : [])]) {
    if (actor.role === "human") continue;
    const ref = actorModel(design, actor);
    models.set(modelKey(ref), ref);
  }
  return models;
}

export const modelKey = modelRefKey;

/** Whether any actor speaks with a local GGUF (else llama.cpp need not even start). */
export function usesLocalModel(design: DiscussionDesign): boolean {
  return [...designModels(design).values()].some((ref) => ref.backend === "llama");
}

export { modelDisplayName };

/** Every model reference of a study's grid (the conditions' models and the moderators' own). */
export function specModels(spec: ExperimentSpec): ModelRef[] {
  return [...spec.conditions.models.map((condition) => condition.model), ...spec.conditions.moderators.flatMap((variant) => (variant.kind === "moderator" && variant.model ? [variant.model] : []))];
}
