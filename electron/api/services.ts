import type { ErrorLog } from "../storage/error-log.js";
import type { DataLayout } from "../app-paths.js";
import type { ModelRegistry, ModelRegistryOptions } from "../llm/model-registry.js";
import type { ModelStore } from "../llm/model-store.js";
import type { DesignStore } from "../storage/design-store.js";
import type { Library } from "../storage/library.js";
import type { DataFolderStartup } from "../storage/data-folder-startup.js";
import type { PersonaStore } from "../storage/persona-store.js";
import type { PersonaSetStore } from "../storage/persona-set-store.js";
import type { SettingsStore } from "../storage/settings-store.js";
import type { DiscussionRunner } from "./discussion-runner.js";
import type { EventHub } from "./event-hub.js";
import type { ExperimentService } from "./experiments-service.js";
import type { ExperimentSpecStore } from "./experiments-specs.js";
import type { ModelDownloads } from "./model-downloads.js";
import type { ServerProfileStore } from "./server-profiles.js";
import type { ApiKeyStore } from "./api-keys.js";
import type { PathAccess } from "./path-access.js";
import type { AnalysisService } from "./analysis-service.js";
import type { BundledResources } from "../resources.js";
import type { AnnotationService } from "./annotations-service.js";
import type { DiscussionLocator } from "./annotation-imports.js";
import type { AnnotationStore } from "../storage/annotation-store.js";
import type { AnnotationLibrary } from "../storage/annotation-library.js";
import type { PopulationSpecStore } from "../storage/population-files.js";
import type { PopulationDraws } from "./population-draws.js";

/** What the handlers work with; built once per process by createStudio. */
export interface StudioServices {
  layout: DataLayout;
  /** `<data>/logs/studio.log`: errors logged instead of dropped. */
  errorLog: ErrorLog;
  /** Which file paths clients may name (confined in web mode). */
  paths: PathAccess;
  /** Our own data files shipped with the app (catalog, starter personas, example design). */
  resources: BundledResources;
  personas: PersonaStore;
  personaSets: PersonaSetStore;
  designs: DesignStore;
  settings: SettingsStore;
  library: Library;
  /** What opening the data folder did (interrupted runs recovered, files migrated). */
  startup: DataFolderStartup;
  registry: ModelRegistry;
  runner: DiscussionRunner;
  hub: EventHub;
  /** Model files named outside the models folder (`--model`, the models page). */
  addedModels: Set<string>;
  /** What the shared registry loads models with: the settings (applied again on every change), plus overrides. */
  registryOptions: ModelRegistryOptions;
  /** What the process was started with that settings must not change (tests' `threads: 1`). */
  registryOverrides: Partial<ModelRegistryOptions>;
  /** The model store over the models folder the settings name now. */
  modelStore: () => Promise<ModelStore>;
  downloads: ModelDownloads;
  profiles: ServerProfileStore;
  experiments: ExperimentService;
  experimentSpecs: ExperimentSpecStore;
  /** Studies in the data folder and their analysis. */
  analysis: AnalysisService;
  /** Saved population specs, `<data>/populations`. */
  populations: PopulationSpecStore;
  /** Pool draws in progress, and saved pools, `<data>/pools`. */
  populationDraws: PopulationDraws;
  /** Stored API keys (desktop only: `store` is null in web mode) and their decrypted values by variable name. */
  apiKeys: { store: ApiKeyStore | null; cache: Map<string, string> };
  /** Annotation: saved schemes and annotators, jobs, the records of every job, and where discussions are. */
  annotations: { library: AnnotationLibrary; service: AnnotationService; store: AnnotationStore; locator: DiscussionLocator };
}
