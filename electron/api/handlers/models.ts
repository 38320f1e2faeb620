import { readdir } from "node:fs/promises";
import path from "node:path";
import type { ModelEntry } from "../../../shared/domain/model-info.js";
import { readModelInfo } from "../../llm/model-info.js";
import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

import { modelCommands } from "../../../shared/contract-models.js";
import { StudioError } from "../studio-error.js";

type ModelHandlers = Pick<Handlers, "models.list" | "models.info" | keyof typeof modelCommands>;

export function modelHandlers(services: StudioServices): ModelHandlers {
  return {
    "models.list": async () => {
      const directory = await modelsDirectory(services);
      const inFolder = (await ggufFiles(directory)).map((file) => path.join(directory, file));
      const added = [...services.addedModels].filter((file) => !inFolder.includes(file));
      const models = await Promise.all([
        ...inFolder.map((file) => describe(file, "folder")),
        ...added.map((file) => describe(file, "added")),
      ]);
      return { directory, models, loaded: services.registry.models.map((model) => model.identity.displayName) };
    },
    "models.info": async ({ path: file }) => readModelInfo(path.resolve(await modelsDirectory(services), file)),
    ...(Object.fromEntries(Object.keys(modelCommands).map((name) => [name, pending])) as unknown as Pick<Handlers, keyof typeof modelCommands>),
  };
}

async function pending(): Promise<never> {
  throw new StudioError("unavailable", "this models command is not wired up yet");
}

async function modelsDirectory({ settings, layout }: StudioServices): Promise<string> {
  return (await settings.read()).settings.modelsDirectory ?? layout.modelsDirectory;
}

async function describe(file: string, source: ModelEntry["source"]): Promise<ModelEntry> {
  try {
    return { path: file, fileName: path.basename(file), source, info: await readModelInfo(file), error: null };
  } catch (error) {
    return { path: file, fileName: path.basename(file), source, info: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function ggufFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).filter((name) => name.toLowerCase().endsWith(".gguf")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
