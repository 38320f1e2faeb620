import type { DataLayout } from "../app-paths.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import type { DesignStore } from "../storage/design-store.js";
import type { Library } from "../storage/library.js";
import type { PersonaStore } from "../storage/persona-store.js";
import type { SettingsStore } from "../storage/settings-store.js";
import type { DiscussionRunner } from "./discussion-runner.js";
import type { EventHub } from "./event-hub.js";

/** What the handlers work with; built once per process by createStudio. */
export interface StudioServices {
  layout: DataLayout;
  personas: PersonaStore;
  designs: DesignStore;
  settings: SettingsStore;
  library: Library;
  registry: ModelRegistry;
  runner: DiscussionRunner;
  hub: EventHub;
  /** Model files named outside the models folder (`--model`, the models page). */
  addedModels: Set<string>;
}
