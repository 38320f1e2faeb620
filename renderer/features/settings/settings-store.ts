import { create } from "zustand";
import type { EngineReload, FileProblem, Settings } from "../../../shared/contract.js";
import type { LoggedError } from "../../../shared/contract-diagnostics.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";

interface SettingsState {
  settings: Settings | null;
  dataDirectory: string;
  problems: FileProblem[];
  /** Errors the engine logged instead of dropping (most recent last), and the log file with their stacks. */
  loggedErrors: LoggedError[];
  logFile: string;
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
  loggedErrors: [],
  logFile: "",
  error: null,
  applied: null,
  restarting: false,
  pageOpened: async () => {
    try {
      const [{ settings, dataDirectory, problems }, logged] = await Promise.all([studio.call("settings.get", {}), studio.call("diagnostics.errors", {})]);
      set({ settings, dataDirectory, problems, loggedErrors: logged.errors, logFile: logged.logFile, error: null });
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
