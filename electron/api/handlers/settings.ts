import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { reloadEngine } from "../engine-settings.js";

type SettingsHandlers = Pick<Handlers, "settings.get" | "settings.update" | "settings.restartEngine">;

export function settingsHandlers(services: StudioServices): SettingsHandlers {
  const { settings, layout, paths } = services;
  return {
    "settings.get": async () => ({ ...(await settings.read()), dataDirectory: layout.root }),
    "settings.update": async ({ changes }) => {
      const checked = { ...changes };
      if (changes.modelsDirectory) checked.modelsDirectory = await paths.check(changes.modelsDirectory, layout.root, "the models folder");
      if (changes.defaultModelPath) {
        const models = checked.modelsDirectory ?? (await settings.read()).settings.modelsDirectory ?? layout.modelsDirectory;
        await paths.check(changes.defaultModelPath, models, "the default model");
      }
      const updated = await settings.update(checked);
      return { settings: updated, engine: await reloadEngine(services, updated) };
    },
    "settings.restartEngine": async () => reloadEngine(services, (await settings.read()).settings, true),
  };
}
