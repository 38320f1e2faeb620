import path from "node:path";
import type { Actor, DiscussionDesign } from "../../shared/domain/index.js";
import type { ModelRef } from "../../shared/domain/model-ref.js";
import { actorModel, designModels, modelKey, turnManagerActor } from "../../shared/domain/design-helpers.js";
import { ModelFileError } from "./gguf-file.js";
import type { ChatModel } from "./types.js";
import { LlamaChatModel, type LlamaChatModelOptions } from "./llama-chat-model.js";

/** Builds a server model (resolving the reference's profile); see OpenAiChatModel.connect. */
export type RemoteModelFactory = (ref: Extract<ModelRef, { backend: "openai" }>) => ChatModel | Promise<ChatModel>;

export interface ModelRegistryOptions extends Omit<LlamaChatModelOptions, "displayName" | "sequences"> {
  /** Relative model paths resolve against this folder. */
  modelsDirectory?: string;
  /** Sequences per llama context; by default, one per actor of the first design that loads it. */
  sequences?: number;
  remote?: RemoteModelFactory;
}

/** How one model is loaded (the registry's options give the rest). */
export type ModelLoadOptions = Pick<LlamaChatModelOptions, "gpuLayers" | "onLoadProgress">;

/** Loads each model once and shares it between every actor (and discussion) that uses it. */
export class ModelRegistry {
  private readonly loaded = new Map<string, Promise<ChatModel>>();
  private readonly ready = new Map<string, ChatModel>();
  private readonly refs = new Map<string, ModelRef>();

  constructor(private readonly options: ModelRegistryOptions = {}) {}

  /** Loads what a design needs and returns the actor-to-model resolver the engine takes. */
  async prepare(design: DiscussionDesign): Promise<(actor: Actor) => ChatModel> {
    const models = designModels(design);
    // The LLM-selected turn manager reads in a sequence of its own.
    const actorCount = design.participants.length + (design.moderator ? 1 : 0) + (design.turnManager.kind === "llm-selected" ? 1 : 0);
    const loaded = new Map<string, ChatModel>();
    const selector = turnManagerActor(design);
    const selectorKey = selector && modelKey(actorModel(design, selector));
    const named = (key: string) => (error: unknown) => {
      // The turn manager's own model is not any speaker's: say whose it is.
      if (key === selectorKey && error instanceof ModelFileError) throw new ModelFileError(`the LLM-selected turn manager's model: ${error.message}`);
      throw error;
    };
    await Promise.all([...models].map(async ([key, ref]) => loaded.set(key, await this.load(ref, this.options.sequences ?? actorCount).catch(named(key)))));
    // Resolved from what this call loaded, so a later unload elsewhere cannot pull a model from under a running discussion.
    return (actor) => {
      const model = loaded.get(modelKey(actorModel(design, actor)));
      if (!model) throw new Error(`no model loaded for ${actor.persona.username}`);
      return model;
    };
  }

  /** Loads `ref` once; `load` (GPU layers, progress) only applies when this call is the one that loads it. */
  load(ref: ModelRef, sequences = 1, load: ModelLoadOptions = {}): Promise<ChatModel> {
    const key = modelKey(ref);
    let model = this.loaded.get(key);
    if (!model) {
      model = this.create(ref, sequences, load).then((created) => {
        this.ready.set(key, created);
        this.refs.set(key, ref);
        return created;
      });
      model.catch(() => this.loaded.delete(key));
      this.loaded.set(key, model);
    }
    return model;
  }

  get models(): ChatModel[] {
    return [...this.ready.values()];
  }

  /** Loaded models with the reference each was loaded for. */
  get entries(): { ref: ModelRef; model: ChatModel }[] {
    return [...this.ready.entries()].flatMap(([key, model]) => {
      const ref = this.refs.get(key);
      return ref ? [{ ref, model }] : [];
    });
  }

  /** Whether `ref` is loaded (or loading). */
  has(ref: ModelRef): boolean {
    return this.loaded.has(modelKey(ref));
  }

  /** Frees one model; the next design that needs it loads it again. Returns whether it was loaded. */
  async unload(ref: ModelRef): Promise<boolean> {
    const key = modelKey(ref);
    const pending = this.loaded.get(key);
    if (!pending) return false;
    this.loaded.delete(key);
    this.ready.delete(key);
    this.refs.delete(key);
    const model = await pending.catch(() => null);
    await model?.dispose();
    return model !== null;
  }

  private async create(ref: ModelRef, sequences: number, load: ModelLoadOptions): Promise<ChatModel> {
    if (ref.backend === "openai") {
      if (!this.options.remote) throw new Error("remote (OpenAI-compatible) models are not available here");
      return this.options.remote(ref);
    }
    const file = this.options.modelsDirectory ? path.resolve(this.options.modelsDirectory, ref.path) : path.resolve(ref.path);
    return LlamaChatModel.load(file, { ...this.options, ...load, sequences, displayName: ref.displayName });
  }

  async dispose(): Promise<void> {
    const models = await Promise.allSettled(this.loaded.values());
    this.loaded.clear();
    this.ready.clear();
    this.refs.clear();
    for (const model of models) if (model.status === "fulfilled") await model.value.dispose();
  }
}
