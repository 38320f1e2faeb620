import { create } from "zustand";
import type { FileProblem, Settings } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";

interface SettingsState {
  settings: Settings | null;
  dataDirectory: string;
  problems: FileProblem[];
  error: string | null;
  /** Set after a save, until the next change: some settings apply from the next start. */
  savedAt: number | null;
  pageOpened: () => Promise<void>;
  settingsSaved: (changes: Partial<Settings>) => Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  dataDirectory: "",
  problems: [],
  error: null,
  savedAt: null,
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
      const { settings } = await studio.call("settings.update", { changes });
      set({ settings, error: null, savedAt: Date.now() });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
