import type { Sampling } from "../../shared/domain/sampling.js";
import type { CommentStats, ModelIdentity } from "../../shared/domain/index.js";

/** The two messages SynDisco sends: a system prompt and one user message. */
export interface ChatPrompt {
  system: string;
  user: string;
}

export interface GenerationRequest {
  /** Key of the actor's own sequence (its reusable KV cache). */
  sequenceKey: string;
  prompt: ChatPrompt;
  sampling: Sampling;
  /** Seed for this one generation (derived by the engine from the design's seed). */
  seed: number;
  signal?: AbortSignal;
  onText?: (delta: string) => void;
}

export type GenerationResult = Omit<CommentStats, "seed"> & { text: string };

/**
 * A model an actor can speak with. One instance per loaded model; actors sharing a model
 * share the instance (and its llama context), each with its own sequence.
 */
export interface ChatModel {
  readonly identity: ModelIdentity;
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /** Release every sequence kept for the given keys (end of a discussion). */
  releaseSequences(keys: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}
