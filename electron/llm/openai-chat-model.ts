import type { ModelIdentity } from "../../shared/domain/run-record.js";
import type { ModelRef } from "../../shared/domain/model-ref.js";
import { chatMessages, type ChatModel, type GenerationRequest, type GenerationResult } from "./types.js";
import { parseJsonReply, strictJsonSchema, type ReplyJsonSchema } from "./reply-schema.js";
import { resolveServerRef, type ResolvedServer, type ServerProfileSource } from "./server-resolver.js";
import { profileBaseUrls } from "../../shared/domain/server-profile.js";
import { profileFleet, type FleetEndpoint, type ServerFleet } from "./server-fleet.js";
import { causeMessage, chunkSchema, errorDetail, retryAfterMs, safeJson, serverSentData, sleep } from "./openai-wire.js";

export type OpenAiModelRef = Extract<ModelRef, { backend: "openai" }>;

export interface RetryOptions {
  /** Total tries, the first included (default 5). */
  attempts?: number;
  /** First backoff delay; doubled after each failure (default 1000 ms). */
  baseDelayMs?: number;
  /** Cap on any one wait, Retry-After included (default 60 s). */
  maxDelayMs?: number;
}

export interface OpenAiChatModelOptions {
  retry?: RetryOptions;
  /** Tries for a reply that must be JSON of a schema, the first included (default 3). */
  jsonAttempts?: number;
}

export class OpenAiRequestError extends Error {
  override readonly name = "OpenAiRequestError";
  constructor(
    message: string,
    readonly status: number | null,
    readonly retry: {
      /** What went wrong, without the server's URL. */
      problem: string;
      /** How long the server asked to be left alone (Retry-After). */
      afterMs: number | null;
    } | null = null,
  ) {
    super(message);
  }

  /** Worth another try (429, 5xx, the network, a reply stream that broke), on another server if there is one. */
  get retryable(): boolean {
    return this.retry !== null;
  }
}

/** A failure worth retrying: `${url}: ${problem}` in messages. */
function retryable(endpoint: FleetEndpoint, problem: string, status: number | null = null, afterMs: number | null = null): OpenAiRequestError {
  return new OpenAiRequestError(`${endpoint.chatUrl}: ${problem}`, status, { problem, afterMs });
}

/** Servers that refused a structured-output request: their JSON replies are parsed and retried instead. */
const withoutStructuredOutput = new Set<string>();

/**
 * A model behind an OpenAI-compatible /chat/completions endpoint (vLLM, llama.cpp server,
 * Ollama). It sends exactly the engine's system and user strings, so the model sees what the
 * log records; the server applies its own chat template.
 */
export class OpenAiChatModel implements ChatModel {
  readonly identity: ModelIdentity;
  /** Names the profile's servers in messages and the structured-output memory. */
  private readonly serverKey: string;
  private readonly apiKey: string | undefined;
  private readonly fleet: ServerFleet;
  private readonly retry: Required<RetryOptions>;
  private readonly jsonAttempts: number;

  private readonly modelName: string;

