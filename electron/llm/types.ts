import type { Sampling } from "../../shared/domain/sampling.js";
import type { CommentStats, ModelIdentity } from "../../shared/domain/index.js";
import type { JsonReply, ReplyJsonSchema } from "./reply-schema.js";

export type { JsonReply, ReplyJsonSchema } from "./reply-schema.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * What a model receives for one turn. SynDisco's styles send a system prompt and one user
 * message; a chat-style prompt may put earlier exchanges between them.
 */
export interface ChatPrompt {
  system: string;
  /** Messages between the system prompt and the final user message, in order (none for SynDisco's styles). */
  earlier?: readonly ChatMessage[];
  user: string;
}

/** The prompt as the ordered message list a chat template or a server receives. */
export function chatMessages(prompt: ChatPrompt): ChatMessage[] {
  return [{ role: "system", content: prompt.system }, ...(prompt.earlier ?? []), { role: "user", content: prompt.user }];
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
  /**
   * The reply must be JSON of this shape: local models decode under a grammar made from it,
   * servers get it as a structured-output request (or, where unsupported, a validated parse
   * with a bounded retry). The result's `json` then says whether it parsed.
   */
  replySchema?: ReplyJsonSchema;
  /**
   * Reading the prompt: first `{evaluated: 0}`, then after each batch llama.cpp evaluates, and
   * `{evaluated: tokens}` when the first reply token exists. `tokens` are those beyond what the
   * sequence already held. Backends that cannot tell (servers) do not call it.
   */
  onPromptProgress?: (progress: PromptProgress) => void;
  /** Called with true when the request has to wait for a free slot (a sequence, a server's concurrency), and false when it got one. */
  onWaiting?: (waiting: boolean) => void;
  /** The reply broke after some text was streamed and starts over (on another server): drop what `onText` gave so far. */
  onRestart?: (reason: string) => void;
}

export interface PromptProgress {
  /** Prompt tokens to evaluate this turn (the rest were reused). */
  tokens: number;
  evaluated: number;
}

export type GenerationResult = Omit<CommentStats, "seed"> & {
  text: string;
  /** Present when the request had a `replySchema`: the parsed value, or why it did not parse. */
  json?: JsonReply;
  /** The seed of the generation `text` came from, when a retry used another one than the request's. */
  seed?: number;
};

/**
 * A model an actor can speak with. One instance per loaded model; actors sharing a model
 * share the instance (and its llama context), each with its own sequence.
 */
/** How many generations a model runs at once (sequences of a llama context), and how many wait. */
export interface ModelCapacity {
  sequences: number;
  waiting: number;
  /** How the number was chosen, e.g. "64 sequences of 2048 tokens ... of 256 wanted: more would not fit ...". */
  reason: string;
}

export interface ChatModel {
  readonly identity: ModelIdentity;
  /** Local models say how their context was sized; servers have no such limit here. */
  readonly capacity?: ModelCapacity;
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /** Release every sequence kept for the given keys (end of a discussion). */
  releaseSequences(keys: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}
