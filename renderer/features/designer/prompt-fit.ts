import type { PromptPreview } from "../../../shared/contract-designs.js";

type Speaker = PromptPreview["speakers"][number];

/** How close a speaker's prompts come to the tokens it may use. */
export interface PromptFit {
  level: "fits" | "near" | "over" | "unknown";
  text: string;
}

/** Past this share of the usable context a prompt "approaches" it: a few long replies more and turns fail. */
const nearShare = 0.8;

/**
 * The usable context: what the engine gives each sequence, or the model's training where that is
 * less (past it replies degrade even though they fit).
 */
export function usableContext(preview: PromptPreview, modelName: string): { tokens: number; trained: boolean } {
  const trained = preview.models.find((model) => model.name === modelName)?.trainedContextSize ?? null;
  return trained !== null && trained < preview.contextSize ? { tokens: trained, trained: true } : { tokens: preview.contextSize, trained: false };
}

export function speakerFit(preview: PromptPreview, speaker: Speaker): PromptFit {
  if (speaker.firstTurnTokens === null || speaker.mostTokens === null) return { level: "unknown", text: "a server model: its tokenizer is not known here" };
  const { tokens, trained } = usableContext(preview, speaker.model);
  const limit = trained ? `the ${tokens.toLocaleString()} tokens the model was trained for` : `the ${tokens.toLocaleString()}-token context`;
  if (speaker.firstTurnTokens > tokens) return { level: "over", text: `the first prompt alone is more than ${limit}` };
  if (speaker.mostTokens > tokens) return { level: "over", text: `a full history window can need up to ${speaker.mostTokens.toLocaleString()} tokens, more than ${limit}` };
  if (speaker.mostTokens > nearShare * tokens) return { level: "near", text: `a full history window approaches ${limit} (up to ${speaker.mostTokens.toLocaleString()})` };
  return { level: "fits", text: `fits in ${limit}` };
}

/** Warnings about the context itself: more than a model was trained for. */
export function contextWarnings(preview: PromptPreview): string[] {
  return preview.models.flatMap((model) => {
    if (model.problem) return [`${model.name}: ${model.problem}`];
    if (model.trainedContextSize !== null && preview.contextSize > model.trainedContextSize)
      return [
        `The context size in Settings (${preview.contextSize.toLocaleString()} tokens) is more than the ${model.trainedContextSize.toLocaleString()} ${model.name} was trained for: replies degrade past ${model.trainedContextSize.toLocaleString()} tokens.`,
      ];
    return [];
  });
}
