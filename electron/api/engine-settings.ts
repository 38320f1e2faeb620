import type { Settings } from "../../shared/contract.js";
import type { EngineReload } from "../../shared/contract.js";
import { modelRefKey } from "../../shared/domain/model-ref.js";
import { designModels } from "../../shared/domain/design-helpers.js";
import type { ModelRegistryOptions } from "../llm/model-registry.js";
import type { StudioServices } from "./services.js";

type EngineOptions = Pick<ModelRegistryOptions, "modelsDirectory" | "contextSize" | "threads" | "gpu">;

/** What the settings make of the engine: the context, threads and GPU a model is loaded with. */
export function engineOptions(settings: Settings, defaultModelsDirectory: string): EngineOptions {
  return {
    modelsDirectory: settings.modelsDirectory ?? defaultModelsDirectory,
    contextSize: settings.contextSize,
    threads: settings.threads > 0 ? settings.threads : undefined,
    gpu: settings.gpu === "cpu" ? false : "auto",
  };
}

/**
 * Applies the settings to the running engine without a restart of the process: loaded models
 * that no running discussion uses are unloaded, so the next use loads them with the new context,
 * threads and GPU; those in use keep theirs until their discussions end (the answer names them).
 * With `force` it does so even when nothing changed (the Settings view's "Restart engine").
 */
export async function reloadEngine(services: StudioServices, settings: Settings, force = false): Promise<EngineReload> {
  const options = services.registryOptions;
  const next = { ...engineOptions(settings, services.layout.modelsDirectory), ...services.registryOverrides };
  const changed = (Object.keys(next) as (keyof EngineOptions)[]).some((key) => next[key] !== options[key]);
  Object.assign(options, next);
  if (!changed && !force) return { unloaded: [], inUse: [] };
  const busy = new Set(services.runner.designsInUse().flatMap((design) => [...designModels(design).keys()]));
  const reload: EngineReload = { unloaded: [], inUse: [] };
  for (const { ref, model } of services.registry.entries) {
    if (ref.backend !== "llama") continue;
    if (busy.has(modelRefKey(ref))) reload.inUse.push(model.identity.displayName);
    else if (await services.registry.unload(ref)) reload.unloaded.push(model.identity.displayName);
  }
  return reload;
}
