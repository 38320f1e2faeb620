import path from "node:path";
import type { DiscussionDesign } from "../../shared/domain/design.js";
import { dataLayout } from "../app-paths.js";
import { usesLocalModel } from "../../shared/domain/design-helpers.js";
import { bundledResources, resourcesDirectory } from "../resources.js";
import { engineOptions } from "./engine-settings.js";
import { ModelRegistry, type ModelRegistryOptions } from "../llm/model-registry.js";
import { defaultThreadCount, gpuLabel, sharedLlama } from "../llm/llama-runtime.js";
import { DesignStore } from "../storage/design-store.js";
import { Library } from "../storage/library.js";
import { openDataFolder, type DataFolderStartup } from "../storage/data-folder-startup.js";
import { PersonaStore } from "../storage/persona-store.js";
import { PersonaSetStore } from "../storage/persona-set-store.js";
import { SettingsStore } from "../storage/settings-store.js";
import { DiscussionRunner } from "./discussion-runner.js";
import { EventHub } from "./event-hub.js";
import { createRouter, type Handlers, type Router, type RouterOptions } from "./router.js";
import type { StudioServices } from "./services.js";
import { designHandlers } from "./handlers/designs.js";
import { discussionHandlers } from "./handlers/discussion.js";
import { libraryHandlers } from "./handlers/library.js";
import { modelHandlers } from "./handlers/models.js";
import { experimentHandlers } from "./handlers/experiments.js";
import { ExperimentService } from "./experiments-service.js";
import { ExperimentSpecStore } from "./experiments-specs.js";
import { ModelDownloads } from "./model-downloads.js";
import { ServerProfileStore } from "./server-profiles.js";
import { ModelStore } from "../llm/model-store.js";
import { OpenAiChatModel } from "../llm/openai-chat-model.js";
import type { ApiKeyStore } from "./api-keys.js";
import { unrestrictedPaths, type PathAccess } from "./path-access.js";
import { personaHandlers } from "./handlers/personas.js";
import { settingsHandlers } from "./handlers/settings.js";
import { analysisHandlers } from "./handlers/analysis.js";
import { AnalysisService } from "./analysis-service.js";
import type { ExperimentProgress } from "../../shared/domain/index.js";
import { annotationHandlers } from "./handlers/annotations.js";
import { AnnotationService } from "./annotations-service.js";
import { DiscussionLocator } from "./annotation-imports.js";
import { AnnotationStore } from "../storage/annotation-store.js";
import { AnnotationLibrary } from "../storage/annotation-library.js";
import { annotationSource } from "../storage/annotation-source.js";
import { populationHandlers } from "./handlers/populations.js";
import { PopulationSpecStore } from "../storage/population-files.js";
import { PopulationDraws } from "./population-draws.js";
import { ErrorLog } from "../storage/error-log.js";
import { diagnosticsHandlers } from "./handlers/diagnostics.js";
import { buildDiscussionLog } from "../engine/discussion-log.js";

export interface StudioOptions {
  dataDirectory: string;
  /** Written into run records, e.g. "syndisco-studio 0.1.0 (web)". */
  appLabel?: string;
  /** Overrides of what the settings file says (tests use `threads: 1`). */
  registry?: Partial<ModelRegistryOptions>;
  tokenIntervalMs?: number;
  router?: RouterOptions;
  /** Where the desktop app keeps API keys (Electron safeStorage); web mode has none and uses the environment. */
  apiKeys?: ApiKeyStore;
  /** The app's resources folder (electron/resources.ts); by default the checkout's. */
  resourcesDirectory?: string;
  /** A model catalog to offer instead of the bundled one (web mode's `--catalog`, e.g. an institution's mirror). */
  modelCatalog?: string;
  /** Which file paths clients may name: web mode confines them (confinedPaths); the desktop app trusts its user. */
  paths?: PathAccess;
  /** Wraps the handlers before the router gets them (tests count which handlers run). */
  wrapHandlers?: (handlers: Handlers) => Handlers;
}

