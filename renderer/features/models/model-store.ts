import { create } from "zustand";
import type { EventPayload, FileProblem } from "../../../shared/contract.js";
import type { DownloadStatus, FitEstimateInfo, GpuLayers, HardwareInfo, ListedProfile, LoadedModel, ServerProfile } from "../../../shared/contract-models.js";
import type { CatalogEntry, ModelEntry } from "../../../shared/domain/model-info.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";

/** How the fit estimate and a load are sized: sequences of the shared context and GPU layers. */
export interface FitShape {
  sequences: number;
  gpuLayers: GpuLayers;
}

interface ModelState {
  directory: string;
  models: ModelEntry[];
  /** The models folder has been listed at least once (an empty list before that means nothing). */
  modelsListed: boolean;
  /** Files the listing could not read (a corrupt models.json): shown, never taken for "no models". */
  problems: FileProblem[];
  loaded: LoadedModel[];
  hardware: HardwareInfo | null;
  catalog: CatalogEntry[];
  downloads: Record<string, DownloadStatus>;
  profiles: ListedProfile[];
  /** Desktop app: keys can be stored encrypted; web mode: only environment variables. */
  canStoreKeys: boolean;
  fits: Record<string, FitEstimateInfo | { error: string }>;
  shape: FitShape;
  /** The context size the engine loads models with (Settings), to compare with each model's training. */
  contextSize: number | null;
  /** Fraction loaded per model path while a load runs. */
  loading: Record<string, number>;
  /** The last failure of an action, shown in a banner. */
  error: string | null;
  addError: string | null;

  pageOpened: () => Promise<void>;
  /** What a first start needs where no model exists: the catalog, downloads so far, the models. */
  onboardingOpened: () => Promise<void>;
  modelAdded: (path: string) => Promise<boolean>;
  modelRemoved: (path: string) => Promise<void>;
  shapeChanged: (shape: Partial<FitShape>) => void;
  fitRequested: (path: string) => Promise<void>;
  loadRequested: (path: string) => Promise<void>;
  unloadRequested: (path: string) => Promise<void>;
  downloadRequested: (entry: { uri: string; name: string }) => Promise<void>;
  downloadControlled: (downloadId: string, action: "pause" | "resume" | "cancel") => Promise<void>;
  downloadChanged: (status: DownloadStatus) => void;
  progressReported: (progress: EventPayload<"progress">) => void;
  profileSaved: (profile: Omit<ServerProfile, "id"> & { id?: string | undefined }) => Promise<boolean>;
  profileDeleted: (id: string) => Promise<void>;
  apiKeyStored: (name: string, key: string) => Promise<void>;
  errorDismissed: () => void;
}

