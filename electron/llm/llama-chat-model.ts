import path from "node:path";
import { stat } from "node:fs/promises";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import type { ModelIdentity } from "../../shared/domain/run-record.js";
import type { ChatModel, GenerationRequest, GenerationResult, ModelCapacity } from "./types.js";
import { ChatTemplate } from "./chat-template.js";
import { ReplyText } from "./reply-text.js";
import { ReplyDecoder } from "./reply-decoder.js";
import { StreamTicker } from "./stream-ticker.js";
import { SequencePool } from "./sequence-pool.js";
import { assertGgufFile } from "./gguf-file.js";
import { JsonGrammars } from "./json-grammar.js";
import { parseJsonReply } from "./reply-schema.js";
import { fitContext } from "./context-sizing.js";
import { defaultThreadCount, sharedLlama, type GpuPreference } from "./llama-runtime.js";

export class PromptTooLongError extends Error {
  override readonly name = "PromptTooLongError";
}

export interface LlamaChatModelOptions {
  /** Context size per sequence, in tokens. */
  contextSize?: number;
  /** How many sequences the shared context should hold (actors beyond that share by LRU, and wait when all are busy). */
  sequences?: number;
  /**
   * Fewer sequences than asked when they would not fit in free memory (default true); `{ free }`
   * replaces the measured free bytes (tests).
   */
  fitSequencesToMemory?: boolean | { free: number };
  threads?: number;
  gpu?: GpuPreference;
  displayName?: string;
  /**
   * "exact" keeps the longest common prefix of what the sequence holds; "none" re-evaluates
   * every prompt from scratch, as SynDisco does (the bench's baseline).
   */
  reuse?: "exact" | "none";
  /** Flash attention; by default off on the CPU (measured slower there) and llama.cpp's choice on a GPU. */
  flashAttention?: boolean;
  /** Keep generating past end-of-generation tokens, so every reply has exactly maxTokens (benchmarks compare like with like). */
  ignoreEndOfGeneration?: boolean;
  /** Layers on the GPU: "auto" (default) lets node-llama-cpp choose from free VRAM; a number overrides it. */
  gpuLayers?: "auto" | number;
  /** Fraction (0..1) of the model's weights loaded so far. */
  onLoadProgress?: (fraction: number) => void;
  /** Called when a prompt has been evaluated, with the tokens the sequence then holds (tests check exactness). */
  inspectPrompt?: (info: { sequenceKey: string; prompt: readonly Token[]; held: readonly Token[] }) => void;
}

