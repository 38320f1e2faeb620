import path from "node:path";
import type { LoadedModel } from "../../../shared/contract-models.js";
import type { ModelEntry } from "../../../shared/domain/model-info.js";
import { readModelInfo } from "../../llm/model-info.js";
import { detectHardware, estimateFit } from "../../llm/hardware.js";
import { readModelCatalog } from "../../llm/downloader.js";
import { LlamaChatModel } from "../../llm/llama-chat-model.js";
import { sharedLlama } from "../../llm/llama-runtime.js";
import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { StudioError } from "../studio-error.js";
import { throttled } from "../throttle.js";

type ModelHandlers = Pick<
  Handlers,
  Extract<keyof Handlers, `models.${string}`>
>;

export function modelHandlers(services: StudioServices): ModelHandlers {
  const { registry, hub, profiles, downloads } = services;
  const llama = () => sharedLlama(services.registryOptions.gpu ?? "auto");
  const loaded = (): LoadedModel[] =>
    registry.entries.map(({ ref, model }) => ({
      path: ref.backend === "llama" ? ref.path : null,
      displayName: model.identity.displayName,
      backend: ref.backend,
      gpuLayers: model instanceof LlamaChatModel ? model.gpuLayers : null,
    }));
  const resolve = async (file: string) => services.paths.check(file, await modelsDirectory(services), "the model file");
  return {
    "models.list": async () => {
      const store = await services.modelStore();
      const { models: stored, warnings } = await store.list();
      const listed = new Set(stored.map((model) => model.path));
      // Files loaded at start (`--model`) are listed too, though not remembered in models.json.
      const preloaded = await Promise.all([...services.addedModels].filter((file) => !listed.has(file)).map((file) => describe(file, "added")));
      // A models.json that cannot be read is a problem to show, not zero added models.
      const problems = warnings.map((message) => ({ file: store.listFile, message }));
      return { directory: store.modelsDirectory, models: [...stored, ...preloaded], loaded: registry.models.map((model) => model.identity.displayName), problems };
    },
    "models.info": async ({ path: file }) => readModelInfo(await resolve(file)),
    "models.add": async ({ path: file }) => {
      const store = await services.modelStore();
      const info = await store.add(await services.paths.check(file, process.cwd(), "the model file"));
      const source = path.dirname(info.path) === store.modelsDirectory ? "folder" : "added";
      return { model: { path: info.path, fileName: info.fileName, source, info, error: null } };
    },
    "models.remove": async ({ path: file }) => {
      const absolute = path.resolve(file);
      const removed = await (await services.modelStore()).remove(absolute);
      const preloaded = services.addedModels.delete(absolute);
      return { removed: removed || preloaded };
    },
    "models.hardware": async () => detectHardware(await llama()),
    "models.fit": async ({ path: file, sequences, contextSize, gpuLayers }) => {
      // What the engine will actually use: its context size and, like LlamaChatModel, no flash attention on the CPU.
      const size = contextSize ?? services.registryOptions.contextSize ?? 4096;
      const runtime = await llama();
      const flashAttention = services.registryOptions.flashAttention ?? (runtime.gpu === false ? false : undefined);
      const estimate = await estimateFit(await resolve(file), { contextSize: size, sequences, gpuLayers, flashAttention }, runtime);
      const beyondTraining = estimate.trainedContextSize !== null && size > estimate.trainedContextSize;
      return { ...estimate, contextSize: size, sequences, beyondTraining };
    },
    "models.load": async ({ path: file, sequences, gpuLayers }) => {
      const absolute = await resolve(file);
      const operationId = `load:${absolute}`;
      const label = `Loading ${path.basename(absolute)}`;
      const progress = throttled((done: number) => hub.emit({ name: "progress", payload: { operationId, label, done, total: 1 } }), 200);
      progress(0);
      await registry.load({ backend: "llama", path: absolute }, sequences, { gpuLayers, onLoadProgress: progress });
      progress.flush();
      hub.emit({ name: "progress", payload: { operationId, label: `Loaded ${path.basename(absolute)}`, done: 1, total: 1 } });
      return { loaded: loaded() };
    },
    "models.unload": async ({ path: file }) => {
      const absolute = await resolve(file);
      const busy = services.runner.list().filter((discussion) => discussion.status === "running" || discussion.status === "paused");
      if (busy.length > 0 && registry.has({ backend: "llama", path: absolute })) {
        throw new StudioError("conflict", `${busy.length} discussion(s) are still running; stop them before unloading a model`);
      }
      const unloaded = await registry.unload({ backend: "llama", path: absolute });
      return { unloaded, loaded: loaded() };
    },
    "models.loaded": async () => ({ loaded: loaded() }),
    "models.catalog": async () => ({ models: (await readModelCatalog(services.resources.modelCatalog)).models }),
    "models.download": ({ uri, name }) => downloads.start(uri, name),
    "models.downloadControl": ({ downloadId, action }) => downloads.control(downloadId, action),
    "models.downloads": async () => ({ downloads: downloads.list() }),
    "models.profiles": async () => ({ profiles: await profiles.list(), canStoreKeys: services.apiKeys.store !== null }),
    "models.saveProfile": async ({ profile }) => {
      const saved = await profiles.save(profile);
      await forgetRemoteModels(services);
      return { profile: saved };
    },
    "models.deleteProfile": async ({ id }) => {
      const deleted = await profiles.delete(id);
      await forgetRemoteModels(services);
      return { deleted };
    },
    "models.setApiKey": async ({ name, key }) => {
      const { store, cache } = services.apiKeys;
      if (!store) throw new StudioError("conflict", `web mode stores no API keys: set ${name} in the environment of the engine's process`);
      await store.set(name, key);
      cache.set(name, key);
      await forgetRemoteModels(services);
      return { stored: true as const };
    },
    "models.deleteApiKey": async ({ name }) => {
      const { store, cache } = services.apiKeys;
      if (!store) throw new StudioError("conflict", "web mode stores no API keys");
      const deleted = await store.delete(name);
      cache.delete(name);
      await forgetRemoteModels(services);
      return { deleted };
    },
  };
}

/**
 * Server models built from a profile or key that just changed are dropped, so the next
 * discussion connects with what the profile says now (they hold no state worth keeping).
 */
async function forgetRemoteModels({ registry }: StudioServices): Promise<void> {
  for (const { ref } of registry.entries) if (ref.backend === "openai") await registry.unload(ref);
}

export async function modelsDirectory({ settings, layout }: StudioServices): Promise<string> {
  return (await settings.read()).settings.modelsDirectory ?? layout.modelsDirectory;
}

async function describe(file: string, source: ModelEntry["source"]): Promise<ModelEntry> {
  try {
    return { path: file, fileName: path.basename(file), source, info: await readModelInfo(file), error: null };
  } catch (error) {
    return { path: file, fileName: path.basename(file), source, info: null, error: error instanceof Error ? error.message : String(error) };
  }
}
