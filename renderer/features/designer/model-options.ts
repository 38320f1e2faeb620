import { isInlineServerRef, modelDisplayName, modelRefKey, type ModelRef } from "../../../shared/domain/model-ref.js";
import { localModelName, type ModelEntry } from "../../../shared/domain/model-info.js";

/** A select value that identifies a model reference. */
export const modelKey = modelRefKey;

export interface ModelOption {
  key: string;
  label: string;
  ref: ModelRef;
}

/** The models folder's readable files, plus any model the design already names (e.g. an OpenAI-compatible server). */
export function modelOptions(models: readonly ModelEntry[], inUse: readonly (ModelRef | null | undefined)[]): ModelOption[] {
  const options = new Map<string, ModelOption>();
  for (const model of models) {
    if (model.error !== null) continue;
    const ref: ModelRef = { backend: "llama", path: model.path };
    options.set(modelKey(ref), { key: modelKey(ref), label: localModelName(model), ref });
  }
  for (const ref of inUse) {
    if (ref && !options.has(modelKey(ref))) options.set(modelKey(ref), { key: modelKey(ref), label: inUseLabel(ref), ref });
  }
  return [...options.values()];
}

function inUseLabel(ref: ModelRef): string {
  // An older design's inline server runs only through a profile for the same URL: say so where the user picks.
  if (isInlineServerRef(ref)) return `${ref.modelName} at ${ref.baseUrl} (older design: choose a server profile)`;
  return `${modelDisplayName(ref)}${ref.backend === "openai" ? " (server)" : ""}`;
}