export class LlamaChatModel implements ChatModel {
  private readonly template: ChatTemplate;
  private readonly pool: SequencePool;
  private readonly grammars: JsonGrammars;

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    readonly identity: ModelIdentity,
    private readonly options: LlamaChatModelOptions,
    private readonly sizingReason: string,
  ) {
    this.template = new ChatTemplate(model);
    this.identity = { ...identity, chatTemplate: this.template.source, chatTemplateText: this.template.text, bosAdded: this.template.addsBos };
    this.pool = new SequencePool(context);
    this.grammars = new JsonGrammars(model);
  }

  static async load(modelPath: string, options: LlamaChatModelOptions = {}): Promise<LlamaChatModel> {
    await assertGgufFile(modelPath);
    const llama = await sharedLlama(options.gpu ?? "auto");
    const model = await llama.loadModel({
      modelPath,
      gpuLayers: options.gpuLayers ?? "auto",
      ...(options.onLoadProgress ? { onLoadProgress: options.onLoadProgress } : {}),
    });
    const contextSize = options.contextSize ?? 4096;
    // On the CPU, flash attention made batched decoding slower in our bench (experiment rows,
    // 1/4/8 at once: 840/919/977 tok/s with it, 1113/1353/1244 without); GPUs keep llama.cpp's choice.
    const flashAttention = options.flashAttention ?? (llama.gpu === false ? false : undefined);
    const wanted = options.sequences ?? 1;
    const fit = options.fitSequencesToMemory ?? true;
    const sizing = fit
      ? await fitContext(model, llama, { wanted, contextSize, flashAttention, free: typeof fit === "object" ? fit.free : undefined })
      : null;
    const context = await model.createContext({
      contextSize,
      sequences: sizing?.sequences ?? wanted,
      batchSize: sizing?.batchSize,
      threads: options.threads ?? defaultThreadCount(),
      flashAttention,
    });
    const general = model.fileInfo.metadata.general;
    const identity: ModelIdentity = {
      displayName: options.displayName ?? path.basename(modelPath).replace(/\.gguf$/i, ""),
      backend: "llama",
      fileName: path.basename(modelPath),
      sizeBytes: (await stat(modelPath)).size,
      architecture: general.architecture,
      quantization: general.file_type === undefined ? undefined : String(general.file_type),
    };
    return new LlamaChatModel(model, context, identity, options, sizing?.reason ?? `${context.totalSequences} sequences of ${contextSize} tokens, as asked`);
  }

  /** How many sequences the context holds (of how many wanted, and why), and how many callers wait for one. */
  get capacity(): ModelCapacity {
    return { sequences: this.context.totalSequences, waiting: this.pool.waiting, reason: this.sizingReason };
  }

  /** The shape of the llama context, so a comparison (the bench's raw decode) can make an identical one. */
  get contextShape(): { contextSize: number; sequences: number; batchSize: number; flashAttention: boolean | "auto"; threads: number } {
    return {
      contextSize: this.context.contextSize,
      sequences: this.context.totalSequences,
      batchSize: this.context.batchSize,
      flashAttention: this.context.flashAttention,
      threads: this.context.idealThreads,
    };
  }

  /** Layers llama.cpp put on the GPU (what "auto" decided, or the override). */
  get gpuLayers(): number {
    return this.model.gpuLayers;
  }

  /** Tokens llama.cpp evaluates in one batch: the step of prompt-reading progress. */
  get batchSize(): number {
    return this.context.batchSize;
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  get tokenizerModel(): LlamaModel {
    return this.model;
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const started = performance.now();
    const rendered = this.template.render(request.prompt);
    const prompt = rendered.tokens;
    const contextSize = this.context.contextSize;
    if (prompt.length + request.sampling.maxTokens > contextSize) {
      throw new PromptTooLongError(
        `the prompt for ${request.sequenceKey.split(":").pop()} is ${prompt.length} tokens and with the reply cap of ` +
          `${request.sampling.maxTokens} it does not fit the context of ${contextSize}: raise the context size, lower max tokens or shorten the history window`,
      );
    }
    const grammar = request.replySchema ? await this.grammars.start(request.replySchema) : null;
    const sequence = await this.pool.acquire(request.sequenceKey, { signal: request.signal, onWaiting: request.onWaiting });
    // Stopped while waiting for a sequence: nothing was evaluated.
    if (!sequence) {
      return {
        ...emptyResult(prompt.length),
        ...(request.replySchema ? { json: parseJsonReply("", request.replySchema) } : {}),
        seconds: (performance.now() - started) / 1000,
      };
    }
    // Prompt time counts from here: waiting for a sequence is not reading the prompt.
    const acquired = performance.now();
    try {
      const { evaluateFrom, minimum } = await this.prepare(sequence, prompt);
      // The check above guarantees the reply cap fits after the prompt.
      const maxTokens = request.sampling.maxTokens;
      const stops = [...request.sampling.stopStrings, ...(grammar?.stopTexts ?? [])];
      const reply = new ReplyText(stops, request.onText);
      const decoder = new ReplyDecoder(this.model);
      // With a stop string, every token's text is checked before the next token is asked for.
      // Without one, only the stream wants the text: it is decoded in slices of at most
      // STREAM_SLICE_MS, which keeps decoding off the per-token path (one sequence on a fast
      // model spent ~5 % of its time there) and still streams smoothly.
      const decodeEachToken = stops.length > 0;
      const toEvaluate = prompt.slice(evaluateFrom);
      const rest = await this.readPromptAhead(sequence, toEvaluate, request);
      const tokens = sequence.evaluate(rest, {
        temperature: request.sampling.temperature,
        topP: request.sampling.temperature > 0 ? request.sampling.topP : undefined,
        seed: request.seed,
        yieldEogToken: this.options.ignoreEndOfGeneration ?? false,
        grammarEvaluationState: grammar?.state,
        contextShift: refuseContextShift,
      });
      const inspect = () => this.options.inspectPrompt?.({ sequenceKey: request.sequenceKey, prompt, held: sequence.contextTokens });
      const onFirstToken = () => {
        request.onPromptProgress?.({ tokens: toEvaluate.length, evaluated: toEvaluate.length });
        inspect();
      };
      const { stopReason, firstTokenAt, lastTokenAt } = await readTokens(tokens, { decoder, reply, decodeEachToken, maxTokens, signal: request.signal, onFirstToken });
      // No token came (stopped at once): the prompt was still read, and is inspected all the same.
      if (firstTokenAt === null) inspect();
      // Tokens held since the last slice (none after a stop string: every token was checked).
      reply.append(decoder.take());
      const text = grammar?.trimEnd ? reply.finish().trimEnd() : reply.finish();
      return {
        text,
        // Under the grammar a reply parses unless it was cut short (max tokens, abort).
        ...(request.replySchema ? { json: parseJsonReply(text, request.replySchema) } : {}),
        promptTokens: prompt.length,
        evaluatedPromptTokens: prompt.length - evaluateFrom,
        minimumPromptTokens: minimum,
        generatedTokens: decoder.count,
        seconds: (performance.now() - started) / 1000,
        ...(firstTokenAt === null ? {} : { promptSeconds: (firstTokenAt - acquired) / 1000, generationSeconds: (lastTokenAt - firstTokenAt) / 1000 }),
        stopReason,
      };
    } finally {
      this.pool.release(sequence);
    }
  }

  /**
   * A prompt longer than one batch is read batch by batch ahead of generation, so progress can
   * be told; llama.cpp splits it into the same batches either way. Returns what is left for
   * `evaluate`, which always gets at least the last token (its logits give the first reply token).
   */
  private async readPromptAhead(sequence: LlamaContextSequence, toEvaluate: Token[], request: GenerationRequest): Promise<Token[]> {
    request.onPromptProgress?.({ tokens: toEvaluate.length, evaluated: 0 });
    const batch = this.context.batchSize;
    if (!request.onPromptProgress || toEvaluate.length <= batch) return toEvaluate;
    let evaluated = 0;
    while (toEvaluate.length - evaluated > batch) {
      await sequence.evaluateWithoutGeneratingNewTokens(toEvaluate.slice(evaluated, evaluated + batch), { contextShift: refuseContextShift });
      evaluated += batch;
      if (request.signal?.aborted) break;
      request.onPromptProgress({ tokens: toEvaluate.length, evaluated });
    }
    return toEvaluate.slice(evaluated);
  }

  /**
   * Keeps the longest common prefix of what the sequence holds and the new prompt, erases
   * everything after it (never a range in the middle), and returns where evaluation starts.
   */
  private async prepare(sequence: LlamaContextSequence, prompt: readonly Token[]): Promise<{ evaluateFrom: number; minimum: number }> {
    const held = sequence.contextTokens;
    const common = commonPrefixLength(held, prompt);
    const minimum = prompt.length - common;
    // The last prompt token must be evaluated to get the logits of the first reply token.
    let keep = Math.min(common, prompt.length - 1);
    if (this.options.reuse === "none") keep = 0;
    if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
    return { evaluateFrom: keep, minimum };
  }

  async releaseSequences(keys: readonly string[]): Promise<void> {
    this.pool.forget(keys);
  }

  async dispose(): Promise<void> {
    this.pool.close();
    await this.context.dispose();
    await this.model.dispose();
  }
}

