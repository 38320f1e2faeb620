import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { reloadEngine } from "../engine-settings.js";

type SettingsHandlers = Pick<Handlers, "settings.get" | "settings.update" | "settings.restartEngine">;

export function settingsHandlers(services: StudioServices): SettingsHandlers {
  const { settings, layout } = services;
  return {
    "settings.get": async () => ({ ...(await settings.read()), dataDirectory: layout.root }),
    "settings.update": async ({ changes }) => {
      const updated = await settings.update(changes);
      return { settings: updated, engine: await reloadEngine(services, updated) };
    },
    "settings.restartEngine": async () => reloadEngine(services, (await settings.read()).settings, true),
  };
}
