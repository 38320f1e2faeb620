import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type SettingsHandlers = Pick<Handlers, "settings.get" | "settings.update">;

export function settingsHandlers({ settings, layout }: StudioServices): SettingsHandlers {
  return {
    "settings.get": async () => ({ ...(await settings.read()), dataDirectory: layout.root }),
    "settings.update": async ({ changes }) => ({ settings: await settings.update(changes) }),
  };
}
