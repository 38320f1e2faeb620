import type { DiscussionDesign } from "../../shared/domain/design.js";
import type { SpeakerChoice } from "../../shared/domain/turn-manager.js";
import { deriveSeed } from "../../shared/random.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { ModelFileError } from "../llm/gguf-file.js";
import { turnManagerActor, turnOrder } from "../../shared/domain/design-helpers.js";
import { createSpeakerSelector, selectorSequenceKey } from "../engine/speaker-selection.js";
import { StudioError } from "./studio-error.js";

/**
 * The first turn's choice of a design's LLM-selected turn manager, made exactly as a run would
 * make it (same seed, same prompt, the seed comments as history), on a sequence of its own.
 */
export async function previewFirstSpeaker(registry: ModelRegistry, design: DiscussionDesign): Promise<SpeakerChoice> {
  const actor = turnManagerActor(design);
  if (!actor) throw new StudioError("bad-request", "only an LLM-selected turn manager is previewed by asking its model");
  const modelFor = await registry.prepare(design).catch((error: unknown) => {
    // A missing file already names the turn manager's model (ModelRegistry.prepare).
    if (error instanceof ModelFileError) throw error;
    throw new StudioError("bad-request", `the models of this design cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  const model = modelFor(actor);
  const id = `preview-${Date.now()}`;
  const selector = createSpeakerSelector(design.turnManager, {
    names: turnOrder(design).map((entry) => entry.persona.username),
    seed: deriveSeed(design.sampling.seed, "turn-manager"),
    discussionId: id,
    model,
  });
  try {
    const history = design.seedComments.map((comment) => ({ name: comment.author, text: comment.text }));
    return await selector.choose({ turn: 0, history, signal: new AbortController().signal });
  } finally {
    await model.releaseSequences([selectorSequenceKey(id)]);
  }
}