/** The engine, the stores and the router that every transport (IPC, WebSocket, tests) shares. */
export interface Studio {
  router: Router;
  events: EventHub;
  services: StudioServices;
  /** What opening the data folder did: interrupted runs recovered, an older layout migrated. */
  startup: DataFolderStartup;
  /** Loads a GGUF file now and lists it among the models (web mode's `--model`). */
  preloadModel(file: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function createStudio(options: StudioOptions): Promise<Studio> {
  const layout = dataLayout(options.dataDirectory);
  const startup = await openDataFolder(layout.root, buildDiscussionLog);
  const paths = options.paths ?? unrestrictedPaths;
  const settings = new SettingsStore(layout.settingsFile);
  const { settings: current } = await settings.read();
  // Errors that would otherwise vanish are logged in the data folder (and listed on the Settings page).
  const errorLog = new ErrorLog(path.join(layout.root, "logs", "studio.log"));
  const apiKeyCache = new Map(options.apiKeys ? await options.apiKeys.load() : []);
  for (const name of options.apiKeys?.unreadable ?? []) {
    errorLog.record("api-keys", `the stored key for ${name} cannot be decrypted on this system (made for another user or machine?); store it again on the Models page`);
  }
  const profiles = new ServerProfileStore(path.join(layout.root, "server-profiles.json"), process.env, () => apiKeyCache);
  const registryOptions: ModelRegistryOptions = {
    ...engineOptions(current, layout.modelsDirectory),
    // Actors may speak through an OpenAI-compatible server: a profile of the Models page, whose
    // key (stored by the desktop app, else its environment variable) goes to its URL only.
    remote: (ref) => OpenAiChatModel.connect(ref, profiles),
    ...options.registry,
  };
  // Settings reach this object again on every change (engine-settings.ts): models load with the new ones.
  const registry = new ModelRegistry(registryOptions);
  const hub = new EventHub((error) => errorLog.record("events", error));
  const runner = new DiscussionRunner({
    registry,
    outputDirectory: layout.root,
    emit: (event) => hub.emit(event),
    tokenIntervalMs: options.tokenIntervalMs,
    runtime: async (design: DiscussionDesign) => ({
      app: options.appLabel ?? "syndisco-studio",
      gpu: usesLocalModel(design) ? gpuLabel(await sharedLlama(registryOptions.gpu ?? "auto")) : "none",
      threads: registryOptions.threads ?? defaultThreadCount(),
      contextSize: registryOptions.contextSize ?? 4096,
    }),
  });
  const annotationStore = new AnnotationStore(layout.root);
  const experimentsDirectory = path.join(layout.root, "experiments");
  const services: StudioServices = {
    layout,
    errorLog,
    paths,
    resources: { ...bundledResources(options.resourcesDirectory ?? resourcesDirectory()), ...(options.modelCatalog ? { modelCatalog: path.resolve(options.modelCatalog) } : {}) },
    personas: new PersonaStore(layout.personasFile),
    personaSets: new PersonaSetStore(layout.personaSetsFile),
    designs: new DesignStore(layout.designsDirectory),
    settings,
    library: new Library(layout.root, layout.libraryIndexFile, experimentsDirectory),
    startup,
    registry,
    runner,
    hub,
    addedModels: new Set(),
    registryOptions,
    registryOverrides: options.registry ?? {},
    modelStore: async () => new ModelStore(layout.root, { modelsDirectory: (await settings.read()).settings.modelsDirectory ?? layout.modelsDirectory }),
    downloads: new ModelDownloads({
      // Checked when each download starts: the settings may name a folder from before web mode confined them.
      directory: async () => paths.check((await settings.read()).settings.modelsDirectory ?? layout.modelsDirectory, layout.root, "the models folder"),
      emit: (status) => hub.emit({ name: "models.download", payload: status }),
    }),
    profiles,
    apiKeys: { store: options.apiKeys ?? null, cache: apiKeyCache },
    experiments: new ExperimentService({
      directory: path.join(layout.root, "experiments"),
      recordsDirectory: layout.recordsDirectory,
      // Experiments load their own copy of each model, sized for their parallel discussions.
      registry: async () => {
        const { sequences: _sequences, ...shared } = registryOptions;
        return shared;
      },
      runtime: async () => ({
        app: options.appLabel ?? "syndisco-studio",
        gpu: gpuLabel(await sharedLlama(registryOptions.gpu ?? "auto")),
        threads: registryOptions.threads ?? defaultThreadCount(),
        contextSize: registryOptions.contextSize ?? 4096,
      }),
      discussions: runner,
      servers: profiles,
      emit: (event) => hub.emit(event),
    }),
    experimentSpecs: new ExperimentSpecStore(path.join(layout.root, "experiment-specs")),
    analysis: new AnalysisService({
      directory: path.join(layout.root, "experiments"),
      active: (studyId) => activeState(services.experiments.list().find((study) => study.experimentId === studyId)?.progress.state),
      emit: (event) => hub.emit(event),
      // Every annotation job's records (library and studies) feed the ann_<dimension> measures.
      annotations: () => annotationSource(annotationStore),
    }),
    annotations: {
      library: new AnnotationLibrary(annotationStore.annotationsDirectory),
      store: annotationStore,
      locator: new DiscussionLocator(layout.discussionsDirectory, experimentsDirectory),
      service: new AnnotationService({
        store: annotationStore,
        discussionsDirectory: layout.discussionsDirectory,
        experimentsDirectory,
        // A Library selection may hold a study's discussions, which stay in their cell folders.
        discussionFile: (id) => services.library.fileOf(id),
        // Jobs load their own copy of each model, sized for their parallel pairs.
        registry: async () => {
          const { sequences: _sequences, ...shared } = registryOptions;
          return shared;
        },
        emit: (event) => hub.emit(event),
      }),
    },
    populations: new PopulationSpecStore(path.join(layout.root, "populations")),
    populationDraws: new PopulationDraws({ registry, poolsDirectory: path.join(layout.root, "pools"), app: options.appLabel ?? "syndisco-studio", emit: (event) => hub.emit(event) }),
  };
  const handlers: Handlers = {
    ...personaHandlers(services),
    ...designHandlers(services),
    ...discussionHandlers(services),
    ...libraryHandlers(services),
    ...modelHandlers(services),
    ...settingsHandlers(services),
    ...experimentHandlers(services),
    ...analysisHandlers(services),
    ...annotationHandlers(services),
    ...populationHandlers(services),
    ...diagnosticsHandlers(services),
  };
  const router = createRouter(options.wrapHandlers ? options.wrapHandlers(handlers) : handlers, {
    ...options.router,
    onInternalError: (command, error) => {
      errorLog.record(command, error);
      options.router?.onInternalError?.(command, error);
    },
  });
  return {
    router,
    events: hub,
    services,
    startup,
    async preloadModel(file) {
      const absolute = path.resolve(file);
      services.addedModels.add(absolute);
      hub.emit({ name: "progress", payload: { operationId: `load:${absolute}`, label: `Loading ${path.basename(absolute)}`, done: 0, total: 1 } });
      // A few sequences so a first design need not share one by LRU; prepare() reuses this load.
      await registry.load({ backend: "llama", path: absolute }, 4);
      hub.emit({ name: "progress", payload: { operationId: `load:${absolute}`, label: `Loaded ${path.basename(absolute)}`, done: 1, total: 1 } });
    },
    async dispose() {
      await services.experiments.shutdown();
      await services.annotations.service.shutdown();
      await services.downloads.dispose();
      await runner.shutdown();
      await registry.dispose();
      await services.library.settled();
    },
  };
}

/** A study's run as the studies list shows it: running or paused while active, nothing otherwise. */
function activeState(state: ExperimentProgress["state"] | undefined): "running" | "paused" | null {
  if (state === "running" || state === "cancelling") return "running";
  return state === "paused" ? "paused" : null;
}
