/** The wire of OpenAI-compatible servers: streamed chat-completion chunks as server-sent events, errors, backoff. */
import { z } from "zod";

/** One streamed chunk; only the fields we use, the rest passes through unchecked. */
export const chunkSchema = z.object({
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

/** Yields the `data:` payload of each server-sent event, joined as the SSE spec says. */
export async function* serverSentData(response: Response): AsyncGenerator<string> {
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

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  const parsed = z.object({ error: z.union([z.string(), z.object({ message: z.string() })]) }).safeParse(safeJson(text));
  const message = parsed.success ? (typeof parsed.data.error === "string" ? parsed.data.error : parsed.data.error.message) : text;
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function causeMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** Resolves false when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
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
