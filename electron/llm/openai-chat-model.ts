import { z } from "zod";
import type { ModelIdentity } from "../../shared/domain/run-record.js";
import type { ModelRef } from "../../shared/domain/model-ref.js";
import { chatMessages, type ChatModel, type GenerationRequest, type GenerationResult } from "./types.js";
import { parseJsonReply, strictJsonSchema, type ReplyJsonSchema } from "./reply-schema.js";
import { resolveServerRef, type ResolvedServer, type ServerProfileSource } from "./server-resolver.js";

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
  ) {
    super(message);
  }
}

/** One streamed chunk; only the fields we use, the rest passes through unchecked. */
const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
        // vLLM names the stop string that ended the reply here.
        stop_reason: z.union([z.string(), z.number()]).nullish(),
      }),
    )
    .optional()
    .default([]),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish(),
  error: z.object({ message: z.string() }).nullish(),
});

/** At most `limit` holders at once; waiters are served first come, first served. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(public limit: number) {}

  async acquire(signal?: AbortSignal, onWaiting?: (waiting: boolean) => void): Promise<boolean> {
    if (this.active < this.limit) {
      this.active++;
      return true;
    }
    onWaiting?.(true);
    return new Promise<boolean>((resolve) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        onWaiting?.(false);
        this.active++;
        resolve(true);
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        resolve(false);
      };
      this.waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

/** One limit per server profile, shared by every instance (and discussion) that talks to it. */
const profiles = new Map<string, Semaphore>();
function profileSemaphore({ profile }: ResolvedServer): Semaphore {
  const key = `${profile.baseUrl}#${profile.modelName}`;
  let semaphore = profiles.get(key);
  if (!semaphore) profiles.set(key, (semaphore = new Semaphore(profile.maxConcurrent)));
  semaphore.limit = profile.maxConcurrent;
  return semaphore;
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
  private readonly endpoint: string;
  private readonly apiKey: string | undefined;
  private readonly semaphore: Semaphore;
  private readonly retry: Required<RetryOptions>;
  private readonly jsonAttempts: number;

  private readonly modelName: string;

  /** `server` comes from resolveServerRef: the key it carries is only ever sent to its own profile's URL. */
  constructor(server: ResolvedServer, options: OpenAiChatModelOptions = {}) {
    const { profile } = server;
    this.identity = { displayName: server.displayName, backend: "openai", baseUrl: profile.baseUrl, modelName: profile.modelName, profile: profile.name };
    this.modelName = profile.modelName;
    this.endpoint = `${profile.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    this.apiKey = server.apiKey;
    this.semaphore = profileSemaphore(server);
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
      const structured = !withoutStructuredOutput.has(this.endpoint);
      let result: GenerationResult;
      try {
        result = await this.generateOnce({ ...request, seed }, structured ? schema : null);
      } catch (error) {
        if (!(structured && error instanceof OpenAiRequestError && error.status === 400)) throw error;
        withoutStructuredOutput.add(this.endpoint);
        attempt--;
        continue;
      }
      for (const key of Object.keys(spent) as (keyof typeof spent)[]) spent[key] += result[key];
      const json = parseJsonReply(result.text, schema, attempt);
      if (json.ok || attempt >= attempts || result.stopReason === "aborted") return { ...result, ...spent, json, seed };
    }
  }

  private async generateOnce(request: GenerationRequest, schema: ReplyJsonSchema | null): Promise<GenerationResult> {
    const started = performance.now();
    const aborted = (): GenerationResult => ({ ...emptyStats(started), text: "", stopReason: "aborted" });
    if (!(await this.semaphore.acquire(request.signal, request.onWaiting))) return aborted();
    try {
      if (request.signal?.aborted) return aborted();
      const response = await this.send(request, schema);
      if (!response) return aborted();
      return await this.read(response, request, started);
    } finally {
      this.semaphore.release();
    }
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

  /** POSTs with retries on 429, 5xx and network errors; null when aborted. */
  private async send(request: GenerationRequest, schema: ReplyJsonSchema | null): Promise<Response | null> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const body = this.body(request, schema);
    let problem = "";
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      let wait = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      try {
        const response = await fetch(this.endpoint, { method: "POST", headers, body, signal: request.signal });
        if (response.ok) return response;
        const detail = await errorDetail(response);
        problem = `${response.status} ${response.statusText}${detail ? `: ${detail}` : ""}`;
        if (response.status !== 429 && response.status < 500) {
          throw new OpenAiRequestError(`${this.endpoint} answered ${problem}`, response.status);
        }
        wait = Math.min(this.retry.maxDelayMs, retryAfterMs(response.headers.get("retry-after")) ?? wait);
      } catch (error) {
        if (request.signal?.aborted) return null;
        if (error instanceof OpenAiRequestError) throw error;
        problem = `network error: ${causeMessage(error)}`;
      }
      if (attempt < this.retry.attempts && !(await sleep(wait, request.signal))) return null;
    }
    throw new OpenAiRequestError(`${this.endpoint} failed after ${this.retry.attempts} attempts; last: ${problem}`, null);
  }

  private async read(response: Response, request: GenerationRequest, started: number): Promise<GenerationResult> {
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
        if (!chunk.success) throw new OpenAiRequestError(`${this.endpoint} sent a chunk that is not a chat completion: ${data.slice(0, 200)}`, null);
        if (chunk.data.error) throw new OpenAiRequestError(`${this.endpoint} failed mid-reply: ${chunk.data.error.message}`, null);
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
      if (!request.signal?.aborted) throw error instanceof OpenAiRequestError ? error : new OpenAiRequestError(`${this.endpoint}: the reply stream broke: ${causeMessage(error)}`, null);
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

/** Yields the `data:` payload of each server-sent event, joined as the SSE spec says. */
async function* serverSentData(response: Response): AsyncGenerator<string> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  const reader = response.body.getReader();
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      buffer += decoder.decode(part.value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(buffer[newline] === "\r" ? newline + 2 : newline + 1);
        if (line === "") {
          if (data.length > 0) yield data.join("\n");
          data = [];
        } else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
    }
  } finally {
    // Stopping early ([DONE], abort, error) must close the connection, not leave it streaming.
    await reader.cancel().catch(() => undefined);
  }
  if (data.length > 0) yield data.join("\n");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  const parsed = z.object({ error: z.union([z.string(), z.object({ message: z.string() })]) }).safeParse(safeJson(text));
  const message = parsed.success ? (typeof parsed.data.error === "string" ? parsed.data.error : parsed.data.error.message) : text;
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function causeMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** Resolves false when aborted first. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