interface TokenReading {
  decoder: ReplyDecoder;
  reply: ReplyText;
  /** Decode and check every token (stop strings); otherwise held text is decoded when a stream slice is due. */
  decodeEachToken: boolean;
  maxTokens: number;
  signal: AbortSignal | undefined;
  onFirstToken: () => void;
}

/**
 * The per-token loop, apart from `generate` so that each token resumes a small coroutine: per
 * token it holds the token and compares a few numbers; text is decoded when a stop string needs
 * it or a stream slice is due. The clock is read at the first token and after the last.
 */
async function readTokens(
  tokens: AsyncIterable<Token>,
  { decoder, reply, decodeEachToken, maxTokens, signal, onFirstToken }: TokenReading,
): Promise<{ stopReason: GenerationResult["stopReason"]; firstTokenAt: number | null; lastTokenAt: number }> {
  const slice = decodeEachToken ? null : streamTicker.hold();
  let stopReason: GenerationResult["stopReason"] = "eos";
  let firstTokenAt: number | null = null;
  try {
    for await (const token of tokens) {
      if (firstTokenAt === null) {
        firstTokenAt = performance.now();
        onFirstToken();
      }
      if (signal?.aborted) {
        stopReason = "aborted";
        break;
      }
      decoder.hold(token);
      if ((!slice || slice.due()) && reply.append(decoder.take())) {
        stopReason = "stop-string";
        break;
      }
      if (decoder.count >= maxTokens) {
        stopReason = "max-tokens";
        break;
      }
    }
  } finally {
    slice?.release();
  }
  return { stopReason, firstTokenAt, lastTokenAt: performance.now() };
}

/** How long reply text may wait to be decoded and streamed when no stop string needs it at once. */
const STREAM_SLICE_MS = 16;
const streamTicker = new StreamTicker(STREAM_SLICE_MS);

// A silent context shift would drop tokens the rest was computed against: refuse it.
const refuseContextShift = {
  strategy: (): never => {
    throw new PromptTooLongError("the context is full");
  },
};

function emptyResult(promptTokens: number): GenerationResult {
  return { text: "", promptTokens, evaluatedPromptTokens: 0, minimumPromptTokens: 0, generatedTokens: 0, seconds: 0, stopReason: "aborted" };
}

export function commonPrefixLength(a: readonly Token[], b: readonly Token[]): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}
