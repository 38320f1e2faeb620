import { create } from "zustand";
import type { EngineReload, FileProblem, Settings } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";

interface SettingsState {
  settings: Settings | null;
  dataDirectory: string;
  problems: FileProblem[];
  error: string | null;
  /** Set after a save or an engine restart: what reached the engine (models unloaded, models kept by running discussions). */
  applied: EngineReload | null;
  restarting: boolean;
  pageOpened: () => Promise<void>;
  settingsSaved: (changes: Partial<Settings>) => Promise<void>;
  /** Reloads every idle model with the saved settings (also where the process cannot be restarted: web mode). */
  engineRestartRequested: () => Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  dataDirectory: "",
  problems: [],
  error: null,
  applied: null,
  restarting: false,
  pageOpened: async () => {
    try {
      const { settings, dataDirectory, problems } = await studio.call("settings.get", {});
      set({ settings, dataDirectory, problems, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  settingsSaved: async (changes) => {
    try {
      const { settings, engine } = await studio.call("settings.update", { changes });
      set({ settings, error: null, applied: engine });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  engineRestartRequested: async () => {
    if (get().restarting) return;
    set({ restarting: true });
    try {
      set({ applied: await studio.call("settings.restartEngine", {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ restarting: false });
    }
  },
}));