export const useModelStore = create<ModelState>((set, get) => {
  /** Runs an action; a failure goes to the banner instead of escaping into React. */
  const attempt = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  };
  const refreshList = async () => {
    const { directory, models, problems } = await studio.call("models.list", {});
    set({ directory, models, problems, modelsListed: true });
  };
  return {
    directory: "",
    models: [],
    modelsListed: false,
    problems: [],
    loaded: [],
    hardware: null,
    catalog: [],
    downloads: {},
    profiles: [],
    canStoreKeys: false,
    fits: {},
    shape: { sequences: 4, gpuLayers: "auto" },
    contextSize: null,
    loading: {},
    error: null,
    addError: null,

    pageOpened: () =>
      attempt(async () => {
        const [list, loaded, hardware, catalog, downloads, profiles, settings] = await Promise.all([
          studio.call("models.list", {}),
          studio.call("models.loaded", {}),
          studio.call("models.hardware", {}),
          studio.call("models.catalog", {}),
          studio.call("models.downloads", {}),
          studio.call("models.profiles", {}),
          studio.call("settings.get", {}),
        ]);
        set({
          contextSize: settings.settings.contextSize,
          directory: list.directory,
          models: list.models,
          modelsListed: true,
          problems: list.problems,
          loaded: loaded.loaded,
          hardware,
          catalog: catalog.models,
          downloads: Object.fromEntries(downloads.downloads.map((download) => [download.downloadId, download])),
          profiles: profiles.profiles,
          canStoreKeys: profiles.canStoreKeys,
        });
      }),

    onboardingOpened: () =>
      attempt(async () => {
        const [list, catalog, downloads] = await Promise.all([studio.call("models.list", {}), studio.call("models.catalog", {}), studio.call("models.downloads", {})]);
        set({
          directory: list.directory,
          models: list.models,
          modelsListed: true,
          catalog: catalog.models,
          downloads: Object.fromEntries(downloads.downloads.map((download) => [download.downloadId, download])),
        });
      }),

    modelAdded: async (path) => {
      set({ addError: null });
      try {
        await studio.call("models.add", { path });
        await refreshList();
        return true;
      } catch (error) {
        set({ addError: errorMessage(error) });
        return false;
      }
    },

    modelRemoved: (path) =>
      attempt(async () => {
        await studio.call("models.remove", { path });
        await refreshList();
      }),

    shapeChanged: (shape) => set({ shape: { ...get().shape, ...shape }, fits: {} }),

    fitRequested: async (path) => {
      const { sequences, gpuLayers } = get().shape;
      try {
        const fit = await studio.call("models.fit", { path, sequences, gpuLayers });
        set({ fits: { ...get().fits, [path]: fit } });
      } catch (error) {
        set({ fits: { ...get().fits, [path]: { error: errorMessage(error) } } });
      }
    },

    loadRequested: (path) =>
      attempt(async () => {
        const { sequences, gpuLayers } = get().shape;
        set({ loading: { ...get().loading, [path]: 0 } });
        try {
          const { loaded } = await studio.call("models.load", { path, sequences, gpuLayers });
          set({ loaded });
        } finally {
          const { [path]: _done, ...rest } = get().loading;
          set({ loading: rest });
        }
      }),

    unloadRequested: (path) =>
      attempt(async () => {
        const { loaded } = await studio.call("models.unload", { path });
        set({ loaded });
      }),

    downloadRequested: (entry) =>
      attempt(async () => {
        const status = await studio.call("models.download", entry);
        get().downloadChanged(status);
      }),

    downloadControlled: (downloadId, action) =>
      attempt(async () => {
        get().downloadChanged(await studio.call("models.downloadControl", { downloadId, action }));
      }),

    downloadChanged: (status) => {
      const previous = get().downloads[status.downloadId];
      set({ downloads: { ...get().downloads, [status.downloadId]: status } });
      // A finished download is a new file in the models folder.
      if (status.state === "done" && previous?.state !== "done") void attempt(refreshList);
    },

    progressReported: ({ operationId, done, total }) => {
      if (!operationId.startsWith("load:")) return;
      const path = operationId.slice("load:".length);
      if (!(path in get().loading)) return;
      set({ loading: { ...get().loading, [path]: total ? done / total : 0 } });
    },

    profileSaved: async (profile) => {
      try {
        await studio.call("models.saveProfile", { profile });
        set({ profiles: (await studio.call("models.profiles", {})).profiles });
        return true;
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      }
    },

    profileDeleted: (id) =>
      attempt(async () => {
        await studio.call("models.deleteProfile", { id });
        set({ profiles: (await studio.call("models.profiles", {})).profiles });
      }),

    apiKeyStored: (name, key) =>
      attempt(async () => {
        await studio.call("models.setApiKey", { name, key });
        set({ profiles: (await studio.call("models.profiles", {})).profiles });
      }),

    errorDismissed: () => set({ error: null }),
  };
});

/** Feeds the store from the engine's events; returns the unsubscribe. */
export function followModelEvents(): () => void {
  const offDownload = studio.on("models.download", (status) => useModelStore.getState().downloadChanged(status));
  const offProgress = studio.on("progress", (progress) => useModelStore.getState().progressReported(progress));
  return () => {
    offDownload();
    offProgress();
  };
}