  /** `server` comes from resolveServerRef: the key it carries is only ever sent to its own profile's URLs. */
  constructor(server: ResolvedServer, options: OpenAiChatModelOptions = {}) {
    const { profile } = server;
    this.identity = { displayName: server.displayName, backend: "openai", baseUrl: profile.baseUrl, modelName: profile.modelName, profile: profile.name };
    this.modelName = profile.modelName;
    const baseUrls = profileBaseUrls(profile);
    this.fleet = profileFleet(`${profile.name}#${profile.modelName}`, baseUrls, profile.maxConcurrent);
    this.serverKey = baseUrls.length === 1 ? (this.fleet.endpoints[0] as FleetEndpoint).chatUrl : `server profile "${profile.name}" (${baseUrls.length} servers)`;
    this.apiKey = server.apiKey;
    this.retry = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, ...options.retry };
    this.jsonAttempts = Math.max(1, options.jsonAttempts ?? 3);
  }

  /** The model a reference names, through the user's profiles. */
  static async connect(ref: OpenAiModelRef, profiles: ServerProfileSource, options: OpenAiChatModelOptions = {}): Promise<OpenAiChatModel> {
    return new OpenAiChatModel(await resolveServerRef(ref, profiles), options);
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    return request.replySchema ? this.generateJson(request, request.replySchema) : this.generateOnce(request, null);
  }

  /**
   * A reply that must follow a schema: sent as a structured-output request, which the server
   * enforces; a server that refuses that (400) is asked plainly from then on. Either way the
   * reply is parsed and checked, and an invalid one is asked again with the next seed, a
   * bounded number of times. Token counts and time add up over the tries.
   */
  private async generateJson(request: GenerationRequest, schema: ReplyJsonSchema): Promise<GenerationResult> {
    const attempts = this.jsonAttempts;
    const spent = { promptTokens: 0, evaluatedPromptTokens: 0, minimumPromptTokens: 0, generatedTokens: 0, seconds: 0 };
    for (let attempt = 1; ; attempt++) {
      const seed = request.seed + attempt - 1;
      const structured = !withoutStructuredOutput.has(this.serverKey);
      let result: GenerationResult;
      try {
        result = await this.generateOnce({ ...request, seed }, structured ? schema : null);
      } catch (error) {
        if (!(structured && error instanceof OpenAiRequestError && error.status === 400)) throw error;
        withoutStructuredOutput.add(this.serverKey);
        attempt--;
        continue;
      }
      for (const key of Object.keys(spent) as (keyof typeof spent)[]) spent[key] += result[key];
      const json = parseJsonReply(result.text, schema, attempt);
      if (json.ok || attempt >= attempts || result.stopReason === "aborted") return { ...result, ...spent, json, seed };
    }
  }

  /**
   * One reply, from whichever of the profile's servers has the fewest requests in flight. A
   * failure worth retrying goes to another server straight away (the failed one rests); only
   * when every server failed does it back off before going round again. A reply that broke
   * after some of its text was streamed starts over, and says so through `onRestart`.
   */
  private async generateOnce(request: GenerationRequest, schema: ReplyJsonSchema | null): Promise<GenerationResult> {
    const started = performance.now();
    const aborted = (): GenerationResult => ({ ...emptyStats(started), text: "", stopReason: "aborted" });
    const tried = new Set<FleetEndpoint>();
    let failure: OpenAiRequestError | null = null;
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      const endpoint = await this.fleet.acquire({ signal: request.signal, onWaiting: request.onWaiting, avoid: tried });
      if (!endpoint) return aborted();
      let outcome: "ok" | "failed" = "ok";
      let streamed = false;
      try {
        const response = await this.send(endpoint, request, schema);
        if (!response) return aborted();
        const result = await this.read(response, endpoint, { ...request, onText: (delta) => ((streamed = true), request.onText?.(delta)) }, started);
        return { ...result, endpoint: endpoint.baseUrl };
      } catch (error) {
        if (request.signal?.aborted) return aborted();
        if (!(error instanceof OpenAiRequestError) || !error.retryable) throw error;
        outcome = "failed";
        failure = error;
        tried.add(endpoint);
        if (streamed) request.onRestart?.(`the reply started over: ${error.message}`);
      } finally {
        this.fleet.release(endpoint, outcome, failure?.retry?.afterMs ?? undefined);
      }
      if (attempt < this.retry.attempts && this.fleet.triedAll(tried)) {
        const wait = failure.retry?.afterMs ?? this.retry.baseDelayMs * 2 ** (attempt - 1);
        if (!(await sleep(Math.min(this.retry.maxDelayMs, wait), request.signal))) return aborted();
        tried.clear();
      }
    }
    const last = this.fleet.endpoints.length === 1 ? failure?.retry?.problem : failure?.message;
    throw new OpenAiRequestError(`${this.serverKey} failed after ${this.retry.attempts} attempts; last: ${last ?? "no answer"}`, failure?.status ?? null);
  }

  private body(request: GenerationRequest, schema: ReplyJsonSchema | null): string {
    const { sampling } = request;
    return JSON.stringify({
      model: this.modelName,
      messages: chatMessages(request.prompt),
      stream: true,
      stream_options: { include_usage: true },
      temperature: sampling.temperature,
      top_p: sampling.topP,
      max_tokens: sampling.maxTokens,
      seed: request.seed,
      ...(sampling.stopStrings.length > 0 ? { stop: sampling.stopStrings } : {}),
      ...(schema ? { response_format: { type: "json_schema", json_schema: { name: "reply", strict: true, schema: strictJsonSchema(schema) } } } : {}),
    });
  }

  /** POSTs once; a failure worth retrying (429, 5xx, network) is a retryable error; null when aborted. */
  private async send(endpoint: FleetEndpoint, request: GenerationRequest, schema: ReplyJsonSchema | null): Promise<Response | null> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let response: Response;
    try {
      response = await fetch(endpoint.chatUrl, { method: "POST", headers, body: this.body(request, schema), signal: request.signal });
    } catch (error) {
      if (request.signal?.aborted) return null;
      throw retryable(endpoint, `network error: ${causeMessage(error)}`);
    }
    if (response.ok) return response;
    const detail = await errorDetail(response);
    const problem = `${response.status} ${response.statusText}${detail ? `: ${detail}` : ""}`;
    if (response.status === 429 || response.status >= 500) throw retryable(endpoint, problem, response.status, retryAfterMs(response.headers.get("retry-after")));
    throw new OpenAiRequestError(`${endpoint.chatUrl} answered ${problem}`, response.status);
  }

  private async read(response: Response, endpoint: FleetEndpoint, request: GenerationRequest, started: number): Promise<GenerationResult> {
    let text = "";
    let chunks = 0;
    let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
    let stopReason: GenerationResult["stopReason"] = "eos";
    // Time to the first text is the server reading the prompt (and its queue); after it, generation.
    let firstTextAt: number | null = null;
    let lastTextAt = 0;
    try {
      for await (const data of serverSentData(response)) {
        if (data === "[DONE]") break;
        const chunk = chunkSchema.safeParse(safeJson(data));
        if (!chunk.success) throw new OpenAiRequestError(`${endpoint.chatUrl} sent a chunk that is not a chat completion: ${data.slice(0, 200)}`, null);
        if (chunk.data.error) throw retryable(endpoint, `failed mid-reply: ${chunk.data.error.message}`);
        if (chunk.data.usage) usage = chunk.data.usage;
        const choice = chunk.data.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          lastTextAt = performance.now();
          firstTextAt ??= lastTextAt;
          text += delta;
          chunks++;
          request.onText?.(delta);
        }
        if (choice?.finish_reason === "length") stopReason = "max-tokens";
        else if (choice?.finish_reason && typeof choice.stop_reason === "string") stopReason = "stop-string";
      }
    } catch (error) {
      if (!request.signal?.aborted) throw error instanceof OpenAiRequestError ? error : retryable(endpoint, `the reply stream broke: ${causeMessage(error)}`);
      stopReason = "aborted";
    }
    if (request.signal?.aborted) stopReason = "aborted";
    const promptTokens = usage?.prompt_tokens ?? 0;
    return {
      text,
      promptTokens,
      evaluatedPromptTokens: promptTokens,
      minimumPromptTokens: promptTokens,
      // Servers that send no usage stream about one token per chunk.
      generatedTokens: usage?.completion_tokens ?? chunks,
      seconds: (performance.now() - started) / 1000,
      ...(firstTextAt === null ? {} : { promptSeconds: (firstTextAt - started) / 1000, generationSeconds: (lastTextAt - firstTextAt) / 1000 }),
      stopReason,
    };
  }

  async releaseSequences(): Promise<void> {
    // The server keeps no per-actor state we could release.
  }

  async dispose(): Promise<void> {}
}

function emptyStats(started: number): Omit<GenerationResult, "text" | "stopReason"> {
  return { promptTokens: 0, evaluatedPromptTokens: 0, minimumPromptTokens: 0, generatedTokens: 0, seconds: (performance.now() - started) / 1000 };
}

