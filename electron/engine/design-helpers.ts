import type { Actor, DiscussionDesign, Sampling } from "../../shared/domain/index.js";
import { samplingSchema } from "../../shared/domain/sampling.js";
import { modelDisplayName, modelRefKey, type ModelRef } from "../../shared/domain/model-ref.js";

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

/** Every distinct model a design uses, keyed by a stable identity string. */
export function designModels(design: DiscussionDesign): Map<string, ModelRef> {
  const models = new Map<string, ModelRef>();
  for (const actor of [...design.participants, ...(design.moderator ? [design.moderator] : [])]) {
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
